import Foundation
import Testing
import TrendAnalysis
import TrendFit

/// Least squares of y on (1, x, (x − c)₊) by the normal equations, solved by Gaussian elimination
/// with x centred; returns the residual sum of squares and the slopes before and after c.
func hingeFit(x: [Double], y: [Double], breakYear c: Double) -> (rss: Double, before: Double, after: Double) {
    let centre = x.reduce(0, +) / Double(x.count)
    let columns = [x.map { _ in 1.0 }, x.map { $0 - centre }, x.map { max(0, $0 - c) }]
    var system = (0..<3).map { i in (0..<3).map { j in zip(columns[i], columns[j]).reduce(0) { $0 + $1.0 * $1.1 } }
        + [zip(columns[i], y).reduce(0) { $0 + $1.0 * $1.1 }] }
    for pivot in 0..<3 {
        for row in (pivot + 1)..<3 {
            let factor = system[row][pivot] / system[pivot][pivot]
            for column in pivot...3 { system[row][column] -= factor * system[pivot][column] }
        }
    }
    var beta = [0.0, 0, 0]
    for row in (0..<3).reversed() {
        beta[row] = (system[row][3] - ((row + 1)..<3).reduce(0) { $0 + system[row][$1] * beta[$1] }) / system[row][row]
    }
    let rss = x.indices.reduce(0) { sum, i in
        let fitted = beta[0] * columns[0][i] + beta[1] * columns[1][i] + beta[2] * columns[2][i]
        return sum + (y[i] - fitted) * (y[i] - fitted)
    }
    return (rss, beta[1], beta[1] + beta[2])
}

@Suite struct BreakpointTests {
    static let trueBreak = CalendarDate(year: 2012, month: 7, day: 1)

    /// Eighty systems from 2005 to 2020 on two lines meeting at 2012-07-01 (slope 0.2, then 0.8 OOM/yr),
    /// plus a fixed zig-zag of ±`noise` in log10.
    static func hingeData(noise: Double) -> Dataset {
        let conventions = TimeConventions.standard
        let breakYear = conventions.year(of: trueBreak)
        let start = CalendarDate(year: 2005, month: 1, day: 10).daysSinceEpoch
        let points = (0..<80).map { index -> (String, Double) in
            let date = CalendarDate(daysSinceEpoch: start + Double(index) * 68.5)
            let x = conventions.year(of: date)
            let y = 12 + 0.2 * (x - breakYear) + 0.6 * max(0, x - breakYear) + (index % 2 == 0 ? noise : -noise)
            return (date.description, pow(10, y))
        }
        return dataset(points)
    }

    /// Half-yearly candidates from 2008-01-01 to 2018-01-01 (2012-07-01 among them).
    static func settings(resamples: Int = 80) throws -> BreakpointSettings {
        try BreakpointSettings(from: CalendarDate(year: 2008, month: 1, day: 1), to: CalendarDate(year: 2018, month: 1, day: 1),
                               step: DateStep(parsing: "6m")!, bootstrap: BootstrapSettings(resamples: resamples, seed: 17))
    }

