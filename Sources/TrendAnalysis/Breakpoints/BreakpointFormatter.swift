import Foundation
import TrendFit

/// Formats a `BreakpointReport` as text for a person, as JSON, or as CSV (one line per subset and candidate).
public enum BreakpointFormatter {
    /// The report as aligned text, ending with a newline.
    public static func text(_ report: BreakpointReport) -> String {
        let settings = report.settings
        let bootstrap = settings.bootstrap
        let candidates = settings.candidates
        var lines = [
            "Breakpoints in \(report.dataset.columns.value) — \(report.dataset.source)",
            "Selection: \(report.selection.systems.count) systems"
                + (settings.window == .unbounded ? "" : " published in \(settings.window)")
                + "; \(report.selection.count(.outlier)) outliers (z < \(settings.classifier.outlierZ.compactDescription)) left out",
            "Model: log10(value) = a + b·x + d·(x − c)₊, x the decimal year: slope b before the break c, b + d after, continuous at c",
            "Candidates: \(candidates.count) dates from \(candidates.first.map(\.description) ?? "—") to \(candidates.last.map(\.description) ?? "—"), "
                + "each needing at least \(settings.minimumEachSide) systems strictly before and strictly after it",
            "Intervals: bootstrap percentiles [low; median; high] at "
                + bootstrap.confidences.map(ResampleSufficiency.percent).joined(separator: ", ") + ", "
                + "\(bootstrap.resamples) case resamples, seed \(bootstrap.seed); each resample picks its own best break",
            "Backend: \(report.backendName) (\(report.deviceName)), \(report.precision.rawValue) precision",
        ]
        for result in report.results {
            lines += [""] + block(result, settings: settings)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func block(_ result: BreakpointResult, settings: BreakpointSettings) -> [String] {
        let conventions = settings.conventions
        let span = result.dates.map { " (\($0.first) → \($0.last))" } ?? ""
        var lines = ["Subset \(result.subset.rawValue): \(result.n) systems\(span); \(result.candidates.count) candidates"
                     + " (\(result.skippedCandidates) skipped for too few systems on a side)"]
        guard let best = result.bestCandidate else {
            lines.append("  no candidate break could be fitted")
            return lines
        }
        let breakInterval = result.breakInterval.map { "[\($0.low); \($0.median); \($0.high)]" } ?? "[no valid resamples]"
        var rows = [
            ["Break date", best.date.description, breakInterval],
            ["RSS", best.residualSumOfSquares!.fixed(4), "one line without a break: " + (result.lineResidualSumOfSquares.map { $0.fixed(4) } ?? "—")],
            ["Slope before, OOM/yr", best.slopeBefore!.fixed(3), interval(result.slopeBeforeInterval, digits: 3)],
            ["Slope after, OOM/yr", best.slopeAfter!.fixed(3), interval(result.slopeAfterInterval, digits: 3)],
            ["Doubling before, months", conventions.doublingMonths(slope: best.slopeBefore!).fixed(1),
             interval(result.slopeBeforeInterval.map { TrendEstimate.doublingInterval(slopeInterval: $0, conventions: conventions) }, digits: 1)],
            ["Doubling after, months", conventions.doublingMonths(slope: best.slopeAfter!).fixed(1),
             interval(result.slopeAfterInterval.map { TrendEstimate.doublingInterval(slopeInterval: $0, conventions: conventions) }, digits: 1)],
            ["Resamples", "\(result.validResamples) valid", "\(result.excludedResamples) with no candidate fitted"],
        ]
        for level in result.levelIntervals.dropFirst() {
            let percent = ResampleSufficiency.percent(level.confidence)
            rows += [
                ["Break date at \(percent)", "", level.breakDate.map { "[\($0.low); \($0.median); \($0.high)]" } ?? "[no valid resamples]"],
                ["Slope before at \(percent)", "", interval(level.slopeBefore, digits: 3)],
                ["Slope after at \(percent)", "", interval(level.slopeAfter, digits: 3)],
            ]
        }
        lines += Table(titles: ["", "Estimate", "Interval"], textRows: rows).textLines().map { "  " + $0 }
        let ranked = result.candidates.indices.filter { result.candidates[$0].residualSumOfSquares != nil }
            .sorted { result.candidates[$0].residualSumOfSquares! < result.candidates[$1].residualSumOfSquares! }.prefix(5)
        var profile = Table(titles: ["Best candidates", "RSS", "Slope before", "Slope after", "Chosen by resamples"],
                                alignments: [.left, .right, .right, .right, .right])
        for index in ranked {
            let candidate = result.candidates[index]
            profile.append([candidate.date.description, candidate.residualSumOfSquares!.fixed(4), candidate.slopeBefore!.fixed(3),
                                 candidate.slopeAfter!.fixed(3), (candidate.replicateShare * 100).fixed(1) + "%"])
        }
        return lines + [""] + profile.textLines().map { "  " + $0 }
    }

    private static func interval(_ interval: QuantileInterval?, digits: Int) -> String {
        guard let interval else { return "[no valid resamples]" }
        return "[" + interval.array.map { $0.isFinite ? $0.fixed(digits) : ($0 > 0 ? "∞" : "−∞") }.joined(separator: "; ") + "]"
    }

    /// Column names of the CSV form.
    public static let csvColumns = ["subset", "n", "breakDate", "rss", "slopeBefore", "slopeAfter", "replicateShare", "best",
                                    "lineRSS", "breakLow", "breakMedian", "breakHigh"]

    /// The report as CSV: one line per subset and fitted candidate, the subset's best break and its
    /// interval repeated on each line; ends with a newline.
    public static func csv(_ report: BreakpointReport) -> String {
        var table = Table(titles: csvColumns)
        for result in report.results {
            let interval = result.breakInterval.map { [$0.low, $0.median, $0.high].map { TableCell.text($0.description) } }
                ?? [.empty, .empty, .empty]
            for (index, candidate) in result.candidates.enumerated() {
                let cells: [TableCell] = [
                    .text(result.subset.rawValue), .integer(result.n), .text(candidate.date.description),
                    .optional(candidate.residualSumOfSquares), .optional(candidate.slopeBefore), .optional(candidate.slopeAfter),
                    .number(candidate.replicateShare), .text(index == result.best ? "true" : "false"),
                    .optional(result.lineResidualSumOfSquares),
                ] + interval
                table.rows.append(cells)
            }
        }
        return table.csvLines().joined(separator: "\n") + "\n"
    }

    /// The report as pretty-printed JSON with sorted keys, ending with a newline.
    public static func json(_ report: BreakpointReport) throws -> String {
        func numbers(_ interval: QuantileInterval?) -> JSONValue {
            interval.map { .array($0.array.map { TableCell.number($0).jsonValue }) } ?? .null
        }
        let results: [JSONValue] = report.results.map { result in
            .object([
                "subset": .string(result.subset.rawValue), "n": .number(Double(result.n)),
                "bestBreak": result.bestCandidate.map { .string($0.date.description) } ?? .null,
                "breakInterval": result.breakInterval.map { .array([$0.low, $0.median, $0.high].map { .string($0.description) }) } ?? .null,
                "slopeBefore": TableCell.optional(result.bestCandidate?.slopeBefore).jsonValue,
                "slopeAfter": TableCell.optional(result.bestCandidate?.slopeAfter).jsonValue,
                "slopeBeforeInterval": numbers(result.slopeBeforeInterval),
                "slopeAfterInterval": numbers(result.slopeAfterInterval),
                "rss": TableCell.optional(result.bestCandidate?.residualSumOfSquares).jsonValue,
                "lineRSS": TableCell.optional(result.lineResidualSumOfSquares).jsonValue,
                "validResamples": .number(Double(result.validResamples)),
                "excludedResamples": .number(Double(result.excludedResamples)),
                "intervals": .array(result.levelIntervals.map { level in
                    .object(["confidence": .number(level.confidence),
                             "breakDate": level.breakDate.map { .array([$0.low, $0.median, $0.high].map { .string($0.description) }) } ?? .null,
                             "slopeBefore": numbers(level.slopeBefore), "slopeAfter": numbers(level.slopeAfter),
                             "extremeOrderStatistics": .bool(level.usesExtremeOrderStatistics)])
                }),
                "skippedCandidates": .number(Double(result.skippedCandidates)),
                "candidates": .array(result.candidates.map { candidate in
                    .object(["date": .string(candidate.date.description),
                             "rss": TableCell.optional(candidate.residualSumOfSquares).jsonValue,
                             "slopeBefore": TableCell.optional(candidate.slopeBefore).jsonValue,
                             "slopeAfter": TableCell.optional(candidate.slopeAfter).jsonValue,
                             "replicateShare": .number(candidate.replicateShare)])
                }),
            ])
        }
        let settings = report.settings
        let document = JSONValue.object([
            "model": .string("log10(value) = a + b*x + d*max(0, x - c); slope before = b, after = b + d"),
            "source": .string(report.dataset.source),
            "minimumEachSide": .number(Double(settings.minimumEachSide)),
            "warnings": .array(report.intervalWarnings.map(JSONValue.string)),
            "bootstrap": .object(["confidence": .number(settings.bootstrap.confidence),
                                  "confidences": .array(settings.bootstrap.confidences.map(JSONValue.number)),
                                  "resamples": .number(Double(settings.bootstrap.resamples)),
                                  "seed": .number(Double(settings.bootstrap.seed))]),
            "backend": .object(["name": .string(report.backendName), "device": .string(report.deviceName),
                                "precision": .string(report.precision.rawValue)]),
            "results": .array(results),
        ])
        return try JSONText.encode(document, pretty: true) + "\n"
    }
}
