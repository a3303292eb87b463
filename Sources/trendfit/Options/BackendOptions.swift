import ArgumentParser
import TrendFit
import TrendFitOpenCL

/// Which backend and device run the work, and in what precision.
struct BackendOptions: ParsableArguments {
    /// The backends a user can ask for.
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case auto, cpu, opencl
    }

    @Option(help: "Backend: auto (first OpenCL GPU that is not a simulator, else the CPU), cpu or opencl.")
    var backend: Choice = .auto

    @Option(parsing: .unconditional, help: "OpenCL device index, as listed by 'trendfit devices' (implies --backend opencl).")
    var device: Int?

    @Option(help: "Arithmetic precision: double or float.")
    var precision: Precision = .double

    @OptionGroup var threading: ThreadOptions

    func validate() throws {
        if let device, device < 0 { throw ValidationError("--device must be a non-negative index") }
        if backend == .cpu && device != nil { throw ValidationError("--device selects an OpenCL device: drop it or use --backend opencl") }
    }

    /// Opens the chosen backend, telling on stderr which one `auto` picked.
    func makeBackend() throws -> any RegressionBackend {
        if backend == .cpu { return threading.makeCPUBackend() }
        if backend == .opencl || device != nil {
            let devices = try OpenCLDevice.all()
            guard !devices.isEmpty else { throw OpenCLError.noDevice("no OpenCL platform reports a device") }
            let chosen = device ?? 0
            guard chosen < devices.count else {
                throw CommandFailure("--device \(chosen) does not exist: there are \(devices.count) OpenCL devices (see 'trendfit devices')")
            }
            let opened = try OpenCLBackend(device: devices[chosen])
            guard opened.supports(precision) else {
                throw CommandFailure("\(devices[chosen].name) has no double precision: use --precision float")
            }
            return opened
        }
        let gpus = ((try? OpenCLDevice.all()) ?? []).filter { $0.isGPU && !$0.isSimulator && ($0.supportsDouble || precision == .float) }
        let chosen: any RegressionBackend = try gpus.first.map { try OpenCLBackend(device: $0) } ?? threading.makeCPUBackend()
        Diagnostics.note("backend auto: using \(chosen.name) (\(chosen.deviceName))")
        return chosen
    }
}
