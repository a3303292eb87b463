import Foundation
import TrendAnalysis
import TrendFit

/// An RFC 4180 parser written for the tests, independent of SwiftCSV and of `DatasetLoader`.
enum ReferenceCSV {
    /// The records of `text`, each a list of unquoted fields.
    static func records(_ text: String) -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if inQuotes {
                if scalar == "\"" {
                    if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(scalar)
                }
            } else if scalar == "\"" {
                inQuotes = true
            } else if scalar == "," {
                record.append(String(field))
                field = String.UnicodeScalarView()
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" { index += 1 }
                record.append(String(field))
                records.append(record)
                record = []
                field = String.UnicodeScalarView()
            } else {
                field.append(scalar)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(String(field))
            records.append(record)
        }
        return records
    }
}

/// Ordinary least squares of y on x by the closed-form formulas.
struct ClosedFormLine {
    var intercept: Double
    var slope: Double
    var rSquared: Double

    init(x: [Double], y: [Double]) {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let sxx = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX
        let residual = zip(x, y).reduce(0) { $0 + pow($1.1 - intercept - slope * $1.0, 2) }
        self.slope = slope
        self.intercept = intercept
        let total = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
        rSquared = 1 - residual / total
    }
}

/// z-scores by the definition, comparing every pair of systems: O(n²).
func bruteForceZScores(days: [Double], logs: [Double], windowDays: Double) -> [Double] {
    days.indices.map { i in
        let window = days.indices.filter { abs(days[$0] - days[i]) <= windowDays }.map { logs[$0] }
        let mean = window.reduce(0, +) / Double(window.count)
        let deviation = (window.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(window.count)).squareRoot()
        return deviation <= 1e-12 * max(1, abs(mean)) ? 0 : (logs[i] - mean) / deviation
    }
}

/// A backend that forwards to `CPUBackend` and records how it was called.
final class SpyBackend: RegressionBackend, @unchecked Sendable {
    private let inner = CPUBackend()
    private let lock = NSLock()
    private var calls: [(kind: String, problems: Int)] = []

    var name: String { inner.name }
    var deviceName: String { inner.deviceName }

    /// The calls so far: "fit" or "bootstrap", with the batch's problem count.
    var recordedCalls: [(kind: String, problems: Int)] {
        lock.withLock { calls }
    }

    func supports(_ precision: Precision) -> Bool { inner.supports(precision) }

    func fit(_ batch: ProblemBatch, precision: Precision) throws(TrendFitError) -> [FitResult] {
        lock.withLock { calls.append((kind: "fit", problems: batch.problems.count)) }
        return try inner.fit(batch, precision: precision)
    }

    func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) throws(TrendFitError) -> BootstrapReplicates {
        lock.withLock { calls.append((kind: "bootstrap", problems: batch.problems.count)) }
        return try inner.bootstrap(batch, plan: plan, precision: precision)
    }
}

/// The embedded dataset, read once for all tests.
let embeddedDataset: Dataset = try! DatasetLoader().loadEmbedded()

/// A dataset of systems given as (ISO date, value) pairs.
func dataset(_ points: [(String, Double)], domains: [[String]] = []) -> Dataset {
    Dataset(source: "synthetic", systems: points.enumerated().map { index, point in
        MLSystem(name: "s\(index)", date: CalendarDate(parsing: point.0)!, value: point.1,
                 domains: index < domains.count ? domains[index] : [], line: index + 2)
    })
}
