import Foundation
import Testing
import TestSupport

/// `--memory-limit` on an OpenCL device, run as a subprocess: the bootstrap's device buffers (its
/// copy of the data, two launches' replicates) stay within it, and a bootstrap whose data alone
/// exceeds it on the device is refused before any bootstrap work (replicates read back or summaries
/// formed on the device), naming the limit and the option (the fit before it: `FitMemoryLimitCommandTests`).
@Suite struct DeviceMemoryLimitCommandTests {
    /// The first OpenCL device that is not a simulator (PoCL), as `trendfit devices` numbers it.
    static let device = OpenCLTestDevices.all.firstIndex { !$0.isSimulator }.map(String.init)

    /// 100 000 rows of `y` against `x`: the device's copy of the centred design alone (two values a
    /// row) holds 1.5 MiB, with the fitted values and residuals of `--scheme residuals` 3.1 MiB; the
    /// fit's table and row indices 1.9 MiB.
    static func largeData(in folder: ScratchFolder) throws -> String {
        var random = SplitMix64(state: 3)
        var lines = ["y,x"]
        lines.reserveCapacity(100_001)
        for i in 0..<100_000 {
            let x = Double(i) / 2000
            lines.append("\(1 + 0.5 * x + Double.random(in: -1...1, using: &random)),\(x)")
        }
        return try folder.write(lines.joined(separator: "\n") + "\n", to: "large.csv")
    }

    @Test(.enabled(if: device != nil, "no OpenCL device"))
    func aBootstrapWhoseDeviceBuffersExceedTheLimitIsRefusedBeforeAnyWork() throws {
        let device = try #require(Self.device)
        let folder = try ScratchFolder()
        let data = try Self.largeData(in: folder)
        // Within 2 MiB the fit of the estimates runs on the device, the bootstrap's inputs do not fit.
        let common = ["bootstrap", data, "--y", "y", "--x", "x", "--resamples", "200", "--scheme", "residuals", "--format", "json"]
        let refused = try assertExecute(common + ["--device", device, "--memory-limit", "2M", "--replicates", folder.path("r.csv")],
                                        exitCode: 1,
                                        stderrContains: "more than the memory limit of 2 MiB; raise the limit with --memory-limit (no work was done)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("for bootstrapping 1 problem (the data, and the replicates of two launches)"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("r.csv")))
        // Summaries formed on the device are refused the same way, before their first pass.
        let refusedOnDevice = try assertExecute(common + ["--device", device, "--memory-limit", "2M", "--summaries", "device"],
                                                exitCode: 1,
                                                stderrContains: "more than the memory limit of 2 MiB; raise the limit with --memory-limit (no work was done)")
        #expect(refusedOnDevice.stdout.isEmpty)
        #expect(refusedOnDevice.stderr.contains("for bootstrapping 1 problem (the data, and the replicates of two launches)"),
                "\(refusedOnDevice.stderr)")
        // The CPU backend holds no second copy of the data, and the device has room for it within 4 MiB:
        // both run, to the same report.
        let cpu = try assertExecute(common + ["--backend", "cpu", "--memory-limit", "1M"])
        let roomy = try assertExecute(common + ["--device", device, "--memory-limit", "4M"])
        #expect(try Self.report(roomy) == Self.report(cpu))
    }

    /// The JSON report of `run` without the keys naming the backend and device.
    static func report(_ run: TrendfitProcess.Result) throws -> NSDictionary {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return object.filter { !["backend", "device"].contains($0.key) } as NSDictionary
    }

    /// Streamed `bootstrap` on the device within 1 MiB (replicates in many chunks, launches sized to
    /// what the data leaves of the limit) reports what the held run does with the default limit.
    @Test(.enabled(if: device != nil, "no OpenCL device"))
    func aSmallLimitOnTheDeviceReportsWhatTheDefaultDoes() throws {
        let device = try #require(Self.device)
        let folder = try ScratchFolder()
        let data = try folder.write(ReplicateFileCommandTests.csv, to: "data.csv")
        let common = ["bootstrap", data, "--y", "y", "--x", "x", "--resamples", "30000", "--seed", "5", "--min-distinct", "4",
                      "--confidence", "0.9,0.95", "--summaries", "host", "--device", device, "--format", "json"]
        let held = try assertExecute(common)
        let streamed = try assertExecute(common + ["--memory-limit", "1M", "--replicates", folder.path("streamed.csv")])
        #expect(held.stdout.contains("\"validResamples\"") && streamed.stdout == held.stdout)
        let replicates = try folder.data("streamed.csv")
        #expect(replicates.count > 30_000)
        _ = try assertExecute(common + ["--replicates", folder.path("held.csv")])
        #expect(try folder.data("held.csv") == replicates)
    }
}
