/// A buffer that parallel workers write disjoint elements of.
///
/// Sendable by contract: each index is written by at most one worker, and the buffer is read
/// only after every worker has finished.
struct ParallelOutput<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    /// Wraps a buffer's base address.
    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress!
    }
}

/// A read-only buffer shared by parallel workers; Sendable because nobody writes it meanwhile.
struct ParallelInput<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>

    /// Wraps a buffer's base address.
    init(_ buffer: UnsafeBufferPointer<Element>) {
        base = buffer.baseAddress!
    }
}
