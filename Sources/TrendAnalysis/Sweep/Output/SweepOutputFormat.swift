/// How sweep rows are written: CSV or JSON Lines.
public enum SweepOutputFormat: String, Sendable, CaseIterable {
    /// Comma-separated values with a header line.
    case csv
    /// One JSON object per line.
    case jsonl

    /// The format a file name's extension (`.csv`, `.jsonl`) asks for; nil for other extensions.
    public init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".csv") {
            self = .csv
        } else if lowered.hasSuffix(".jsonl") {
            self = .jsonl
        } else {
            return nil
        }
    }
}
