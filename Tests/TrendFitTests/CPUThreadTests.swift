import Foundation
import Testing
import TrendFit

@Suite struct CPUThreadTests {
    @Test(arguments: [1, 2, 3, 7])
    func everyThreadCountGivesTheSameBits(threads: Int) throws {
        let batch = try RandomBatches.make(rowCount: 400, regressorCount: 2, problemCount: 30, rowsPerProblem: 20...60,
                                           weighted: false, hasIntercept: true, seed: 17)
        let plan = BootstrapPlan(scheme: .cases, resamples: 300, seed: 99)
        let reference = try CPUBackend(replicatesPerTask: 50, threads: 1).bootstrap(batch, plan: plan, precision: .double)
        let threaded = CPUBackend(replicatesPerTask: 50, threads: threads)
        let replicates = try threaded.bootstrap(batch, plan: plan, precision: .double)
        #expect(replicates.statuses == reference.statuses)
        #expect(replicates.coefficients.map(\.bitPattern) == reference.coefficients.map(\.bitPattern))
        let fits = try threaded.fit(batch, precision: .double)
        let referenceFits = try CPUBackend(threads: 1).fit(batch, precision: .double)
        #expect(fits.map { $0.coefficients.map(\.bitPattern) } == referenceFits.map { $0.coefficients.map(\.bitPattern) })
        #expect(threaded.deviceName == "CPU, \(threads) thread\(threads == 1 ? "" : "s")")
    }

    /// The CPUs listed in /proc/self/status (`Cpus_allowed_list: 0-3,6`), an independent reading of the affinity mask.
    static func allowedCPUsFromProc() throws -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        return line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces).split(separator: ",").map { range in
            let ends = range.split(separator: "-").compactMap { Int($0) }
            return ends.count == 2 ? ends[1] - ends[0] + 1 : 1
        }.reduce(0, +)
    }

    @Test func theDefaultIsTheAffinityMaskCappedBySlurmCPUsPerTask() throws {
        let allowed = try #require(CPUAllowance.affinityCount())
        if let fromProc = try Self.allowedCPUsFromProc() { #expect(allowed == fromProc) }
        #expect(CPUAllowance.available(environment: [:]) == allowed)
        #expect(CPUAllowance.available(environment: ["SLURM_CPUS_PER_TASK": "1"]) == 1)
        #expect(CPUAllowance.available(environment: ["SLURM_CPUS_PER_TASK": String(allowed + 5)]) == allowed)
        for unusable in ["0", "-2", "two", "99999999999999999999"] {
            #expect(CPUAllowance.available(environment: ["SLURM_CPUS_PER_TASK": unusable]) == allowed)
        }
    }
}
