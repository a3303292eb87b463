import CVectorized
import Foundation

/// How many CPUs this process may use: the default thread count of the CPU backend.
public enum CPUAllowance {
    /// The CPUs in this process's affinity mask (Linux `sched_getaffinity`; elsewhere the active
    /// processors), and at most `SLURM_CPUS_PER_TASK` when `environment` sets it to a positive
    /// number (Slurm's `--cpus-per-task`, which does not always restrict the affinity mask).
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        let allowed = affinityCount() ?? ProcessInfo.processInfo.activeProcessorCount
        guard let text = environment["SLURM_CPUS_PER_TASK"], let perTask = Int(text), perTask >= 1 else { return max(allowed, 1) }
        return max(min(allowed, perTask), 1)
    }

    /// Number of CPUs in the affinity mask; nil where it cannot be read.
    public static func affinityCount() -> Int? {
        let count = Int(trendfit_affinity_cpu_count())
        return count > 0 ? count : nil
    }
}
