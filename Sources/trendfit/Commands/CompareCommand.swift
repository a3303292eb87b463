import ArgumentParser
import Foundation
import TrendAnalysis
import TrendFit
import TrendFitOpenCL
import TrendFitWorkloads

/// `trendfit compare`: the same synthetic bootstrap on the CPU backend and on every OpenCL device.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare OpenCL devices' bootstrap replicates and times with the CPU backend's.",
        discussion: """
            Reports how many replicate coefficients are bitwise equal, the largest absolute and relative \
            difference per coefficient, and the device's time over the CPU's (each after a warm-up call). \
            Exits with status 1 when a status differs or a relative difference exceeds --tolerance. \
            The replicates of the CPU and of one device are held at once within --memory-limit: beyond \
            it, both are drawn and compared in chunks of resamples (times add up over the chunks), and \
            when not even one resample of every problem fits, the comparison is refused before any work.
            """)

    @Option(parsing: .unconditional, help: "Rows per problem.")
    var n: Int = 100
    @Option(parsing: .unconditional, help: "Coefficients per problem, the intercept included.")
    var p: Int = 2
    @Option(parsing: .unconditional, help: "Resamples per problem (B).")
    var resamples: Int = 100_000
    @OptionGroup var synthetic: WorkloadOptions
    @OptionGroup var threading: ThreadOptions
    @Option(help: "Resampling scheme: cases, residuals or wild.")
    var scheme: BootstrapScheme = .cases
    @Option(help: "Arithmetic precision: double or float.")
    var precision: Precision = .double
    @Option(parsing: .unconditional, help: "Largest relative difference accepted.")
    var tolerance: Double = 1e-12
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table
    @Option(help: MemoryLimitOption.help, transform: MemoryLimitOption.parse)
    var memoryLimit = MemoryLimit.standard

    func validate() throws {
        try plan.validateOptions()
        do { try workload.validate() } catch { throw ValidationError(error.description) }
        guard tolerance >= 0 else { throw ValidationError("--tolerance must be non-negative") }
        guard format != .csv else { throw ValidationError("compare prints a table or json") }
    }

    /// The synthetic problems the options describe.
    private var workload: SyntheticWorkload {
        SyntheticWorkload(rowsPerProblem: n, coefficientCount: p, problemCount: synthetic.problems, seed: synthetic.seed)
    }

    /// The bootstrap the options describe; the comparison reads no residual sums of squares.
    private var plan: BootstrapPlan {
        BootstrapPlan(scheme: scheme, resamples: resamples, seed: synthetic.seed, jitter: synthetic.jitter,
                      replicateResidualSums: false)
    }

    /// The JSON shape of a comparison (part of the command-line contract).
    struct Report: Encodable {
        struct Statistic: Encodable {
            let coefficient: Int
            let bitwiseEqual: Int
            let compared: Int
            let maxAbsoluteDifference: Double
            let maxRelativeDifference: Double
        }
        struct Device: Encodable {
            let device: String
            let seconds: Double
            let timeRatio: Double
            let statusMismatches: Int
            let bitwiseEqual: Int
            let compared: Int
            let statistics: [Statistic]
            let verdict: String
        }
        let n: Int
        let p: Int
        let problems: Int
        let resamples: Int
        let scheme: String
        let jitter: Double
        let precision: String
        let tolerance: Double
        let cpuSeconds: Double
        var devices: [Device]
    }

    func run() throws {
        let resamplesPerChunk = try MemoryLimitOption.explainingRefusal {
            try BootstrapReplicates.maximumResamples(problemCount: synthetic.problems, coefficientStride: p,
                                                     standardErrors: plan.replicateStandardErrors, copies: 2, within: memoryLimit)
        }
        let batch = try workload.makeBatch()
        let selection = threading.selection(memoryLimit: memoryLimit)
        let cpu = selection.cpuBackend()
        let engines = try selection.open([.everyOpenCLDevice(required: true, includingSimulators: true)], precision: nil).filter { engine in
            guard engine.supports(precision) else {
                Diagnostics.note("compare: \(engine.deviceName) has no double precision; skipped (use --precision float)")
                return false
            }
            return true
        }
        // Kernel compilation and cold caches stay out of the timed calls.
        for engine in [cpu] + engines { try ThroughputMeasurement.warmUp(engine, batch: batch, plan: plan, precision: precision) }
        var cpuSeconds = 0.0
        var seconds = Array(repeating: 0.0, count: engines.count)
        var agreements: [ResultAgreement?] = Array(repeating: nil, count: engines.count)
        for first in stride(from: 0, to: resamples, by: resamplesPerChunk) {
            var chunk = plan
            chunk.resamples = min(resamplesPerChunk, resamples - first)
            chunk.firstReplicate = first
            let (reference, referenceSeconds) = try timedRun(cpu, batch: batch, plan: chunk)
            cpuSeconds += referenceSeconds
            for (index, engine) in engines.enumerated() {
                let (replicates, engineSeconds) = try timedRun(engine, batch: batch, plan: chunk)
                seconds[index] += engineSeconds
                let agreement = try ResultAgreement(reference: reference, other: replicates)
                agreements[index] = try agreements[index]?.combined(with: agreement) ?? agreement
            }
        }
        var report = Report(n: n, p: p, problems: synthetic.problems, resamples: resamples, scheme: scheme.rawValue, jitter: synthetic.jitter,
                            precision: precision.rawValue, tolerance: tolerance, cpuSeconds: cpuSeconds, devices: [])
        var failed = false
        for (index, engine) in engines.enumerated() {
            guard let agreement = agreements[index] else { continue }
            let verdict = agreement.isBitwiseIdentical ? "bitwise identical"
                : agreement.isWithin(relativeTolerance: tolerance) ? "within tolerance" : "exceeds tolerance"
            failed = failed || !agreement.isWithin(relativeTolerance: tolerance)
            report.devices.append(.init(
                device: engine.deviceName, seconds: seconds[index], timeRatio: seconds[index] / cpuSeconds,
                statusMismatches: agreement.statusMismatches, bitwiseEqual: agreement.bitwiseEqual, compared: agreement.compared,
                statistics: agreement.statistics.map {
                    .init(coefficient: $0.coefficient, bitwiseEqual: $0.bitwiseEqual, compared: $0.compared,
                          maxAbsoluteDifference: $0.maxAbsoluteDifference, maxRelativeDifference: $0.maxRelativeDifference)
                },
                verdict: verdict))
        }
        print(format == .json ? try JSONText.encode(report) : Self.render(report))
        if failed { throw ExitCode(1) }
    }

    /// Times one bootstrap call of `plan`; returns its replicates and seconds.
    private func timedRun(_ engine: any RegressionBackend, batch: ProblemBatch,
                          plan: BootstrapPlan) throws -> (BootstrapReplicates, Double) {
        let (replicates, sample) = try ThroughputMeasurement.timedBootstrap(engine, workload: workload, batch: batch,
                                                                           plan: plan, precision: precision)
        return (replicates, sample.seconds)
    }

    private static func render(_ report: Report) -> String {
        var lines = ["\(report.problems) problem(s), n = \(report.n), p = \(report.p), B = \(report.resamples), \(report.scheme)"
            + (report.jitter > 0 ? " + jitter ±\(report.jitter)" : "") + ", \(report.precision) precision; "
            + String(format: "cpu: %.3f s", report.cpuSeconds)]
        for device in report.devices {
            lines.append("")
            lines.append(String(format: "%@: %.3f s (%.2f× the CPU's time); %d of %d coefficients bitwise equal, %d status mismatches: %@",
                                device.device, device.seconds, device.timeRatio, device.bitwiseEqual, device.compared,
                                device.statusMismatches, device.verdict == "exceeds tolerance"
                                    ? "EXCEEDS tolerance \(report.tolerance)" : device.verdict))
            lines += Table(
                titles: ["coefficient", "bitwise equal", "max |difference|", "max relative difference"],
                textRows: device.statistics.map {
                    ["\($0.coefficient)", "\($0.bitwiseEqual)/\($0.compared)", String(format: "%.3g", $0.maxAbsoluteDifference),
                     String(format: "%.3g", $0.maxRelativeDifference)]
                }).textLines(ruled: false)
        }
        return lines.joined(separator: "\n")
    }
}
