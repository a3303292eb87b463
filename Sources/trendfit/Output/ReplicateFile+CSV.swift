import TrendAnalysis
import TrendFit

extension ReplicateFile {
    /// The CSV header: a column per term, then `status` (`ok`, `rank-deficient` or
    /// `too-few-distinct`), then, when the run computed them (`--interval studentized`), the
    /// replicate's own standard errors as `standardError(TERM)`.
    static func csvHeader(terms: [String], standardErrors: Bool) -> String {
        CSVText.render(header: terms + ["status"] + (standardErrors ? terms.map { "standardError(\($0))" } : []), rows: []) + "\n"
    }

    /// Writes the replicates as CSV rows under `csvHeader`, one per replicate; an excluded
    /// replicate's value cells are empty.
    static func appendCSV(_ replicates: BootstrapReplicates, problem: Int, terms: [String], standardErrors withErrors: Bool,
                          to file: OutputFile) throws {
        let stride = replicates.coefficientStride
        for chunk in chunks(of: replicates.resamples) {
            var text = ""
            for b in chunk {
                let replicate = problem * replicates.resamples + b
                let status = replicates.status(problem: problem, replicate: b)
                let base = replicate * stride
                func cells(_ values: [Double]) -> [String] {
                    (0..<terms.count).map { status == .ok ? "\(values[base + $0])" : "" }
                }
                let row = cells(replicates.coefficients) + [statusName(status)] + (withErrors ? cells(replicates.standardErrors) : [])
                text += row.joined(separator: ",") + "\n"
            }
            try file.write(text)
        }
    }

    /// The `status` cell of a replicate.
    static func statusName(_ status: ReplicateStatus) -> String {
        switch status {
        case .ok: "ok"
        case .rankDeficient: "rank-deficient"
        case .tooFewDistinctRows: "too-few-distinct"
        }
    }
}
