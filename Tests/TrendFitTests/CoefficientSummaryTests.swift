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
