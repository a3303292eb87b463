import Foundation
import Testing
@testable import TrendFit
import TrendFitOpenCL
import TestSupport

/// Summaries formed on an OpenCL device (`StreamedBootstrap` reading its passes with the summary
/// kernels) against those the host forms from every replicate of the CPU backend: bitwise equal,
/// in either kernel form, whatever the launch size, histogram and gather limit, with only a few
/// kilobytes read back.
@Suite struct DeviceSummaryTests {
    /// The device's summaries of `batch` under `budget` (its `replicatesPerCall` the launch size).
    static func onDevice(_ backend: OpenCLBackend, _ batch: ProblemBatch, plan: BootstrapPlan, fit: FitResult,
                         method: IntervalMethod, confidences: [Double], jackknife: [[Double]]?,
                         budget: StreamedBootstrap.Budget) throws -> StreamedBootstrap.Result {
        try StreamedBootstrap.summarize(on: backend, batch: batch, plan: plan, precision: .double,
                                        estimates: fit.coefficients, estimateStandardErrors: fit.standardErrors,
                                        method: method, confidences: confidences, jackknife: jackknife, budget: budget,
                                        threads: 2, onDevice: true, chunk: { _, _ in Issue.record("no chunk reaches the host") },
                                        progress: { _, _ in })
    }

