import Foundation

/// The systems an analysis works on: the dataset restricted to a date window and filters, with
/// every system classified by scale, record-setting and frontier membership.
///
/// z-scores, records and the frontier are computed within the window, after filtering; records and
/// the frontier only among non-outliers.
public struct Selection: Sendable {
    /// The selected systems, sorted by publication date.
    public var systems: [ClassifiedSystem]
    /// Dataset systems outside the window.
    public var outsideWindow: Int
    /// Systems inside the window removed by the filter.
    public var filteredOut: Int

    /// Selects and classifies systems of `dataset`; `frontierTop` (at least 1) is the N of the frontier.
    public init(dataset: Dataset, window: DateRange = .unbounded, filter: SystemFilter = SystemFilter(),
                classifier: ScaleClassifier, frontierTop: Int) throws(AnalysisError) {
        try filter.validate(for: dataset)
        let inWindow = dataset.systems.filter { window.contains($0.date) }
        let kept = inWindow.filter(filter.keeps).sorted { $0.date < $1.date }
        let dates = kept.map(\.date)
        let logs = kept.map { log10($0.value) }
        let zScores = classifier.zScores(dates: dates, log10Values: logs)
        let scales = kept.indices.map { classifier.scaleClass(zScore: zScores[$0], date: dates[$0]) }

        let nonOutliers = kept.indices.filter { scales[$0] != .outlier }
        let records = RecordSetting.flags(dates: nonOutliers.map { dates[$0] }, values: nonOutliers.map { logs[$0] })
        let frontier = Frontier.flags(dates: nonOutliers.map { dates[$0] }, values: nonOutliers.map { logs[$0] }, top: frontierTop)
        var isRecord = Array(repeating: false, count: kept.count)
        var isFrontier = Array(repeating: false, count: kept.count)
        for (position, index) in nonOutliers.enumerated() {
            isRecord[index] = records[position]
            isFrontier[index] = frontier[position]
        }

        self.systems = kept.indices.map {
            ClassifiedSystem(system: kept[$0], log10Value: logs[$0], zScore: zScores[$0], scale: scales[$0],
                             isRecordSetting: isRecord[$0], isFrontier: isFrontier[$0])
        }
        self.outsideWindow = dataset.systems.count - inWindow.count
        self.filteredOut = inWindow.count - kept.count
    }

    /// Number of selected systems of scale class `scale`.
    public func count(_ scale: ScaleClass) -> Int {
        systems.reduce(0) { $0 + ($1.scale == scale ? 1 : 0) }
    }
}
