import Foundation
import Testing
import TrendFit
import TrendFitOpenCL

/// A backend under test, named for test output.
struct TestBackend: CustomTestStringConvertible, Sendable {
    let backend: any RegressionBackend
    var testDescription: String { backend.name }
}

/// The backends every engine test runs on: the CPU backend and the first OpenCL device.
///
/// Where no OpenCL device exists the OpenCL cases are left out, except under CI (`CI` set),
/// where a missing device is a failure: CI installs PoCL so the OpenCL path is always tested.
enum TestBackends {
    static func all() -> [TestBackend] {
        var backends = [TestBackend(backend: CPUBackend())]
        if let openCL = openCL() { backends.append(TestBackend(backend: openCL)) }
        return backends
    }

    /// The first OpenCL device's backend, or nil (a test failure under CI) when there is none.
    static func openCL(maxReplicatesPerLaunch: Int? = nil, workGroupSize: Int? = nil,
                       wideLaneProducts: Bool? = nil, kernelForm: KernelForm? = nil) -> OpenCLBackend? {
        let device = (try? OpenCLDevice.all())?.first
        guard let device else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("CI must run the OpenCL tests, but no OpenCL device was found (install pocl-opencl-icd)")
            }
            return nil
        }
        do {
            return try OpenCLBackend(device: device, maxReplicatesPerLaunch: maxReplicatesPerLaunch, workGroupSize: workGroupSize,
                                     wideLaneProducts: wideLaneProducts, kernelForm: kernelForm)
        } catch {
            Issue.record("OpenCL device \(device.name) failed to open: \(error)")
            return nil
        }
    }
}
