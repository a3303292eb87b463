import Foundation

/// Runs numbered chunks of work on several workers at once and hands the results back in order.
///
/// Each worker (e.g. one backend per device) gets its own thread, which takes the next chunk
/// number from a shared counter until none is left, so faster workers do more chunks. Results
/// are delivered on the calling thread in chunk order; a worker waits rather than run more than
/// `lookahead` chunks ahead of delivery, which bounds the results held in memory. The first error
/// stops the workers and is rethrown once they have all finished.
enum ChunkScheduler {
    /// Computes chunks `0..<chunkCount` with `compute` on `workers` and passes each result to `deliver`, in order.
    static func run<Worker: Sendable, Output: Sendable>(
        chunkCount: Int, workers: [Worker], lookahead: Int? = nil,
        compute: @escaping @Sendable (_ chunk: Int, _ worker: Worker) throws -> Output,
        deliver: (_ chunk: Int, _ output: Output) throws -> Void
    ) throws {
        precondition(!workers.isEmpty, "at least one worker")
        let state = State<Output>(lookahead: max(1, lookahead ?? 2 * workers.count), chunkCount: chunkCount)
        for worker in workers {
            let thread = Thread { state.work { chunk in try compute(chunk, worker) } }
            thread.start()
        }
        defer { state.waitForWorkers(workers.count) }
        for chunk in 0..<chunkCount {
            let output = try state.take(chunk)
            do {
                try deliver(chunk, output)
            } catch {
                state.fail(error)
                throw error
            }
        }
    }

    /// What the workers and the delivering thread share, behind one condition variable.
    private final class State<Output: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let lookahead: Int
        private let chunkCount: Int
        private var nextChunk = 0
        private var delivered = 0
        private var finishedWorkers = 0
        private var outputs: [Int: Output] = [:]
        private var failure: (any Error)?

        init(lookahead: Int, chunkCount: Int) {
            self.lookahead = lookahead
            self.chunkCount = chunkCount
        }

        /// A worker's loop: take a chunk, compute it, store the output; until no chunk is left or one failed.
        func work(_ compute: (Int) throws -> Output) {
            while let chunk = claim() {
                do {
                    let output = try compute(chunk)
                    condition.withLock {
                        outputs[chunk] = output
                        condition.broadcast()
                    }
                } catch {
                    fail(error)
                }
            }
            condition.withLock {
                finishedWorkers += 1
                condition.broadcast()
            }
        }

        /// The next chunk for a worker, waiting while it would run too far ahead; nil when done.
        private func claim() -> Int? {
            condition.withLock {
                while failure == nil && nextChunk < chunkCount && nextChunk >= delivered + lookahead { condition.wait() }
                guard failure == nil, nextChunk < chunkCount else { return nil }
                defer { nextChunk += 1 }
                return nextChunk
            }
        }

        /// The output of `chunk`, waiting until it is computed; rethrows a worker's error.
        func take(_ chunk: Int) throws -> Output {
            try condition.withLock {
                while outputs[chunk] == nil && failure == nil { condition.wait() }
                if let failure { throw failure }
                delivered = chunk + 1
                condition.broadcast()
                return outputs.removeValue(forKey: chunk)!
            }
        }

        /// Records the first error and wakes everyone.
        func fail(_ error: any Error) {
            condition.withLock {
                if failure == nil { failure = error }
                condition.broadcast()
            }
        }

        /// Waits until `count` workers have left their loops.
        func waitForWorkers(_ count: Int) {
            condition.withLock {
                while finishedWorkers < count { condition.wait() }
            }
        }
    }
}
