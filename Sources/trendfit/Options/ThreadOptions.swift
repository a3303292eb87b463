import ArgumentParser
import TrendFit

/// How many threads the CPU backend runs on.
struct ThreadOptions: ParsableArguments {
    /// The most threads `--threads` accepts.
    static let maximum = 1024

    @Option(parsing: .unconditional, help: "Threads of the CPU backend (default: the CPUs this process may run on: its affinity mask, at most SLURM_CPUS_PER_TASK).")
    var threads: Int?

    func validate() throws {
        if let threads, !(1...Self.maximum).contains(threads) {
            throw ValidationError("--threads must be from 1 to \(Self.maximum), got \(threads)")
        }
    }

    /// A CPU backend on `--threads` threads, or on every CPU this process may use.
    func makeCPUBackend() -> CPUBackend {
        CPUBackend(threads: threads ?? CPUAllowance.available())
    }
}
