import Testing
import TrendFit
@testable import TrendFitOpenCL
import TestSupport

/// Stratified and cluster case resampling (`CaseGrouping`) against independent references and
/// across backends.
@Suite struct GroupedResamplingTests {
    /// `batch` with group labels on every problem's rows: for strata a few labels at random, for
    /// clusters the table row modulo 11 (rows of one table row always share a cluster).
    static func grouped(_ batch: ProblemBatch, _ grouping: CaseGrouping, seed: UInt64) throws -> ProblemBatch {
        var random = SplitMix64(state: seed)
        let problems = batch.problems.map { problem in
            var labelled = problem
            labelled.groups = problem.rows.map { row in
                grouping == .strata ? Int32.random(in: 0..<4, using: &random) : row % 11
            }
            return labelled
        }
        return try ProblemBatch(table: batch.table, problems: problems)
    }

    /// The positions a replicate draws, from the documented rule, written independently of the engine.
    static func referenceDraw(_ problem: RegressionProblem, _ grouping: CaseGrouping, seed: UInt64, stream: Int,
                              replicate: Int) -> [Int] {
        let random = ReplicateStream(seed: seed, problem: stream, replicate: replicate)
        func word(_ t: Int) -> UInt32 { ReplicateStream.word(random.block(t / 4, purpose: .rowIndex), t) }
        let labels = problem.groups!
        let units = Set(labels).sorted().map { label in problem.rows.indices.filter { labels[$0] == label } }
        switch grouping {
        case .strata:
            var t = 0
            return units.flatMap { unit in
                unit.map { _ in
                    defer { t += 1 }
                    return unit[ReplicateStream.index(word(t), count: UInt32(unit.count))]
                }
            }
        case .clusters:
            return (0..<units.count).flatMap { u in units[ReplicateStream.index(word(u), count: UInt32(units.count))] }
        case .none:
            return []
        }
    }

    /// Weighted least squares of `columns` (with an intercept) on the given rows, by Gaussian
    /// elimination on the centred normal equations: the slopes then the intercept last.
    static func exactFit(x: [[Double]], y: [Double], w: [Double]) -> [Double] {
        let total = w.reduce(0, +)
        let means = x.map { column in zip(column, w).reduce(0) { $0 + $1.0 * $1.1 } / total }
        let meanY = zip(y, w).reduce(0) { $0 + $1.0 * $1.1 } / total
        let q = x.count
        func centredProduct(_ u: [Double], _ meanU: Double, _ v: [Double], _ meanV: Double) -> Double {
            var sum = 0.0
            for i in u.indices { sum += w[i] * (u[i] - meanU) * (v[i] - meanV) }
            return sum
        }
        var a: [[Double]] = (0..<q).map { j in (0..<q).map { k in centredProduct(x[j], means[j], x[k], means[k]) } }
        var b: [Double] = (0..<q).map { j in centredProduct(x[j], means[j], y, meanY) }
        for pivot in 0..<q {
            for r in (pivot + 1)..<q {
                let factor = a[r][pivot] / a[pivot][pivot]
                for c in pivot..<q { a[r][c] -= factor * a[pivot][c] }
                b[r] -= factor * b[pivot]
            }
        }
        var slopes = Array(repeating: 0.0, count: q)
        for j in stride(from: q - 1, through: 0, by: -1) {
            slopes[j] = (b[j] - ((j + 1)..<q).reduce(0) { $0 + a[j][$1] * slopes[$1] }) / a[j][j]
        }
        return slopes + [meanY - zip(slopes, means).reduce(0) { $0 + $1.0 * $1.1 }]
    }

