/// A named era whose systems are fitted together; its range includes the start and excludes the end.
public struct Period: Sendable, Equatable {
    /// The era's name, e.g. `Deep Learning Era`.
    public var name: String
    /// Dates of the era.
    public var range: DateRange

    /// Creates a period.
    public init(name: String, range: DateRange) {
        self.name = name
        self.range = range
    }

    /// Reads `NAME=START..END`: START a date or year (or `start`), END a date or year or `end`.
    ///
    /// A bare year means January 1 of that year, so `2010..2015` covers 2010 through 2014.
    public init(parsing text: String) throws(AnalysisError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw .invalidPeriod(text: text, reason: "no '='")
        }
        let name = String(text[..<equals].trimmingASCIIWhitespace())
        guard !name.isEmpty else { throw .invalidPeriod(text: text, reason: "the name is empty") }
        let bounds = text[text.index(after: equals)...].split(separator: "..", omittingEmptySubsequences: false)
        guard bounds.count == 2 else { throw .invalidPeriod(text: text, reason: "no single '..' between start and end") }
        func bound(_ part: Substring, openKeyword: String, role: String) throws(AnalysisError) -> CalendarDate? {
            let trimmed = String(part.trimmingASCIIWhitespace())
            if trimmed == openKeyword { return nil }
            guard let date = CalendarDate(parsing: trimmed) else {
                throw .invalidPeriod(text: text, reason: "cannot read the \(role) '\(trimmed)'")
            }
            return date
        }
        let start = try bound(bounds[0], openKeyword: "start", role: "start")
        let end = try bound(bounds[1], openKeyword: "end", role: "end")
        let range = DateRange(start: start, end: end)
        guard !range.isEmpty else { throw .invalidPeriod(text: text, reason: "the end is not after the start") }
        self.init(name: name, range: range)
    }

    /// The three eras of Sevilla et al. (2022), "Compute Trends Across Three Eras of Machine Learning".
    public static let defaults: [Period] = [
        Period(name: "Pre Deep Learning Era",
               range: DateRange(start: CalendarDate(year: 1950, month: 1, day: 1), end: CalendarDate(year: 2010, month: 1, day: 1))),
        Period(name: "Deep Learning Era", range: DateRange(start: CalendarDate(year: 2010, month: 1, day: 1))),
        Period(name: "Large-Scale Era", range: DateRange(start: CalendarDate(year: 2015, month: 9, day: 1))),
    ]
}
