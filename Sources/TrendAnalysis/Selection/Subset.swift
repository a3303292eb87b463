/// Which systems of a period a trend is fitted to. Outliers belong to no subset.
public enum Subset: String, Sendable, CaseIterable {
    /// Every system that is not an outlier.
    case all
    /// Regular-scale systems.
    case regular
    /// Large-scale systems.
    case large
    /// Record-setting systems (exceeding every earlier non-outlier value).
    case records
    /// Frontier systems (in the top N of the non-outliers published up to their date).
    case frontier

    /// Whether `system` belongs to the subset.
    public func contains(_ system: ClassifiedSystem) -> Bool {
        switch self {
        case .all: system.scale != .outlier
        case .regular: system.scale == .regular
        case .large: system.scale == .large
        case .records: system.isRecordSetting
        case .frontier: system.isFrontier
        }
    }
}
