import Foundation
import Testing
import TestSupport

/// `scripts/oclgrind-narrow-switch`: a chain of comparisons on `t & 3` (how `stream_word_at` in
/// `Kernels/philox.cl` once picked a Philox block's word) gives the words it defines on every
/// hardware OpenCL device, and, on Oclgrind 21.10, other words, which is why the kernel rotates the
/// block instead (docs/GPU-RUNS.md). Should Oclgrind run it as written, this test says so: the
/// rotation is then no longer needed there.
@Suite struct NarrowSwitchScriptTests {
    /// The repository's `scripts/oclgrind-narrow-switch`.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/oclgrind-narrow-switch")

    @Test(.enabled(if: !OpenCLTestDevices.all.isEmpty, "no OpenCL device found"))
    func onlyTheSimulatorMiscomputesTheChain() throws {
        let folder = try ScratchFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script.path]
        let stdout = folder.path("stdout"), stderr = folder.path("stderr")
        FileManager.default.createFile(atPath: stdout, contents: nil)
        FileManager.default.createFile(atPath: stderr, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        try process.run()
        process.waitUntilExit()
        let lines = try String(contentsOfFile: stdout, encoding: .utf8).split(separator: "\n").map(String.init)
        let errors = try String(contentsOfFile: stderr, encoding: .utf8)
        #expect(lines.count == OpenCLTestDevices.all.count, "\(lines) \(errors)")
        for device in OpenCLTestDevices.all {
            let line = lines.first { $0.hasPrefix(device.name + ": ") }
            if device.isSimulator {
                #expect(line == "\(device.name): 30 of 64 words differ (t = 4: 103, defined 100)",
                        "Oclgrind now runs the narrow switch as written (\(line ?? errors)): stream_word_at's rotation is no longer needed there")
            } else {
                #expect(line == "\(device.name): the defined words", "\(line ?? errors)")
            }
        }
        #expect(process.terminationStatus == (OpenCLTestDevices.simulatorIndex == nil ? 0 : 1), "\(errors)")
    }
}
