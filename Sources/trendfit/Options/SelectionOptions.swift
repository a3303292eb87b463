import ArgumentParser
import TrendAnalysis

/// Which systems are analysed and how they are classified: filters, z-score classes, frontier size.
struct SelectionOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "N of the frontier subset: systems in the top N of everything published up to their date.")
    var frontierTop = 10
    @Option(name: .customLong("notability"), help: ArgumentHelp("Keep systems meeting this notability criterion, e.g. 'SOTA improvement' (repeatable: any of them).", valueName: "criterion"))
    var notability: [String] = []
    @Option(name: .customLong("confidence-rating"), help: ArgumentHelp("Keep systems with this confidence rating, e.g. Confident (repeatable).", valueName: "rating"))
    var confidenceRatings: [String] = []
    @Option(name: .customLong("organization-category"), help: ArgumentHelp("Keep systems from this organization category, e.g. Industry (repeatable).", valueName: "category"))
    var organizationCategories: [String] = []

    @Option(parsing: .unconditional, help: "Half-width in days of the window of contemporaries for z-scores.")
    var zWindowDays = 364.0
    @Option(parsing: .unconditional, help: "Systems with a z-score below this are outliers.")
    var outlierZ = -2.0
    @Option(parsing: .unconditional, help: "Systems with a z-score at or above this (from --large-from on) are large-scale.")
    var largeZ = 0.76
    @Option(help: ArgumentHelp("First date on which a system can be large-scale.", valueName: "date"))
    var largeFrom = "2015-09-01"

    /// The filter the options describe.
    var filter: SystemFilter {
        SystemFilter(notability: notability, confidence: confidenceRatings, organizationCategories: organizationCategories)
    }

    /// The scale classifier the options describe.
    func classifier() throws(AnalysisError) -> ScaleClassifier {
        try ScaleClassifier(windowDays: zWindowDays, outlierZ: outlierZ, largeZ: largeZ,
                            largeFrom: try DateArgument.parse(largeFrom, option: "--large-from"))
    }
}
