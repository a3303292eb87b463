/// A setting a sweep can vary: a named period boundary or one of the selection and bootstrap settings.
public enum SweepSetting: Sendable, Hashable, CustomStringConvertible {
    /// A date that periods name as their start or end (see `PeriodTemplate`).
    case boundary(String)
    /// Half-width in days of the z-score window.
    case zWindowDays
    /// z-score below which a system is an outlier.
    case outlierZ
    /// z-score from which a system is large-scale.
    case largeZ
    /// First date on which a system can be large-scale (periods may also name it as a boundary).
    case largeFrom
    /// Domain the fitted systems must list (after classification); nil for every domain.
    case domain
    /// Notability, confidence and organization-category filter (before classification).
    case filter
    /// Half-width of the uniform jitter added to resampled log10 values.
    case jitterLog10

    /// The named settings, in the order the guide lists them.
    public static let named: [SweepSetting] = [.zWindowDays, .outlierZ, .largeZ, .largeFrom, .domain, .filter, .jitterLog10]

    /// The setting's name in specs and output columns.
    public var description: String {
        switch self {
        case .boundary(let name): name
        case .zWindowDays: "zWindowDays"
        case .outlierZ: "outlierZ"
        case .largeZ: "largeZ"
        case .largeFrom: "largeFrom"
        case .domain: "domain"
        case .filter: "filter"
        case .jitterLog10: "jitterLog10"
        }
    }

    /// The kinds of values a setting takes.
    public enum Kind: Sendable {
        case date, number, domain, filter
    }

    /// The kind of this setting's values.
    public var kind: Kind {
        switch self {
        case .boundary, .largeFrom: .date
        case .zWindowDays, .outlierZ, .largeZ, .jitterLog10: .number
        case .domain: .domain
        case .filter: .filter
        }
    }
}
