/// A point in time on the proleptic Gregorian calendar (UTC), counted in days since 1970-01-01.
public struct CalendarDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01T00:00:00Z; the fraction is the time of day.
    public var daysSinceEpoch: Double

    /// Creates a date from a day count since 1970-01-01.
    public init(daysSinceEpoch: Double) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Creates the date at midnight (UTC) starting `year-month-day`.
    ///
    /// Uses the days-from-civil algorithm of H. Hinnant ("chrono-compatible low-level date algorithms").
    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.daysSinceEpoch = Double(era * 146_097 + dayOfEra - 719_468)
    }

    /// The calendar year, month (1–12) and day (1–31) of the day containing this date.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int((daysSinceEpoch).rounded(.down)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day as ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }
}
