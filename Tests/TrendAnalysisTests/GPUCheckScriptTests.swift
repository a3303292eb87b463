import Foundation
import Testing
import TestSupport

/// `scripts/gpu-check --quick`, run end to end on every OpenCL driver registered here (PoCL, and
/// Oclgrind where it is registered, as under CI) with the built `trendfit`: it must pass and
/// write the JSON and Markdown it documents.
@Suite(.serialized) struct GPUCheckScriptTests {
    /// The repository's `scripts/gpu-check`.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/gpu-check")

    /// The ICD files of the registered OpenCL drivers: those in `OCL_ICD_VENDORS` when it names a
    /// folder, else in /etc/OpenCL/vendors.
    static let drivers: [String] = {
        let environment = ProcessInfo.processInfo.environment["OCL_ICD_VENDORS"]
        var isFolder: ObjCBool = false
        let folder = environment.flatMap { FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && isFolder.boolValue ? $0 : nil }
            ?? "/etc/OpenCL/vendors"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".icd") }.sorted().map { folder + "/" + $0 }
    }()

    /// Runs the script with `arguments`; returns its exit status and standard error.
    static func run(_ arguments: [String], in folder: ScratchFolder) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, "--trendfit", TrendfitProcess.executable.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(SimulatorAgreementTests.checks) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let stderr = folder.path("script.stderr")
        FileManager.default.createFile(atPath: stderr, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")
    }

    @Test(.enabled(if: !drivers.isEmpty, "no OpenCL driver registered"), arguments: drivers)
    func quickRunPassesAndWritesItsReports(driver: String) throws {
        let folder = try ScratchFolder()
        let run = try Self.run(["--quick", "--icd", driver, "--out", folder.path("out")], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: folder.data("out/gpu-check.json")) as? [String: Any])
        #expect(report["passed"] as? Bool == true && report["quick"] as? Bool == true)
        let compare = try #require(report["compare"] as? [String: Any])
        #expect(compare["cells"] as? Int == 12 && compare["bitwiseIdentical"] as? Int == 12 && compare["status"] as? String == "ok")
        let results = try #require(compare["results"] as? [[String: Any]])
        #expect(results.count == 12)
        for result in results {
            let devices = (result["report"] as? [String: Any])?["devices"] as? [[String: Any]] ?? []
            #expect(!devices.isEmpty && devices.allSatisfy { $0["verdict"] as? String == "bitwise identical" }, "\(result)")
        }
        let bench = try #require((report["bench"] as? [String: Any])?["report"] as? [String: Any])
        let backends = Set((bench["results"] as? [[String: Any]] ?? []).compactMap { $0["backend"] as? String })
        #expect(backends == ["cpu", "opencl"])
        let sweep = try #require(report["sweep"] as? [String: Any])
        #expect(sweep["identical"] as? Bool == true && sweep["rows"] as? Int == 17)
        #expect(try folder.data("out/sweep-device.csv") == folder.data("out/sweep-cpu.csv"))
        let markdown = try #require(String(data: try folder.data("out/gpu-check.md"), encoding: .utf8))
        #expect(markdown.hasPrefix("| date | device | command | result |\n"))
        #expect(markdown.contains("12 of 12 cells bitwise identical to the CPU backend"))
        #expect(markdown.components(separatedBy: "| bitwise identical |").count == 13)
    }

    @Test func aMissingDriverIsAnError() throws {
        let folder = try ScratchFolder()
        let run = try Self.run(["--quick", "--icd", folder.path("none.icd"), "--out", folder.path("out")], in: folder)
        #expect(run.status == 1 && run.stderr.contains("gpu-check: FAILED: --icd \(folder.path("none.icd")) does not exist"), "\(run.stderr)")
    }
}
