import Testing
import TrendFit

/// `--confidence` lists and the rule for too few resamples.
@Suite struct ConfidenceLevelsTests {
    @Test func parsesCommaSeparatedLevels() throws {
        #expect(try ConfidenceLevels(parsing: "0.9,0.95, 0.99").values == [0.9, 0.95, 0.99])
        #expect(try ConfidenceLevels(parsing: "0.8").primary == 0.8)
        for bad in ["", "0.9,", "0.9,1", "0,0.5", "0.9,0.9", "ninety"] {
            #expect(throws: TrendFitError.self, "\(bad)") { try ConfidenceLevels(parsing: bad) }
        }
    }

    /// B ≥ 10/(1 − level): each tail holds at least 5 replicates on average.
    @Test func tooFewResamplesForTheLevel() {
        #expect(ResampleSufficiency.minimumReplicates(confidence: 0.9) == 100)
        #expect(ResampleSufficiency.minimumReplicates(confidence: 0.95) == 200)
        #expect(ResampleSufficiency.minimumReplicates(confidence: 0.99) == 1000)
        #expect(ResampleSufficiency.note(replicates: 1000, confidence: 0.99) == nil)
        #expect(ResampleSufficiency.note(replicates: 200, confidence: 0.95) == nil)
        let note = ResampleSufficiency.note(replicates: 999, confidence: 0.99)
        #expect(note?.contains("99%") == true && note?.contains("use at least 1000") == true && note?.contains("5.0") == true)
    }
}
