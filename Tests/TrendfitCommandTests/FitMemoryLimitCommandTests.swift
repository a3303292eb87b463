import Foundation
import Testing
import TestSupport

/// `trendfit fit --memory-limit` on an OpenCL device, run as a subprocess: a fit whose table and one
/// problem's buffers exceed the limit on the device is refused before any work, naming the limit and
/// the option; within a limit it reports what the CPU backend does.
@Suite struct FitMemoryLimitCommandTests {
    @Test(.enabled(if: DeviceMemoryLimitCommandTests.device != nil, "no OpenCL device"))
    func aFitWhoseDeviceBuffersExceedTheLimitIsRefusedBeforeAnyWork() throws {
        let device = try #require(DeviceMemoryLimitCommandTests.device)
        let folder = try ScratchFolder()
        // 100 000 rows: the table (two columns) alone holds 1.5 MiB on the device, its row indices 0.4 MiB.
        let data = try DeviceMemoryLimitCommandTests.largeData(in: folder)
        let common = ["fit", data, "--y", "y", "--x", "x", "--format", "json"]
        let refused = try assertExecute(common + ["--device", device, "--memory-limit", "1M"], exitCode: 1,
                                        stderrContains: "would hold 1.9 MiB, more than the memory limit of 1 MiB; raise the limit with --memory-limit (no work was done)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("for fitting 1 problem (the table, and one problem's rows, descriptors and results)"),
                "\(refused.stderr)")
        // The CPU backend holds no device buffers; within 4 MiB the device fits too, to the same report.
        let cpu = try assertExecute(common + ["--backend", "cpu", "--memory-limit", "1M"])
        let roomy = try assertExecute(common + ["--device", device, "--memory-limit", "4M"])
        let report = DeviceMemoryLimitCommandTests.report
        #expect(try report(roomy) == report(cpu))
        #expect(try (report(cpu)["coefficients"] as? [Any])?.count == 2)
    }
}
