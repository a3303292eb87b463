import Foundation
import Testing
import TestSupport
import TrendFit
import TrendFitOpenCL

/// A backend under test, named for test output.
struct TestBackend: CustomTestStringConvertible, Sendable {
    let backend: any RegressionBackend
    var testDescription: String { backend.name }
}

/// An OpenCL device under test, named for test output.
struct TestDevice: CustomTestStringConvertible, Sendable {
    let device: OpenCLDevice
    var testDescription: String { "\(device.name) (\(device.platformName))" }
}

/// The backends every engine test runs on: the CPU backend and every hardware OpenCL device
/// (`OpenCLTestDevices.hardware`; simulators are checked in child processes instead).
///
/// Tests that need an OpenCL device take `devices` as an argument and carry
/// `.enabled(if: TestBackends.hasOpenCL, …)`, so that they show as skipped where there is none;
/// under CI `OpenCLAvailabilityTests` fails instead.
enum TestBackends {
    /// Whether an OpenCL device runs the OpenCL tests.
    static var hasOpenCL: Bool { OpenCLTestDevices.hasHardware }

    /// Every hardware OpenCL device, in device order.
    static var devices: [TestDevice] { OpenCLTestDevices.hardware.map(TestDevice.init) }

    /// The CPU backend, then one OpenCL backend per hardware device (a device that fails to open is a test failure).
    static func all() -> [TestBackend] {
        [TestBackend(backend: CPUBackend())] + devices.compactMap { device in
            do {
                return TestBackend(backend: try openCL(device))
            } catch {
                Issue.record("OpenCL device \(device.testDescription) failed to open: \(error)")
                return nil
            }
        }
    }

    /// The OpenCL backend of `device`, with the given launch settings and kernel form.
    static func openCL(_ device: TestDevice, maxReplicatesPerLaunch: Int? = nil, workGroupSize: Int? = nil,
                       wideLaneProducts: Bool? = nil, kernelForm: KernelForm? = nil) throws -> OpenCLBackend {
        try OpenCLBackend(device: device.device, maxReplicatesPerLaunch: maxReplicatesPerLaunch, workGroupSize: workGroupSize,
                          wideLaneProducts: wideLaneProducts, kernelForm: kernelForm)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where a hardware OpenCL device was found; elsewhere it shows as skipped.
    static var requiresOpenCL: Self { .enabled(if: TestBackends.hasOpenCL, "no OpenCL device found") }
}

/// An OpenCL device under test with the kernel form it is forced to, named for test output.
struct TestDeviceForm: CustomTestStringConvertible, Sendable {
    let device: TestDevice
    let form: KernelForm
    var testDescription: String { "\(device.testDescription), \(form) form" }
}

extension TestBackends {
    /// Every hardware OpenCL device in each kernel form (a CPU device runs the GPU form too, so that
    /// the GPU form is checked where there is no GPU).
    static var formsOnDevices: [TestDeviceForm] {
        devices.flatMap { device in KernelForm.allCases.map { TestDeviceForm(device: device, form: $0) } }
    }
}
