import TrendFit

/// Times bootstrap calls of a synthetic workload on a backend.
public enum ThroughputMeasurement {
    /// Times one `bootstrap` call of `plan` on `batch`.
    public static func time(_ backend: any RegressionBackend, workload: SyntheticWorkload, batch: ProblemBatch,
                            plan: BootstrapPlan, precision: Precision) throws -> ThroughputSample {
        try timedBootstrap(backend, workload: workload, batch: batch, plan: plan, precision: precision).sample
    }

    /// Times one `bootstrap` call of `plan` on `batch`, returning its replicates with the timing.
    public static func timedBootstrap(_ backend: any RegressionBackend, workload: SyntheticWorkload, batch: ProblemBatch,
                                      plan: BootstrapPlan, precision: Precision)
        throws -> (replicates: BootstrapReplicates, sample: ThroughputSample) {
        let clock = ContinuousClock()
        let start = clock.now
        let replicates = try backend.bootstrap(batch, plan: plan, precision: precision)
        let seconds = start.duration(to: clock.now).inSeconds
        return (replicates, ThroughputSample(problems: batch.problems.count, resamples: plan.resamples, seconds: seconds,
                                             cost: ResampleCost(workload, plan: plan)))
    }

    /// Runs an untimed call of at most 64 resamples of `plan`, so that kernel compilation and cold
    /// caches stay out of the timed calls that follow.
    public static func warmUp(_ backend: any RegressionBackend, batch: ProblemBatch, plan: BootstrapPlan,
                              precision: Precision) throws {
        var warmUp = plan
        warmUp.resamples = min(plan.resamples, 64)
        _ = try backend.bootstrap(batch, plan: warmUp, precision: precision)
    }

    /// Times `repeats` calls of `plan` after an untimed warm-up call; returns the fastest.
    public static func fastest(_ backend: any RegressionBackend, workload: SyntheticWorkload, batch: ProblemBatch,
                               plan: BootstrapPlan, precision: Precision, repeats: Int) throws -> ThroughputSample {
        try warmUp(backend, batch: batch, plan: plan, precision: precision)
        var best = try time(backend, workload: workload, batch: batch, plan: plan, precision: precision)
        for _ in 1..<max(1, repeats) {
            let sample = try time(backend, workload: workload, batch: batch, plan: plan, precision: precision)
            if sample.seconds < best.seconds { best = sample }
        }
        return best
    }

    /// Times calls whose B is chosen so that each lasts about `budget` seconds.
    ///
    /// After an untimed warm-up call (which compiles kernels and fills caches), starts at
    /// `initialResamples` and multiplies B by up to 8 until a call lasts a quarter of the budget,
    /// then scales B to the budget and returns the faster of two timed calls (other processes on
    /// the machine make single timings noisy). A calibration call can be slow for one-off reasons
    /// (PoCL compiles another variant of a kernel for larger launches), leaving B too small; when
    /// the timed calls last less than half the budget, B is scaled again from them. B never exceeds
    /// `maximumResamples` (the most whose replicates fit in memory), even where that leaves the
    /// calls shorter than the budget.
    public static func sized(_ backend: any RegressionBackend, workload: SyntheticWorkload, batch: ProblemBatch,
                             plan: BootstrapPlan, precision: Precision, budget: Double,
                             initialResamples: Int = 64, maximumResamples: Int = Int(UInt32.max)) throws -> ThroughputSample {
        guard budget > 0, budget.isFinite else { throw WorkloadError.timeBudget(budget) }
        let maximum = max(1, min(Int(UInt32.max), maximumResamples))
        var trial = plan
        trial.resamples = min(initialResamples, maximum)
        _ = try backend.bootstrap(batch, plan: trial, precision: precision)
        var sample = try time(backend, workload: workload, batch: batch, plan: trial, precision: precision)
        while sample.seconds < budget / 4 && trial.resamples < min(Int(UInt32.max) / 8, maximum) {
            let growth = min(8, max(2, budget / 4 / max(sample.seconds, 1e-6)))
            trial.resamples = min(maximum, Int(Double(trial.resamples) * growth))
            sample = try time(backend, workload: workload, batch: batch, plan: trial, precision: precision)
        }
        var best = sample
        for _ in 0..<2 {
            trial.resamples = max(1, min(maximum, Int(Double(trial.resamples) * budget / best.seconds)))
            let first = try time(backend, workload: workload, batch: batch, plan: trial, precision: precision)
            let second = try time(backend, workload: workload, batch: batch, plan: trial, precision: precision)
            best = first.seconds <= second.seconds ? first : second
            if best.seconds >= budget / 2 { break }
        }
        return best
    }
}
