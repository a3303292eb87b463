import Foundation

/// One coefficient's valid replicate values in replicate order, with what a summary reads from
/// one pass over them: their sum in that order, their largest finite magnitude, the first NaN.
struct ReplicateColumn: Sendable {
    /// The values, in replicate order.
    let values: [Double]
    /// The values added in order from 0, bitwise `values.reduce(0, +)`.
    let sum: Double
    /// The largest finite magnitude among the values (0 when there is none).
    let largestMagnitude: Double
    /// The index of the first NaN value, if any.
    let firstNaN: Int?

    /// The column of `values`, read in one pass.
    init(_ values: [Double]) {
        self.init(capacity: values.count) { append in
            for value in values { append(value) }
        }
    }

    /// The column of the values `gather` hands to `append`, in order, at most `capacity` of them,
    /// read as they are gathered.
    @inline(__always)
    init(capacity: Int, gather: (_ append: (Double) -> Void) -> Void) {
        var sum = 0.0, largest = 0.0
        var firstNaN: Int?
        values = Array(unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var count = 0
            gather { value in
                precondition(count < capacity, "more values than the capacity")
                (buffer.baseAddress! + count).initialize(to: value)
                sum += value
                largest = BatchScaling.largestFiniteMagnitude(largest, value)
                if value.isNaN && firstNaN == nil { firstNaN = count }
                count += 1
            }
            initialized = count
        }
        self.sum = sum
        largestMagnitude = largest
        self.firstNaN = firstNaN
    }
}
