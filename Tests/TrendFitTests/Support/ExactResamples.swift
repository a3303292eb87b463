import Foundation
import TrendFit

/// The exact references of `Fixtures/exact-resamples/exact-resamples.json` (written by
/// `generate.py` there): tiny datasets with every case resample enumerated, and a sampled NumPy
/// bootstrap of a 20-row model.
struct ExactResamples: Decodable {
    /// A dataset whose nⁿ case resamples are all enumerated, grouped by how often each row is drawn.
    struct Enumerated: Decodable, CustomStringConvertible, Sendable {
        /// One group of resamples: the same draw counts, so the same fit.
        struct Group: Decodable, Sendable {
            let counts: [Int]
            let multiplicity: Int
            /// Exact least-squares coefficients (intercept first), or nil when the design is rank-deficient.
            let coefficients: [Double]?
        }
        let name: String
        let columns: [[Double]]
        let y: [Double]
        let weights: [Double]
        let intercept: Bool
        let degenerateProbability: Double
        let groups: [Group]
        /// Per coefficient: quantiles of the ideal bootstrap distribution over non-degenerate resamples.
        let quantiles: [[String: Double]]

        var description: String { name }

        /// The group of a resample with these draw counts.
        func group(counts: [Int]) -> Group? { groups.first { $0.counts == counts } }

        /// The dataset as a one-problem batch, its regressors multiplied by `scale`.
        func batch(scale: Double = 1) throws -> ProblemBatch {
            var table: [(name: String, values: [Double])] = columns.enumerated().map { ("x\($0.offset)", $0.element.map { $0 * scale }) }
            table.append(("y", y))
            table.append(("w", weights))
            let q = columns.count
            let rows = (0..<Int32(y.count)).map { $0 }
            let weighted = weights.contains { $0 != 1 }
            return try ProblemBatch(table: DataTable(columns: table), problems: [
                RegressionProblem(rows: rows, response: q, regressors: Array(0..<q), hasIntercept: intercept,
                                  weights: weighted ? q + 1 : nil),
            ])
        }
    }

    /// A NumPy case bootstrap (degenerate resamples excluded) with its percentile interval.
    struct Sampled: Decodable, Sendable {
        let columns: [[Double]]
        let y: [Double]
        let degenerateFraction: Double
        let lower: [Double]
        let upper: [Double]
        /// Monte Carlo standard deviation of the interval ends at B = 20000.
        let lowerSD20000: [Double]
        let upperSD20000: [Double]
    }

    let enumerated: [Enumerated]
    let sampled: Sampled

    static func load() throws -> ExactResamples {
        try JSONDecoder().decode(ExactResamples.self, from: Data(Fixtures.text("exact-resamples/exact-resamples.json").utf8))
    }

    /// How often replicate `replicate` of problem `problem` draws each of `rowCount` rows (case resampling).
    static func drawCounts(seed: UInt64, problem: Int = 0, replicate: Int, rowCount: Int) -> [Int] {
        let stream = ReplicateStream(seed: seed, problem: problem, replicate: replicate)
        var counts = Array(repeating: 0, count: rowCount)
        for block in 0..<((rowCount + 3) / 4) {
            let words = stream.block(block, purpose: .rowIndex)
            for t in (4 * block)..<min(rowCount, 4 * block + 4) {
                counts[ReplicateStream.index(ReplicateStream.word(words, t), count: UInt32(rowCount))] += 1
            }
        }
        return counts
    }
}