    @Test(arguments: [CaseGrouping.strata, .clusters], [1, 2])
    func eachReplicateIsTheExactFitOfTheRowsItsStreamDrew(_ grouping: CaseGrouping, regressors: Int) throws {
        let base = try RandomBatches.make(rowCount: 120, regressorCount: regressors, problemCount: 5, rowsPerProblem: 20...40,
                                          weighted: regressors == 2, seed: 77)
        let batch = try Self.grouped(base, grouping, seed: 5)
        let plan = BootstrapPlan(resamples: 40, seed: 31, firstProblem: 3, grouping: grouping)
        for backend in TestBackends.all() {
            let replicates = try backend.backend.bootstrap(batch, plan: plan, precision: .double)
            for (k, problem) in batch.problems.enumerated() {
                for b in 0..<40 where replicates.status(problem: k, replicate: b) == .ok {
                    let drawn = Self.referenceDraw(problem, grouping, seed: 31, stream: 3 + k, replicate: b)
                    let rows = drawn.map { Int(problem.rows[$0]) }
                    let x = problem.regressors.map { column in rows.map { batch.table[$0, column] } }
                    let y = rows.map { batch.table[$0, problem.response] }
                    let w = rows.map { row in problem.weights.map { batch.table[row, $0] } ?? 1 }
                    let expected = Self.exactFit(x: x, y: y, w: w)
                    let base = (k * 40 + b) * replicates.coefficientStride
                    let got = (0..<regressors).map { replicates.coefficients[base + 1 + $0] } + [replicates.coefficients[base]]
                    for (value, reference) in zip(got, expected) {
                        #expect(abs(value - reference) <= 1e-8 * max(1, abs(reference)),
                                "\(backend.backend.name) \(grouping) problem \(k) replicate \(b)")
                    }
                }
                #expect(replicates.excludedCount(problem: k) < 20)
            }
        }
    }

    /// Stratified resamples keep every stratum's size: the mean of a stratum indicator is the same in every replicate.
    @Test(arguments: TestBackends.all())
    func strataKeepTheirSizes(_ backend: TestBackend) throws {
        let labels: [Int32] = (0..<30).map { $0 % 3 == 0 ? 1 : 0 }
        let table = try DataTable(columns: [(name: "indicator", values: labels.map(Double.init))])
        let problem = RegressionProblem(rows: (0..<30).map { Int32($0) }, response: 0, regressors: [], groups: labels)
        let batch = try ProblemBatch(table: table, problems: [problem])
        let stratified = try backend.backend.bootstrap(batch, plan: BootstrapPlan(resamples: 100, seed: 2, minimumDistinctRows: 1,
                                                                                    grouping: .strata), precision: .double)
        #expect(stratified.values(problem: 0, coefficient: 0).allSatisfy { abs($0 - 10.0 / 30) < 1e-14 })
        #expect(stratified.values(problem: 0, coefficient: 0).count == 100)
        let plain = try backend.backend.bootstrap(batch, plan: BootstrapPlan(resamples: 100, seed: 2, minimumDistinctRows: 1),
                                                  precision: .double)
        #expect(Set(plain.values(problem: 0, coefficient: 0)).count > 5)
    }

    /// Cluster resamples keep clusters whole: with clusters of four rows valued 0, 1, 2, 3, every
    /// replicate's mean is 1.5, although the replicates draw clusters in varying numbers.
    @Test(arguments: TestBackends.all())
    func clustersStayWhole(_ backend: TestBackend) throws {
        let n = 40
        let table = try DataTable(columns: [(name: "position in cluster", values: (0..<n).map { Double($0 % 4) }),
                                            (name: "cluster size marker", values: (0..<n).map { $0 < 20 ? 1.0 : 0 })])
        let clusters = (0..<Int32(n)).map { $0 / 4 }
        let batch = try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: (0..<Int32(n)).map { $0 }, response: 0, regressors: [], groups: clusters),
            RegressionProblem(rows: (0..<Int32(n)).map { $0 }, response: 1, regressors: [], groups: clusters),
        ])
        let replicates = try backend.backend.bootstrap(batch, plan: BootstrapPlan(resamples: 100, seed: 9, minimumDistinctRows: 1,
                                                                                   grouping: .clusters), precision: .double)
        #expect(replicates.values(problem: 0, coefficient: 0).count == 100)
        #expect(replicates.values(problem: 0, coefficient: 0).allSatisfy { $0 == 1.5 })
        // The share of rows from the first five clusters varies by multiples of one cluster in ten.
        let shares = replicates.values(problem: 1, coefficient: 0)
        #expect(Set(shares).count > 3)
        #expect(shares.allSatisfy { abs($0 * 10 - ($0 * 10).rounded()) < 1e-12 })
    }

    @Test(arguments: [CaseGrouping.strata, .clusters])
    func problemsWithoutLabelsDrawTheirOrdinaryCaseResamples(_ grouping: CaseGrouping) throws {
        let batch = try RandomBatches.make(rowCount: 90, regressorCount: 1, problemCount: 6, rowsPerProblem: 10...30, seed: 4)
        for backend in TestBackends.all() {
            let plain = try backend.backend.bootstrap(batch, plan: BootstrapPlan(resamples: 37, seed: 6, jitter: 0.1),
                                                      precision: .double)
            let grouped = try backend.backend.bootstrap(batch, plan: BootstrapPlan(resamples: 37, seed: 6, jitter: 0.1,
                                                                                   grouping: grouping), precision: .double)
            #expect(plain == grouped, "\(backend.backend.name)")
        }
    }

    @Test func groupingIsCheckedAgainstTheSchemeAndTheRows() throws {
        #expect(throws: TrendFitError.self) {
            try BootstrapPlan(scheme: .residuals, resamples: 10, seed: 1, grouping: .strata).validate()
        }
        let table = try DataTable(columns: [(name: "x", values: [1, 2, 3]), (name: "y", values: [1, 2, 4])])
        #expect(throws: TrendFitError.self) {
            try ProblemBatch(table: table, problems: [RegressionProblem(rows: [0, 1, 2], response: 1, regressors: [0], groups: [0, 1])])
        }
    }
}

