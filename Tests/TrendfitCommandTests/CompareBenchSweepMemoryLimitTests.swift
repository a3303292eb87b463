import Foundation
import Testing
import TestSupport
import TrendAnalysis
import TrendFitOpenCL

/// `--memory-limit` on `compare`, `bench` and `sweep`, run as a subprocess: `compare` beyond the
/// limit compares in chunks of resamples and reports what one comparison does; a request that
/// cannot fit is refused before any work, naming the limit and the option that raises it.
@Suite struct CompareBenchSweepMemoryLimitTests {
    /// The message's end when a request is refused for want of memory.
    static let refusal = "more than the memory limit of 1 MiB; raise the limit with --memory-limit (no work was done)"

    /// The JSON report of `compare` without its times.
    static func comparison(_ limit: [String]) throws -> [String: JSONValue] {
        let run = try assertExecute(["compare", "--n", "30", "--p", "3", "--problems", "40", "--resamples", "1500",
                                     "--precision", "float", "--format", "json"] + limit)
        guard case .object(var report) = try JSONValue(parsing: Data(run.stdout.utf8)),
              case .array(let devices)? = report["devices"] else { return [:] }
        report["cpuSeconds"] = nil
        report["devices"] = .array(devices.map { device in
            guard case .object(var fields) = device else { return device }
            fields["seconds"] = nil
            fields["timeRatio"] = nil
            return .object(fields)
        })
        return report
    }

    /// 1 MiB holds the CPU's and a device's replicates of 40 problems × 3 coefficients (33 bytes a
    /// replicate) for 397 resamples at a time: 1500 resamples are compared in four chunks.
    @Test func compareInChunksReportsWhatOneComparisonDoes() throws {
        guard !(try OpenCLDevice.all()).isEmpty else { return }
        let whole = try Self.comparison([])
        let chunked = try Self.comparison(["--memory-limit", "1M"])
        #expect(chunked == whole)
        guard case .array(let devices)? = whole["devices"], case .object(let first)? = devices.first else {
            Issue.record("no device compared")
            return
        }
        #expect(first["compared"] == .number(40 * 1500 * 3) && first["statusMismatches"] == .number(0))
    }

    @Test func compareThatCannotHoldOneResampleIsRefusedBeforeAnyWork() throws {
        let run = try assertExecute(["compare", "--problems", "50000", "--memory-limit", "1M"], exitCode: 1,
                                    stderrContains: Self.refusal)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("2 copies of one resample of 50000 problems would hold 2.4 MiB"), "\(run.stderr)")
    }

    @Test func benchBeyondTheLimitIsRefusedBeforeAnyWork() throws {
        let run = try assertExecute(["bench", "--backend", "cpu", "--n", "20", "--p", "2", "--scheme", "cases", "--precision", "double",
                                     "--problems", "100", "--resamples", "100000", "--memory-limit", "1M"],
                                    exitCode: 1, stderrContains: Self.refusal)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("100000 resamples of 100 problems would hold"), "\(run.stderr)")
    }

    /// Sized to its time budget, a cell's B stops at what the limit holds: 1 MiB / (100 problems × 25 bytes).
    @Test func benchSizesBWithinTheLimit() throws {
        let run = try assertExecute(["bench", "--backend", "cpu", "--n", "20", "--p", "2", "--scheme", "cases", "--precision", "double",
                                     "--problems", "100", "--memory-limit", "1M", "--format", "json"])
        guard case .object(let report) = try JSONValue(parsing: Data(run.stdout.utf8)),
              case .array(let results)? = report["results"], case .object(let result)? = results.first,
              case .number(let resamples)? = result["resamples"] else {
            Issue.record("no result: \(run.stdout)")
            return
        }
        #expect(resamples >= 1 && resamples <= Double((1 << 20) / (100 * 25)))
    }

    /// One configuration of nine trends × 4·10⁹ resamples cannot be held: refused before the output
    /// file (or its .partial) is opened.
    @Test func sweepThatCannotHoldOneConfigurationIsRefusedBeforeAnyWork() throws {
        let folder = try ScratchFolder()
        let spec = try folder.write("""
            {"periods": [{"name": "A", "start": "1950-01-01", "end": "era"}, {"name": "B", "start": "era"}],
             "subsets": ["all", "large"], "resamples": 4000000000,
             "sweep": [{"name": "era", "from": "2010-01", "to": "2011-01", "step": "6m"}]}
            """, to: "spec.json")
        let run = try assertExecute(["sweep", spec, "--output", folder.path("out.csv"), "--backend", "cpu", "--memory-limit", "1M"],
                                    exitCode: 1, stderrContains: Self.refusal)
        #expect(run.stderr.contains("4000000000 resamples of 1 configuration × 4 trends would hold"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("out.csv"))
                && !FileManager.default.fileExists(atPath: folder.path("out.csv.partial")))
    }
}