    /// Expects the device's summaries at three levels to be the CPU's stored ones bit for bit,
    /// with the same excluded counts; returns the device's result.
    @discardableResult
    static func expectHostSummaries(_ backend: OpenCLBackend, _ batch: ProblemBatch, method: IntervalMethod, resamples: Int,
                                    budget: StreamedBootstrap.Budget) throws -> StreamedBootstrap.Result {
        let cpu = CPUBackend(threads: 2)
        let plan = BootstrapPlan(resamples: resamples, seed: 7, replicateStandardErrors: method.needsReplicateStandardErrors)
        let fit = try cpu.fit(batch, precision: .double)[0]
        let jackknife = method == .bca
            ? try Jackknife.estimates(of: batch.problems[0], table: batch.table, on: cpu, precision: .double, problemsPerBatch: 64)
            : nil
        let confidences = [0.95, 0.8, 0.5]
        let expected = try StreamedSummaryTests.stored(cpu, batch, plan: plan, fit: fit, method: method,
                                                       confidences: confidences, jackknife: jackknife)
        let result = try onDevice(backend, batch, plan: plan, fit: fit, method: method, confidences: confidences,
                                  jackknife: jackknife, budget: budget)
        #expect(result.summaries.map { $0.map(StreamedSummaryTests.bits) } == expected.map { $0.map(StreamedSummaryTests.bits) },
                "\(method)")
        let replicates = try cpu.bootstrap(batch, plan: plan, precision: .double)
        var excluded: [ReplicateStatus: Int] = [:]
        for raw in replicates.statuses where raw != 0 { excluded[ReplicateStatus(rawValue: raw)!, default: 0] += 1 }
        #expect(result.excluded == excluded)
        return result
    }

    /// Six rows, x = −1, −1, −1, 1, 1, 1 and y = 1, 2, 3 at each: a resample's slope is one of a
    /// few values, the median a zero (so its key range is one key, whose zeros are read for their
    /// signs), and a resample drawing one x only is rank-deficient.
    static func tinyBatch() throws -> ProblemBatch {
        let table = try DataTable(columns: [(name: "x", values: [-1, -1, -1, 1, 1, 1]), (name: "y", values: [1, 2, 3, 1, 2, 3])])
        return try ProblemBatch(table: table, problems: [RegressionProblem(rows: (0..<6).map { Int32($0) }, response: 1, regressors: [0])])
    }

    /// Every interval on continuous replicates (40 rows, p = 3), on tied ones (12 rows on a coarse
    /// grid) and on the tiny batch's (ties, signed zeros, excluded resamples), in launches of 700
    /// replicates with coarse histograms and few gathered values, and in one launch with fine ones.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices, [(700, 8, 50), (3000, 20, 1024)])
    func deviceSummariesEqualTheHostOnes(on device: TestDeviceForm, budget: (perLaunch: Int, bits: Int, gatherLimit: Int)) throws {
        let backend = try TestBackends.openCL(device.device, kernelForm: device.form)
        for method in IntervalMethod.allCases {
            for batch in [try StreamedSummaryTests.batch(rows: 40, seed: 3, tied: false),
                          try StreamedSummaryTests.batch(rows: 12, seed: 3, tied: true), try Self.tinyBatch()] {
                let result = try Self.expectHostSummaries(backend, batch, method: method, resamples: 3000,
                                                          budget: .init(replicatesPerCall: budget.perLaunch,
                                                                        histogramBits: budget.bits, gatherLimit: budget.gatherLimit))
                #expect(result.deviceToHostBytes != nil)
            }
        }
    }

    /// The tiny batch's median slope is a zero among hundreds, and some resamples are excluded:
    /// the checks above see them (a batch without them would not test their handling). The
    /// solvers give +0 only, so zeros of both signs are checked on the host's streamed path
    /// (`StreamedSummaryTests.zerosOnOneKeyKeepTheirSigns`), which chooses the same ranges.
    @Test func tinyBatchHasZeroMedianAndExclusions() throws {
        let batch = try Self.tinyBatch()
        let replicates = try CPUBackend(threads: 2).bootstrap(batch, plan: BootstrapPlan(resamples: 3000, seed: 7), precision: .double)
        let slopes = replicates.values(problem: 0, coefficient: 1)
        #expect(slopes.count { $0 == 0 } > 100)
        #expect(Quantile.type7(unsorted: slopes, [0.5], threads: 1) == [0])
        #expect(replicates.excludedCount(problem: 0) > 0)
    }

    /// Launches that cross the staged chunks of the GPU form's summary kernels
    /// (`SummaryKernelShape.stagedChunk` replicates each): launches of one replicate, one launch
    /// shorter than a chunk, launches of a chunk and one more, and of two chunks with a shorter last
    /// one; tied replicates, zeros and excluded resamples falling anywhere in a chunk.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func launchesAcrossStagedChunksGiveTheHostSummaries(on device: TestDeviceForm) throws {
        let backend = try TestBackends.openCL(device.device, kernelForm: device.form)
        let chunk = backend.summaryShape.stagedChunk
        #expect(chunk > 2 && chunk.nonzeroBitCount == 1)
        for (resamples, perLaunch) in [(40, 1), (chunk / 2 + 3, chunk), (3 * chunk + 5, chunk + 1), (5 * chunk - 9, 2 * chunk)] {
            for batch in [try StreamedSummaryTests.batch(rows: 12, seed: 5, tied: true), try Self.tinyBatch()] {
                for method in [IntervalMethod.percentile, .bca, .studentized] {
                    try Self.expectHostSummaries(backend, batch, method: method, resamples: resamples,
                                                 budget: .init(replicatesPerCall: perLaunch, histogramBits: 8, gatherLimit: 16))
                }
            }
        }
    }

    /// A single resample: the device refuses to summarize it as the host does, with the same message.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func oneResampleIsRefusedAsOnTheHost(on device: TestDeviceForm) throws {
        let backend = try TestBackends.openCL(device.device, kernelForm: device.form)
        let cpu = CPUBackend(threads: 2)
        let batch = try StreamedSummaryTests.batch(rows: 12, seed: 5, tied: false)
        let plan = BootstrapPlan(resamples: 1, seed: 7)
        let fit = try cpu.fit(batch, precision: .double)[0]
        func refusal(_ body: () throws -> Void) -> String? {
            do { try body() } catch { return "\(error)" }
            return nil
        }
        let host = refusal {
            _ = try StreamedSummaryTests.stored(cpu, batch, plan: plan, fit: fit, method: .percentile, confidences: [0.95], jackknife: nil)
        }
        let device = refusal {
            _ = try Self.onDevice(backend, batch, plan: plan, fit: fit, method: .percentile, confidences: [0.95], jackknife: nil,
                                  budget: .init(replicatesPerCall: 1, histogramBits: 8, gatherLimit: 16))
        }
        #expect(host?.contains("valid replicates: cannot form an interval") == true)
        #expect(device == host)
    }

    /// Responses near 1e200: the batch is scaled for the fits and the replicates lie beyond
    /// 2^128, so the device unscales them and the first pass runs again at their scale.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func hugeReplicatesAreSummarizedAtTheirScale(on device: TestDeviceForm) throws {
        let backend = try TestBackends.openCL(device.device, kernelForm: device.form)
        let batch = try StreamedSummaryTests.batch(rows: 30, seed: 4, tied: false, scale: 1e200)
        for method in [IntervalMethod.percentile, .bca, .studentized] {
            let result = try Self.expectHostSummaries(backend, batch, method: method, resamples: 1500,
                                                      budget: .init(replicatesPerCall: 400, histogramBits: 10, gatherLimit: 200))
            #expect(result.passes >= 3, "a first pass at scale 1, again at the replicates' scale, then at least one more")
        }
    }

    /// At B = 10^7, n = 12 and p = 2, the summaries read at most 0.01 bytes per resample back (the
    /// path's own count of every read).
    @Test(.requiresOpenCL, arguments: TestBackends.devices.prefix(1))
    func tenMillionResamplesReadAFewKilobytes(on device: TestDevice) throws {
        let backend = try TestBackends.openCL(device)
        let batch = try StreamedSummaryTests.batch(rows: 12, seed: 8, tied: false)
        let plan = BootstrapPlan(resamples: 10_000_000, seed: 1)
        let fit = try CPUBackend(threads: 2).fit(batch, precision: .double)[0]
        let result = try StreamedBootstrap.summarize(on: backend, batch: batch, plan: plan, precision: .double,
                                                     estimates: fit.coefficients, estimateStandardErrors: fit.standardErrors,
                                                     method: .percentile, confidences: [0.95], memoryLimit: .standard,
                                                     threads: 2, onDevice: true)
        let bytes = try #require(result.deviceToHostBytes)
        #expect(Double(bytes) / Double(plan.resamples) <= 0.01, "\(bytes) bytes in \(result.passes) passes")
    }
}
