import Foundation
import Testing
import TrendAnalysis

/// The prefix-sum z-scores and the truncated frontier against their direct definitions, on random
/// data with many tied dates.
@Suite struct ZScoreWindowTests {
    /// Days with many ties (whole days, some with a time of day) and log10 values near 25 with a trend.
    private static func data(count: Int, seed: UInt64) -> (days: [Double], logs: [Double]) {
        var generator = SplitMix64(state: seed)
        let days = (0..<count).map { index in
            Double(Int.random(in: 0..<1500, using: &generator)) + (index % 7 == 0 ? 0.375 : 0)
        }
        let logs = days.map { day in
            // A tenth of the systems share one value, so some windows have little or no spread.
            Int.random(in: 0..<10, using: &generator) == 0 ? 25 : 20 + day / 300 + Double.random(in: -2...2, using: &generator)
        }
        return (days, logs)
    }

    @Test(arguments: [0.0, 3, 30, 364, 5000])
    func zScoresMatchTheDirectDefinition(windowDays: Double) throws {
        let (days, logs) = Self.data(count: 2500, seed: UInt64(windowDays) + 1)
        let scores = try ScaleClassifier(windowDays: windowDays).zScores(dates: days.map(CalendarDate.init(daysSinceEpoch:)), log10Values: logs)
        let reference = bruteForceZScores(days: days, logs: logs, windowDays: windowDays)
        let largest = zip(scores, reference).map { abs($0 - $1) }.max() ?? 0
        #expect(largest < 1e-11)
        #expect(zip(scores, reference).allSatisfy { ($0 == 0) == ($1 == 0) })
        #expect(reference.contains { $0 != 0 })
    }

    @Test func aWindowOfEqualValuesHasNoSpreadWhateverTheirMagnitude() throws {
        let dates = (0..<50).map { CalendarDate(daysSinceEpoch: Double($0 % 5)) }
        #expect(ScaleClassifier.standard.zScores(dates: dates, log10Values: Array(repeating: 24.7, count: 50)).allSatisfy { $0 == 0 })
    }

    @Test(arguments: [1, 3, 10])
    func frontierMatchesItsDefinition(top: Int) {
        let (days, logs) = Self.data(count: 1500, seed: UInt64(top))
        let dates = days.map(CalendarDate.init(daysSinceEpoch:))
        let reference = days.indices.map { i in
            days.indices.count { days[$0] <= days[i] && logs[$0] > logs[i] } < top
        }
        #expect(Frontier.flags(dates: dates, values: logs, top: top) == reference)
    }
}
