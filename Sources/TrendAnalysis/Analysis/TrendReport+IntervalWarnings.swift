import TrendFit

extension TrendReport {
    /// Notes on intervals that rest on too few resamples, for stderr and the JSON `warnings`: one
    /// per level for which B is too small (`ResampleSufficiency`), and one per row and level whose
    /// slope interval ends on an extreme order statistic (as R's boot.ci warns).
    public var intervalWarnings: [String] {
        let bootstrap = settings.bootstrap
        var lines = bootstrap.confidences.compactMap { IntervalWarning.fewResamples(bootstrap.resamples, confidence: $0) }
        for row in rows + domainRows {
            guard let estimate = row.estimate else { continue }
            let label = [row.domain, row.period.name, row.domain == nil ? row.subset.rawValue : nil].compactMap { $0 }
                .joined(separator: ", ")
            for level in estimate.levelIntervals where level.usesExtremeOrderStatistics {
                lines.append(IntervalWarning.extremeOrderStatistics(label, confidence: level.confidence, interval: "slope interval"))
            }
        }
        return lines
    }
}
