import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TrendAnalysis
import TrendFit

@Suite struct OutputTests {
    /// A small report: two periods over a noisy line, one with a slope interval reaching below zero.
    static let report: TrendReport = {
        var points: [(String, Double)] = []
        for index in 0..<30 {
            let date = CalendarDate(year: 2000 + index / 3, month: 1 + (index % 3) * 4, day: 15)
            points.append((date.description, pow(10, 10 + 0.3 * Double(index / 3) + (index % 2 == 0 ? 0.8 : -0.8))))
        }
        for index in 0..<5 {
            let date = CalendarDate(year: 2020, month: 1 + index, day: 1)
            points.append((date.description, pow(10, 15 + (index % 2 == 0 ? 1 : -1) + 0.01 * Double(index))))
        }
        var data = dataset(points)
        data.nonPositiveValues = [NonPositiveValue(name: "Zero", line: 7, value: 0)]
        let settings = try! AnalysisSettings(
            periods: [try! Period(parsing: "Early=2000..2010"), try! Period(parsing: "Flat=2020..end")],
            subsets: [.all], bootstrap: try! BootstrapSettings(resamples: 300, seed: 5))
        return try! EraAnalysis(settings: settings).run(on: data, backend: CPUBackend(), precision: .double)
    }()

    @Test func jsonHasConventionsRowsAndCounts() throws {
        let text = try JSONReportFormatter.format(Self.report)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let conventions = try #require(json["conventions"] as? [String: Any])
        #expect(conventions["daysPerYear"] as? Double == 365.25)
        #expect(conventions["daysPerMonth"] as? Double == 30.4375)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.map { $0["period"] as? String } == ["Early", "Flat"])
        #expect(rows.allSatisfy { $0["subset"] as? String == "all" })
        let early = rows[0]
        let estimate = try #require(Self.report.rows[0].estimate)
        #expect(early["n"] as? Int == 30)
        // JSONSerialization may read the last digit differently; the text itself is exact.
        func close(_ value: Any?, _ expected: Double) -> Bool {
            guard let value = value as? Double else { return false }
            return abs(value - expected) <= 1e-14 * abs(expected)
        }
        #expect(close(early["slope"], estimate.slope))
        #expect(text.contains("\"slope\" : \(estimate.slope)"))
        #expect((early["slopeInterval"] as? [Double])?.count == 3)
        #expect(close(early["doublingMonths"], estimate.doublingMonths))
        #expect(early["excludedResamples"] as? Int == estimate.excludedResamples)
        #expect(close(early["scaleStart"], estimate.scaleStart))
        let flatInterval = try #require(rows[1]["doublingInterval"] as? [Any])
        #expect(flatInterval.last is NSNull)
        let data = try #require(json["data"] as? [String: Any])
        #expect(data["systems"] as? Int == 35)
        #expect((data["nonPositiveValues"] as? [[String: Any]])?.first?["line"] as? Int == 7)
    }

    @Test func csvHasAHeaderAndOneLinePerRow() throws {
        let records = ReferenceCSV.records(CSVReportFormatter.format(Self.report))
        #expect(records.first == CSVReportFormatter.header)
        #expect(records.count == 3)
        let slope = try #require(records[1][CSVReportFormatter.header.firstIndex(of: "slope")!].isEmpty ? nil : records[1][9])
        #expect(Double(slope) == Self.report.rows[0].estimate?.slope)
        #expect(records[2][CSVReportFormatter.header.firstIndex(of: "doublingHigh")!] == "inf")
        #expect(records.allSatisfy { $0.count == CSVReportFormatter.header.count })
    }

    @Test func tableShowsRowsIntervalsAndConventions() throws {
        let text = EraTableFormatter.format(Self.report)
        let estimate = try #require(Self.report.rows[0].estimate)
        let interval = try #require(estimate.slopeInterval)
        #expect(text.contains("Early"))
        #expect(text.contains(estimate.slope.fixed(3) + " [" + interval.low.fixed(3)))
        #expect(text.contains("; ∞]"))
        #expect(text.contains("log10(2) / slope × 365.25 / 30.4375 months"))
        #expect(text.contains("line 7: Zero = 0"))
        #expect(text.contains("Backend: cpu"))
    }

    @Test func bandIsThePointwisePercentileOfReplicateLines() throws {
        let estimate = try #require(Self.report.rows[0].estimate)
        let band = try #require(TrendBand(estimate: estimate, firstYear: 2000, lastYear: 2010, confidence: 0.9, points: 11))
        #expect(band.years.first == 2000 && band.years.last == 2010 && band.years.count == 11)
        let year = band.years[4]
        let values = zip(estimate.replicateIntercepts, estimate.replicateSlopes).map { $0 + $1 * year }
        let interval = try #require(QuantileInterval(percentilesOf: values, confidence: 0.9))
        #expect(band.low[4] == interval.low && band.high[4] == interval.high)
        #expect(zip(band.low, band.high).allSatisfy { $0 < $1 })
        #expect(abs(band.fitted[4] - (estimate.intercept + estimate.slope * year)) < 1e-12)
    }

    @Test func quantilesInterpolateLinearly() {
        #expect(QuantileInterval(percentilesOf: [4, 1, 3, 2], confidence: 0.5) == QuantileInterval(low: 1.75, median: 2.5, high: 3.25))
        #expect(QuantileInterval(percentilesOf: [4, 1, 3, 2, 5], confidence: 0.5) == QuantileInterval(low: 2, median: 3, high: 4))
        #expect(QuantileInterval(percentilesOf: [], confidence: 0.95) == nil)
    }

    @Test func axisTicksAreRound() {
        #expect(AxisTicks.years(in: 1949.5...2026.1) == [1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020])
        #expect(AxisTicks.decades(in: 1...27) == stride(from: 2.0, through: 26, by: 2).map { $0 })
        #expect(AxisTicks.decades(in: 10...16) == [10, 11, 12, 13, 14, 15, 16])
    }
}

@Suite struct TrendPlotTests {
    @Test func svgDrawsEverySystemEachLineAndALegend() throws {
        let report = OutputTests.report
        let svg = TrendPlot(report: report).svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        let regular = report.selection.count(.regular)
        let large = report.selection.count(.large)
        // One circle per regular or large system, plus two legend markers.
        #expect(svg.components(separatedBy: "<circle").count - 1 == regular + large + 2)
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 2)
        #expect(svg.contains("Early: "))
        #expect(svg.contains("Flat: "))
        #expect(svg.contains("10<tspan dy=\"-7\" font-size=\"10\">"))
        #expect(svg.contains("Publication date"))
        #expect(svg.contains("Training compute (FLOP) over time, 2000–2020"))
    }

    @Test func svgIsWellFormedXML() throws {
        let svg = TrendPlot(report: OutputTests.report, subsets: [.all, .large]).svg()
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse())
    }

    @Test func namesAreEscaped() {
        #expect(SVGWriter.escaped("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;")
    }
}
