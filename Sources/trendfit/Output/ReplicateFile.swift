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
        guard let format = Format(path: path) else { preconditionFailure("--replicates is validated to end in .csv or .npy") }
        let file = try OutputFile(path: path)
        switch format {
        case .csv: try writeCSV(replicates, problem: problem, terms: terms, to: file)
        case .npy: try writeNPY(replicates, problem: problem, coefficients: terms.count, to: file)
        }
        try file.commit()
    }

    /// The replicate ranges `0..<resamples` cut into chunks of `replicatesPerWrite`.
    static func chunks(of resamples: Int) -> [Range<Int>] {
        stride(from: 0, to: resamples, by: replicatesPerWrite).map { $0..<min($0 + replicatesPerWrite, resamples) }
    }
}
