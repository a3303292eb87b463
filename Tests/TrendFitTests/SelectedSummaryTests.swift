import Foundation
import Testing
@testable import TrendFit
import TestSupport

/// Quantiles and summaries found by selection against today's sorted definition: every order
/// statistic bitwise equal to reading `values.sorted()`, on both the one-thread and the parallel path.
@Suite struct SelectedSummaryTests {
    /// Kinds of random inputs: continuous, heavily tied, signed zeros among others, huge and tiny
    /// magnitudes side by side, already sorted, reversed.
    enum Shape: CaseIterable {
        case continuous, ties, signedZeros, mixedMagnitudes, ascending, descending
    }

    static func values(_ shape: Shape, count: Int, seed: UInt64) -> [Double] {
        var random = SplitMix64(state: seed)
        let values: [Double] = (0..<count).map { _ in
            switch shape {
            case .continuous, .ascending, .descending:
                return Double.random(in: -3...5, using: &random)
            case .ties:
                return Double(Int.random(in: -2...3, using: &random)) * 0.25
            case .signedZeros:
                return [0.0, -0.0, 0.0, -0.0, 1.5, -2.5][Int.random(in: 0..<6, using: &random)]
            case .mixedMagnitudes:
                let magnitude = [1e-300, 1e-150, 1e-3, 1, 1e150, 1e300][Int.random(in: 0..<6, using: &random)]
                return Double.random(in: -1...1, using: &random) * magnitude
            }
        }
        switch shape {
        case .ascending: return values.sorted()
        case .descending: return values.sorted(by: >)
        default: return values
        }
    }

    /// Levels whose type-7 positions fall on, between and at the ends of order statistics.
    static let probabilities = [0, 1e-9, 0.0005, 0.005, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.995, 0.9995, 1]

    static func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test(arguments: Shape.allCases, [1, 2, 3, 5, 16, 17, 100, 1001, 4096])
    func quantilesMatchTheSortedDefinitionOnOneThread(shape: Shape, count: Int) {
        for seed in 1...5 as ClosedRange<UInt64> {
            let values = Self.values(shape, count: count, seed: seed)
            let sorted = values.sorted()
            let selected = Quantile.type7(unsorted: values, Self.probabilities, threads: 1)
            #expect(Self.sameBits(selected, Self.probabilities.map { Quantile.type7(sorted, $0) }), "\(shape) \(count) seed \(seed)")
        }
    }

    /// Above `OrderStatistics.bracketingThreshold` values, brackets from a sample and one counting
    /// pass, on one thread or several.
    @Test(arguments: Shape.allCases, [1, 2, 3])
    func quantilesMatchTheSortedDefinitionWhenBracketed(shape: Shape, threads: Int) {
        let values = Self.values(shape, count: 300_007, seed: UInt64(threads))
        let sorted = values.sorted()
        let selected = Quantile.type7(unsorted: values, Self.probabilities, threads: threads)
        #expect(Self.sameBits(selected, Self.probabilities.map { Quantile.type7(sorted, $0) }), "\(shape)")
    }

