import Foundation
import Testing
import TestSupport
import TrendAnalysis
import TrendFitOpenCL

/// The command line as a contract, read from the built `trendfit`: help and exit statuses of every
/// subcommand, usage errors (status 64, with the option named), runtime failures (status 1), and the
/// JSON shapes of `fit`, `bootstrap`, `trends` and `devices`.
@Suite struct CommandContractTests {
    static let subcommands = ["trends", "fit", "bootstrap", "devices", "kernels", "bench", "compare", "sweep", "merge", "breakpoints"]

    /// Forty rows of a noisy line with a weight and a four-valued group column.
    static let csv: String = {
        var random = SplitMix64(state: 7)
        let rows = (0..<40).map { i -> String in
            let x = Double(i) / 2
            return "\(1 + 2 * x + Double.random(in: -1...1, using: &random)),\(x),\(i % 4),\(1 + i % 3)"
        }
        return (["y,x,g,w"] + rows).joined(separator: "\n") + "\n"
    }()

    /// A coefficient of `fit` and `bootstrap`.
    static let interval = JSONShape.object(["confidence": .number, "lower": .number, "upper": .number, "extremeOrderStatistics": .bool])

    @Test(arguments: [[]] + subcommands.map { [$0] })
    func helpExitsZeroAndShowsUsage(_ command: [String]) throws {
        let run = try assertExecute(command + ["--help"])
        #expect(run.stdout.contains("USAGE: trendfit" + command.map { " " + $0 }.joined()), "\(run.stdout.prefix(200))")
    }

    @Test(arguments: [
        (["fit", "data.csv", "--y", "y", "--backend", "gpu"], "'gpu' is invalid for '--backend"),
        (["fit", "data.csv", "--y", "y", "--backend", "cpu", "--device", "0"], "--device selects an OpenCL device"),
        (["fit", "data.csv", "--y", "y", "--x", "y"], "--y 'y' is also given as --x"),
        (["bootstrap", "data.csv", "--y", "y", "--jitter", "-1"], "--jitter: jitter must be a finite non-negative half-width, got -1.0"),
        (["bootstrap", "data.csv", "--y", "y", "--min-distinct", "40"], "--min-distinct: minimum distinct rows must be between 0 and 32"),
        (["bootstrap", "data.csv", "--y", "y", "--resamples", "1"], "--resamples must be at least 2"),
        (["bootstrap", "data.csv", "--y", "y", "--summaries", "device", "--replicates", "r.csv"],
         "--summaries device keeps the replicates on the device; --replicates r.csv needs them on the host"),
        (["bootstrap", "data.csv", "--y", "y", "--scheme", "wild", "--strata", "g"], "--strata with --scheme wild: strata resampling draws cases; it cannot be combined with the wild scheme"),
        (["trends", "--bogus"], "Unknown option '--bogus'"),
        (["trends", "--resamples", "0"], "resamples"),
        (["devices", "--format", "xml"], "'xml' is invalid for '--format"),
        (["bench", "--format", "csv"], "bench prints a table or json"),
        (["bench", "--n", "2", "--p", "2"], "n = 2 rows for p = 2 coefficients: use more rows than coefficients"),
        (["compare", "--resamples", "0"], "--resamples: resamples must be between 1 and 4294967295, got 0"),
        (["kernels", "--device-type", "gpu", "--jitter", "nan"], "--jitter: jitter must be a finite non-negative half-width, got nan"),
        (["sweep", "spec.json", "--devices", "gpu"], "'gpu' is invalid for '--devices"),
        (["breakpoints", "--from", "2012", "--to", "2014", "--step", "fortnight"], "--step 'fortnight'"),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let run = try assertExecute(arguments, exitCode: 64, stderrContains: message)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("Usage: trendfit") || run.stderr.contains("Help:"), "\(run.stderr)")
    }

    @Test func runtimeFailuresExitOneWithAMessageNamingTheCause() throws {
        let folder = try ScratchFolder()
        let missing = folder.path("missing.csv")
        try assertExecute(["fit", missing, "--y", "y", "--backend", "cpu"], exitCode: 1, stderrContains: missing)
        let constant = try folder.write("y,x\n1,3\n2,3\n4,3\n", to: "constant.csv")
        try assertExecute(["fit", constant, "--y", "y", "--x", "x", "--backend", "cpu"], exitCode: 1, stderrContains: "rank-deficient")
        try assertExecute(["merge", folder.path("shard.csv")], exitCode: 1, stderrContains: "shard.csv")
        let data = try folder.write(Self.csv, to: "data.csv")
        let devices = try OpenCLDevice.all()
        let device = try assertExecute(["fit", data, "--y", "y", "--device", "\(devices.count)"], exitCode: 1)
        #expect(device.stderr.contains(devices.isEmpty ? "no OpenCL device" : "--device \(devices.count) does not exist"), "\(device.stderr)")
        #expect(device.stdout.isEmpty)
        if !devices.isEmpty {
            let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Examples/sweep-deep-learning-start.json").path
            try assertExecute(["sweep", spec, "--devices", "cpu,\(devices.count)"], exitCode: 1,
                              stderrContains: "--devices \(devices.count) does not exist: there are \(devices.count) OpenCL devices")
        }
    }

