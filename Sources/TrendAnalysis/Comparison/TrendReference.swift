/// A trend named by a user: a period of the analysis and one of its subsets, written `PERIOD` (the
/// subset `all`) or `PERIOD/SUBSET`.
public struct TrendReference: Sendable, Equatable {
    /// The period's name.
    public var periodName: String
    /// The subset.
    public var subset: Subset

    /// Creates a reference.
    public init(periodName: String, subset: Subset = .all) {
        self.periodName = periodName
        self.subset = subset
    }

    /// Reads `PERIOD` or `PERIOD/SUBSET`; a text after the last `/` that is not a subset name is
    /// part of the period name.
    public init(parsing text: String) {
        let trimmed = String(text.trimmingASCIIWhitespace())
        if let slash = trimmed.lastIndex(of: "/"),
           let subset = Subset(rawValue: String(trimmed[trimmed.index(after: slash)...].trimmingASCIIWhitespace())) {
            self.init(periodName: String(trimmed[..<slash].trimmingASCIIWhitespace()), subset: subset)
        } else {
            self.init(periodName: trimmed)
        }
    }

    /// `PERIOD/SUBSET`.
    public var label: String { "\(periodName)/\(subset.rawValue)" }

    /// The position of the referenced period among `periods`.
    func periodIndex(in periods: [String], comparison text: String) throws(AnalysisError) -> Int {
        let matches = periods.indices.filter { periods[$0] == periodName }
        guard matches.count == 1 else {
            let known = periods.map { "'\($0)'" }.joined(separator: ", ")
            throw .invalidComparison(text: text, reason: matches.isEmpty
                ? "no period is called '\(periodName)' (the periods are \(known))"
                : "\(matches.count) periods are called '\(periodName)'")
        }
        return matches[0]
    }
}
