import ArgumentParser
import Foundation
import TrendAnalysis
import TrendFit
import TrendFitOpenCL
import TrendFitWorkloads

/// `trendfit bench`: bootstrap throughput of seeded synthetic workloads on each backend and device.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure bootstrap throughput on synthetic workloads, per backend and device.",
        discussion: """
            Each cell bootstraps --problems synthetic problems of n rows and p coefficients (the intercept \
            included). Without --resamples, B is sized so that each cell runs about --seconds; with it, each \
            cell is warmed up and timed --repeats times (the fastest counts). Reported: \
            resamples, rows and Philox blocks per second, the flop rate (counts in ResampleCost.swift) and its \
            fraction of the device's measured peak (unfused vector multiply-adds, see CPUPeakRate.swift and \
            Kernels/peak.cl). Also reported: the bytes `trendfit bootstrap` copies from the device to the host \
            per resample: where it forms the summaries on the device (one problem, double precision on an \
            OpenCL device with fp64) what one such run at the cell's B read back, all passes together (its time \
            is deviceSummarySeconds); elsewhere the coefficients, status byte and residual sum of squares of a \
            replicate (0 on the CPU, whose replicates never leave host memory). And the host share: one more bootstrap call at the \
            cell's B is timed, then the summaries `trendfit bootstrap` forms from its replicates (per problem \
            and coefficient, the replicate values and their 95% percentile summary); the share is the \
            summaries' time over the call's plus the summaries'. --scaling also times 2B and twice the problems \
            for the first cell. Each call's replicates stay within --memory-limit: a sized B stops at the \
            most that fit (half that for --scaling's base run, whose doubled runs hold twice as much), and \
            a --resamples whose replicates exceed it is refused before any work.
            """)

    /// The backends a benchmark runs: the CPU, every OpenCL device, or both.
    enum Backends: String, ExpressibleByArgument, CaseIterable {
        case all, cpu, opencl

        /// The backends as selection entries, the CPU first.
        var entries: [BackendSelection.Entry] {
            switch self {
            case .all: [.cpu, .everyOpenCLDevice(required: false, includingSimulators: true)]
            case .cpu: [.cpu]
            case .opencl: [.everyOpenCLDevice(required: true, includingSimulators: true)]
            }
        }
    }

    @Option(help: "Backends: all (the CPU and every OpenCL device), cpu or opencl.")
    var backend: Backends = .all
    @Option(parsing: .unconditionalSingleValue, help: "Rows per problem (repeatable; default 30, 100, 1000).")
    var n: [Int] = []
    @Option(parsing: .unconditionalSingleValue, help: "Coefficients per problem, the intercept included (repeatable; default 2, 4, 8).")
    var p: [Int] = []
    @Option(help: "Resampling scheme (repeatable; default cases and wild).")
    var scheme: [BootstrapScheme] = []
    @Option(help: "Arithmetic precision (repeatable; default double and float).")
    var precision: [Precision] = []
    @Option(parsing: .unconditional, help: "Resamples per problem (B); default: sized to --seconds per cell.")
    var resamples: Int?
    @OptionGroup var synthetic: WorkloadOptions
    @OptionGroup var threading: ThreadOptions
    @Option(parsing: .unconditional, help: "Target seconds per cell when B is sized automatically.")
    var seconds: Double = 0.15
    @Option(parsing: .unconditional, help: "With --resamples: timed calls per cell (after a warm-up call); the fastest is reported.")
    var repeats: Int = 1
    @Flag(help: "Also check that time doubles with B and with the problem count (first cell).")
    var scaling = false
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table
    @Option(help: MemoryLimitOption.help, transform: MemoryLimitOption.parse)
    var memoryLimit = MemoryLimit.standard

    func validate() throws {
        if let resamples, resamples < 1 { throw ValidationError("--resamples must be at least 1") }
        guard seconds > 0 && seconds.isFinite else { throw ValidationError("--seconds must be positive") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        guard format != .csv else { throw ValidationError("bench prints a table or json") }
        for cell in cells {
            try cell.plan.validateOptions()
            do { try cell.workload.validate() } catch { throw ValidationError(error.description) }
        }
    }

    /// The cells the options describe (B = 64 until sized to --seconds).
    private var cells: [BenchmarkCell] {
        BenchmarkCell.grid(rows: n.isEmpty ? [30, 100, 1000] : n, coefficients: p.isEmpty ? [2, 4, 8] : p,
                           schemes: scheme.isEmpty ? [.cases, .wild] : scheme,
                           precisions: precision.isEmpty ? [.double, .float] : precision,
                           problems: synthetic.problems, resamples: resamples ?? 64, jitter: synthetic.jitter, seed: synthetic.seed)
    }

    /// The JSON shape of a benchmark (part of the command-line contract).
    struct Report: Encodable {
        struct Device: Encodable {
            let backend: String
            let device: String
            let peakFlopsPerSecond: [String: Double]
        }
        struct Result: Encodable {
            let backend: String
            let device: String
            let precision: String
            let scheme: String
            let jitter: Double
            let n: Int
            let p: Int
            let problems: Int
            let resamples: Int
            let seconds: Double
            let resamplesPerSecond: Double
            let rowsPerSecond: Double
            let philoxBlocksPerSecond: Double
            let flopsPerSecond: Double
            let peakFraction: Double?
            let costPerResample: ResampleCost
            let deviceToHostBytesPerResample: Double
            /// Whether `trendfit bootstrap` forms this cell's summaries on the device.
            let summariesOnDevice: Bool
            /// Wall-clock seconds of the summaries formed on the device at the cell's B (passes and summary kernels).
            let deviceSummarySeconds: Double?
            let bootstrapSeconds: Double
            let summarySeconds: Double
            let hostShare: Double
        }
        struct Scaling: Encodable {
            let backend: String
            let device: String
            let baseSeconds: Double
            let doubledResamplesSeconds: Double
            let doubledProblemsSeconds: Double
            let resampleRatio: Double
            let problemRatio: Double
            let linearWithin15Percent: Bool
        }
        var devices: [Device] = []
        var results: [Result] = []
        var scaling: [Scaling] = []
    }

    /// The most resamples of `cell` whose replicates, held `copies` times (twice for --scaling's
    /// base run, whose doubled runs hold twice as much), fit within --memory-limit; refuses, before
    /// any work, a --resamples beyond the limit.
    private func maximumResamples(_ cell: BenchmarkCell, copies: Int = 1) throws -> Int {
        try MemoryLimitOption.explainingRefusal {
            let problems = cell.workload.problemCount, stride = cell.workload.coefficientCount
            let maximum = try BootstrapReplicates.maximumResamples(problemCount: problems, coefficientStride: stride,
                                                                   standardErrors: false, copies: copies, within: memoryLimit)
            if let resamples, resamples > maximum {
                try memoryLimit.check(BootstrapReplicates.bytes(problemCount: problems, resamples: resamples,
                                                                coefficientStride: stride, standardErrors: false),
                                      for: "\(resamples) resamples of \(problems) problem\(problems == 1 ? "" : "s")")
            }
            return maximum
        }
    }

    func run() throws {
        let cells = self.cells
        for cell in cells { _ = try maximumResamples(cell, copies: scaling ? 2 : 1) }
        var report = Report()
        for engine in try threading.selection(memoryLimit: memoryLimit).open(backend.entries, precision: nil) {
            Diagnostics.note("bench: \(engine.name), \(engine.deviceName)")
            let usable = cells.filter { engine.supports($0.precision) }
            if usable.count < cells.count { Diagnostics.note("bench: \(engine.deviceName) has no double precision; skipping double cells") }
            var peaks: [String: Double] = [:]
            for precision in Set(usable.map(\.precision)) {
                peaks[precision.rawValue] = try (engine as? PeakRateMeasuring)?.measurePeakFlops(precision, seconds: 0.2)
            }
            report.devices.append(.init(backend: engine.name, device: engine.deviceName, peakFlopsPerSecond: peaks))
            let progress = ProgressBar(label: engine.name, total: usable.count)
            for (index, cell) in usable.enumerated() {
                let batch = try cell.workload.makeBatch()
                let sample = resamples == nil
                    ? try ThroughputMeasurement.sized(engine, workload: cell.workload, batch: batch, plan: cell.plan,
                                                      precision: cell.precision, budget: seconds,
                                                      maximumResamples: maximumResamples(cell))
                    : try ThroughputMeasurement.fastest(engine, workload: cell.workload, batch: batch, plan: cell.plan,
                                                        precision: cell.precision, repeats: repeats)
                var timed = cell.plan
                timed.resamples = sample.resamples
                let share = try HostShare.measure(engine, workload: cell.workload, batch: batch, plan: timed,
                                                  precision: cell.precision, threads: threading.count)
                let deviceRun = try DeviceSummaryRun.measure(engine, batch: batch, plan: timed, precision: cell.precision,
                                                             memoryLimit: memoryLimit, threads: threading.count)
                let readBack = deviceRun?.bytesPerResample
                    ?? Double(engine.deviceToHostBytesPerReplicate(batch, plan: cell.plan, precision: cell.precision))
                report.results.append(.init(
                    backend: engine.name, device: engine.deviceName, precision: cell.precision.rawValue,
                    scheme: cell.plan.scheme.rawValue, jitter: cell.plan.jitter, n: cell.workload.rowsPerProblem,
                    p: cell.workload.coefficientCount, problems: sample.problems, resamples: sample.resamples,
                    seconds: sample.seconds, resamplesPerSecond: sample.resamplesPerSecond, rowsPerSecond: sample.rowsPerSecond,
                    philoxBlocksPerSecond: sample.philoxBlocksPerSecond, flopsPerSecond: sample.flopsPerSecond,
                    peakFraction: peaks[cell.precision.rawValue].map { sample.flopsPerSecond / $0 }, costPerResample: sample.cost,
                    deviceToHostBytesPerResample: readBack, summariesOnDevice: deviceRun != nil,
                    deviceSummarySeconds: deviceRun?.seconds,
                    bootstrapSeconds: share.bootstrapSeconds, summarySeconds: share.summarySeconds, hostShare: share.fraction))
                progress.update(index + 1)
            }
            progress.finish()
            if scaling, let first = usable.first {
                let check = try ScalingCheck.run(engine, cell: first, budget: seconds,
                                                 maximumResamples: maximumResamples(first, copies: 2))
                report.scaling.append(.init(backend: engine.name, device: engine.deviceName, baseSeconds: check.base.seconds,
                                            doubledResamplesSeconds: check.doubledResamples.seconds,
                                            doubledProblemsSeconds: check.doubledProblems.seconds,
                                            resampleRatio: check.resampleRatio, problemRatio: check.problemRatio,
                                            linearWithin15Percent: check.isLinear(tolerance: 0.15)))
            }
        }
        print(format == .json ? try JSONText.encode(report) : Self.render(report))
    }

    private static func render(_ report: Report) -> String {
        var lines: [String] = []
        for device in report.devices {
            let peaks = device.peakFlopsPerSecond.sorted { $0.key < $1.key }
                .map { "\($0.key) \(String(format: "%.1f", $0.value / 1e9)) GFLOP/s" }.joined(separator: ", ")
            lines.append("\(device.backend): \(device.device); measured peak: \(peaks.isEmpty ? "unknown" : peaks)")
        }
        let rows = report.results.map { r in
            [r.backend, r.precision, r.scheme + (r.jitter > 0 ? "+jitter" : ""), "\(r.n)", "\(r.p)", "\(r.problems)×\(r.resamples)",
             String(format: "%.3f", r.seconds), String(format: "%.4g", r.resamplesPerSecond),
             String(format: "%.4g", r.rowsPerSecond), String(format: "%.4g", r.philoxBlocksPerSecond),
             String(format: "%.2f", r.flopsPerSecond / 1e9), r.peakFraction.map { String(format: "%.1f%%", $0 * 100) } ?? "-",
             String(format: "%.4g", r.deviceToHostBytesPerResample), String(format: "%.1f%%", r.hostShare * 100),
             r.deviceSummarySeconds.map { String(format: "%.3f", $0) } ?? "-"]
        }
        lines += Table(titles: ["backend", "precision", "scheme", "n", "p", "problems×B", "seconds", "resamples/s",
                                "rows/s", "philox/s", "GFLOP/s", "of peak", "D→H B/resample", "host share",
                                "device summaries s"],
                       textRows: rows).textLines(ruled: false)
        for s in report.scaling {
            lines.append(String(format: "scaling %@: t(2B)/t(B) = %.3f, t(2 problems)/t(problems) = %.3f (base %.3f s): %@",
                                s.backend, s.resampleRatio, s.problemRatio, s.baseSeconds,
                                s.linearWithin15Percent ? "linear within 15%" : "NOT linear within 15%"))
        }
        return lines.joined(separator: "\n")
    }
}