    @Test func fitPrintsItsJSONShapeTableAndCSV() throws {
        let folder = try ScratchFolder()
        let data = try folder.write(Self.csv, to: "data.csv")
        let shape = JSONShape.object([
            "n": .integer, "residualStandardError": .number, "rSquared": .optional(.number),
            "coefficients": .array(.object(["term": .string, "estimate": .number, "standardError": .number])),
            "backend": .string, "device": .string, "precision": .string,
        ])
        let json = try assertExecuteJSON(["fit", data, "--y", "y", "--x", "x", "--weights", "w", "--backend", "cpu", "--format", "json"],
                                         shape: shape)
        guard case .object(let report) = json, case .array(let coefficients)? = report["coefficients"] else {
            Issue.record("unexpected fit JSON")
            return
        }
        let terms: [(term: String, estimate: Double, standardError: Double)] = coefficients.compactMap {
            guard case .object(let c) = $0, case .string(let term)? = c["term"], case .number(let estimate)? = c["estimate"],
                  case .number(let standardError)? = c["standardError"] else { return nil }
            return (term, estimate, standardError)
        }
        #expect(terms.map(\.term) == ["(Intercept)", "x"] && report["n"] == .number(40) && report["backend"] == .string("cpu"))
        let csv = try assertExecute(["fit", data, "--y", "y", "--x", "x", "--weights", "w", "--backend", "cpu", "--format", "csv"])
        #expect(csv.stdout == "term,estimate,standardError\n" + terms.map { "\($0.term),\($0.estimate),\($0.standardError)\n" }.joined())
        // Columns padded to their widest cell, two spaces apart, without trailing spaces; 15 significant digits.
        let cells = [["term", "estimate", "std. error"]]
            + terms.map { [$0.term, String(format: "%.15g", $0.estimate), String(format: "%.15g", $0.standardError)] }
        let widths = (0..<3).map { column in cells.map { $0[column].count }.max()! }
        let expected = cells.map { row in
            (0..<2).map { row[$0] + String(repeating: " ", count: widths[$0] - row[$0].count + 2) }.joined() + row[2]
        }
        let table = try assertExecute(["fit", data, "--y", "y", "--x", "x", "--weights", "w", "--backend", "cpu"])
        let tableLines = table.stdout.split(separator: "\n").map(String.init)
        #expect(tableLines.count == 5 && Array(tableLines.prefix(3)) == expected)
        #expect(tableLines[3].hasPrefix("n = 40, residual standard error = "))
        #expect(tableLines[4].hasPrefix("backend: cpu, CPU, "))
    }

    @Test func bootstrapPrintsItsJSONShape() throws {
        let folder = try ScratchFolder()
        let data = try folder.write(Self.csv, to: "data.csv")
        let coefficient = JSONShape.object([
            "term": .string, "estimate": .number, "median": .number, "standardError": .number,
            "interval": .array(.number), "intervals": .array(Self.interval),
        ])
        let common: [String: JSONShape] = [
            "n": .integer, "resamples": .integer, "validResamples": .integer, "excluded": .dictionary(.integer), "seed": .integer,
            "scheme": .string, "grouping": .string, "jitter": .number, "intervalMethod": .string, "confidence": .number,
            "confidences": .array(.number), "warnings": .array(.string), "coefficients": .array(coefficient),
            "backend": .string, "device": .string, "precision": .string, "summaries": .string,
        ]
        let plain = try assertExecuteJSON(["bootstrap", data, "--y", "y", "--x", "x", "--resamples", "300", "--backend", "cpu",
                                           "--confidence", "0.9,0.95", "--format", "json"], shape: .object(common))
        guard case .object(let report) = plain else { return }
        #expect(report["confidences"] == .array([.number(0.9), .number(0.95)]) && report["seed"] == .number(2022))
        #expect(report["summaries"] == .string("host"))
        let grouped = common.merging(["groupColumn": .string, "groups": .integer, "wildWeights": .optional(.string)]) { $1 }
        let strata = try assertExecuteJSON(["bootstrap", data, "--y", "y", "--x", "x", "--resamples", "300", "--backend", "cpu",
                                            "--strata", "g", "--format", "json"], shape: .object(grouped))
        guard case .object(let stratified) = strata else { return }
        #expect(stratified["grouping"] == .string("strata") && stratified["groups"] == .number(4))
        let wild = common.merging(["wildWeights": .string]) { $1 }
        try assertExecuteJSON(["bootstrap", data, "--y", "y", "--x", "x", "--resamples", "300", "--backend", "cpu",
                               "--scheme", "wild", "--format", "json"], shape: .object(wild))
    }

