import COpenCL
import TrendFit

extension OpenCLError {
    /// This failure, met while `task` ran on `device`, as the `TrendFitError` an `OpenCLBackend`
    /// throws: what failed, on which device, and what to try instead.
    func backendFailure(on device: OpenCLDevice, while task: String) -> TrendFitError {
        .backendFailure(device: device.summary, reason: "\(task): \(self). \(remedy(on: device))")
    }

    /// What a user can do about this failure on `device`.
    private func remedy(on device: OpenCLDevice) -> String {
        switch self {
        case .call(_, let code) where Self.outOfMemoryCodes.contains(code):
            "The device ran out of memory: give the backend a lower memory limit, bootstrap fewer resamples "
                + "or problems per call, or run on a device with more memory or on the CPU backend"
        case .call(_, let code) where code == CL_INVALID_WORK_GROUP_SIZE || code == CL_INVALID_GLOBAL_WORK_SIZE:
            "The launch does not fit the device: give the backend a work-group size of at most "
                + "\(device.maxWorkGroupSize), or none to let it choose"
        case .buildFailed:
            "The device's OpenCL compiler rejected the kernels: update its driver, or run on another device or on the CPU backend"
        case .call, .noDevice:
            "Run on another OpenCL device or on the CPU backend; if the failure persists, check the device's OpenCL driver"
        }
    }

    /// The codes with which OpenCL reports that memory ran out or a buffer is too large.
    private static let outOfMemoryCodes: Set<cl_int> = [
        CL_MEM_OBJECT_ALLOCATION_FAILURE, CL_OUT_OF_RESOURCES, CL_OUT_OF_HOST_MEMORY, CL_INVALID_BUFFER_SIZE,
    ]
}