/// The OpenCL kernel of grouped resampling, in both kernel forms, against the CPU backend: bitwise equal
/// in double precision.
@Suite struct GroupedAgreementTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let grouping: CaseGrouping
        let regressors: Int
        let rows: ClosedRange<Int>
        let jitter: Double
        let weighted: Bool
        let launchCap: Int?
        var standardErrors = false
        /// Regressors taking one of this many values, so that some resamples have a constant regressor.
        var tiedValues: Int? = nil
        var zeroWeightShare = 0.0
        /// GPU form: work-items per work-group (nil: the backend's 128).
        var workGroupSize: Int? = nil
        /// GPU form: whether every problem's rows fit the work-group's local memory (`STAGED_ROWS` > 0).
        var staged = true
        var testDescription: String {
            "\(grouping) q=\(regressors) n=\(rows) jitter=\(jitter) weighted=\(weighted) launch≤\(launchCap.map(String.init) ?? "auto") errors=\(standardErrors) ties=\(tiedValues.map(String.init) ?? "none") zero weights=\(zeroWeightShare) groups of \(workGroupSize.map(String.init) ?? "auto")"
        }
    }

    static let cases: [Case] = [
        Case(grouping: .strata, regressors: 1, rows: 5...60, jitter: 0, weighted: false, launchCap: nil),
        Case(grouping: .strata, regressors: 3, rows: 20...80, jitter: 0.2, weighted: true, launchCap: 97, workGroupSize: 16),
        Case(grouping: .clusters, regressors: 1, rows: 30...30, jitter: 0.1, weighted: false, launchCap: nil),
        Case(grouping: .clusters, regressors: 2, rows: 10...200, jitter: 0, weighted: true, launchCap: 50, workGroupSize: 8,
             staged: false),
        Case(grouping: .clusters, regressors: 0, rows: 5...40, jitter: 0.3, weighted: false, launchCap: nil),
        // The replicates' own standard errors (studentized intervals).
        Case(grouping: .strata, regressors: 2, rows: 10...90, jitter: 0, weighted: true, launchCap: nil, standardErrors: true),
        Case(grouping: .clusters, regressors: 1, rows: 20...60, jitter: 0.1, weighted: false, launchCap: nil, standardErrors: true,
             workGroupSize: 32),
        // Ties: resamples whose regressor is constant over the drawn rows (of positive weight).
        Case(grouping: .strata, regressors: 2, rows: 5...16, jitter: 0, weighted: true, launchCap: nil, tiedValues: 2,
             zeroWeightShare: 0.3),
        Case(grouping: .clusters, regressors: 1, rows: 5...16, jitter: 0.1, weighted: false, launchCap: nil, tiedValues: 2),
    ]

    @Test(.requiresOpenCL, arguments: cases, TestBackends.formsOnDevices)
    func replicatesAreBitwiseEqual(_ testCase: Case, on target: TestDeviceForm) throws {
        let gpu = target.form == .gpu
        let openCL = try TestBackends.openCL(target.device, maxReplicatesPerLaunch: testCase.launchCap,
                                             workGroupSize: gpu ? testCase.workGroupSize : nil, kernelForm: target.form)
        let base = try RandomBatches.make(rowCount: 300, regressorCount: testCase.regressors, problemCount: 25,
                                          rowsPerProblem: testCase.rows, weighted: testCase.weighted,
                                          tiedValues: testCase.tiedValues, zeroWeightShare: testCase.zeroWeightShare,
                                          seed: 17)
        let batch = try GroupedResamplingTests.grouped(base, testCase.grouping, seed: 3)
        let plan = BootstrapPlan(resamples: 63, seed: 0xFEED_5EED_0000_0003, jitter: testCase.jitter,
                                 replicateStandardErrors: testCase.standardErrors, grouping: testCase.grouping)
        let cpu = try CPUBackend(replicatesPerTask: 29).bootstrap(batch, plan: plan, precision: .double)
        let device = try openCL.bootstrap(batch, plan: plan, precision: .double)
        #expect(openCL.lastProgram?.kernel == "bootstrap_grouped_replicates")
        #expect(openCL.lastProgram?.options.contains("-D KERNEL_FORM=\(gpu ? 1 : 0)") == true)
        // The GPU form maps work-groups to problems (coefficient-major results) and stages rows that fit.
        #expect(openCL.lastProgram?.problemGroupSize == (gpu ? testCase.workGroupSize ?? 128 : nil))
        if gpu { #expect(openCL.lastProgram?.options.contains("-D STAGED_ROWS=0 ") == !testCase.staged) }
        #expect(cpu.statuses == device.statuses)
        #expect(zip(cpu.residualSumsOfSquares, device.residualSumsOfSquares).allSatisfy { $0.bitPattern == $1.bitPattern })
        let differing = zip(cpu.coefficients, device.coefficients).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0, "\(differing) of \(cpu.coefficients.count) replicate coefficients differ")
        if testCase.tiedValues == nil {
            #expect(cpu.statuses.filter { $0 == 0 }.count > cpu.statuses.count / 2, "most replicates should be valid")
        } else {
            #expect(cpu.statuses.contains(ReplicateStatus.rankDeficient.rawValue), "some resample should have a constant regressor")
            #expect(cpu.statuses.contains(ReplicateStatus.ok.rawValue))
        }
        #expect(cpu.standardErrors.count == (testCase.standardErrors ? cpu.coefficients.count : 0))
        #expect(cpu.standardErrors.count == device.standardErrors.count
                && zip(cpu.standardErrors, device.standardErrors).allSatisfy { $0.bitPattern == $1.bitPattern })
        if testCase.standardErrors { #expect(cpu.standardErrors.contains { $0 > 0 }) }
    }
}