    @Test func trendsPrintsItsJSONShape() throws {
        let levelInterval = JSONShape.object(["confidence": .number, "slope": .array(.nullable(.number)),
                                              "doublingMonths": .array(.nullable(.number)), "extremeOrderStatistics": .bool])
        let row = JSONShape.object([
            "period": .string, "subset": .string, "domain": .optional(.string), "n": .integer, "firstDate": .string,
            "lastDate": .string, "slope": .optional(.number), "slopeInterval": .optional(.array(.nullable(.number))),
            "doublingMonths": .optional(.nullable(.number)), "doublingInterval": .optional(.array(.nullable(.number))),
            "growthPerYear": .optional(.number), "rSquared": .optional(.number), "scaleStart": .optional(.number),
            "scaleEnd": .optional(.number), "validResamples": .optional(.integer), "excludedResamples": .optional(.integer),
            "intervals": .optional(.array(levelInterval)), "note": .optional(.string),
        ])
        let shape = JSONShape.object([
            "conventions": .object(["x": .string, "daysPerYear": .number, "daysPerMonth": .number, "slope": .string,
                                    "doublingMonths": .string, "growthPerYear": .string, "dateRanges": .string, "intervals": .string]),
            "bootstrap": .object(["scheme": .string, "confidence": .number, "confidences": .array(.number), "resamples": .integer,
                                  "seed": .integer, "jitterLog10": .number, "minimumDistinctSystems": .integer,
                                  "grouping": .string, "groupBy": .optional(.string)]),
            "selection": .object(["from": .optional(.string), "to": .optional(.string), "notability": .array(.string),
                                  "confidenceRatings": .array(.string), "organizationCategories": .array(.string),
                                  "zWindowDays": .number, "outlierZ": .number, "largeZ": .number, "largeFrom": .string,
                                  "frontierTop": .integer,
                                  "periods": .array(.object(["name": .string, "start": .optional(.string), "end": .optional(.string)]))]),
            "data": .object(["source": .string, "valueColumn": .string, "records": .integer, "systems": .integer,
                             "skippedMissingDate": .integer, "skippedMissingValue": .integer,
                             "nonPositiveValues": .array(.object(["name": .string, "line": .integer, "value": .number])),
                             "outsideWindow": .integer, "filteredOut": .integer, "selected": .integer, "outliers": .integer,
                             "largeScale": .integer]),
            "backend": .object(["name": .string, "device": .string, "precision": .string]),
            "rows": .array(row), "domainRows": .array(row), "warnings": .array(.string),
        ])
        let json = try assertExecuteJSON(["trends", "--backend", "cpu", "--resamples", "100", "--domains", "--format", "json"], shape: shape)
        guard case .object(let report) = json, case .array(let rows)? = report["rows"] else { return }
        #expect(!rows.isEmpty)
        guard case .object(let bootstrap)? = report["bootstrap"] else { return }
        #expect(bootstrap["seed"] == .number(2022) && bootstrap["minimumDistinctSystems"] == .number(3))
    }

    @Test func breakpointsPrintsItsJSONShape() throws {
        let dates = JSONShape.nullable(.array(.string))
        let numbers = JSONShape.nullable(.array(.nullable(.number)))
        let result = JSONShape.object([
            "subset": .string, "n": .integer, "bestBreak": .nullable(.string), "breakInterval": dates,
            "slopeBefore": .nullable(.number), "slopeAfter": .nullable(.number), "slopeBeforeInterval": numbers,
            "slopeAfterInterval": numbers, "rss": .nullable(.number), "lineRSS": .nullable(.number),
            "validResamples": .integer, "excludedResamples": .integer, "skippedCandidates": .integer,
            "intervals": .array(.object(["confidence": .number, "breakDate": dates, "slopeBefore": numbers,
                                         "slopeAfter": numbers, "extremeOrderStatistics": .bool])),
            "candidates": .array(.object(["date": .string, "rss": .nullable(.number), "slopeBefore": .nullable(.number),
                                          "slopeAfter": .nullable(.number), "replicateShare": .number])),
        ])
        let shape = JSONShape.object([
            "model": .string, "source": .string, "minimumEachSide": .integer, "warnings": .array(.string),
            "bootstrap": .object(["confidence": .number, "confidences": .array(.number), "resamples": .integer, "seed": .integer]),
            "backend": .object(["name": .string, "device": .string, "precision": .string]),
            "results": .array(result),
        ])
        let json = try assertExecuteJSON(["breakpoints", "--from", "2012", "--to", "2016", "--step", "6m", "--backend", "cpu",
                                          "--resamples", "50", "--subset", "all", "--subset", "large", "--format", "json"], shape: shape)
        guard case .object(let report) = json, case .array(let results)? = report["results"] else { return }
        #expect(results.count == 2)
    }

