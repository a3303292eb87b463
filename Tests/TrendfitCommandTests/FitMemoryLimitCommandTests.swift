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

    /// A sweep whose first chunk the device cannot hold within the limit stops with the advice and
    /// says that no configuration was run, its output file not written (only its .partial, holding
    /// the opening lines, which --resume takes up).
    @Test(.enabled(if: DeviceMemoryLimitCommandTests.device != nil, "no OpenCL device"))
    func aSweepRefusedOnTheDeviceSaysWhatToRaiseAndWhatWasRun() throws {
        let device = try #require(DeviceMemoryLimitCommandTests.device)
        let folder = try ScratchFolder()
        var random = SplitMix64(state: 8)
        var lines = ["Model,Publication date,Training compute (FLOP)"]
        for i in 0..<100_000 {
            let year = 1955 + Double.random(in: 0..<60, using: &random)
            lines.append("m\(i),\(Int(year))-06-15,\(pow(10, 3 + 0.3 * (year - 1955) + Double.random(in: -1...1, using: &random)))")
        }
        let data = try folder.write(lines.joined(separator: "\n") + "\n", to: "systems.csv")
        let spec = try folder.write("""
            {"periods": [{"name": "A", "start": "1950-01-01", "end": "era"}, {"name": "B", "start": "era"}],
             "subsets": ["all"], "resamples": 50, "sweep": [{"name": "era", "from": "2010-01", "to": "2011-01", "step": "6m"}]}
            """, to: "spec.json")
        let run = try assertExecute(["sweep", spec, "--data", data, "--device", device, "--memory-limit", "1M",
                                     "--output", folder.path("rows.csv")], exitCode: 1,
                                    stderrContains: "more than the memory limit of 1 MiB; raise the limit with --memory-limit (no configuration was run)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path("rows.csv")))
    }
}
