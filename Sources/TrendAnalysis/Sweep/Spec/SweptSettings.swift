/// The settings a sweep can vary, as one configuration has them.
public struct SweptSettings: Sendable, Equatable {
    /// Half-width in days of the z-score window.
    public var zWindowDays: Double
    /// Outlier threshold.
    public var outlierZ: Double
    /// Large-scale threshold.
    public var largeZ: Double
    /// First date a system can be large-scale.
    public var largeFrom: CalendarDate
    /// Domain the fitted systems must list; nil for every domain.
    public var domain: String?
    /// Filter applied before classification.
    public var filter: SystemFilter
    /// Bootstrap jitter half-width in log10 units.
    public var jitterLog10: Double
    /// Dates of the swept period boundaries, by name.
    public var boundaries: [String: CalendarDate]

    /// The defaults of `trendfit trends`, with no boundaries.
    public static let standard = SweptSettings(
        zWindowDays: ScaleClassifier.standard.windowDays, outlierZ: ScaleClassifier.standard.outlierZ,
        largeZ: ScaleClassifier.standard.largeZ, largeFrom: ScaleClassifier.standard.largeFrom,
        domain: nil, filter: SystemFilter(), jitterLog10: 0, boundaries: [:])

    /// Sets `setting` to `value` (of the setting's kind).
    public mutating func apply(_ value: SweepValue, to setting: SweepSetting) {
        switch (setting, value) {
        case (.boundary(let name), .date(let date)): boundaries[name] = date
        case (.largeFrom, .date(let date)): largeFrom = date
        case (.zWindowDays, .number(let number)): zWindowDays = number
        case (.outlierZ, .number(let number)): outlierZ = number
        case (.largeZ, .number(let number)): largeZ = number
        case (.jitterLog10, .number(let number)): jitterLog10 = number
        case (.domain, .domain(let domain)): self.domain = domain
        case (.filter, .filter(let filter)): self.filter = filter
        default: preconditionFailure("\(value) is not a value of \(setting)")
        }
    }

    /// The scale classifier of these settings (values were validated when the spec was read).
    public var classifier: ScaleClassifier {
        try! ScaleClassifier(windowDays: zWindowDays, outlierZ: outlierZ, largeZ: largeZ, largeFrom: largeFrom)
    }

    /// The date a period bound names: a swept boundary, or `largeFrom`.
    public func date(named name: String) -> CalendarDate {
        name == SweepSetting.largeFrom.description ? largeFrom : boundaries[name]!
    }
}
