/// The cartesian product of the swept values, in a fixed order: configuration indices count like
/// a mixed-radix number whose first digit is the first dimension, so the last dimension varies fastest.
public struct SweepGrid: Sendable, Equatable {
    /// Number of values of each dimension.
    public let valueCounts: [Int]
    /// Number of configurations (1 when nothing is swept).
    public let count: Int

    /// Creates the grid of dimensions with `valueCounts` values; nil when the count overflows `Int`.
    public init?(valueCounts: [Int]) {
        precondition(valueCounts.allSatisfy { $0 >= 1 }, "every dimension has a value")
        var count = 1
        for valueCount in valueCounts {
            let (product, overflow) = count.multipliedReportingOverflow(by: valueCount)
            if overflow { return nil }
            count = product
        }
        self.valueCounts = valueCounts
        self.count = count
    }

    /// The value index of every dimension in configuration `configuration`.
    public func valueIndices(of configuration: Int) -> [Int] {
        precondition((0..<count).contains(configuration), "configuration \(configuration) is outside the grid")
        var remainder = configuration
        var indices = Array(repeating: 0, count: valueCounts.count)
        for dimension in valueCounts.indices.reversed() {
            indices[dimension] = remainder % valueCounts[dimension]
            remainder /= valueCounts[dimension]
        }
        return indices
    }

    /// The configuration with the given value indices.
    public func configuration(valueIndices: [Int]) -> Int {
        zip(valueIndices, valueCounts).reduce(0) { $0 * $1.1 + $1.0 }
    }
}
