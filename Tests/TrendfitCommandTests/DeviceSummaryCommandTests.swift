import Foundation
import Testing
import TestSupport

/// `trendfit bootstrap` on an OpenCL device (the first that is not a simulator) forms its summaries there (`--summaries device`), or on
/// the host from the replicates read back (`--replicates`, or `auto` on a CPU device whose replicates fit): either way the CPU
/// backend's JSON, and `summaries` says where they were formed.
@Suite struct DeviceSummaryCommandTests {
    /// The JSON of a bootstrap of the grouped-bootstrap data, without the backend and device names,
    /// after checking that its summaries were formed where `placement` says.
    static func summaries(_ arguments: [String], data: String, placement: String = "host") throws -> NSDictionary {
        let run = try TrendfitProcess.run(["bootstrap", data, "--y", "y", "--x", "x", "--resamples", "5000", "--seed", "3",
                                           "--confidence", "0.9,0.5", "--format", "json"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["summaries"] as? String == placement, "\(arguments)")
        return object.filter { !["backend", "device", "summaries"].contains($0.key) } as NSDictionary
    }

    @Test(.enabled(if: OpenCLTestDevices.hasHardware, "no OpenCL device found"),
          arguments: ["percentile", "basic", "normal", "bca", "studentized"])
    func openCLSummariesAreTheCPUBackends(_ interval: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("device-summaries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data.csv").path
        try GroupedBootstrapCommandTests.csv.write(toFile: data, atomically: true, encoding: .utf8)
        let device = try #require(OpenCLTestDevices.all.firstIndex { !$0.isSimulator })
        let cpu = try Self.summaries(["--interval", interval, "--backend", "cpu"], data: data)
        #expect(try Self.summaries(["--interval", interval, "--device", "\(device)", "--summaries", "device"], data: data,
                                   placement: "device") == cpu)
        #expect(try Self.summaries(["--interval", interval, "--device", "\(device)"], data: data) == cpu)
        let replicates = folder.appendingPathComponent("replicates.csv").path
        #expect(try Self.summaries(["--interval", interval, "--device", "\(device)", "--replicates", replicates], data: data) == cpu)
    }
}