    /// `compare` runs every OpenCL device against the CPU backend; without a device it fails (status 1).
    @Test func comparePrintsItsJSONShapeOrFailsWithoutADevice() throws {
        let arguments = ["compare", "--n", "30", "--resamples", "200", "--format", "json"]
        guard !(try OpenCLDevice.all()).isEmpty else {
            try assertExecute(arguments, exitCode: 1, stderrContains: "no OpenCL device")
            return
        }
        let statistic = JSONShape.object(["coefficient": .integer, "bitwiseEqual": .integer, "compared": .integer,
                                          "maxAbsoluteDifference": .number, "maxRelativeDifference": .number])
        let device = JSONShape.object([
            "device": .string, "seconds": .number, "timeRatio": .number, "statusMismatches": .integer, "bitwiseEqual": .integer,
            "compared": .integer, "statistics": .array(statistic), "verdict": .string,
        ])
        let json = try assertExecuteJSON(arguments, shape: .object([
            "n": .integer, "p": .integer, "problems": .integer, "resamples": .integer, "scheme": .string, "jitter": .number,
            "precision": .string, "tolerance": .number, "cpuSeconds": .number, "devices": .array(device),
        ]))
        guard case .object(let report) = json, case .array(let devices)? = report["devices"], case .object(let first)? = devices.first else {
            Issue.record("no device compared")
            return
        }
        #expect(first["compared"] == .number(400) && first["statusMismatches"] == .number(0))
    }

    @Test func devicesListsTheCPUAndEveryOpenCLDevice() throws {
        let entry = JSONShape.object([
            "index": .optional(.integer), "backend": .string, "platform": .string, "name": .string, "vendor": .string,
            "driver": .string, "type": .string, "computeUnits": .integer, "globalMemoryBytes": .integer, "fp64": .bool, "simulator": .bool,
        ])
        let json = try assertExecuteJSON(["devices", "--threads", "3", "--format", "json"], shape: .object(["devices": .array(entry)]))
        let devices = try OpenCLDevice.all()
        guard case .object(let report) = json, case .array(let entries)? = report["devices"] else { return }
        #expect(entries.count == 1 + devices.count)
        guard case .object(let cpu) = entries[0] else { return }
        #expect(cpu["backend"] == .string("cpu") && cpu["computeUnits"] == .number(3) && cpu["index"] == nil)
        for (index, device) in devices.enumerated() {
            guard case .object(let listed) = entries[index + 1] else { continue }
            #expect(listed["index"] == .number(Double(index)) && listed["name"] == .string(device.name))
        }
        let csv = try assertExecute(["devices", "--threads", "3", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("device,backend,name,platform,type,units,memory,fp64\n-,cpu,\"CPU, 3 threads\",TrendFit,CPU,3,"))
    }

    /// `auto` names what it picked on stderr, and it is what ran; it picks the CPU when no GPU fits.
    @Test func autoRunsOnTheBackendItNames() throws {
        let folder = try ScratchFolder()
        let data = try folder.write(Self.csv, to: "data.csv")
        let run = try assertExecute(["fit", data, "--y", "y", "--x", "x", "--threads", "2", "--format", "json"])
        let devices = try OpenCLDevice.all()
        let automatic = BackendSelection.automaticDeviceIndex(among: devices, precision: .double)
        let name = automatic.map { "opencl (\(devices[$0].name)" } ?? "cpu (CPU, 2 threads)"
        #expect(run.stderr.contains("backend auto: using \(name)"), "\(run.stderr)")
        let report = try JSONValue(parsing: Data(run.stdout.utf8))
        guard case .object(let object) = report else { return }
        #expect(object["backend"] == .string(automatic == nil ? "cpu" : "opencl"))
    }
}
