import Foundation

/// Runs numbered chunks of work on several workers at once and hands the results back in order.
///
/// Each worker (e.g. one backend per device) gets its own thread, which takes the next chunk
/// number from a shared counter until none is left, so faster workers do more chunks. Results
/// are delivered on the calling thread in chunk order; a worker waits rather than run more than
/// `lookahead` chunks ahead of delivery, which bounds the results held in memory. The first error
/// stops the workers and is rethrown once they have all finished.
///
/// When `run` returns, no worker thread holds a worker any more: each thread lets go of its worker
/// before it reports that it has finished, so the caller's references are the last and a worker is
/// released (an OpenCL backend releasing its programs and context) on the caller's thread, not on a
/// thread still winding down while the process exits (which corrupted the heap inside an OpenCL
/// driver's clReleaseProgram).
enum ChunkScheduler {
    /// Computes chunks `0..<chunkCount` with `compute` on `workers` and passes each result to `deliver`, in order.
    static func run<Worker: Sendable, Output: Sendable>(
        chunkCount: Int, workers: [Worker], lookahead: Int? = nil,
        compute: @escaping @Sendable (_ chunk: Int, _ worker: Worker) throws -> Output,
        deliver: (_ chunk: Int, _ output: Output) throws -> Void
    ) throws {
        precondition(!workers.isEmpty, "at least one worker")
        let state = State<Worker, Output>(workers: workers, lookahead: max(1, lookahead ?? 2 * workers.count),
                                          chunkCount: chunkCount)
        for index in workers.indices {
            let thread = Thread { state.work(index, compute) }
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
    private final class State<Worker: Sendable, Output: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        /// Each worker until its thread takes it (`work`).
        private var workers: [Worker?]
        private let lookahead: Int
        private let chunkCount: Int
        private var nextChunk = 0
        private var delivered = 0
        private var finishedWorkers = 0
        private var outputs: [Int: Output] = [:]
        private var failure: (any Error)?

        init(workers: [Worker], lookahead: Int, chunkCount: Int) {
            self.workers = workers
            self.lookahead = lookahead
            self.chunkCount = chunkCount
        }

        /// Worker `index`'s thread: takes the worker, computes chunks with it until none is left or
        /// one failed, lets go of it, then reports that it has finished.
        func work(_ index: Int, _ compute: (_ chunk: Int, _ worker: Worker) throws -> Output) {
            if let worker = condition.withLock({ workers[index].take() }) { computeChunks(on: worker, compute) }
            condition.withLock {
                finishedWorkers += 1
                condition.broadcast()
            }
        }

        /// Takes a chunk, computes it on `worker`, stores the output; until no chunk is left or one failed.
        private func computeChunks(on worker: Worker, _ compute: (_ chunk: Int, _ worker: Worker) throws -> Output) {
            while let chunk = claim() {
                do {
                    let output = try compute(chunk, worker)
                    condition.withLock {
                        outputs[chunk] = output
                        condition.broadcast()
                    }
                } catch {
                    fail(error)
                }
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
