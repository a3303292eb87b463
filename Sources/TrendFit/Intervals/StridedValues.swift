/// A read-only view of `count` doubles lying `stride` elements apart in memory (one coefficient
/// of stored replicates read in place), valid only while the memory it points into is.
struct StridedValues: RandomAccessCollection, @unchecked Sendable {
    /// The first value.
    let base: UnsafePointer<Double>
    /// Elements from one value to the next (1: contiguous).
    let stride: Int
    /// The number of values.
    let count: Int

    /// The view of `count` elements of `buffer` (all of it when nil) `stride` apart, from element
    /// `offset` on.
    init(_ buffer: UnsafeBufferPointer<Double>, offset: Int = 0, stride: Int = 1, count: Int? = nil) {
        let count = count ?? buffer.count
        precondition(count == 0 || offset + (count - 1) * stride < buffer.count, "strided view outside the buffer")
        base = (buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Double>.alignment)!) + offset
        self.stride = stride
        self.count = count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always)
    subscript(index: Int) -> Double { base[index * stride] }

    /// Calls `body` with the view of all of `values`, contiguous.
    static func reading<Result>(_ values: [Double], _ body: (StridedValues) -> Result) -> Result {
        values.withUnsafeBufferPointer { body(StridedValues($0)) }
    }
}
