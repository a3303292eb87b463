import COpenCL
import Foundation

/// An OpenCL device and the facts the backend and `trendfit devices` need about it.
public struct OpenCLDevice: Sendable {
    /// The platform's name.
    public let platformName: String
    /// Device name.
    public let name: String
    /// Device vendor.
    public let vendor: String
    /// Driver version string.
    public let driverVersion: String
    /// `GPU`, `CPU`, `Accelerator` or `Other`.
    public let type: String
    /// Compute units.
    public let computeUnits: Int
    /// Global memory in bytes.
    public let globalMemoryBytes: UInt64
    /// Largest work-group size.
    public let maxWorkGroupSize: Int
    /// Whether the device supports double precision (`cl_khr_fp64`).
    public let supportsDouble: Bool
    nonisolated(unsafe) let id: cl_device_id

    /// Serializes discovery: the ICD loader (ocl-icd) loads its vendor drivers on the first
    /// platform query, and a query racing that first one can find no platform at all.
    private static let discoveryLock = NSLock()

    /// Every device of every platform, in platform order; empty when no driver is installed.
    public static func all() throws(OpenCLError) -> [OpenCLDevice] {
        discoveryLock.lock()
        defer { discoveryLock.unlock() }
        var platformCount: cl_uint = 0
        let status = clGetPlatformIDs(0, nil, &platformCount)
        if status == CL_PLATFORM_NOT_FOUND_KHR || platformCount == 0 { return [] }
        try OpenCLError.check(status, "clGetPlatformIDs")
        var platforms = Array<cl_platform_id?>(repeating: nil, count: Int(platformCount))
        try OpenCLError.check(clGetPlatformIDs(platformCount, &platforms, nil), "clGetPlatformIDs")
        var devices: [OpenCLDevice] = []
        for platform in platforms.compactMap({ $0 }) {
            var deviceCount: cl_uint = 0
            let found = clGetDeviceIDs(platform, cl_device_type(CL_DEVICE_TYPE_ALL), 0, nil, &deviceCount)
            if found == CL_DEVICE_NOT_FOUND || deviceCount == 0 { continue }
            try OpenCLError.check(found, "clGetDeviceIDs")
            var ids = Array<cl_device_id?>(repeating: nil, count: Int(deviceCount))
            try OpenCLError.check(clGetDeviceIDs(platform, cl_device_type(CL_DEVICE_TYPE_ALL), deviceCount, &ids, nil),
                                  "clGetDeviceIDs")
            let platformName = try platformString(platform, cl_platform_info(CL_PLATFORM_NAME))
            for id in ids.compactMap({ $0 }) {
                devices.append(try OpenCLDevice(id: id, platformName: platformName))
            }
        }
        return devices
    }

    private init(id: cl_device_id, platformName: String) throws(OpenCLError) {
        self.id = id
        self.platformName = platformName
        name = try Self.string(id, cl_device_info(CL_DEVICE_NAME))
        vendor = try Self.string(id, cl_device_info(CL_DEVICE_VENDOR))
        driverVersion = try Self.string(id, cl_device_info(CL_DRIVER_VERSION))
        let deviceType: cl_device_type = try Self.value(id, cl_device_info(CL_DEVICE_TYPE))
        type = if deviceType & cl_device_type(CL_DEVICE_TYPE_GPU) != 0 { "GPU" }
            else if deviceType & cl_device_type(CL_DEVICE_TYPE_CPU) != 0 { "CPU" }
            else if deviceType & cl_device_type(CL_DEVICE_TYPE_ACCELERATOR) != 0 { "Accelerator" }
            else { "Other" }
        computeUnits = Int(try Self.value(id, cl_device_info(CL_DEVICE_MAX_COMPUTE_UNITS)) as cl_uint)
        globalMemoryBytes = try Self.value(id, cl_device_info(CL_DEVICE_GLOBAL_MEM_SIZE))
        maxWorkGroupSize = Int(try Self.value(id, cl_device_info(CL_DEVICE_MAX_WORK_GROUP_SIZE)) as Int)
        let doubleConfig: cl_device_fp_config = try Self.value(id, cl_device_info(CL_DEVICE_DOUBLE_FP_CONFIG))
        supportsDouble = doubleConfig != 0
    }

    /// The device's name, platform and type, as backends and messages name it.
    public var summary: String { "\(name) (\(platformName), \(type))" }

    /// Whether this is a GPU.
    public var isGPU: Bool { type == "GPU" }

    /// Whether this device is a simulator (Oclgrind) rather than hardware: it reports itself as a GPU
    /// and checks every memory access, hundreds of times slower than a real device, so it is never
    /// chosen as "the GPU" automatically.
    public var isSimulator: Bool {
        [platformName, vendor, name].contains { $0.lowercased().contains("oclgrind") }
    }

    private static func string(_ id: cl_device_id, _ info: cl_device_info) throws(OpenCLError) -> String {
        var size = 0
        try OpenCLError.check(clGetDeviceInfo(id, info, 0, nil, &size), "clGetDeviceInfo")
        var bytes = Array<CChar>(repeating: 0, count: size + 1)
        try OpenCLError.check(clGetDeviceInfo(id, info, size, &bytes, nil), "clGetDeviceInfo")
        return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .trimmingCharacters()
    }

    private static func value<T: BinaryInteger>(_ id: cl_device_id, _ info: cl_device_info) throws(OpenCLError) -> T {
        var result: T = 0
        try OpenCLError.check(clGetDeviceInfo(id, info, MemoryLayout<T>.size, &result, nil), "clGetDeviceInfo")
        return result
    }

    private static func platformString(_ id: cl_platform_id, _ info: cl_platform_info) throws(OpenCLError) -> String {
        var size = 0
        try OpenCLError.check(clGetPlatformInfo(id, info, 0, nil, &size), "clGetPlatformInfo")
        var bytes = Array<CChar>(repeating: 0, count: size + 1)
        try OpenCLError.check(clGetPlatformInfo(id, info, size, &bytes, nil), "clGetPlatformInfo")
        return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

private extension String {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
