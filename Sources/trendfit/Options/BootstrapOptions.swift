import ArgumentParser
import TrendAnalysis
import TrendFit

/// How bootstrap intervals are drawn, and the date conventions of slopes and doubling times.
struct BootstrapOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Days per year of the x axis.")
    var daysPerYear = 365.25
    @Option(parsing: .unconditional, help: "Days per month of doubling times (default: days per year / 12).")
    var daysPerMonth: Double?

    @Option(parsing: .unconditional, help: ConfidenceOption.help, transform: ConfidenceOption.parse)
    var confidence = try! ConfidenceLevels(BootstrapSettings.standard.confidences)
    @Option(parsing: .unconditional, help: "Bootstrap resamples per trend.")
    var resamples = BootstrapSettings.standard.resamples
    @Option(parsing: .unconditional, help: "Seed of the bootstrap streams.")
    var seed = BootstrapSettings.standard.seed
    @Option(name: .customLong("jitter-log10"), parsing: .unconditional, help: "Half-width of uniform noise added to each resampled log10 value.")
    var jitterLog10 = BootstrapSettings.standard.jitterLog10
    @Option(parsing: .unconditional, help: "Resamples with fewer distinct systems than this are excluded (and counted).")
    var minDistinct = BootstrapSettings.standard.minimumDistinctSystems
    @Option(help: MemoryLimitOption.help, transform: MemoryLimitOption.parse)
    var memoryLimit = BootstrapSettings.standard.memoryLimit

    /// The conventions the options describe.
    func conventions() throws(AnalysisError) -> TimeConventions {
        try TimeConventions(daysPerYear: daysPerYear, daysPerMonth: daysPerMonth)
    }

    /// The bootstrap settings the options describe.
    func settings() throws(AnalysisError) -> BootstrapSettings {
        try BootstrapSettings(confidence: confidence.primary, resamples: resamples, seed: seed, jitterLog10: jitterLog10,
                              minimumDistinctSystems: minDistinct, additionalConfidences: Array(confidence.values.dropFirst()),
                              memoryLimit: memoryLimit)
    }
}
