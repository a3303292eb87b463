import ArgumentParser
import TrendFit
import TrendFitOpenCL

/// Which backend and device run the work, and in what precision.
struct BackendOptions: ParsableArguments {
    @Option(help: "Backend: auto (first OpenCL GPU that is not a simulator, else the CPU), cpu or opencl.")
    var backend: BackendSelection.Choice = .auto

    @Option(parsing: .unconditional, help: "OpenCL device index, as listed by 'trendfit devices' (implies --backend opencl).")
    var device: Int?

    @Option(help: "Arithmetic precision: double or float.")
    var precision: Precision = .double

    @OptionGroup var threading: ThreadOptions

    func validate() throws {
        if let device, device < 0 { throw ValidationError("--device must be a non-negative index") }
        if backend == .cpu && device != nil { throw ValidationError("--device selects an OpenCL device: drop it or use --backend opencl") }
    }

    /// The selection the options describe (the CPU backend on `--threads`).
    var selection: BackendSelection { threading.selection }

    /// Opens the chosen backend, telling on stderr which one `auto` picked; an OpenCL backend keeps
    /// a bootstrap's and a fit's device buffers within `memoryLimit` (256 MiB when nil).
    func makeBackend(memoryLimit: MemoryLimit? = nil) throws -> any RegressionBackend {
        let selection = memoryLimit.map { threading.selection(memoryLimit: $0) } ?? selection
        let chosen = try BackendSelectionError.naming("--device") {
            try selection.open(backend, device: device, precision: precision)
        }
        if backend == .auto && device == nil { Diagnostics.note("backend auto: using \(chosen.name) (\(chosen.deviceName))") }
        return chosen
    }
}