/// The grouped solvers' constant-regressor check (`ReplicateSolver.hasConstantRegressor` in
/// `GroupedCaseSolver`, `has_constant_regressor` in `Kernels/bootstrap_groups.cl`) in isolation:
/// 4000 systems on one date plus one other, grouped so that a resample misses the other one
/// about a third of the time. In float, with a weight (1.1) whose products round the same way
/// row after row, the centred sum of squares of such a resample is a rounding residue of order
/// n·ε, far above the pivot tolerance, so only the exact comparison of the drawn values makes it
/// rank-deficient, on both backends (without the check every such float replicate is ok).
/// Unit weights would not do: their sums are exact here and the residue is exactly 0.
@Suite struct GroupedConstantRegressorTests {
    static func batch(_ grouping: CaseGrouping) throws -> ProblemBatch {
        let n = 4000
        var random = SplitMix64(state: 41)
        let x = (0..<n).map { $0 == 700 ? 2017.25 : 2015.5 }
        let y = (0..<n).map { _ in 20 + Double.random(in: -1...1, using: &random) }
        let w = Array(repeating: 1.1, count: n)
        let table = try DataTable(columns: [("x", x), ("y", y), ("w", w)])
        // Strata: 4 of 1000 rows; clusters: 40 of 100 rows. Row 700 is in stratum 0 and cluster 7.
        let groups = (0..<Int32(n)).map { grouping == .strata ? $0 / 1000 : $0 / 100 }
        return try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: (0..<Int32(n)).map { $0 }, response: 1, regressors: [0], weights: 2,
                              groups: groups),
        ])
    }

    @Test(arguments: [CaseGrouping.strata, .clusters])
    func resamplesMissingTheOtherDateAreRankDeficient(_ grouping: CaseGrouping) throws {
        let batch = try Self.batch(grouping)
        let plan = BootstrapPlan(resamples: 40, seed: 0xC0_57A7, grouping: grouping)
        let drawsOther = (0..<plan.resamples).map { b in
            GroupedResamplingTests.referenceDraw(batch.problems[0], grouping, seed: plan.seed, stream: 0, replicate: b)
                .contains(700)
        }
        #expect(drawsOther.contains(false) && drawsOther.contains(true))
        for precision in [Precision.float, .double] {
            let results = try TestBackends.all().map { backend in
                (backend.backend.name, try backend.backend.bootstrap(batch, plan: plan, precision: precision))
            }
            for (name, replicates) in results {
                for b in 0..<plan.resamples {
                    let status = replicates.status(problem: 0, replicate: b)
                    // In float some resamples that draw the other date are beyond its precision, excluded too.
                    if !drawsOther[b] || precision == .double {
                        #expect((status == .ok) == drawsOther[b],
                                "\(name) \(precision) replicate \(b): draws the other date: \(drawsOther[b]), status \(status)")
                    }
                    if !drawsOther[b] { #expect(status == .rankDeficient) }
                }
            }
            if let (_, device) = results.dropFirst().first {
                let cpu = results[0].1
                #expect(cpu.statuses == device.statuses, "\(precision)")
                if precision == .double {
                    #expect(zip(cpu.coefficients, device.coefficients).allSatisfy { $0.bitPattern == $1.bitPattern })
                }
            }
        }
    }
}
