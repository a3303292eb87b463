/// Copies of arrays at addresses that stay fixed until their owner is released.
///
/// The CPU backend's solvers hold plain pointers to their inputs while its threads run; copying
/// the inputs here gives them those pointers without a `withUnsafe…` closure per array. Keep the
/// owner alive (`withExtendedLifetime`) as long as the pointers are used.
final class PinnedMemory {
    private var allocations: [UnsafeMutableRawPointer] = []

    /// A copy of `values`; never nil, even for an empty array (it then points at one unset element).
    func copy<Element: BitwiseCopyable>(_ values: [Element]) -> UnsafePointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, values.count))
        _ = buffer.initialize(from: values)
        allocations.append(UnsafeMutableRawPointer(buffer.baseAddress!))
        return UnsafePointer(buffer.baseAddress!)
    }

    deinit {
        for allocation in allocations { allocation.deallocate() }
    }
}
