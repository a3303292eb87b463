import Foundation
import TrendFitOpenCL

/// The OpenCL devices found by this test process, and which tests run where.
///
/// In-process tests run on every hardware device (`hardware`). A simulator (Oclgrind) is checked
/// only by running `trendfit` on it in a child process, whose standard error holds the simulator's
/// diagnostics and nothing else (`SimulatorAgreementTests`), one launch sequence at a time:
/// Oclgrind 21.10 loses work-groups when two threads of a process run kernels on it at once, as
/// parallel tests would (`scripts/oclgrind-concurrent-launches`, docs/GPU-RUNS.md). Under CI (`CI`
/// set) a missing device is a test failure, not a skip (`OpenCLAvailabilityTests`).
public enum OpenCLTestDevices {
    /// Every OpenCL device of every platform, in `trendfit devices` order, or why none could be listed.
    public static let found: Result<[OpenCLDevice], OpenCLError> = Result { () throws(OpenCLError) in try OpenCLDevice.all() }

    /// Every OpenCL device found (empty when listing them failed).
    public static var all: [OpenCLDevice] { (try? found.get()) ?? [] }

    /// The devices in-process tests run on: every device found except simulators.
    public static var hardware: [OpenCLDevice] { all.filter { !$0.isSimulator } }

    /// Whether any hardware OpenCL device was found.
    public static var hasHardware: Bool { !hardware.isEmpty }

    /// The index, as `trendfit devices` numbers it, of the first simulator; nil when there is none.
    public static var simulatorIndex: Int? { all.firstIndex { $0.isSimulator } }

    /// Whether the tests run under CI (`CI` set), where the OpenCL tests must not be skipped.
    public static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }
}
