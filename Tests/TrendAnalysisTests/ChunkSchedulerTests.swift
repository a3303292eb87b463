import Foundation
import Testing
@testable import TrendAnalysis

/// The chunk scheduler's hand-over of its workers (the backends of `sweep --devices`).
@Suite struct ChunkSchedulerTests {
    /// A worker the test can see released.
    final class Worker: Sendable {
        let index: Int
        init(index: Int) { self.index = index }
    }

    /// When `run` returns, no worker thread holds a worker any more: the caller's references are the
    /// only ones, so the workers (OpenCL backends releasing their programs) are released on the
    /// caller's thread, never on a worker thread still winding down while the process exits. (Before
    /// the threads let go of their workers first, a few of the 4,000 workers per run were still held.)
    @Test func noWorkerThreadHoldsAWorkerAfterRun() throws {
        for round in 0..<500 {
            var workers = (0..<8).map(Worker.init)
            var delivered: [Int] = []
            try ChunkScheduler.run(chunkCount: 12, workers: workers, compute: { chunk, worker in (chunk, worker.index) },
                                   deliver: { _, output in delivered.append(output.0) })
            #expect(delivered == Array(0..<12), "round \(round)")
            for index in workers.indices {
                #expect(isKnownUniquelyReferenced(&workers[index]), "round \(round): worker \(index) is still held")
            }
        }
    }
}
