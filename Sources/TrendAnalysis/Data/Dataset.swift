/// The systems read from one CSV source, with counts of the records that could not be used.
public struct Dataset: Sendable {
    /// Where the data came from: a file path or the embedded dataset's name.
    public var source: String
    /// The column mapping used to read the source.
    public var columns: ColumnMapping
    /// Attributes whose columns the source has.
    public var availableAttributes: Set<SystemAttribute>
    /// Systems with a date and a positive value, in source order.
    public var systems: [MLSystem]
    /// Non-blank data records read.
    public var recordCount: Int
    /// Records skipped because the date is empty.
    public var skippedMissingDate: Int
    /// Records with a date skipped because the value is empty.
    public var skippedMissingValue: Int
    /// Records whose value is zero or negative.
    public var nonPositiveValues: [NonPositiveValue]

    /// Creates a dataset.
    public init(source: String, columns: ColumnMapping = ColumnMapping(),
                availableAttributes: Set<SystemAttribute> = Set(SystemAttribute.allCases),
                systems: [MLSystem], recordCount: Int? = nil, skippedMissingDate: Int = 0,
                skippedMissingValue: Int = 0, nonPositiveValues: [NonPositiveValue] = []) {
        self.source = source
        self.columns = columns
        self.availableAttributes = availableAttributes
        self.systems = systems
        self.recordCount = recordCount ?? systems.count
        self.skippedMissingDate = skippedMissingDate
        self.skippedMissingValue = skippedMissingValue
        self.nonPositiveValues = nonPositiveValues
    }
}
