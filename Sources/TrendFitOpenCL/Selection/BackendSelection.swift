import TrendFit

/// Which backends run a piece of work, and how they are opened: the one place that lists the
/// OpenCL devices, opens the CPU backend on its threads, applies a backend choice, a device index
/// or a list of devices, and picks the device that `auto` runs on.
public struct BackendSelection: Sendable {
    /// One backend, as a user names it.
    public enum Choice: String, Sendable, CaseIterable {
        /// The first OpenCL device `isAutomaticChoice` accepts, else the CPU backend.
        case auto
        /// The CPU backend.
        case cpu
        /// An OpenCL device (the first, unless an index is given).
        case opencl
    }

    /// One entry of a list of backends that share or repeat a piece of work.
    public enum Entry: Hashable, Sendable {
        /// The CPU backend.
        case cpu
        /// The OpenCL device at this index of `openCLDevices()`.
        case openCLDevice(Int)
        /// Every OpenCL device, in `openCLDevices()` order, simulators (`OpenCLDevice.isSimulator`)
        /// only when `includingSimulators`; when `required`, finding none is an error.
        case everyOpenCLDevice(required: Bool, includingSimulators: Bool)
    }

    /// Threads of the CPU backend.
    public let threads: Int
    /// The device memory each OpenCL backend's bootstrap or fit may take (`OpenCLBackend.memoryLimitBytes`).
    public let deviceMemoryLimit: Int

    /// A selection whose CPU backend runs on `threads` threads and whose OpenCL backends take at
    /// most `deviceMemoryLimit` bytes of device memory for a bootstrap.
    public init(threads: Int = CPUAllowance.available(), deviceMemoryLimit: Int = OpenCLBackend.defaultMemoryLimitBytes) {
        self.threads = threads
        self.deviceMemoryLimit = deviceMemoryLimit
    }

    /// The CPU backend, on `threads` threads.
    public func cpuBackend() -> CPUBackend {
        CPUBackend(threads: threads)
    }

    /// Every OpenCL device of every platform, in platform order (the indices `Entry.openCLDevice` and
    /// `open(_:device:precision:)` take); empty when no driver is installed.
    public func openCLDevices() throws(OpenCLError) -> [OpenCLDevice] {
        try OpenCLDevice.all()
    }

    /// Whether `auto` may run `precision` work on `device` (a GPU, never a simulator such as Oclgrind): the rule of the automatic choice, in one place.
    public static func isAutomaticChoice(_ device: OpenCLDevice, precision: Precision) -> Bool {
        device.isGPU && !device.isSimulator && (device.supportsDouble || precision == .float)
    }

    /// The index in `devices` of the device `auto` picks for `precision`; nil when it picks the CPU backend.
    public static func automaticDeviceIndex(among devices: [OpenCLDevice], precision: Precision) -> Int? {
        devices.firstIndex { isAutomaticChoice($0, precision: precision) }
    }

    /// Opens the backend of `choice` for `precision` work. A `device` index selects an OpenCL device
    /// whatever the choice (the first when it is nil); `auto` never fails for want of a device, it
    /// falls back on the CPU backend.
    public func open(_ choice: Choice, device: Int?, precision: Precision) throws -> any RegressionBackend {
        if choice == .cpu && device == nil { return cpuBackend() }
        if choice == .opencl || device != nil {
            return try open([.openCLDevice(device ?? 0)], precision: precision)[0]
        }
        let devices = (try? openCLDevices()) ?? []
        guard let index = Self.automaticDeviceIndex(among: devices, precision: precision) else { return cpuBackend() }
        return try OpenCLBackend(device: devices[index], memoryLimitBytes: deviceMemoryLimit)
    }

    /// Opens one backend per entry (an entry of every device, one per device), in order; when
    /// `precision` is given, every backend must support it.
    public func open(_ entries: [Entry], precision: Precision?) throws -> [any RegressionBackend] {
        let needsDevices = entries.contains { $0 != .cpu }
        let devices = needsDevices ? try openCLDevices() : []
        var backends: [any RegressionBackend] = []
        for entry in entries {
            switch entry {
            case .cpu:
                backends.append(cpuBackend())
            case .openCLDevice(let index):
                guard !devices.isEmpty else { throw OpenCLError.noDevice("no OpenCL platform reports a device") }
                guard devices.indices.contains(index) else {
                    throw BackendSelectionError.noSuchDevice(index: index, deviceCount: devices.count)
                }
                backends.append(try OpenCLBackend(device: devices[index], memoryLimitBytes: deviceMemoryLimit))
            case .everyOpenCLDevice(let required, let includingSimulators):
                let chosen = devices.filter { includingSimulators || !$0.isSimulator }
                if required && chosen.isEmpty { throw OpenCLError.noDevice(Self.noDeviceReason(among: devices)) }
                backends += try chosen.map { try OpenCLBackend(device: $0, memoryLimitBytes: deviceMemoryLimit) }
            }
        }
        if let precision, let unsupported = backends.first(where: { !$0.supports(precision) }) {
            throw BackendSelectionError.unsupportedPrecision(device: unsupported.deviceName, precision: precision)
        }
        return backends
    }

    /// Why a list of every device that is not a simulator came out empty, `devices` being all there are.
    private static func noDeviceReason(among devices: [OpenCLDevice]) -> String {
        guard !devices.isEmpty else { return "no OpenCL platform reports a device" }
        let simulators = devices.enumerated().map { "\($0.offset): \($0.element.summary)" }.joined(separator: ", ")
        return "every OpenCL device found is a simulator (\(simulators)), which runs only when named by its index"
    }
}