    @Test func theBestBreakIsTheTrueOneAndEveryRSSMatchesTheClosedForm() throws {
        let data = Self.hingeData(noise: 0.03)
        let report = try BreakpointAnalysis(settings: Self.settings()).run(on: data, backend: CPUBackend(), precision: .double)
        let result = try #require(report.results.first)
        #expect(result.n == 80)
        #expect(try #require(result.bestCandidate).date == Self.trueBreak)

        let conventions = TimeConventions.standard
        let x = data.systems.map { conventions.year(of: $0.date) }
        let y = data.systems.map { log10($0.value) }
        let grid = try Self.settings().candidates
        let eligible = grid.filter { c in data.systems.count { $0.date < c } >= 5 && data.systems.count { $0.date > c } >= 5 }
        #expect(result.candidates.map(\.date) == eligible)
        #expect(result.skippedCandidates == grid.count - eligible.count)
        for candidate in result.candidates {
            let reference = hingeFit(x: x, y: y, breakYear: conventions.year(of: candidate.date))
            let rss = try #require(candidate.residualSumOfSquares)
            #expect(abs(rss - reference.rss) <= 1e-8 * reference.rss)
            #expect(abs(try #require(candidate.slopeBefore) - reference.before) < 1e-8)
            #expect(abs(try #require(candidate.slopeAfter) - reference.after) < 1e-8)
        }
        let line = ClosedFormLine(x: x, y: y)
        let lineRSS = zip(x, y).reduce(0) { $0 + pow($1.1 - line.intercept - line.slope * $1.0, 2) }
        #expect(abs(try #require(result.lineResidualSumOfSquares) - lineRSS) <= 1e-9 * lineRSS)

        let interval = try #require(result.breakInterval)
        #expect(interval.low <= Self.trueBreak && Self.trueBreak <= interval.high)
        #expect(interval.high.daysSinceEpoch - interval.low.daysSinceEpoch < 366)
        #expect(abs(result.candidates.map(\.replicateShare).reduce(0, +) - 1) < 1e-12)
        #expect(try #require(result.slopeBeforeInterval).low < 0.2 && 0.2 < result.slopeBeforeInterval!.high)
        #expect(try #require(result.slopeAfterInterval).low < 0.8 && 0.8 < result.slopeAfterInterval!.high)
    }

    @Test func withoutNoiseEveryResamplePicksTheTrueBreak() throws {
        let report = try BreakpointAnalysis(settings: Self.settings(resamples: 50))
            .run(on: Self.hingeData(noise: 0), backend: CPUBackend(), precision: .double)
        let result = try #require(report.results.first)
        #expect(result.validResamples == 50)
        let interval = try #require(result.breakInterval)
        #expect([interval.low, interval.median, interval.high] == [Self.trueBreak, Self.trueBreak, Self.trueBreak])
        #expect(result.bestCandidate?.replicateShare == 1)
    }

    @Test func chunkingTheCandidatesChangesNothing() throws {
        let data = Self.hingeData(noise: 0.08)
        let whole = try BreakpointAnalysis(settings: Self.settings(resamples: 50)).run(on: data, backend: CPUBackend(), precision: .double)
        let spy = SpyBackend()
        let chunked = try BreakpointAnalysis(settings: Self.settings(resamples: 50), candidatesPerChunk: 4)
            .run(on: data, backend: spy, precision: .double)
        #expect(BreakpointFormatter.csv(chunked) == BreakpointFormatter.csv(whole))
        #expect(chunked.results[0].slopeAfterInterval == whole.results[0].slopeAfterInterval)
        let chunks = (whole.settings.candidates.count + 3) / 4
        #expect(spy.recordedCalls.filter { $0.kind == "bootstrap" }.count <= chunks)
        #expect(spy.recordedCalls.filter { $0.kind == "fit" }.count <= chunks + 1)
    }

    @Test func candidatesNeedEnoughSystemsOnEachSide() throws {
        let settings = try BreakpointSettings(from: CalendarDate(year: 2000, month: 1, day: 1), to: CalendarDate(year: 2025, month: 1, day: 1),
                                              step: DateStep(parsing: "1y")!, minimumEachSide: 30,
                                              bootstrap: BootstrapSettings(resamples: 20))
        let result = try BreakpointAnalysis(settings: settings).run(on: Self.hingeData(noise: 0.03), backend: CPUBackend(), precision: .double).results[0]
        let data = Self.hingeData(noise: 0.03)
        #expect(result.candidates.allSatisfy { c in data.systems.count { $0.date < c.date } >= 30 && data.systems.count { $0.date > c.date } >= 30 })
        #expect(result.candidates.map(\.date.description) == ["2011-01-01", "2012-01-01", "2013-01-01", "2014-01-01"])
    }
}
