import COpenCL

/// Errors of the OpenCL backend; each names the failing call or what to do about it.
public enum OpenCLError: Error, CustomStringConvertible {
    /// An OpenCL call returned an error code.
    case call(String, code: cl_int)
    /// No OpenCL platform or device is available.
    case noDevice(String)
    /// A kernel program failed to build; carries the compiler's log.
    case buildFailed(device: String, log: String)

    public var description: String {
        switch self {
        case .call(let name, let code):
            "OpenCL call \(name) failed with \(Self.name(of: code)) (\(code))"
        case .noDevice(let reason):
            "no OpenCL device: \(reason). Install an OpenCL driver (e.g. Debian's pocl-opencl-icd) or use the CPU backend"
        case .buildFailed(let device, let log):
            "building the kernels for \(device) failed:\n\(log)"
        }
    }

    /// Throws `.call(name, code)` unless `code` is `CL_SUCCESS`.
    static func check(_ code: cl_int, _ name: String) throws(OpenCLError) {
        if code != CL_SUCCESS { throw .call(name, code: code) }
    }

    /// The symbolic name of an OpenCL error code.
    static func name(of code: cl_int) -> String {
        switch code {
        case CL_DEVICE_NOT_FOUND: "CL_DEVICE_NOT_FOUND"
        case CL_DEVICE_NOT_AVAILABLE: "CL_DEVICE_NOT_AVAILABLE"
        case CL_MEM_OBJECT_ALLOCATION_FAILURE: "CL_MEM_OBJECT_ALLOCATION_FAILURE"
        case CL_OUT_OF_RESOURCES: "CL_OUT_OF_RESOURCES"
        case CL_OUT_OF_HOST_MEMORY: "CL_OUT_OF_HOST_MEMORY"
        case CL_BUILD_PROGRAM_FAILURE: "CL_BUILD_PROGRAM_FAILURE"
        case CL_INVALID_VALUE: "CL_INVALID_VALUE"
        case CL_INVALID_DEVICE: "CL_INVALID_DEVICE"
        case CL_INVALID_BUFFER_SIZE: "CL_INVALID_BUFFER_SIZE"
        case CL_INVALID_KERNEL_ARGS: "CL_INVALID_KERNEL_ARGS"
        case CL_INVALID_ARG_SIZE: "CL_INVALID_ARG_SIZE"
        case CL_INVALID_WORK_GROUP_SIZE: "CL_INVALID_WORK_GROUP_SIZE"
        case CL_INVALID_GLOBAL_WORK_SIZE: "CL_INVALID_GLOBAL_WORK_SIZE"
        case CL_PLATFORM_NOT_FOUND_KHR: "CL_PLATFORM_NOT_FOUND_KHR (no OpenCL driver registered in /etc/OpenCL/vendors)"
        default: "OpenCL error"
        }
    }
}
