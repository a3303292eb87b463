import ArgumentParser
import TrendFit
import TrendFitOpenCL

/// How many threads the CPU backend, and the host's work on its results, run on.
struct ThreadOptions: ParsableArguments {
    /// The most threads `--threads` accepts.
    static let maximum = 1024

    @Option(parsing: .unconditional, help: "Threads of the CPU backend and of the interval summaries (default: the CPUs this process may run on: its affinity mask, at most SLURM_CPUS_PER_TASK).")
    var threads: Int?

    func validate() throws {
        if let threads, !(1...Self.maximum).contains(threads) {
            throw ValidationError("--threads must be from 1 to \(Self.maximum), got \(threads)")
        }
    }

    /// `--threads`, or every CPU this process may use.
    var count: Int { threads ?? CPUAllowance.available() }

    /// The backend selection whose CPU backend runs on `count` threads.
    var selection: BackendSelection { BackendSelection(threads: count) }

    /// The backend selection whose CPU backend runs on `count` threads and whose OpenCL backends
    /// keep a bootstrap's and a fit's device buffers within `memoryLimit`.
    func selection(memoryLimit: MemoryLimit) -> BackendSelection {
        BackendSelection(threads: count, deviceMemoryLimit: memoryLimit.bytes)
    }
}
