import Foundation
import ArgumentParser
import TrendFit
import TrendFitOpenCL

/// Several backends that share the work of one command: `all` (every OpenCL device) or a
/// comma-separated list of OpenCL device indices (as `trendfit devices` lists them) and `cpu`.
struct DeviceList: ExpressibleByArgument {
    /// One requested backend.
    enum Entry: Equatable {
        case allOpenCL
        case cpu
        case openCL(Int)
    }

    /// The requested backends, in order.
    let entries: [Entry]

    init?(argument: String) {
        var entries: [Entry] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let text = part.trimmingCharacters(in: .whitespaces).lowercased()
            if text == "all" {
                entries.append(.allOpenCL)
            } else if text == "cpu" {
                entries.append(.cpu)
            } else if let index = Int(text), index >= 0 {
                entries.append(.openCL(index))
            } else {
                return nil
            }
        }
        guard !entries.isEmpty, Set(entries.map { "\($0)" }).count == entries.count else { return nil }
        self.entries = entries
    }

    static var defaultCompletionKind: CompletionKind { .list(["all", "cpu"]) }

    /// Opens one backend per requested device (the CPU's from `threading`), checking that each supports `precision`.
    func open(precision: Precision, threading: ThreadOptions) throws -> [any RegressionBackend] {
        let devices = entries.contains(.cpu) && entries.count == 1 ? [] : try OpenCLDevice.all()
        var backends: [any RegressionBackend] = []
        for entry in entries {
            switch entry {
            case .cpu:
                backends.append(threading.makeCPUBackend())
            case .allOpenCL:
                guard !devices.isEmpty else { throw OpenCLError.noDevice("no OpenCL platform reports a device") }
                backends += try devices.map { try OpenCLBackend(device: $0) }
            case .openCL(let index):
                guard index < devices.count else {
                    throw CommandFailure("--devices \(index) does not exist: there are \(devices.count) OpenCL devices (see 'trendfit devices')")
                }
                backends.append(try OpenCLBackend(device: devices[index]))
            }
        }
        if let unsupported = backends.first(where: { !$0.supports(precision) }) {
            throw CommandFailure("\(unsupported.deviceName) has no \(precision.rawValue) precision: use --precision float or leave it out of --devices")
        }
        return backends
    }
}
