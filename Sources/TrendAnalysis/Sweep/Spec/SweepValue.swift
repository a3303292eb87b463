/// One value of a swept setting.
public enum SweepValue: Sendable, Equatable {
    /// A date (period boundaries, `largeFrom`).
    case date(CalendarDate)
    /// A number (z window, thresholds, jitter).
    case number(Double)
    /// A domain, or nil for every domain.
    case domain(String?)
    /// A system filter.
    case filter(SystemFilter)

    /// The value as one output cell: dates as `YYYY-MM-DD`, numbers as numbers, an unrestricted
    /// domain as an empty cell, filters as `notability=A|B; confidence=C` (`none` for no filter).
    public var cell: TableCell {
        switch self {
        case .date(let date): .text(date.description)
        case .number(let number): .number(number)
        case .domain(let domain): domain.map(TableCell.text) ?? .empty
        case .filter(let filter): .text(Self.label(filter))
        }
    }

    /// The value as short text for summaries and plots.
    public var label: String {
        switch self {
        case .date(let date): date.description
        case .number(let number): number.compactDescription
        case .domain(let domain): domain ?? "all domains"
        case .filter(let filter): Self.label(filter)
        }
    }

    private static func label(_ filter: SystemFilter) -> String {
        let parts = [("notability", filter.notability), ("confidence", filter.confidence),
                     ("organizationCategories", filter.organizationCategories)]
            .filter { !$0.1.isEmpty }
            .map { "\($0.0)=\($0.1.joined(separator: "|"))" }
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }
}
