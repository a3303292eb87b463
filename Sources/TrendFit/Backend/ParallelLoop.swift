import Foundation

/// Runs the iterations of a loop on a fixed number of threads: the calling thread and
/// `threads − 1` others, each taking the next iteration from a shared counter until none is left.
enum ParallelLoop {
    /// Calls `body` once for every iteration in `0..<iterations`, on at most `threads` threads at
    /// once, and returns when all calls have returned.
    static func run(iterations: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = min(max(threads, 1), iterations)
        guard workers > 1 else {
            for iteration in 0..<iterations { body(iteration) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let counter = Counter(body: body, iterations: iterations)
            let finished = DispatchGroup()
            for _ in 1..<workers {
                finished.enter()
                Thread {
                    counter.work()
                    finished.leave()
                }.start()
            }
            counter.work()
            finished.wait()
            // The threads may outlive this call (holding `counter`), the loop body must not.
            counter.dropBody()
        }
    }

    /// The next iteration to run, behind a lock, and the loop body (dropped before `run` returns).
    private final class Counter: @unchecked Sendable {
        private var body: ((Int) -> Void)?
        private let iterations: Int
        private let lock = NSLock()
        private var next = 0

        init(body: @escaping (Int) -> Void, iterations: Int) {
            self.body = body
            self.iterations = iterations
        }

        /// Runs iterations until none is left.
        func work() {
            while let iteration = claim() { body?(iteration) }
        }

        /// Releases the loop body once every worker has finished.
        func dropBody() {
            lock.withLock { body = nil }
        }

        private func claim() -> Int? {
            lock.withLock {
                guard next < iterations else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }
}
