import Foundation
import Testing
import TestSupport
import TrendFit
@testable import TrendFitOpenCL
import TrendFitWorkloads

/// `trendfit kernels`, run as a subprocess: its JSON, and that it prints what the OpenCL backend builds.
@Suite struct KernelsCommandTests {
    /// The `kernels --format json` output for `arguments`, parsed.
    static func kernels(_ arguments: [String]) throws -> [String: Any] {
        let run = try TrendfitProcess.run(["kernels", "--format", "json"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// The options of the program printed for `purpose` ("fit" or "bootstrap").
    static func program(_ report: [String: Any], _ purpose: String) throws -> [String: Any] {
        let programs = try #require(report["programs"] as? [[String: Any]])
        return try #require(programs.first { $0["purpose"] as? String == purpose })
    }

    @Test func jsonNamesTheShapeAndTheSpecializationDefines() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let report = try Self.kernels(["--device-type", "gpu", "--n", "60", "--p", "4", "--scheme", "residuals",
                                       "--precision", "float", "--jitter", "0.5", "--weights"])
        #expect(report["deviceType"] as? String == "GPU" && report["n"] as? Int == 60 && report["p"] as? Int == 4)
        #expect(report["scheme"] as? String == "residuals" && report["precision"] as? String == "float")
        #expect(report["jitter"] as? Double == 0.5 && report["weighted"] as? Bool == true)
        #expect((report["programs"] as? [[String: Any]])?.count == 2)
        let source = try #require(report["source"] as? String)
        #expect(source.contains("__kernel void fit_problems") && source.contains("void fit_columns_errors"))
        #expect(source.contains("__kernel void bootstrap_replicates"))
        let bootstrap = try Self.program(report, "bootstrap")
        #expect(bootstrap["kernel"] as? String == "bootstrap_staged_replicates" && bootstrap["replicatesPerItem"] as? Int == 1)
        let options = try #require(bootstrap["options"] as? String).split(separator: " ").map(String.init)
        // 60 rows of 4 floats and a weight fit the work-group's local memory: STAGED_ROWS = 60.
        for define in ["SCHEME=1", "HAS_JITTER=1", "WEIGHTED=1", "USE_DOUBLE=0", "FIXED_ROWS=60", "FIXED_Q=3", "MAX_Q=3",
                       "DESIGN_STRIDE=4", "WIDE_LANE_PRODUCTS=0", "KERNEL_FORM=1", "STAGED_ROWS=60", "DISTINCT_SLOTS=4",
                       "GROUP_SIZE=128"] {
            #expect(options.contains(define), "\(define) missing from \(options)")
        }
        let fit = try Self.program(report, "fit")
        #expect(fit["kernel"] as? String == "fit_columns_rotate")
        #expect(fit["kernels"] as? [String] == ["fit_columns_rotate", "fit_columns_gram", "fit_columns_solve",
                                                "fit_columns_residuals", "fit_columns_errors"])
        #expect(bootstrap["kernels"] as? [String] == ["bootstrap_staged_replicates"])
        // Four work-items per problem (three regressors and the response), sixteen problems per work-group.
        let fitOptions = try #require(fit["options"] as? String)
        #expect(fitOptions.contains("-D MAX_Q=3 ") && fitOptions.contains("-D FIT_PROBLEMS_PER_GROUP=16 "))
    }

