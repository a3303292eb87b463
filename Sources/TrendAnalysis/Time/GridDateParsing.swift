extension CalendarDate {
    /// Parses a date of a grid or sweep: every form `init(parsing:)` reads, plus `YYYY-MM`
    /// (the first day of that month); nil otherwise.
    public init?(parsingGridDate text: String) {
        if let date = CalendarDate(parsing: text) {
            self = date
            return
        }
        let fields = text.trimmingASCIIWhitespace().split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[0].count == 4, (1...2).contains(fields[1].count),
              fields.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(fields[0]), let month = Int(fields[1]), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month, day: 1)
    }
}
