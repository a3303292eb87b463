import TrendFit

/// A breakpoint result's bootstrap intervals at one confidence level: the break date and the
/// slopes before and after it, each resample at its own best break.
public struct BreakpointLevelIntervals: Sendable {
    /// The confidence level.
    public var confidence: Double
    /// Percentile interval of the resamples' best break dates: type-7 percentiles of their day
    /// counts, rounded to the day.
    public var breakDate: (low: CalendarDate, median: CalendarDate, high: CalendarDate)?
    /// Percentile interval of the slope before the break.
    public var slopeBefore: QuantileInterval?
    /// Percentile interval of the slope after the break.
    public var slopeAfter: QuantileInterval?
    /// Whether the ends rest on the smallest or largest of the valid resamples (R's boot.ci warning).
    public var usesExtremeOrderStatistics: Bool

    /// The intervals at `confidence` of the valid resamples' break days and slopes.
    init(confidence: Double, breakDays: [Double], slopesBefore: [Double], slopesAfter: [Double]) {
        self.init(confidence: confidence, count: breakDays.count,
                  breakDays: QuantileInterval(percentilesOf: breakDays, confidence: confidence),
                  slopeBefore: QuantileInterval(percentilesOf: slopesBefore, confidence: confidence),
                  slopeAfter: QuantileInterval(percentilesOf: slopesAfter, confidence: confidence))
    }

    /// The intervals at `confidence` from the percentile intervals of `count` valid resamples'
    /// break days and slopes (nil when `count` is 0).
    init(confidence: Double, count: Int, breakDays: QuantileInterval?, slopeBefore: QuantileInterval?,
         slopeAfter: QuantileInterval?) {
        self.confidence = confidence
        breakDate = breakDays.map { interval in
            let dates = interval.array.map { CalendarDate(daysSinceEpoch: $0.rounded()) }
            return (dates[0], dates[1], dates[2])
        }
        self.slopeBefore = slopeBefore
        self.slopeAfter = slopeAfter
        usesExtremeOrderStatistics = count > 0 && [(1 - confidence) / 2, (1 + confidence) / 2].contains {
            Quantile.readsExtremeOrderStatistic(count: count, probability: $0)
        }
    }
}
