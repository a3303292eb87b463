import Foundation
import Testing
import TestSupport

/// `scripts/oclgrind-narrow-switch`: a chain of comparisons on `t & 3` (how `stream_word_at` in
/// `Kernels/philox.cl` once picked a Philox block's word) gives the words it defines on every
/// hardware OpenCL device, and, on Oclgrind 21.10, other words, which is why the kernel rotates the
/// block instead (docs/GPU-RUNS.md). Should Oclgrind run it as written, this test says so: the
/// rotation is then no longer needed there.
@Suite struct NarrowSwitchScriptTests {
    @Test(.enabled(if: !OpenCLTestDevices.all.isEmpty, "no OpenCL device found"))
    func onlyTheSimulatorMiscomputesTheChain() throws {
        let run = try RepositoryScript("oclgrind-narrow-switch").run()
        let lines = run.stdoutLines, errors = run.stderr
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
        #expect(run.status == (OpenCLTestDevices.simulatorIndex == nil ? 0 : 1), "\(errors)")
    }
}
