import Foundation

/// One or more confidence levels for the same replicates, as `--confidence 0.9,0.95,0.99` gives them.
public struct ConfidenceLevels: Sendable, Equatable, CustomStringConvertible {
    /// The levels, each strictly between 0 and 1, distinct, in the order given; the first is the
    /// primary level (the one tables and plots show when they show one).
    public let values: [Double]

    /// Checks and wraps `values`.
    public init(_ values: [Double]) throws(TrendFitError) {
        guard !values.isEmpty else { throw .invalidPlan("give at least one confidence level") }
        for value in values where !(value > 0 && value < 1) {
            throw .invalidPlan("confidence levels must be strictly between 0 and 1, got \(value)")
        }
        guard Set(values).count == values.count else {
            throw .invalidPlan("confidence levels must be distinct, got \(values.map { "\($0)" }.joined(separator: ","))")
        }
        self.values = values
    }

    /// Parses comma-separated levels such as `0.9,0.95,0.99`.
    public init(parsing text: String) throws(TrendFitError) {
        var values: [Double] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed) else {
                throw .invalidPlan("cannot read '\(trimmed)' of '\(text)' as a confidence level (expected e.g. 0.9,0.95,0.99)")
            }
            values.append(value)
        }
        try self.init(values)
    }

    /// The default level, 95%.
    public static let defaultLevel = 0.95
    /// The default levels: `defaultLevel` alone.
    public static let standard = try! ConfidenceLevels([defaultLevel])

    /// The primary (first) level.
    public var primary: Double { values[0] }

    /// The levels as given, comma-separated.
    public var description: String { values.map { "\($0)" }.joined(separator: ",") }
}
