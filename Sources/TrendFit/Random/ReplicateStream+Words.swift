import CVectorized

extension ReplicateStream {
    /// Writes the words of blocks `0 ..< blockCount` of `purpose` to `words`, in draw order.
    ///
    /// Word `t` is word `t % 4` of block `t / 4`, exactly as `block(_:purpose:)` gives it; eight
    /// consecutive blocks are computed at once in vector lanes (`CVectorized`, AVX2 where the CPU has
    /// it), so `blockCount` is rounded up to a multiple of 8 and `words` must hold that many
    /// blocks' words.
    func fillWords(_ words: UnsafeMutablePointer<UInt32>, blockCount: Int, purpose: Purpose) {
        trendfit_philox_words(words, Int64(blockCount), replicate, problem, purpose.rawValue, key.0, key.1)
    }

    /// Words `fillWords` needs room for to draw `rows` values, one word each.
    static func wordCapacity(rows: Int) -> Int { max(1, (rows + 31) / 32) * 32 }
}

extension ReplicateStream {
    /// Replaces each of the first `count` words by its draw `index(word, count: bound)`, in place.
    static func mapToIndices(_ words: UnsafeMutablePointer<UInt32>, count: Int, bound: UInt32) {
        for t in 0..<count { words[t] = UInt32(truncatingIfNeeded: index(words[t], count: bound)) }
    }
}
