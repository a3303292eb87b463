import ArgumentParser
import Foundation
import TrendAnalysis
import TrendFit
import TrendFitOpenCL

/// `trendfit devices`: the OpenCL platforms and devices, and the CPU backend.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "devices", abstract: "List OpenCL devices and the CPU backend.")

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
    @OptionGroup var threading: ThreadOptions

    struct DeviceEntry: Encodable {
        let index: Int?
        let backend: String
        let platform: String
        let name: String
        let vendor: String
        let driver: String
        let type: String
        let computeUnits: Int
        let globalMemoryBytes: UInt64
        let fp64: Bool
    }

    func run() throws {
        let selection = threading.selection
        let cpu = selection.cpuBackend()
        var entries = [DeviceEntry(index: nil, backend: "cpu", platform: "TrendFit", name: cpu.deviceName, vendor: "",
                                   driver: "", type: "CPU", computeUnits: cpu.threads,
                                   globalMemoryBytes: ProcessInfo.processInfo.physicalMemory, fp64: true)]
        for (index, device) in try selection.openCLDevices().enumerated() {
            entries.append(DeviceEntry(index: index, backend: "opencl", platform: device.platformName, name: device.name,
                                       vendor: device.vendor, driver: device.driverVersion, type: device.type,
                                       computeUnits: device.computeUnits, globalMemoryBytes: device.globalMemoryBytes,
                                       fp64: device.supportsDouble))
        }
        switch format {
        case .json:
            print(try JSONText.encode(["devices": entries]))
        case .table, .csv:
            let rows = entries.map { entry in
                [entry.index.map(String.init) ?? "-", entry.backend, entry.name, entry.platform, entry.type,
                 String(entry.computeUnits), String(format: "%.1f GiB", Double(entry.globalMemoryBytes) / 1_073_741_824),
                 entry.fp64 ? "yes" : "no"]
            }
            let table = Table(titles: ["device", "backend", "name", "platform", "type", "units", "memory", "fp64"], textRows: rows)
            print((format == .csv ? table.csvLines() : table.textLines(ruled: false)).joined(separator: "\n"))
            if entries.count == 1 { Diagnostics.note("no OpenCL device found: install an OpenCL driver (e.g. pocl-opencl-icd)") }
        }
    }
}
