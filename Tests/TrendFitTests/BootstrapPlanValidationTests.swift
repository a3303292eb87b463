import Testing
import TrendFit

/// `BootstrapPlan.invalidSetting`, the rule the command line checks its options with and `validate()` throws.
@Suite struct BootstrapPlanValidationTests {
    @Test(arguments: [
        (BootstrapPlan(resamples: 0, seed: 1), BootstrapPlan.Setting.resamples),
        (BootstrapPlan(resamples: Int(UInt32.max) + 1, seed: 1), .resamples),
        (BootstrapPlan(resamples: 10, seed: 1, firstReplicate: Int(UInt32.max)), .streamOffsets),
        (BootstrapPlan(resamples: 10, seed: 1, firstProblem: -1), .streamOffsets),
        (BootstrapPlan(resamples: 10, seed: 1, jitter: -0.5), .jitter),
        (BootstrapPlan(resamples: 10, seed: 1, jitter: .infinity), .jitter),
        (BootstrapPlan(scheme: .wild, resamples: 10, seed: 1, grouping: .clusters), .grouping),
        (BootstrapPlan(resamples: 10, seed: 1, minimumDistinctRows: BootstrapPlan.maxMinimumDistinctRows + 1), .minimumDistinctRows),
        (BootstrapPlan(resamples: 10, seed: 1, minimumDistinctRows: -1), .minimumDistinctRows),
    ])
    func eachOutOfRangeSettingIsNamedAndThrown(plan: BootstrapPlan, setting: BootstrapPlan.Setting) throws {
        let invalid = try #require(plan.invalidSetting)
        #expect(invalid.setting == setting)
        #expect(throws: TrendFitError.invalidPlan(invalid.reason)) { try plan.validate() }
    }

    @Test func theDefaultsAndTheRangesEndsAreValid() throws {
        let plans = [
            BootstrapPlan(resamples: BootstrapPlan.defaultResamples, seed: BootstrapPlan.defaultSeed),
            BootstrapPlan(resamples: Int(UInt32.max), seed: 0, jitter: 0, minimumDistinctRows: BootstrapPlan.maxMinimumDistinctRows),
            BootstrapPlan(resamples: 1, seed: 0, firstReplicate: Int(UInt32.max), grouping: .strata),
        ]
        for plan in plans {
            #expect(plan.invalidSetting == nil)
            try plan.validate()
        }
    }
}
