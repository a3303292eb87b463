import Foundation

/// One coefficient's valid replicate values in replicate order, with what a summary reads from
/// one pass over them: their sum in that order, their largest finite magnitude, the first NaN.
struct ReplicateColumn: Sendable {
    /// The values, in replicate order (a view: valid while the memory it reads is).
    let values: StridedValues
    /// The values added in order from 0, bitwise `values.reduce(0, +)`.
    let sum: Double
    /// The largest finite magnitude among the values (0 when there is none).
    let largestMagnitude: Double
    /// The index of the first NaN value, if any.
    let firstNaN: Int?

    /// The column of `values`, read in one pass.
    init(_ values: StridedValues) {
        var sum = 0.0, largest = 0.0
        var firstNaN: Int?
        for (index, value) in values.enumerated() {
            sum += value
            largest = BatchScaling.largestFiniteMagnitude(largest, value)
            if value.isNaN && firstNaN == nil { firstNaN = index }
        }
        self.values = values
        self.sum = sum
        largestMagnitude = largest
        self.firstNaN = firstNaN
    }

    /// Calls `body` with the column of `values`.
    static func reading<Result>(_ values: [Double], _ body: (ReplicateColumn) -> Result) -> Result {
        StridedValues.reading(values) { body(ReplicateColumn($0)) }
    }
}