    @Test func deviceTypeChoosesTheKernelFormAndTheIntegerProductForm() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let gpu = try Self.kernels(["--device-type", "gpu"])
        let accelerator = try Self.kernels(["--device-type", "accelerator"])
        let cpu = try Self.kernels(["--device-type", "cpu"])
        #expect(gpu["deviceType"] as? String == "GPU" && gpu["wideLaneProducts"] as? Bool == false)
        #expect(gpu["kernelForm"] as? String == "gpu" && accelerator["kernelForm"] as? String == "gpu")
        #expect(cpu["deviceType"] as? String == "CPU" && cpu["wideLaneProducts"] as? Bool == true)
        #expect(cpu["kernelForm"] as? String == "cpu")
        // The fit: one problem per work-item on a CPU, a problem's work-items sharing it on a GPU
        // (32 problems of two work-items per work-group at p = 2); otherwise the same specialization.
        let gpuFit = try #require(try Self.program(gpu, "fit")["options"] as? String)
        let cpuFit = try #require(try Self.program(cpu, "fit")["options"] as? String)
        #expect(try Self.program(gpu, "fit")["kernel"] as? String == "fit_columns_rotate")
        #expect(try Self.program(cpu, "fit")["kernel"] as? String == "fit_problems")
        #expect(gpuFit.replacingOccurrences(of: "WIDE_LANE_PRODUCTS=0", with: "WIDE_LANE_PRODUCTS=1")
                    .replacingOccurrences(of: "KERNEL_FORM=1", with: "KERNEL_FORM=0")
                    .replacingOccurrences(of: " -D FIT_PROBLEMS_PER_GROUP=32", with: "")
                    .replacingOccurrences(of: " -D FIT_STATE_STRIDE=25", with: "") == cpuFit)
        // Case resampling, n = 100, p = 2: one replicate per work-item, 100 rows staged, two distinct-row
        // slots, on a GPU; four replicates per work-item on a CPU.
        let gpuBootstrap = try Self.program(gpu, "bootstrap")
        #expect(gpuBootstrap["kernel"] as? String == "bootstrap_staged_replicates" && gpuBootstrap["replicatesPerItem"] as? Int == 1)
        let gpuOptions = try #require(gpuBootstrap["options"] as? String)
        for define in ["KERNEL_FORM=1", "STAGED_ROWS=100", "DISTINCT_SLOTS=2", "GROUP_SIZE=128", "REPLICATES_PER_ITEM=1"] {
            #expect(gpuOptions.contains("-D \(define)"), "\(define) missing from \(gpuOptions)")
        }
        let cpuBootstrap = try Self.program(cpu, "bootstrap")
        #expect(cpuBootstrap["kernel"] as? String == "bootstrap_replicates4" && cpuBootstrap["replicatesPerItem"] as? Int == 4)
        let cpuOptions = try #require(cpuBootstrap["options"] as? String)
        #expect(cpuOptions.contains("-D KERNEL_FORM=0") && !cpuOptions.contains("STAGED_ROWS"))
        // Rows that do not fit local memory (1000 rows of 8 doubles) are read from global memory.
        let unstaged = try Self.program(try Self.kernels(["--device-type", "gpu", "--n", "1000", "--p", "8"]), "bootstrap")
        #expect(try #require(unstaged["options"] as? String).contains("-D STAGED_ROWS=0 "))
        let table = try TrendfitProcess.run(["kernels", "--device-type", "gpu"])
        #expect(table.status == 0 && table.stdout.hasPrefix("// fit: kernel fit_columns_rotate, then fit_columns_gram, then fit_columns_solve"))
        #expect(table.stdout.hasSuffix(KernelProgram.source + "\n"))
        #expect(try TrendfitProcess.run(["kernels", "--device-type", "tpu"]).failedCleanly)
    }

    /// Strata and clusters get the grouped kernel, on a GPU in the GPU form's shape (work-groups mapped
    /// to problems, rows staged); other schemes cannot be grouped.
    @Test func groupingChoosesTheGroupedKernel() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let report = try Self.kernels(["--device-type", "gpu", "--n", "30", "--p", "4", "--grouping", "clusters"])
        #expect(report["grouping"] as? String == "clusters")
        let bootstrap = try Self.program(report, "bootstrap")
        #expect(bootstrap["kernel"] as? String == "bootstrap_grouped_replicates" && bootstrap["replicatesPerItem"] as? Int == 1)
        let options = try #require(bootstrap["options"] as? String)
        for define in ["GROUPING=2", "KERNEL_FORM=1", "STAGED_ROWS=30", "GROUP_SIZE=128", "DISTINCT_SLOTS=4"] {
            #expect(options.contains("-D \(define) "), "\(define) missing from \(options)")
        }
        let cpu = try Self.program(try Self.kernels(["--device-type", "cpu", "--grouping", "strata"]), "bootstrap")
        #expect(cpu["kernel"] as? String == "bootstrap_grouped_replicates")
        #expect(try #require(cpu["options"] as? String).contains("-D GROUPING=1 "))
        #expect(try Self.kernels(["--device-type", "gpu"])["grouping"] as? String == "none")
        let wild = try TrendfitProcess.run(["kernels", "--device-type", "gpu", "--scheme", "wild", "--grouping", "strata"])
        #expect(wild.failedCleanly && wild.stderr.contains("--grouping strata draws cases"), "\(wild.stderr)")
    }

    /// The programs printed for the first OpenCL device's type are the ones its backend builds and launches.
    @Test(.enabled(if: OpenCLTestDevices.hasHardware, "no OpenCL device found"), arguments: [
        (n: 100, p: 2, scheme: BootstrapScheme.cases, precision: Precision.double, jitter: 0.0, weighted: false),
        (n: 30, p: 4, scheme: .wild, precision: .float, jitter: 0.25, weighted: true),
        (n: 40, p: 8, scheme: .residuals, precision: .double, jitter: 0, weighted: false),
    ])
    func printsWhatTheBackendBuilds(n: Int, p: Int, scheme: BootstrapScheme, precision: Precision, jitter: Double,
                                    weighted: Bool) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let device = try #require(OpenCLTestDevices.hardware.first)
        try printsWhatTheBackendBuilds(backend: try OpenCLBackend(device: device), deviceType: device.type.lowercased(), n: n,
                                       p: p, scheme: scheme, precision: precision, jitter: jitter, weighted: weighted)
        // The GPU form, forced on the device, as a GPU is sent it.
        try printsWhatTheBackendBuilds(backend: try OpenCLBackend(device: device, wideLaneProducts: false, kernelForm: .gpu),
                                       deviceType: "gpu", n: n, p: p, scheme: scheme, precision: precision, jitter: jitter,
                                       weighted: weighted)
    }

    /// Whether `backend` builds and launches the programs `kernels --device-type deviceType` prints for the shape.
    func printsWhatTheBackendBuilds(backend: OpenCLBackend, deviceType: String, n: Int, p: Int, scheme: BootstrapScheme,
                                    precision: Precision, jitter: Double, weighted: Bool) throws {
        let report = try Self.kernels(["--device-type", deviceType, "--n", "\(n)", "--p", "\(p)",
                                       "--scheme", scheme.rawValue, "--precision", precision.rawValue, "--jitter", "\(jitter)"]
                                      + (weighted ? ["--weights"] : []))
        #expect(report["source"] as? String == KernelProgram.source)
        let batch = try SyntheticWorkload(rowsPerProblem: n, coefficientCount: p, problemCount: 3, weighted: weighted).makeBatch()
        _ = try backend.fit(batch, precision: precision)
        let fit = try Self.program(report, "fit")
        #expect(backend.lastProgram?.options == fit["options"] as? String)
        #expect(backend.lastProgram?.kernel == fit["kernel"] as? String)
        _ = try backend.bootstrap(batch, plan: BootstrapPlan(scheme: scheme, resamples: 8, seed: 3, jitter: jitter),
                                  precision: precision)
        let bootstrap = try Self.program(report, "bootstrap")
        #expect(backend.lastProgram?.options == bootstrap["options"] as? String)
        #expect(backend.lastProgram?.kernel == bootstrap["kernel"] as? String)
        #expect(backend.lastProgram?.replicatesPerItem == bootstrap["replicatesPerItem"] as? Int)
    }
}
