import Testing
import TestSupport
import TrendFitOpenCL

/// Under CI the OpenCL path must be tested: finding no device there is a failure, not a skip.
@Suite struct OpenCLAvailabilityTests {
    @Test(.enabled(if: OpenCLTestDevices.underCI, "runs under CI only (CI set)"))
    func ciFindsTheOpenCLDevicesItInstalls() throws {
        if case .failure(let error) = OpenCLTestDevices.found { Issue.record("listing the OpenCL devices failed: \(error)") }
        #expect(OpenCLTestDevices.hasHardware,
                "CI must run the OpenCL tests, but no OpenCL device was found (scripts/install-system-packages installs PoCL)")
        #expect(OpenCLTestDevices.simulatorIndex != nil,
                "CI must run the agreement checks on Oclgrind, but it is not registered (.ci/run registers it through OCL_ICD_VENDORS)")
    }

}
