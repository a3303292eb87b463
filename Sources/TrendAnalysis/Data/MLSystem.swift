/// One machine-learning system of a dataset: a dated, positive value plus descriptive attributes.
public struct MLSystem: Sendable, Equatable {
    /// The system's name.
    public var name: String
    /// Publication date.
    public var date: CalendarDate
    /// The analysed value (by default training compute in FLOP), always positive.
    public var value: Double
    /// Domains the system lists (a system may have several); empty when unknown.
    public var domains: [String]
    /// Notability criteria the system meets; empty when none or unknown.
    public var notabilityCriteria: [String]
    /// Confidence rating of the value (e.g. `Confident`, `Likely`, `Speculative`); empty when unknown.
    public var confidence: String
    /// Categories of the developing organizations (e.g. `Industry`, `Academia`).
    public var organizationCategories: [String]
    /// Line of the source file on which the system's record starts (1-based, header is line 1).
    public var line: Int

    /// Creates a system.
    public init(name: String, date: CalendarDate, value: Double, domains: [String] = [],
                notabilityCriteria: [String] = [], confidence: String = "",
                organizationCategories: [String] = [], line: Int = 0) {
        self.name = name
        self.date = date
        self.value = value
        self.domains = domains
        self.notabilityCriteria = notabilityCriteria
        self.confidence = confidence
        self.organizationCategories = organizationCategories
        self.line = line
    }
}
