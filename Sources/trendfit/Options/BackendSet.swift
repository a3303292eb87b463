import ArgumentParser
import TrendFit
import TrendFitOpenCL

/// The backends `trendfit bench` runs: the CPU, every OpenCL device, or both.
enum BackendSet: String, ExpressibleByArgument, CaseIterable {
    case all, cpu, opencl

    /// Opens the selected backends, the CPU first (on `threading`'s threads), then OpenCL devices in `trendfit devices` order.
    func open(threading: ThreadOptions) throws -> [any RegressionBackend] {
        var backends: [any RegressionBackend] = self == .opencl ? [] : [threading.makeCPUBackend()]
        if self != .cpu {
            let devices = try OpenCLDevice.all()
            if devices.isEmpty && self == .opencl { throw OpenCLError.noDevice("no OpenCL platform reports a device") }
            backends += try devices.map { try OpenCLBackend(device: $0) }
        }
        return backends
    }
}
