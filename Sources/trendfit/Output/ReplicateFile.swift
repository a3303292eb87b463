import Foundation
import TrendAnalysis
import TrendFit

/// Writes one problem's bootstrap replicates to a file (`trendfit bootstrap --replicates FILE`),
/// in replicate order, as R's `boot$t` and SciPy's `bootstrap_distribution` give them.
///
/// The format follows the name: CSV (`ReplicateFile+CSV.swift`) or NumPy `.npy`
/// (`ReplicateFile+NPY.swift`). The file goes through `OutputFile` (temporary file renamed onto
/// the name) in chunks of `replicatesPerWrite` replicates, never as one string.
enum ReplicateFile {
    /// The file formats `--replicates` writes.
    enum Format {
        case csv
        case npy

        /// The format a path's extension names (`.csv` or `.npy`, any case); nil for any other.
        init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "csv": self = .csv
            case "npy": self = .npy
            default: return nil
            }
        }
    }

    /// Replicates formatted and written per system call.
    static let replicatesPerWrite = 8192

    /// Writes problem `problem`'s replicates of the coefficients `terms` to `path` in the format its name gives.
    static func write(_ replicates: BootstrapReplicates, problem: Int, terms: [String], toPath path: String) throws {
        let writer = try Writer(path: path, terms: terms, resamples: replicates.resamples,
                                standardErrors: !replicates.standardErrors.isEmpty)
        try writer.append(replicates, problem: problem)
        try writer.commit()
    }

    /// A replicate file being written: the header first, then the replicates chunk by chunk in
    /// replicate order (a streamed bootstrap hands them over as it draws them), then the commit.
    struct Writer {
        let file: OutputFile
        let format: Format
        let terms: [String]
        let standardErrors: Bool

        /// Opens `path` for `resamples` replicates of `terms`, with their standard errors (CSV) when `standardErrors`.
        init(path: String, terms: [String], resamples: Int, standardErrors: Bool) throws {
            guard let format = Format(path: path) else { preconditionFailure("--replicates is validated to end in .csv or .npy") }
            file = try OutputFile(path: path)
            self.format = format
            self.terms = terms
            self.standardErrors = standardErrors
            switch format {
            case .csv: try file.write(csvHeader(terms: terms, standardErrors: standardErrors))
            case .npy: try file.write(bytes: npyHeader(rows: resamples, columns: terms.count))
            }
        }

        /// Writes the next replicates of problem `problem`.
        func append(_ replicates: BootstrapReplicates, problem: Int) throws {
            switch format {
            case .csv: try appendCSV(replicates, problem: problem, terms: terms, standardErrors: standardErrors, to: file)
            case .npy: try appendNPY(replicates, problem: problem, coefficients: terms.count, to: file)
            }
        }

        /// Renames the finished file onto its name.
        func commit() throws {
            try file.commit()
        }
    }

    /// The replicate ranges `0..<resamples` cut into chunks of `replicatesPerWrite`.
    static func chunks(of resamples: Int) -> [Range<Int>] {
        stride(from: 0, to: resamples, by: replicatesPerWrite).map { $0..<min($0 + replicatesPerWrite, resamples) }
    }
}
