extension ParallelLoop {
    /// `body(i)` for every `i` in `0..<count`, computed on at most `threads` threads, in index order.
    static func map<Element>(count: Int, threads: Int, _ body: (Int) -> Element) -> [Element] {
        guard count > 0 else { return [] }
        return Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let output = ParallelOutput(buffer)
            run(iterations: count, threads: threads) { index in (output.base + index).initialize(to: body(index)) }
            initializedCount = count
        }
    }
}
