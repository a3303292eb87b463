import TrendAnalysis

/// Reads dates given on the command line.
enum DateArgument {
    /// `text` as a date (YYYY-MM-DD, a date-time, YYYY-MM or YYYY); the error names `option`.
    static func parse(_ text: String, option: String) throws(AnalysisError) -> CalendarDate {
        guard let date = CalendarDate(parsingGridDate: text) else { throw .invalidDate(setting: option, text: text) }
        return date
    }
}
