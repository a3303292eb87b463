import Foundation
import Testing
import TestSupport

/// `scripts/oclgrind-concurrent-launches`: Oclgrind 21.10 writes every work-group of a kernel while
/// it is the only kernel running on it in the process, also beside a hardware device's kernels in
/// another thread, and loses work-groups (or crashes) when two threads run kernels on it at once,
/// which is why the simulator checks run `trendfit` in child processes, one launch sequence at a time
/// (docs/GPU-RUNS.md). Should Oclgrind run concurrent kernels correctly, this test says so.
@Suite struct ConcurrentLaunchesScriptTests {
    @Test(.enabled(if: OpenCLTestDevices.simulatorIndex != nil, "no OpenCL simulator (Oclgrind) registered"))
    func theSimulatorIsExactOnlyWithOneKernelAtATime() throws {
        let run = try RepositoryScript("oclgrind-concurrent-launches").run()
        let lines = run.stdoutLines, errors = run.stderr
        #expect(lines.first == "Oclgrind alone: every work-group written (3200)", "\(lines) \(errors)")
        if let hardware = OpenCLTestDevices.hardware.first {
            #expect(lines.contains("Oclgrind beside \(hardware.name): every work-group written (6400)"), "\(lines) \(errors)")
        }
        let together = try #require(lines.last, "\(errors)")
        let lost = together.hasPrefix("Oclgrind in two threads at once: ") && together.hasSuffix(" of 6400 work-groups not written")
        let crashed = together.hasPrefix("Oclgrind (twice): ")
        #expect(lost || crashed, "Oclgrind now runs two kernels at once as written (\(together)): the simulator could run in-process tests")
        #expect(run.status == 1, "\(errors)")
    }
}
