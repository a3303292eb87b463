import Foundation

/// Counts the replicates that parallel tasks have finished and passes on, one call at a time, the
/// resamples of every problem done so far each time `resamplesPerReport` more are.
///
/// Sendable by contract: every access to the counts holds the lock.
final class ReplicateProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let problemCount: Int
    private let resamplesPerReport: Int
    private var finishedReplicates = 0
    private var reportedResamples = 0

    /// Creates a counter for a run over `problemCount` problems.
    init(problemCount: Int, resamplesPerReport: Int) {
        self.problemCount = max(1, problemCount)
        self.resamplesPerReport = max(1, resamplesPerReport)
    }

    /// Adds `replicates` finished replicates and calls `report` with the resamples of every
    /// problem done (finished replicates over the problem count) when enough have accrued.
    func add(_ replicates: Int, report: (_ completedResamples: Int) -> Void) {
        lock.withLock {
            finishedReplicates += replicates
            let completed = finishedReplicates / problemCount
            guard completed - reportedResamples >= resamplesPerReport else { return }
            reportedResamples = completed
            report(completed)
        }
    }
}
