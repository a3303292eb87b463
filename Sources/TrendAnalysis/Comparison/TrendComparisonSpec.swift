/// Two trends to compare, written `FIRST,SECOND` (each a `TrendReference`): how the slope changes
/// from the first trend to the second.
public struct TrendComparisonSpec: Sendable, Equatable {
    /// The trend compared against (e.g. the earlier era).
    public var first: TrendReference
    /// The trend whose change is measured (e.g. the later era).
    public var second: TrendReference
    /// The text as given.
    public var text: String

    /// Creates a comparison of two trends.
    public init(first: TrendReference, second: TrendReference) {
        self.first = first
        self.second = second
        self.text = first.label + "," + second.label
    }

    /// Reads `FIRST,SECOND`.
    public init(parsing text: String) throws(AnalysisError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .invalidComparison(text: text, reason: "\(parts.count - 1) commas; exactly one separates the two trends")
        }
        let first = TrendReference(parsing: String(parts[0]))
        let second = TrendReference(parsing: String(parts[1]))
        guard !first.periodName.isEmpty, !second.periodName.isEmpty else {
            throw .invalidComparison(text: text, reason: "a period name is empty")
        }
        guard first != second else { throw .invalidComparison(text: text, reason: "both sides name the same trend") }
        self.first = first
        self.second = second
        self.text = text
    }

    /// `FIRST/SUBSET → SECOND/SUBSET`.
    public var label: String { first.label + " → " + second.label }

    /// The positions of the two periods among `periodNames`; throws when one is missing or ambiguous.
    public func periodIndices(in periodNames: [String]) throws(AnalysisError) -> (first: Int, second: Int) {
        (try first.periodIndex(in: periodNames, comparison: text), try second.periodIndex(in: periodNames, comparison: text))
    }
}
