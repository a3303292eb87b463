import Foundation
import ArgumentParser
import TrendFitOpenCL

/// Several backends that share the work of one command: `all` (every OpenCL device but simulators
/// such as Oclgrind, which run only when named by index) or a comma-separated list of OpenCL device
/// indices (as `trendfit devices` lists them) and `cpu`.
struct DeviceList: ExpressibleByArgument {
    /// The requested backends, in order.
    let entries: [BackendSelection.Entry]

    init?(argument: String) {
        var entries: [BackendSelection.Entry] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let text = part.trimmingCharacters(in: .whitespaces).lowercased()
            if text == "all" {
                entries.append(.everyOpenCLDevice(required: true, includingSimulators: false))
            } else if text == "cpu" {
                entries.append(.cpu)
            } else if let index = Int(text), index >= 0 {
                entries.append(.openCLDevice(index))
            } else {
                return nil
            }
        }
        guard !entries.isEmpty, Set(entries).count == entries.count else { return nil }
        self.entries = entries
    }

    static var defaultCompletionKind: CompletionKind { .list(["all", "cpu"]) }
}
