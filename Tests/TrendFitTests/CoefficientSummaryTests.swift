import Foundation
import Testing
import TrendFit

/// Interval formulas against NumPy/SciPy (numpy.percentile, scipy.special.ndtri/ndtr) on the same vectors.
@Suite struct CoefficientSummaryTests {
    /// Deterministic skewed replicates and jackknife values (the Python reference builds the same ones).
    static let replicates = (1...200).map { i -> Double in
        let fraction = (Double(i) * 0.37).truncatingRemainder(dividingBy: 1)
        return fraction * fraction * 3 + 0.01 * Double(i) / 100
    }
    static let jackknife = (1...30).map { i -> Double in
        let fraction = (Double(i) * 0.61).truncatingRemainder(dividingBy: 1)
        return 1 + fraction * fraction * fraction
    }

    static func summary(_ method: IntervalMethod) throws -> CoefficientSummary {
        try CoefficientSummary(estimate: 0.9, replicates: replicates, method: method, confidence: 0.9, jackknife: jackknife)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test func percentile() throws {
        let s = try Self.summary(.percentile)
        #expect(Self.close(s.lower, 0.017510000000000293) && Self.close(s.upper, 2.6691999999999867))
        #expect(Self.close(s.median, 0.7464999999999925) && Self.close(s.standardError, 0.8881499726224984))
    }

    @Test func basic() throws {
        let s = try Self.summary(.basic)
        #expect(Self.close(s.lower, -0.8691999999999866) && Self.close(s.upper, 1.7824899999999997))
    }

    @Test func normal() throws {
        let s = try Self.summary(.normal)
        #expect(Self.close(s.lower, -0.6559767037449654) && Self.close(s.upper, 2.265776703744969))
    }

    @Test func bca() throws {
        let s = try Self.summary(.bca)
        #expect(Self.close(s.lower, 0.024540763550452226) && Self.close(s.upper, 2.755387798653063))
    }

    /// Each replicate's own standard error, for the studentized interval.
    static let replicateErrors = (1...200).map { i in 0.2 + (Double(i) * 0.73).truncatingRemainder(dividingBy: 1) * 0.5 }

    /// NumPy: t = sort((reps − 0.9) / ses); [0.9 − quantile(t, 1 − α/2)·0.35, 0.9 − quantile(t, α/2)·0.35].
    @Test(arguments: [(0.9, -0.647582791327887, 1.9270399515738497), (0.95, -0.9637500000000135, 2.1619021739130364)])
    func studentized(confidence: Double, lower: Double, upper: Double) throws {
        let s = try CoefficientSummary(estimate: 0.9, replicates: Self.replicates, method: .studentized, confidence: confidence,
                                       replicateStandardErrors: Self.replicateErrors, estimateStandardError: 0.35)
        #expect(Self.close(s.lower, lower) && Self.close(s.upper, upper), "\(s.lower), \(s.upper)")
        #expect(s.replicateCount == 200 && !s.usesExtremeOrderStatistics)
    }

    @Test func studentizedLeavesOutReplicatesWithoutAnError() throws {
        var errors = Self.replicateErrors
        errors[0] = 0
        let s = try CoefficientSummary(estimate: 0.9, replicates: Self.replicates, method: .studentized, confidence: 0.9,
                                       replicateStandardErrors: errors, estimateStandardError: 0.35)
        #expect(s.replicateCount == 199 && s.lower.isFinite && s.upper.isFinite)
        #expect(throws: TrendFitError.self) {
            try CoefficientSummary(estimate: 0.9, replicates: Self.replicates, method: .studentized, confidence: 0.9)
        }
    }

    /// Replicates equal to θ̂ count one half in BCa's bias correction: scipy's
    /// `_percentile_of_score` gives 0.545 for these (28 ties), and NumPy the ends below.
    @Test func bcaCountsTiesAsHalf() throws {
        let replicates = Self.replicates.enumerated().map { index, value in (index + 1) % 7 == 0 ? 0.9 : value }
        let s = try CoefficientSummary(estimate: 0.9, replicates: replicates, method: .bca, confidence: 0.9,
                                       jackknife: Self.jackknife)
        #expect(Self.close(s.lower, 0.0248443036532936) && Self.close(s.upper, 2.687778370158552), "\(s.lower), \(s.upper)")
    }

    /// The ends of a 99% interval from 100 replicates sit at type-7 positions 0.495 and 98.505: the
    /// extreme order statistics, as R's boot.ci warns; from 1000 replicates (4.995, 994.005) they do not.
    @Test(arguments: IntervalMethod.allCases)
    func extremeOrderStatisticsAreFlagged(method: IntervalMethod) throws {
        func summary(_ count: Int) throws -> CoefficientSummary {
            let values = (0..<count).map { Double($0) / Double(count) + 0.5 / Double(count) }
            return try CoefficientSummary(estimate: 0.5 + 0.1 / Double(count), replicates: values, method: method, confidence: 0.99,
                                          jackknife: [0.4, 0.5, 0.7],
                                          replicateStandardErrors: Array(repeating: 0.1, count: count), estimateStandardError: 0.1)
        }
        #expect(try summary(100).usesExtremeOrderStatistics == (method != .normal))
        #expect(try summary(1000).usesExtremeOrderStatistics == false)
    }

    @Test func normalQuantile() {
        #expect(Self.close(NormalDistribution.quantile(0.975), 1.959963984540054))
        #expect(Self.close(NormalDistribution.quantile(1e-10), -6.361340902404056))
        #expect(Self.close(NormalDistribution.quantile(0.3), -0.5244005127080409))
    }

    @Test func undefinedIntervalsAreErrors() {
        #expect(throws: TrendFitError.self) {
            try CoefficientSummary(estimate: 10, replicates: [1, 2, 3], method: .bca, confidence: 0.95, jackknife: [1, 2, 3])
        }
        #expect(throws: TrendFitError.self) {
            try CoefficientSummary(estimate: 1, replicates: [1, 2, 3], method: .bca, confidence: 0.95)
        }
        #expect(throws: TrendFitError.self) {
            try CoefficientSummary(estimate: 1, replicates: [1], method: .percentile, confidence: 0.95)
        }
        #expect(throws: TrendFitError.self) {
            try CoefficientSummary(estimate: 1, replicates: [1, 2], method: .percentile, confidence: 1)
        }
    }
}
