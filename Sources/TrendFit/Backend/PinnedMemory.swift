/// Copies of arrays at addresses that stay fixed until their owner is released.
///
/// The CPU backend's solvers hold plain pointers to their inputs while its threads run; copying
/// the inputs here gives them those pointers without a `withUnsafe…` closure per array. Each copy
/// starts on a cache line, so a design row (one SIMD vector of up to 64 bytes) never straddles
/// two lines. Keep the owner alive (`withExtendedLifetime`) as long as the pointers are used.
final class PinnedMemory {
    /// Bytes of a cache line, the alignment of every copy.
    private static let cacheLine = 64

    private var allocations: [UnsafeMutableRawPointer] = []

    /// A copy of `values`; never nil, even for an empty array (it then points at one unset element).
    func copy<Element: BitwiseCopyable>(_ values: [Element]) -> UnsafePointer<Element> {
        let capacity = max(1, values.count)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Element>.stride,
                                                   alignment: max(Self.cacheLine, MemoryLayout<Element>.alignment))
        allocations.append(raw)
        let buffer = UnsafeMutableBufferPointer(start: raw.bindMemory(to: Element.self, capacity: capacity), count: values.count)
        _ = buffer.initialize(from: values)
        return UnsafePointer(raw.assumingMemoryBound(to: Element.self))
    }

    deinit {
        for allocation in allocations { allocation.deallocate() }
    }
}
