import Foundation
import Testing
import TrendFit
import TrendFitWorkloads

/// `ThroughputMeasurement.sized` fills its time budget even when one calibration call is slow.
@Suite struct ThroughputMeasurementTests {
    /// A backend whose bootstrap takes `secondsPerResample` · B, plus `hiccup` seconds on call
    /// number `slowCall` (like PoCL compiling a kernel variant the first time a launch grows).
    final class PacedBackend: RegressionBackend, @unchecked Sendable {
        let secondsPerResample: Double
        let slowCall: Int
        let hiccup: Double
        private(set) var calls = 0

        init(secondsPerResample: Double, slowCall: Int, hiccup: Double) {
            self.secondsPerResample = secondsPerResample
            self.slowCall = slowCall
            self.hiccup = hiccup
        }

        var name: String { "paced" }
        var deviceName: String { "paced test backend" }
        func supports(_ precision: Precision) -> Bool { true }
        func fit(_ batch: ProblemBatch, precision: Precision) throws -> [FitResult] { [] }

        func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) throws -> BootstrapReplicates {
            calls += 1
            Thread.sleep(forTimeInterval: secondsPerResample * Double(plan.resamples) + (calls == slowCall ? hiccup : 0))
            return BootstrapReplicates(problemCount: batch.problems.count, resamples: plan.resamples,
                                       coefficientStride: batch.coefficientStride)
        }
    }

    @Test func aSlowCalibrationCallDoesNotShrinkTheTimedCalls() throws {
        let workload = SyntheticWorkload(rowsPerProblem: 10, coefficientCount: 2)
        let batch = try workload.makeBatch()
        // Call 1 warms up, call 2 times B = 64 (1.3 ms) and is made 0.2 s slow: calibrated on it
        // alone, B would give calls of about 0.6 ms against a 0.08 s budget.
        let backend = PacedBackend(secondsPerResample: 2e-5, slowCall: 2, hiccup: 0.2)
        let sample = try ThroughputMeasurement.sized(backend, workload: workload, batch: batch,
                                                     plan: BootstrapPlan(resamples: 1, seed: 1), precision: .double,
                                                     budget: 0.08)
        // Without the rescaling the timed call lasts about 0.6 ms with B = 25 (about 4000 with it).
        // Sleeps overshoot on a loaded machine, which shrinks B, so the bounds sit well below the
        // budget and well above the unrescaled call.
        #expect(sample.seconds >= 0.003, "timed call lasted \(sample.seconds) s for B = \(sample.resamples)")
        #expect(sample.resamples > 100)
    }
}
