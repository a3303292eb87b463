/// A half-open range of dates: the start is included, the end excluded; either side may be open.
public struct DateRange: Sendable, Equatable, CustomStringConvertible {
    /// First included date, or nil for no lower bound.
    public var start: CalendarDate?
    /// First excluded date, or nil for no upper bound.
    public var end: CalendarDate?

    /// Creates a range `[start, end)`.
    public init(start: CalendarDate? = nil, end: CalendarDate? = nil) {
        self.start = start
        self.end = end
    }

    /// The range without bounds.
    public static let unbounded = DateRange()

    /// Whether `date` is on or after the start and before the end.
    public func contains(_ date: CalendarDate) -> Bool {
        (start.map { date >= $0 } ?? true) && (end.map { date < $0 } ?? true)
    }

    /// Whether the range holds no date at all.
    public var isEmpty: Bool {
        guard let start, let end else { return false }
        return end <= start
    }

    /// The range as text, e.g. `2010-01-01..end`.
    public var description: String {
        "\(start?.description ?? "start")..\(end?.description ?? "end")"
    }
}
