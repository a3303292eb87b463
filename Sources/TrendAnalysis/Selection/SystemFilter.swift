/// Keeps systems by notability criteria, confidence rating and organization category.
///
/// Each non-empty list is a requirement: the system must have at least one of the listed values
/// (compared case-insensitively). Empty lists keep every system.
public struct SystemFilter: Sendable, Equatable {
    /// Notability criteria, any of which a system must meet.
    public var notability: [String]
    /// Confidence ratings, one of which a system must have.
    public var confidence: [String]
    /// Organization categories, any of which a system's organizations must have.
    public var organizationCategories: [String]

    /// Creates a filter.
    public init(notability: [String] = [], confidence: [String] = [], organizationCategories: [String] = []) {
        self.notability = notability
        self.confidence = confidence
        self.organizationCategories = organizationCategories
    }

    /// Whether the filter keeps every system.
    public var isEmpty: Bool {
        notability.isEmpty && confidence.isEmpty && organizationCategories.isEmpty
    }

    /// Checks that `dataset` has the columns the filter reads.
    public func validate(for dataset: Dataset) throws(AnalysisError) {
        let needs: [(SystemAttribute, [String], String)] = [
            (.notability, notability, "the notability filter"),
            (.confidence, confidence, "the confidence filter"),
            (.organizationCategory, organizationCategories, "the organization category filter"),
        ]
        for (attribute, values, feature) in needs where !values.isEmpty && !dataset.availableAttributes.contains(attribute) {
            throw .missingColumn(feature: feature, column: dataset.columns.column(for: attribute), source: dataset.source)
        }
    }

    /// Whether `system` passes every requirement.
    public func keeps(_ system: MLSystem) -> Bool {
        Self.matches(system.notabilityCriteria, notability)
            && Self.matches([system.confidence], confidence)
            && Self.matches(system.organizationCategories, organizationCategories)
    }

    private static func matches(_ values: [String], _ wanted: [String]) -> Bool {
        wanted.isEmpty || values.contains { value in wanted.contains { $0.lowercased() == value.lowercased() } }
    }
}
