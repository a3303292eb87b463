import Foundation
import Testing
import TestSupport

/// The agreement checks on an OpenCL simulator (Oclgrind, which reports itself as a GPU, so it runs
/// the GPU forms of the kernels and checks every memory access), each in a `trendfit` child process
/// with the simulator's data-race and API checks on: its replicates must be bitwise those of the CPU
/// backend, and its standard error must stay empty, so that any simulator diagnostic (or compiler
/// output) fails the test. Batches are small: the simulator is hundreds of times slower than PoCL.
@Suite(.serialized, .enabled(if: OpenCLTestDevices.simulatorIndex != nil, "no OpenCL simulator (Oclgrind) registered"))
struct SimulatorAgreementTests {
    /// The simulator's checks (its uninitialized-value check stays off: it cannot read LLVM's `freeze`).
    static let checks = ["OCLGRIND_DATA_RACES": "1", "OCLGRIND_CHECK_API": "1"]

    /// The simulator's index, as `trendfit devices` numbers it.
    static var device: String { "\(OpenCLTestDevices.simulatorIndex ?? 0)" }

    /// Runs trendfit with the simulator's checks on; the run must succeed with nothing on stderr.
    static func checkedRun(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> TrendfitProcess.Result {
        let run = try TrendfitProcess.run(arguments, environment: checks)
        #expect(run.succeeded, "trendfit \(arguments.joined(separator: " ")) exited \(run.status): \(run.stderr)",
                sourceLocation: sourceLocation)
        #expect(run.stderr.isEmpty, "diagnostics on stderr of trendfit \(arguments.joined(separator: " ")):\n\(run.stderr)",
                sourceLocation: sourceLocation)
        return run
    }

    /// `compare` settings: every scheme, the trend line (p = 2) and a wider model, jitter and float.
    static let compareCases: [[String]] = [
        ["--scheme", "cases", "--p", "2"], ["--scheme", "cases", "--p", "4", "--jitter", "0.1"],
        ["--scheme", "residuals", "--p", "2"], ["--scheme", "residuals", "--p", "3", "--jitter", "0.2"],
        ["--scheme", "wild", "--p", "2", "--jitter", "0.1"], ["--scheme", "wild", "--p", "3"],
        ["--scheme", "cases", "--p", "2", "--precision", "float"], ["--scheme", "wild", "--p", "3", "--precision", "float"],
    ]

    @Test(arguments: compareCases)
    func compareIsBitwiseOnEveryDevice(_ settings: [String]) throws {
        let run = try Self.checkedRun(["compare", "--n", "24", "--problems", "3", "--resamples", "40", "--format", "json"] + settings)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let devices = try #require(report["devices"] as? [[String: Any]])
        #expect(devices.count == OpenCLTestDevices.all.count)
        #expect(devices.contains { ($0["device"] as? String)?.contains("Oclgrind") == true })
        for device in devices {
            #expect(device["verdict"] as? String == "bitwise identical" && device["statusMismatches"] as? Int == 0,
                    "\(device["device"] ?? "?"): \(device["verdict"] ?? "?")")
        }
    }

    /// A data file for `fit` and `bootstrap`: two regressors, weights (some zero) and six groups.
    static func dataFile(in folder: ScratchFolder) throws -> String {
        var random = SplitMix64(state: 12)
        var lines = ["y,x1,x2,w,g"]
        for i in 0..<48 {
            let x1 = Double.random(in: -5...5, using: &random), x2 = Double.random(in: 0...3, using: &random)
            let y = 1 + 0.5 * x1 - 0.25 * x2 + Double.random(in: -1...1, using: &random)
            let w = i % 11 == 3 ? 0 : Double.random(in: 0.5...2, using: &random)
            lines.append("\(y),\(x1),\(x2),\(w),\(i % 6)")
        }
        return try folder.write(lines.joined(separator: "\n") + "\n", to: "data.csv")
    }

    /// `bootstrap` settings: the trend line, weights, strata and clusters (the grouped kernel),
    /// residuals, every wild multiplier, standard errors (studentized), jitter and float.
    static let bootstrapCases: [[String]] = [
        ["--x", "x1"], ["--x", "x1", "--x", "x2", "--weights", "w", "--min-distinct", "5"],
        ["--x", "x1", "--strata", "g"], ["--x", "x1", "--x", "x2", "--clusters", "g", "--jitter", "0.1"],
        ["--x", "x1", "--x", "x2", "--scheme", "residuals", "--weights", "w"],
        ["--x", "x1", "--scheme", "wild", "--wild-weights", "mammen", "--jitter", "0.2"],
        ["--x", "x1", "--x", "x2", "--scheme", "wild", "--wild-weights", "webb", "--weights", "w"],
        ["--x", "x1", "--x", "x2", "--interval", "studentized", "--weights", "w"],
        ["--x", "x1", "--precision", "float"],
    ]

    @Test(arguments: bootstrapCases)
    func bootstrapReplicatesAreTheCPUBackends(_ settings: [String]) throws {
        let folder = try ScratchFolder()
        let data = try Self.dataFile(in: folder)
        let common = ["bootstrap", data, "--y", "y", "--resamples", "50", "--seed", "9", "--confidence", "0.6", "--format", "json"] + settings
        let cpu = try TrendfitProcess.run(common + ["--backend", "cpu", "--replicates", folder.path("cpu.csv")])
        #expect(cpu.succeeded, "\(cpu.stderr)")
        _ = try Self.checkedRun(common + ["--device", Self.device, "--replicates", folder.path("simulator.csv")])
        let expected = try folder.data("cpu.csv")
        #expect(expected.count > 100)
        #expect(try folder.data("simulator.csv") == expected, "the replicate files differ")
    }

    /// Replicates beyond the memory limit are drawn in chunks of one pipelined launch sequence
    /// (`OpenCLBackend.bootstrapChunks`; 30 000 resamples in 1 MiB: chunks of 2 449, the last one
    /// shorter, in each pass): on the simulator, with its checks on, the streamed passes' summaries and the
    /// replicate file written during the first are the CPU backend's, byte for byte.
    @Test func chunkedBootstrapIsTheCPUBackends() throws {
        let folder = try ScratchFolder()
        let data = try folder.write("x,y\n1,2.5\n1,3.25\n1,1.75\n1,2.875\n1,2.125\n1,3.5\n2,4.375\n3,6.0625\n", to: "data.csv")
        let common = ["bootstrap", data, "--y", "y", "--x", "x", "--resamples", "30000", "--seed", "5", "--min-distinct", "4",
                      "--summaries", "host", "--memory-limit", "1M", "--format", "json"]
        let cpu = try TrendfitProcess.run(common + ["--backend", "cpu", "--replicates", folder.path("cpu.csv")])
        #expect(cpu.succeeded, "\(cpu.stderr)")
        let simulator = try Self.checkedRun(common + ["--device", Self.device, "--replicates", folder.path("simulator.csv")])
        func report(_ run: TrendfitProcess.Result) throws -> NSDictionary {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return object.filter { !["backend", "device"].contains($0.key) } as NSDictionary
        }
        #expect(try report(simulator) == report(cpu))
        let expected = try folder.data("cpu.csv")
        #expect(expected.count > 30_000)
        #expect(try folder.data("simulator.csv") == expected, "the replicate files differ")
    }

    /// `bootstrap` without `--replicates` forms its summaries on the device: on the simulator, with
    /// its checks on, BCa (quantiles at adjusted levels, counts below the estimate) and studentized
    /// (pivots) give the CPU backend's summaries exactly (every interval: `DeviceSummaryTests`).
    @Test(arguments: ["bca", "studentized"])
    func bootstrapSummariesOnTheDeviceAreTheCPUBackends(_ interval: String) throws {
        let folder = try ScratchFolder()
        let data = try Self.dataFile(in: folder)
        let common = ["bootstrap", data, "--y", "y", "--x", "x1", "--x", "x2", "--weights", "w", "--resamples", "60",
                      "--seed", "9", "--interval", interval, "--confidence", "0.6", "--format", "json"]
        let cpu = try TrendfitProcess.run(common + ["--backend", "cpu"])
        #expect(cpu.succeeded, "\(cpu.stderr)")
        let simulator = try Self.checkedRun(common + ["--device", Self.device])
        func summaries(_ run: TrendfitProcess.Result, formedOn placement: String) throws -> NSDictionary {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(object["summaries"] as? String == placement)
            return object.filter { !["backend", "device", "summaries"].contains($0.key) } as NSDictionary
        }
        // Oclgrind is GPU-typed, so `--summaries auto` forms them on the device.
        #expect(try summaries(simulator, formedOn: "device") == summaries(cpu, formedOn: "host"))
    }

    @Test func fitIsTheCPUBackends() throws {
        let folder = try ScratchFolder()
        let data = try Self.dataFile(in: folder)
        let common = ["fit", data, "--y", "y", "--x", "x1", "--x", "x2", "--weights", "w", "--format", "json"]
        func coefficients(_ run: TrendfitProcess.Result) throws -> [[String: Double]] {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let rows = try #require(report["coefficients"] as? [[String: Any]])
            return rows.map { $0.compactMapValues { $0 as? Double } }
        }
        let cpu = try TrendfitProcess.run(common + ["--backend", "cpu"])
        let simulator = try Self.checkedRun(common + ["--device", Self.device])
        #expect(try coefficients(simulator) == coefficients(cpu))
        #expect(try coefficients(cpu).count == 3)
    }

    /// Many fits per launch (the `fit_columns_*` launches fit several problems per work-group): the
    /// breakpoint search's candidate fits, with the simulator's race checks, equal the CPU backend's
    /// and the simulator adds nothing to standard error but the line naming the backend.
    @Test func breakpointFitsAreTheCPUBackends() throws {
        let common = ["breakpoints", "--from", "2010", "--to", "2020", "--step", "1y", "--resamples", "2", "--format", "json"]
        func report(_ run: TrendfitProcess.Result) throws -> NSDictionary {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return object.filter { $0.key != "backend" } as NSDictionary
        }
        func messages(_ run: TrendfitProcess.Result) -> [String] { Array(run.stderr.split(separator: "\n").dropFirst().map(String.init)) }
        let cpu = try TrendfitProcess.run(common + ["--backend", "cpu"])
        let simulator = try TrendfitProcess.run(common + ["--device", Self.device], environment: Self.checks)
        #expect(cpu.succeeded && simulator.succeeded, "\(simulator.stderr)")
        #expect(messages(simulator) == messages(cpu), "diagnostics on the simulator's stderr:\n\(simulator.stderr)")
        #expect(try report(simulator) == report(cpu))
        #expect(try (report(cpu)["results"] as? [Any])?.isEmpty == false)
    }

    /// The checks see what they guard against: a descriptor stride the host did not lay out (appended
    /// to the build options through Oclgrind's `OCLGRIND_BUILD_OPTIONS`) makes the kernels read past
    /// the descriptors, and the simulator's report of it reaches the child's standard error.
    @Test func anOutOfBoundsReadReachesStandardError() throws {
        let run = try TrendfitProcess.run(["compare", "--n", "24", "--p", "2", "--problems", "3", "--resamples", "8", "--format", "json"],
                                          environment: Self.checks.merging(["OCLGRIND_BUILD_OPTIONS": "-D DESCRIPTOR_STRIDE=40"]) { $1 })
        #expect(run.stderr.contains("Invalid read of size 4 at global memory address"), "\(run.stderr.prefix(2000))")
    }

    /// `--backend auto` never takes the simulator for the GPU; `devices` marks it.
    @Test func autoNeverPicksTheSimulator() throws {
        let folder = try ScratchFolder()
        let data = try Self.dataFile(in: folder)
        let auto = try TrendfitProcess.run(["fit", data, "--y", "y", "--x", "x1", "--backend", "auto"])
        #expect(auto.succeeded && auto.stderr.contains("backend auto: using") && !auto.stderr.contains("Oclgrind"), "\(auto.stderr)")
        let devices = try TrendfitProcess.run(["devices", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(devices.stdout.utf8)) as? [String: Any])
        let entries = try #require(report["devices"] as? [[String: Any]])
        let simulators = entries.filter { $0["simulator"] as? Bool == true }.compactMap { $0["index"] as? Int }
        #expect(simulators == [OpenCLTestDevices.simulatorIndex])
    }

    /// `sweep --devices all` shares the work among every device but the simulator, which runs only
    /// when named by its index; with nothing but simulators, `all` is refused with a message naming them.
    @Test func devicesAllLeavesOutTheSimulator() throws {
        let folder = try ScratchFolder()
        let spec = try folder.write(#"{"subsets": ["all"], "resamples": 20, "seed": 4}"#, to: "spec.json")
        let run = try TrendfitProcess.run(["sweep", spec, "--devices", "all", "--output", folder.path("rows.csv")])
        if OpenCLTestDevices.hasHardware {
            #expect(run.succeeded, "\(run.stderr)")
            let devices = OpenCLTestDevices.hardware.map(\.summary).joined(separator: ", opencl (")
            #expect(run.stderr.contains("on opencl (\(devices))") && !run.stderr.contains("Oclgrind"), "\(run.stderr)")
        } else {
            #expect(run.failedCleanly && run.stderr.contains("every OpenCL device found is a simulator"), "\(run.stderr)")
        }
    }
}
