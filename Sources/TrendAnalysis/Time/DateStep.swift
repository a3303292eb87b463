/// A step between dates of a grid: a number of days, months or years, written `30d`, `1m` or `1y`.
///
/// Grid dates are computed from the first date, never accumulated: the i-th date is the first
/// plus i steps. Adding months keeps the day of the month, clamped to the month's last day
/// (2008-01-31 + 1m is 2008-02-29), and keeps the time of day.
public struct DateStep: Sendable, Equatable, CustomStringConvertible {
    /// The unit of a step.
    public enum Unit: String, Sendable {
        case days = "d"
        case months = "m"
        case years = "y"
    }

    /// Number of units per step, at least 1.
    public var count: Int
    /// The unit.
    public var unit: Unit

    /// Creates a step of `count` (at least 1) units.
    public init?(count: Int, unit: Unit) {
        guard count >= 1 else { return nil }
        self.count = count
        self.unit = unit
    }

    /// Reads `<positive integer><d|m|y>`, e.g. `1m`, `30d`, `2y`; nil otherwise.
    public init?(parsing text: String) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard let last = trimmed.last, let unit = Unit(rawValue: String(last)),
              let count = Int(trimmed.dropLast()), trimmed.dropLast().allSatisfy(\.isNumber)
        else { return nil }
        self.init(count: count, unit: unit)
    }

    /// The step as written, e.g. `1m`.
    public var description: String { "\(count)\(unit.rawValue)" }

    /// `date` moved forward by `steps` steps.
    public func advance(_ date: CalendarDate, by steps: Int) -> CalendarDate {
        switch unit {
        case .days:
            return CalendarDate(daysSinceEpoch: date.daysSinceEpoch + Double(steps * count))
        case .months, .years:
            let months = steps * count * (unit == .years ? 12 : 1)
            let (year, month, day) = date.components
            let timeOfDay = date.daysSinceEpoch - date.daysSinceEpoch.rounded(.down)
            let monthIndex = year * 12 + (month - 1) + months
            let newYear = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
            let newMonth = monthIndex - newYear * 12 + 1
            let firstOfMonth = CalendarDate(year: newYear, month: newMonth, day: 1)
            let firstOfNext = CalendarDate(year: newMonth == 12 ? newYear + 1 : newYear, month: newMonth % 12 + 1, day: 1)
            let monthLength = Int(firstOfNext.daysSinceEpoch - firstOfMonth.daysSinceEpoch)
            return CalendarDate(daysSinceEpoch: firstOfMonth.daysSinceEpoch + Double(min(day, monthLength) - 1) + timeOfDay)
        }
    }

    /// The dates `first`, `first` + 1 step, … up to and including `last`, at most `limit` of them;
    /// empty when `last` is before `first`.
    public func dates(from first: CalendarDate, through last: CalendarDate, limit: Int = .max) -> [CalendarDate] {
        var dates: [CalendarDate] = []
        var date = first
        while date <= last && dates.count < limit {
            dates.append(date)
            date = advance(first, by: dates.count)
        }
        return dates
    }
}
