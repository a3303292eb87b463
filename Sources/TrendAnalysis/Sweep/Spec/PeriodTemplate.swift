/// A period of a sweep whose start or end may name a swept date instead of giving one.
public struct PeriodTemplate: Sendable, Equatable {
    /// One end of the period.
    public enum Bound: Sendable, Equatable {
        /// No bound.
        case open
        /// A fixed date.
        case date(CalendarDate)
        /// The configuration's value of a swept boundary, or of `largeFrom`.
        case named(String)
    }

    /// The period's name.
    public var name: String
    /// First included date.
    public var start: Bound
    /// First excluded date.
    public var end: Bound

    /// Creates a template.
    public init(name: String, start: Bound, end: Bound) {
        self.name = name
        self.start = start
        self.end = end
    }

    /// The template of a fixed period.
    public init(_ period: Period) {
        self.init(name: period.name, start: period.range.start.map(Bound.date) ?? .open,
                  end: period.range.end.map(Bound.date) ?? .open)
    }

    /// Names of the swept dates the bounds refer to.
    public var referencedNames: [String] {
        [start, end].compactMap { if case .named(let name) = $0 { name } else { nil } }
    }

    /// The period of a configuration with `settings`.
    public func period(_ settings: SweptSettings) -> Period {
        func date(_ bound: Bound) -> CalendarDate? {
            switch bound {
            case .open: nil
            case .date(let date): date
            case .named(let name): settings.date(named: name)
            }
        }
        return Period(name: name, range: DateRange(start: date(start), end: date(end)))
    }
}
