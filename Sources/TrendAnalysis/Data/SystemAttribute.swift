/// An optional descriptive column of a dataset, used for the domain table and filters.
public enum SystemAttribute: String, Sendable, CaseIterable {
    /// Domains, comma-separated.
    case domain
    /// Notability criteria, comma-separated.
    case notability
    /// Confidence rating of the value.
    case confidence
    /// Organization categories, comma-separated.
    case organizationCategory
}
