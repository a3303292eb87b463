import Foundation
import Testing
import TrendFit

/// Degenerate case resamples (a regressor constant over the drawn rows, or the drawn design
/// otherwise rank-deficient) are excluded on every backend and precision, checked against exact
/// rational fits of every resample of tiny datasets (`Fixtures/exact-resamples/generate.py`).
@Suite struct DegenerateResampleTests {
    static let datasets = (try? ExactResamples.load().enumerated) ?? []

    struct Setting: Sendable, CustomTestStringConvertible {
        let backend: TestBackend
        let precision: Precision
        var testDescription: String { "\(backend.testDescription) \(precision)" }
    }

    static func settings() -> [Setting] {
        TestBackends.all().flatMap { backend in [Precision.double, .float].map { Setting(backend: backend, precision: $0) } }
    }

    /// Each replicate is excluded exactly when the rows its stream drew make a rank-deficient
    /// design, and otherwise equals the exact fit of those rows.
    @Test(arguments: settings())
    func everyReplicateMatchesTheExactFitOfItsDraws(_ setting: Setting) throws {
        #expect(Self.datasets.count == 4)
        for dataset in Self.datasets {
            let plan = BootstrapPlan(resamples: 3000, seed: 0xDE6E_0001)
            let replicates = try setting.backend.backend.bootstrap(dataset.batch(), plan: plan, precision: setting.precision)
            let tolerance = setting.precision == .double ? 1e-9 : 2e-3
            var excluded = 0
            for b in 0..<plan.resamples {
                let counts = ExactResamples.drawCounts(seed: plan.seed, replicate: b, rowCount: dataset.y.count)
                let group = try #require(dataset.group(counts: counts))
                let status = replicates.status(problem: 0, replicate: b)
                guard let exact = group.coefficients else {
                    #expect(status != .ok, "\(dataset.name): replicate \(b) draws \(counts), a degenerate resample")
                    excluded += 1
                    continue
                }
                #expect(status == .ok, "\(dataset.name): replicate \(b) draws \(counts), excluded as \(status)")
                guard status == .ok else { continue }
                for (j, value) in exact.enumerated() {
                    let replicate = replicates.coefficients[b * replicates.coefficientStride + j]
                    #expect(abs(replicate - value) <= tolerance * max(1, abs(value)),
                            "\(dataset.name): replicate \(b) coefficient \(j): \(replicate) vs exact \(value)")
                }
            }
            #expect(replicates.excludedCount(problem: 0) == excluded)
        }
    }

    /// With B large, the excluded share is the exact probability of a degenerate resample and the
    /// 95% percentile interval lies between the ideal bootstrap's 2–3% and 97–98% quantiles.
    @Test(arguments: TestBackends.all())
    func intervalsMatchTheIdealBootstrap(_ backend: TestBackend) throws {
        for dataset in Self.datasets {
            let plan = BootstrapPlan(resamples: 20000, seed: 0xDE6E_0002)
            let replicates = try backend.backend.bootstrap(dataset.batch(), plan: plan, precision: .double)
            let share = Double(replicates.excludedCount(problem: 0)) / Double(plan.resamples)
            let p = dataset.degenerateProbability
            #expect(abs(share - p) <= 5 * (p * (1 - p) / Double(plan.resamples)).squareRoot(),
                    "\(dataset.name): excluded \(share), exact \(p)")
            for (j, quantiles) in dataset.quantiles.enumerated() {
                let summary = try CoefficientSummary(estimate: 0, replicates: replicates.values(problem: 0, coefficient: j),
                                                     method: .percentile, confidence: 0.95)
                let slack = 1e-9 * max(1, abs(quantiles["0.025"]!))
                #expect(summary.lower >= quantiles["0.02"]! - slack && summary.lower <= quantiles["0.03"]! + slack,
                        "\(dataset.name) coefficient \(j): lower \(summary.lower), ideal 2–3% \(quantiles["0.02"]!)…\(quantiles["0.03"]!)")
                #expect(summary.upper >= quantiles["0.97"]! - slack && summary.upper <= quantiles["0.98"]! + slack,
                        "\(dataset.name) coefficient \(j): upper \(summary.upper), ideal 97–98% \(quantiles["0.97"]!)…\(quantiles["0.98"]!)")
            }
        }
    }

    /// The exclusion rule does not depend on the regressors' scale.
    @Test(arguments: settings())
    func flagsDoNotDependOnScale(_ setting: Setting) throws {
        for dataset in Self.datasets {
            let plan = BootstrapPlan(resamples: 2000, seed: 0xDE6E_0003)
            let statuses = try [1, 1e-8, 1e8].map { scale in
                try setting.backend.backend.bootstrap(dataset.batch(scale: scale), plan: plan, precision: setting.precision).statuses
            }
            for (scaled, label) in [(statuses[1], "x · 1e-8"), (statuses[2], "x · 1e8")] {
                let differing = zip(scaled, statuses[0]).filter { $0 != $1 }.count
                #expect(differing == 0, "\(dataset.name), \(label): \(differing) of \(plan.resamples) statuses differ")
            }
            #expect(statuses[0].contains(ReplicateStatus.rankDeficient.rawValue))
        }
    }

    /// 10⁵ systems on one date plus one other, in both precisions: a resample that misses
    /// the other one is excluded (in float the centred sum's rounding residue, of order n·ε, is
    /// far above the pivot tolerance, so only the exact comparison of the drawn values finds it).
    /// In double every other resample is valid; in float some are beyond its precision (their
    /// centred sum of squares is lost to rounding) and are excluded too.
    @Test(arguments: settings())
    func largeResampleOnOneDateIsExcluded(_ setting: Setting) throws {
        let n = 100_000
        var random = SplitMix64(state: 99)
        let x = (0..<n).map { $0 == 700 ? 2017.25 : 2015.5 }
        let y = (0..<n).map { _ in 20 + Double.random(in: -1...1, using: &random) }
        let w = (0..<n).map { $0 == 701 ? 0 : 1 + Double.random(in: 0...1, using: &random) }
        let table = try DataTable(columns: [("x", x), ("y", y), ("w", w)])
        for weights in [nil, 2] as [Int?] {
            // Row 701 (weight 0 when weighted) shares the date: it never makes x vary.
            let batch = try ProblemBatch(table: table, problems: [
                RegressionProblem(rows: (0..<Int32(n)).map { $0 }, response: 1, regressors: [0], weights: weights),
            ])
            let plan = BootstrapPlan(resamples: 32, seed: 0xDE6E_0005)
            let replicates = try setting.backend.backend.bootstrap(batch, plan: plan, precision: setting.precision)
            var excluded = 0
            for b in 0..<plan.resamples {
                let drawsOther = ExactResamples.drawCounts(seed: plan.seed, replicate: b, rowCount: n)[700] > 0
                let status = replicates.status(problem: 0, replicate: b)
                if !drawsOther || setting.precision == .double {
                    #expect((status == .ok) == drawsOther, "replicate \(b): draws the other date: \(drawsOther), status \(status)")
                }
                excluded += drawsOther ? 0 : 1
            }
            #expect(excluded > 2 && excluded < 30)
        }
    }

    /// The issue's 20-row model with a dummy that is 1 in two rows: the engine's percentile
    /// intervals match a NumPy bootstrap that excludes degenerate resamples, within Monte Carlo error.
    @Test(arguments: TestBackends.all())
    func dummyInTwoOfTwentyRowsMatchesNumPy(_ backend: TestBackend) throws {
        let reference = try ExactResamples.load().sampled
        let table = try DataTable(columns: [("x", reference.columns[0]), ("dummy", reference.columns[1]), ("y", reference.y)])
        let batch = try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: (0..<Int32(reference.y.count)).map { $0 }, response: 2, regressors: [0, 1]),
        ])
        let plan = BootstrapPlan(resamples: 20000, seed: 0xDE6E_0004)
        let replicates = try backend.backend.bootstrap(batch, plan: plan, precision: .double)
        let share = Double(replicates.excludedCount(problem: 0)) / Double(plan.resamples)
        #expect(abs(share - reference.degenerateFraction) < 0.01, "excluded \(share), NumPy \(reference.degenerateFraction)")
        for j in 0..<3 {
            let summary = try CoefficientSummary(estimate: 0, replicates: replicates.values(problem: 0, coefficient: j),
                                                 method: .percentile, confidence: 0.95)
            // Reference B = 400000: its own error is about the B = 20000 spread over √20.
            let lowerTolerance = 5 * reference.lowerSD20000[j] * (1 + 1 / 20.0).squareRoot()
            let upperTolerance = 5 * reference.upperSD20000[j] * (1 + 1 / 20.0).squareRoot()
            #expect(abs(summary.lower - reference.lower[j]) <= lowerTolerance,
                    "coefficient \(j): lower \(summary.lower), NumPy \(reference.lower[j]) ± \(lowerTolerance)")
            #expect(abs(summary.upper - reference.upper[j]) <= upperTolerance,
                    "coefficient \(j): upper \(summary.upper), NumPy \(reference.upper[j]) ± \(upperTolerance)")
        }
        // The dummy's interval from the NumPy reference: about [3.03; 3.32], not reaching 0.
        #expect(reference.lower[2] > 2.9 && reference.upper[2] < 3.4)
    }
}
