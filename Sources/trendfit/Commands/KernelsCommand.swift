import ArgumentParser
import TrendAnalysis
import TrendFit
import TrendFitOpenCL
import TrendFitWorkloads

/// `trendfit kernels`: the program source and build options the OpenCL backend builds for a workload shape.
struct KernelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Print the OpenCL program source and build options for a device type and workload shape.",
        discussion: """
            No device is needed: the fit and bootstrap programs are specialized exactly as the OpenCL \
            backend specializes them for a device of --device-type and one synthetic problem of --n rows \
            and --p coefficients (see `compare`). Both programs build the same source with their own \
            options. Table output is the source headed by comment lines naming each kernel and its \
            options; scripts/kernel-isa-report compiles the JSON output for GPU instruction sets.
            """)

    /// The OpenCL device types a program is specialized for.
    enum DeviceType: String, ExpressibleByArgument, CaseIterable {
        case cpu, gpu, accelerator

        /// The type as `OpenCLDevice.type` spells it.
        var openCLName: String {
            switch self {
            case .cpu: "CPU"
            case .gpu: "GPU"
            case .accelerator: "Accelerator"
            }
        }
    }

    @Option(help: "Device type: gpu, cpu or accelerator.")
    var deviceType: DeviceType
    @Option(help: "Rows per problem.")
    var n: Int = 100
    @Option(help: "Coefficients per problem, the intercept included.")
    var p: Int = 2
    @Option(help: "Resampling scheme: cases, residuals or wild.")
    var scheme: BootstrapScheme = .cases
    @Option(help: "Case grouping: none, strata or clusters (cases only; the program does not depend on the labels).")
    var grouping: CaseGrouping = .none
    @Option(help: "Arithmetic precision: double or float.")
    var precision: Precision = .double
    @Option(help: "Half-width of the uniform response jitter (0: none).")
    var jitter: Double = 0
    @Flag(help: "Give the problem case weights.")
    var weights = false
    @Option(help: "Output format: table (the source headed by the kernels and options as comments) or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard grouping == .none || scheme == .cases else {
            throw ValidationError("--grouping \(grouping.rawValue) draws cases; it cannot be combined with --scheme \(scheme.rawValue)")
        }
        try plan.validateOptions()
        guard format != .csv else { throw ValidationError("kernels prints a table or json") }
    }

    /// The bootstrap whose program is printed (its resample count and seed do not change the program).
    private var plan: BootstrapPlan { BootstrapPlan(scheme: scheme, resamples: 1, seed: 1, jitter: jitter, grouping: grouping) }

    /// The JSON shape of `kernels` (part of the command-line contract).
    struct Report: Encodable {
        struct Program: Encodable {
            let purpose: String
            let kernel: String
            /// The kernels a launch runs in order (`kernel` first; several for a GPU-form fit).
            let kernels: [String]
            let replicatesPerItem: Int
            let options: String
        }
        let deviceType: String
        let n: Int
        let p: Int
        let scheme: String
        let grouping: String
        let precision: String
        let jitter: Double
        let weighted: Bool
        let wideLaneProducts: Bool
        let kernelForm: String
        let programs: [Program]
        let source: String
    }

    func run() throws {
        let workload = SyntheticWorkload(rowsPerProblem: n, coefficientCount: p, weighted: weights)
        let wide = KernelProgram.wideLaneProducts(deviceType: deviceType.openCLName)
        let form = KernelForm.forDeviceType(deviceType.openCLName)
        let launched = try KernelProgram.programs(for: try workload.makeBatch(), plan: plan, precision: precision,
                                                  wideLaneProducts: wide, form: form)
        let programs = [("fit", launched.fit), ("bootstrap", launched.bootstrap)].map { Report.Program(purpose: $0.0, kernel: $0.1.kernel, kernels: $0.1.kernels, replicatesPerItem: $0.1.replicatesPerItem, options: $0.1.options) }
        let report = Report(deviceType: deviceType.openCLName, n: n, p: p, scheme: scheme.rawValue, grouping: grouping.rawValue,
                            precision: precision.rawValue,
                            jitter: jitter, weighted: weights, wideLaneProducts: wide, kernelForm: form.rawValue,
                            programs: programs,
                            source: KernelProgram.source)
        switch format {
        case .json: print(try JSONText.encode(report))
        case .table, .csv:
            for program in programs {
                let then = program.kernels.dropFirst().map { ", then \($0)" }.joined()
                print("// \(program.purpose): kernel \(program.kernel)\(then), \(program.replicatesPerItem) replicate(s) per work-item")
                print("// options: \(program.options)")
            }
            print(KernelProgram.source)
        }
    }
}
