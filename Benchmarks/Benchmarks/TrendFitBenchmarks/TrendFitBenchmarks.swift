import Benchmark
import TrendFit
import TrendFitOpenCL
import TrendFitWorkloads

/// Fit and bootstrap throughput and allocations on the CPU backend and the first OpenCL device.
///
/// Workloads are `SyntheticWorkload`s: the bootstrap is the issue's target case (one problem,
/// n = 100, p = 2, case resampling, double precision), with and without jitter; the fit is a
/// batch of 1000 such problems. One iteration is one backend call (100 000 resamples, or 1000
/// fits), so throughput is calls per second. Thresholds against a stored baseline: wall clock and
/// throughput may move 25% at the median (35% at p75), allocation counts 5% (10% at p90).
let benchmarks: @Sendable () -> Void = {
    let bootstrapB = 100_000
    let fitProblems = 1000
    let timing = BenchmarkThresholds(relative: [.p50: 25, .p75: 35])
    let allocations = BenchmarkThresholds(relative: [.p50: 5, .p90: 10])
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(3),
        maxIterations: 20,
        thresholds: [.wallClock: timing, .throughput: timing, .mallocCountTotal: allocations])

    var backends: [any RegressionBackend] = [CPUBackend()]
    if let device = (try? OpenCLDevice.all())?.first, let openCL = try? OpenCLBackend(device: device) {
        backends.append(openCL)
    }
    let bootstrapWorkload = SyntheticWorkload(rowsPerProblem: 100, coefficientCount: 2)
    let fitWorkload = SyntheticWorkload(rowsPerProblem: 100, coefficientCount: 2, problemCount: fitProblems)
    guard let bootstrapBatch = try? bootstrapWorkload.makeBatch(), let fitBatch = try? fitWorkload.makeBatch() else {
        fatalError("the synthetic workloads could not be built")
    }
    for backend in backends {
        for jitter in [0.0, 0.05] {
            let plan = BootstrapPlan(scheme: .cases, resamples: bootstrapB, seed: 1, jitter: jitter)
            Benchmark("bootstrap \(backend.name) cases n=100 p=2 B=\(bootstrapB)\(jitter > 0 ? " jitter" : "")") { _ in
                blackHole(try backend.bootstrap(bootstrapBatch, plan: plan, precision: .double))
            }
        }
        Benchmark("fit \(backend.name) \(fitProblems) problems n=100 p=2") { _ in
            blackHole(try backend.fit(fitBatch, precision: .double))
        }
    }
}
