import Foundation
import Testing
import TestSupport

/// `trendfit bench --format json`: the shape of each result, read from the built executable.
@Suite struct BenchCommandTests {
    @Test func eachResultReportsReadBackBytesAndTheHostShare() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let run = try TrendfitProcess.run(["bench", "--backend", "cpu", "--n", "20", "--p", "3", "--scheme", "cases",
                                           "--precision", "double", "--resamples", "200", "--problems", "2", "--format", "json"])
        #expect(run.succeeded, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let result = try #require(results.first)
        for key in ["backend", "device", "precision", "scheme", "jitter", "n", "p", "problems", "resamples", "seconds",
                    "resamplesPerSecond", "rowsPerSecond", "philoxBlocksPerSecond", "flopsPerSecond", "costPerResample"] {
            #expect(result[key] != nil, "missing \(key)")
        }
        #expect(result["deviceToHostBytesPerResample"] as? Double == 0)
        #expect(result["summariesOnDevice"] as? Bool == false)
        let bootstrap = try #require(result["bootstrapSeconds"] as? Double)
        let summaries = try #require(result["summarySeconds"] as? Double)
        let share = try #require(result["hostShare"] as? Double)
        #expect(bootstrap > 0 && summaries > 0)
        #expect(abs(share - summaries / (bootstrap + summaries)) < 1e-12)
    }
}
