/// Errors in analysis settings or in what the data allow, each with a message a user can act on.
public enum AnalysisError: Error, Equatable, CustomStringConvertible {
    /// A setting is out of range; `name` is the setting as a user knows it.
    case invalidSetting(name: String, reason: String)
    /// A `NAME=START..END` period could not be read.
    case invalidPeriod(text: String, reason: String)
    /// A date range could not be read.
    case invalidDate(setting: String, text: String)
    /// A selection needs a column that the dataset does not have.
    case missingColumn(feature: String, column: String, source: String)
    /// No system is left to analyse after the window and filters.
    case noSystems(reason: String)
    /// A `FIRST,SECOND` trend comparison could not be read or names no trend of the analysis.
    case invalidComparison(text: String, reason: String)

    public var description: String {
        switch self {
        case .invalidSetting(let name, let reason):
            "invalid \(name): \(reason)"
        case .invalidPeriod(let text, let reason):
            "invalid period '\(text)': \(reason) (expected NAME=START..END, START and END a date like 2015-09-01 or a year like 2015, END may be 'end')"
        case .invalidDate(let setting, let text):
            "invalid \(setting) '\(text)': expected a date like 2015-09-01, 2015-09-01T00:00:00 or a year like 2015"
        case .missingColumn(let feature, let column, let source):
            "\(feature) needs column '\(column)', which \(source) does not have"
        case .noSystems(let reason):
            "no systems to analyse: \(reason)"
        case .invalidComparison(let text, let reason):
            "invalid comparison '\(text)': \(reason) (expected FIRST,SECOND, each a period name optionally followed by /SUBSET, e.g. 'Deep Learning Era/large,Deep Learning Era/regular')"
        }
    }
}
