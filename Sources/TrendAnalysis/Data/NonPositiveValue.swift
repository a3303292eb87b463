/// A record whose value is zero or negative, so its logarithm cannot be taken; reported, not analysed.
public struct NonPositiveValue: Sendable, Equatable {
    /// The system's name.
    public var name: String
    /// Line of the source file on which the value stands.
    public var line: Int
    /// The value as read.
    public var value: Double

    /// Creates a report entry.
    public init(name: String, line: Int, value: Double) {
        self.name = name
        self.line = line
        self.value = value
    }
}
