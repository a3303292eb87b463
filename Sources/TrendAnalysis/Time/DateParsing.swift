extension CalendarDate {
    /// Parses `2017-12-05`, `2017-12-05T13:45:00` (optionally with seconds' fraction and `Z`,
    /// or a space instead of `T`) and a bare year `2017` (meaning 2017-01-01); nil otherwise.
    ///
    /// Surrounding whitespace is ignored. Times are taken as UTC.
    public init?(parsing text: String) {
        let trimmed = text.trimmingASCIIWhitespace()
        let timeSeparator = trimmed.firstIndex { $0 == "T" || $0 == " " }
        let datePart = trimmed[..<(timeSeparator ?? trimmed.endIndex)]
        let dateFields = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Self.number(dateFields[0], digits: 4...4) else { return nil }
        switch dateFields.count {
        case 1 where timeSeparator == nil:
            self.init(year: year, month: 1, day: 1)
        case 3:
            guard let month = Self.number(dateFields[1], digits: 1...2), (1...12).contains(month),
                  let day = Self.number(dateFields[2], digits: 1...2),
                  (1...Self.daysIn(month: month, year: year)).contains(day)
            else { return nil }
            self.init(year: year, month: month, day: day)
            if let timeSeparator {
                guard let seconds = Self.secondsOfDay(trimmed[trimmed.index(after: timeSeparator)...]) else { return nil }
                daysSinceEpoch += seconds / 86_400
            }
        default:
            return nil
        }
    }

    /// Seconds since midnight of `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, each optionally followed by `Z`.
    private static func secondsOfDay(_ text: Substring) -> Double? {
        let clock = text.hasSuffix("Z") ? text.dropLast() : text
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count),
              let hours = number(fields[0], digits: 2...2), hours < 24,
              let minutes = number(fields[1], digits: 2...2), minutes < 60
        else { return nil }
        var seconds = 0.0
        if fields.count == 3 {
            let secondFields = fields[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = number(secondFields[0], digits: 2...2), whole < 61 else { return nil }
            seconds = Double(whole)
            if secondFields.count == 2 {
                guard !secondFields[1].isEmpty, secondFields[1].allSatisfy(\.isASCIIDigit),
                      let fraction = Double("0." + secondFields[1])
                else { return nil }
                seconds += fraction
            }
        }
        return Double(hours * 3600 + minutes * 60) + seconds
    }

    /// The value of an all-digit field with a digit count in `digits`, else nil.
    private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.count), text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }

    /// Number of days in `month` of `year` (Gregorian leap years).
    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
