/// Which CSV columns hold each field; the defaults are those of Epoch AI's ml-systems.csv.
///
/// The name, date and value columns must exist. The attribute columns are optional: when absent,
/// the features that need them (domain table, filters) report the missing column.
public struct ColumnMapping: Sendable, Equatable {
    /// Column holding the system's name.
    public var name: String
    /// Column holding the publication date.
    public var date: String
    /// Column holding the analysed value.
    public var value: String
    /// Column holding comma-separated domains.
    public var domain: String
    /// Column holding comma-separated notability criteria.
    public var notability: String
    /// Column holding the confidence rating.
    public var confidence: String
    /// Column holding comma-separated organization categories.
    public var organizationCategory: String

    /// Creates a mapping; every argument defaults to the ml-systems.csv column.
    public init(name: String = "Model", date: String = "Publication date",
                value: String = "Training compute (FLOP)", domain: String = "Domain",
                notability: String = "Notability criteria", confidence: String = "Confidence",
                organizationCategory: String = "Organization categorization") {
        self.name = name
        self.date = date
        self.value = value
        self.domain = domain
        self.notability = notability
        self.confidence = confidence
        self.organizationCategory = organizationCategory
    }

    /// The column holding `attribute`.
    public func column(for attribute: SystemAttribute) -> String {
        switch attribute {
        case .domain: domain
        case .notability: notability
        case .confidence: confidence
        case .organizationCategory: organizationCategory
        }
    }
}