    /// Values read in place with a stride of 1 to 3 (one coefficient of stored replicates), below
    /// and above the bracketing threshold: bitwise the order statistics of the same values copied out.
    @Test(arguments: [Shape.continuous, .ties, .signedZeros], [1, 2, 3])
    func stridedSelectionEqualsContiguous(shape: Shape, stride: Int) {
        for count in [1_001, OrderStatistics.bracketingThreshold + 7] {
            let storage = Self.values(shape, count: count * stride, seed: UInt64(stride))
            let ranks = Quantile.type7Ranks(count: count, Self.probabilities)
            for offset in 0..<stride {
                let copied = Swift.stride(from: offset, to: storage.count, by: stride).map { storage[$0] }
                let inPlace = storage.withUnsafeBufferPointer { buffer in
                    OrderStatistics.select(StridedValues(buffer, offset: offset, stride: stride, count: count), ranks: ranks, threads: 2)
                }
                #expect(Self.sameBits(inPlace, OrderStatistics.select(copied, ranks: ranks, threads: 1)),
                        "\(shape) stride \(stride) offset \(offset) count \(count)")
                let sorted = copied.sorted()
                #expect(Self.sameBits(inPlace, ranks.map { sorted[$0] }), "\(shape) stride \(stride) offset \(offset)")
            }
        }
    }

    /// Every sampled value is 0 while the rest spread over (1, 2): the brackets around the
    /// sample's ranks miss the true order statistics, and selection falls back to all values.
    @Test func unrepresentativeSampleFallsBackToFullSelection() {
        var random = SplitMix64(state: 7)
        let count = 1 << 18
        let stride = count / (1 << 14)
        let values = (0..<count).map { $0 % stride == 0 ? 0 : Double.random(in: 1..<2, using: &random) }
        let sorted = values.sorted()
        let selected = Quantile.type7(unsorted: values, Self.probabilities, threads: 2)
        #expect(Self.sameBits(selected, Self.probabilities.map { Quantile.type7(sorted, $0) }))
    }

    /// The summary as it was formed from the sorted replicates (order statistics, share below θ̂
    /// with ties as one half, pivots), the reference for the selection-based one.
    static func sortedReference(estimate: Double, replicates: [Double], method: IntervalMethod, confidence: Double,
                                jackknife: [Double], errors: [Double], estimateError: Double) -> (median: Double, lower: Double, upper: Double) {
        let sorted = replicates.sorted()
        let alpha = (1 - confidence) / 2
        let median = Quantile.type7(sorted, 0.5)
        switch method {
        case .percentile:
            return (median, Quantile.type7(sorted, alpha), Quantile.type7(sorted, 1 - alpha))
        case .basic:
            return (median, 2 * estimate - Quantile.type7(sorted, 1 - alpha), 2 * estimate - Quantile.type7(sorted, alpha))
        case .normal:
            return (median, .nan, .nan)
        case .bca:
            let share = (Double(sorted.filter { $0 < estimate }.count) + Double(sorted.filter { $0 == estimate }.count) / 2)
                / Double(sorted.count)
            let bias = NormalDistribution.quantile(share)
            let mean = jackknife.reduce(0, +) / Double(jackknife.count)
            let squares = jackknife.reduce(0) { $0 + (mean - $1) * (mean - $1) }
            let cubes = jackknife.reduce(0) { $0 + (mean - $1) * (mean - $1) * (mean - $1) }
            let acceleration = cubes / (6 * squares * squares.squareRoot())
            func adjusted(_ level: Double) -> Double {
                let z = bias + NormalDistribution.quantile(level)
                return NormalDistribution.cdf(bias + z / (1 - acceleration * z))
            }
            return (median, Quantile.type7(sorted, adjusted(alpha)), Quantile.type7(sorted, adjusted(1 - alpha)))
        case .studentized:
            let pivots = zip(replicates, errors).map { ($0 - estimate) / $1 }.sorted()
            return (median, estimate - Quantile.type7(pivots, 1 - alpha) * estimateError,
                    estimate - Quantile.type7(pivots, alpha) * estimateError)
        }
    }

    /// Every method at several levels, on tied and continuous replicates, one and several threads:
    /// median and ends bitwise equal to the sorted definition; mean and standard error (summed in
    /// the given order, not the sorted one) within the rounding of B terms (relative 1e-10) of a
    /// compensated two-pass reference.
    @Test(arguments: IntervalMethod.allCases, [Shape.continuous, .ties, .signedZeros])
    func summariesMatchTheSortedDefinition(method: IntervalMethod, shape: Shape) throws {
        let jackknife = [0.9, 1.0, 1.05, 1.3, 0.95]
        for (count, threads) in [(2, 1), (7, 1), (250, 1), (5_000, 1), (200_003, 2)] {
            let replicates = Self.values(shape, count: count, seed: UInt64(count))
            var random = SplitMix64(state: 99)
            let errors = replicates.map { _ in Double.random(in: 0.5...2, using: &random) }
            // θ̂ among the replicates' own values, so ties with it occur; strictly inside their range for BCa.
            let distinct = Array(Set(replicates)).sorted()
            let estimate = distinct.count > 2 ? distinct[distinct.count / 2] : (distinct[0] + distinct[distinct.count - 1]) / 2
            // Several levels on the one-thread path; one on the (slower to check) parallel path.
            for confidence in threads == 1 ? [0.5, 0.9, 0.95, 0.99] : [0.95] {
                let summary: CoefficientSummary
                do {
                    summary = try CoefficientSummary(estimate: estimate, replicates: replicates, method: method, confidence: confidence,
                                                     jackknife: jackknife, replicateStandardErrors: errors,
                                                     estimateStandardError: 0.4, threads: threads)
                } catch {
                    // Only BCa with every replicate equal may refuse.
                    #expect(method == .bca && distinct.count == 1, "\(error)")
                    continue
                }
                let reference = Self.sortedReference(estimate: estimate, replicates: replicates, method: method,
                                                     confidence: confidence, jackknife: jackknife, errors: errors, estimateError: 0.4)
                let context = "\(method) \(shape) B=\(count) level \(confidence)"
                #expect(summary.median.bitPattern == reference.median.bitPattern, "\(context)")
                if method != .normal {
                    #expect(Self.sameBits([summary.lower, summary.upper], [reference.lower, reference.upper]), "\(context)")
                }
                let (mean, deviation) = Self.compensatedMeanAndDeviation(replicates)
                #expect(abs(summary.standardError - deviation) <= 1e-10 * max(deviation, 1e-300), "\(context)")
                if method == .normal {
                    let z = NormalDistribution.quantile(1 - (1 - confidence) / 2)
                    let centre = 2 * estimate - mean
                    #expect(abs(summary.lower - (centre - z * deviation)) <= 1e-10 * (abs(centre) + z * deviation + 1), "\(context)")
                    #expect(abs(summary.upper - (centre + z * deviation)) <= 1e-10 * (abs(centre) + z * deviation + 1), "\(context)")
                }
            }
        }
    }

    /// Mean and standard deviation (divisor B − 1) by Neumaier-compensated sums.
    static func compensatedMeanAndDeviation(_ values: [Double]) -> (Double, Double) {
        func sum(_ terms: [Double]) -> Double {
            var total = 0.0, compensation = 0.0
            for term in terms {
                let next = total + term
                compensation += abs(total) >= abs(term) ? (total - next) + term : (term - next) + total
                total = next
            }
            return total + compensation
        }
        let mean = sum(values) / Double(values.count)
        return (mean, (sum(values.map { ($0 - mean) * ($0 - mean) }) / Double(values.count - 1)).squareRoot())
    }

    /// Degenerate replicates are excluded before summaries are formed; a NaN that slips through is an error, not a silent NaN.
    @Test func nanReplicatesAreRefused() {
        #expect(throws: TrendFitError.self) {
            try CoefficientSummary(estimate: 1, replicates: [1, .nan, 2], method: .percentile, confidence: 0.9)
        }
    }
}
