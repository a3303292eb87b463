/// The texts of interval warnings, the same on stderr and in every command's JSON `warnings`.
public enum IntervalWarning {
    /// `note: …` when `resamples` are too few for `confidence` (`ResampleSufficiency`); nil otherwise.
    public static func fewResamples(_ resamples: Int, confidence: Double) -> String? {
        ResampleSufficiency.note(replicates: resamples, confidence: confidence).map { "note: \($0)" }
    }

    /// `warning: …` for an interval of `subject` (e.g. `x: … 99% studentized interval`) whose end
    /// rests on an extreme order statistic, in R's boot.ci words.
    public static func extremeOrderStatistics(_ label: String, confidence: Double, interval: String) -> String {
        "warning: \(label): extreme order statistics used as endpoints of the "
            + "\(ResampleSufficiency.percent(confidence)) \(interval); use more resamples"
    }
}
