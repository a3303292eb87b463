/// How a system's value compares with systems published around the same time.
public enum ScaleClass: String, Sendable, CaseIterable {
    /// Neither an outlier nor large-scale.
    case regular
    /// Far above its contemporaries, published on or after the large-scale start date.
    case large
    /// Far below its contemporaries; left out of every subset.
    case outlier
}

/// Splits systems into outliers, regular-scale and large-scale by a local z-score of log10(value).
///
/// A system's z-score compares its log10 value with those of all systems published within
/// ±`windowDays` days of it, itself included, using their mean and population standard deviation.
/// A window with a single system, or whose values have no spread (standard deviation at most
/// 1e-12 × max(1, |mean|)), gives z = 0. Systems with z < `outlierZ` are outliers; systems with
/// z ≥ `largeZ` published on or after `largeFrom` are large-scale; the rest are regular-scale.
public struct ScaleClassifier: Sendable, Equatable {
    /// Half-width in days of the window of contemporaries.
    public var windowDays: Double
    /// z-scores below this make an outlier.
    public var outlierZ: Double
    /// z-scores at or above this make a large-scale system (from `largeFrom` on).
    public var largeZ: Double
    /// First date on which a system can be large-scale.
    public var largeFrom: CalendarDate

    /// Creates a classifier; defaults follow Sevilla et al. (2022).
    public init(windowDays: Double = 364, outlierZ: Double = -2, largeZ: Double = 0.76,
                largeFrom: CalendarDate = CalendarDate(year: 2015, month: 9, day: 1)) throws(AnalysisError) {
        guard windowDays.isFinite, windowDays >= 0 else {
            throw .invalidSetting(name: "z window", reason: "must be a non-negative number of days, got \(windowDays)")
        }
        guard !outlierZ.isNaN, !largeZ.isNaN else {
            throw .invalidSetting(name: "z threshold", reason: "thresholds must be numbers")
        }
        self.windowDays = windowDays
        self.outlierZ = outlierZ
        self.largeZ = largeZ
        self.largeFrom = largeFrom
    }

    /// The defaults of Sevilla et al. (2022): ±364 days, outliers below −2, large-scale from 0.76 after 2015-09-01.
    public static let standard = try! ScaleClassifier()

    /// The local z-score of each `log10Values[i]` among the systems within ±`windowDays` of `dates[i]`.
    ///
    /// Over the systems sorted by date, each window is a run of consecutive positions, found by two
    /// pointers; its mean and deviation come from prefix sums (`PrefixMoments`), so the whole takes
    /// O(n log n) for any window, not a pass over the window per system.
    public func zScores(dates: [CalendarDate], log10Values: [Double]) -> [Double] {
        precondition(dates.count == log10Values.count, "one date per value")
        let days = dates.map(\.daysSinceEpoch)
        let order = days.indices.sorted { days[$0] < days[$1] }
        let moments = PrefixMoments(order.map { log10Values[$0] })
        var scores = Array(repeating: 0.0, count: dates.count)
        var low = 0
        var high = 0
        for index in order {
            let day = days[index]
            while days[order[low]] < day - windowDays { low += 1 }
            while high < order.count && days[order[high]] <= day + windowDays { high += 1 }
            let (mean, deviation) = moments.moments(low..<high)
            scores[index] = deviation <= 1e-12 * max(1, abs(mean)) ? 0 : (log10Values[index] - mean) / deviation
        }
        return scores
    }

    /// The class of a system with local z-score `zScore` published on `date`.
    public func scaleClass(zScore: Double, date: CalendarDate) -> ScaleClass {
        if zScore < outlierZ { return .outlier }
        return zScore >= largeZ && date >= largeFrom ? .large : .regular
    }
}
