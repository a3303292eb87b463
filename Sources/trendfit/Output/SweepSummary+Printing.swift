import TrendAnalysis

extension SweepSummary {
    /// Prints the summary: to stderr when the rows go to stdout, else to stdout.
    func print(rowsOnStdout: Bool) {
        let text = lines().joined(separator: "\n") + "\n"
        if rowsOnStdout { Diagnostics.note(text) } else { Swift.print(text, terminator: "") }
    }
}
