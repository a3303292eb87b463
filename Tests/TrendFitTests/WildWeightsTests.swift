import Foundation
import Testing
import TrendFit

/// Mammen and Webb multipliers of the wild bootstrap: their distributions, as drawn from the
/// replicate streams, and their effect on the replicates.
@Suite struct WildWeightsTests {
    /// Moments 1–3 of `count` multipliers drawn as the engine draws them (purpose `wildWeight`,
    /// word t of replicate r), as plain sample means.
    static func sampleMoments(_ weights: WildWeights, count: Int) -> [Double] {
        let values: [Double] = WildWeights.values(weights)
        var sums = [0.0, 0.0, 0.0]
        for r in 0..<(count / 1024) {
            let stream = ReplicateStream(seed: 0x3117_D0E5, problem: 7, replicate: r)
            for block in 0..<256 {
                let words = stream.block(block, purpose: .wildWeight)
                for word in [words.0, words.1, words.2, words.3] {
                    let v = values[WildWeights.valueIndex(weights, word: word)]
                    sums[0] += v; sums[1] += v * v; sums[2] += v * v * v
                }
            }
        }
        return sums.map { $0 / Double(count / 1024 * 1024) }
    }

    /// Drawn multipliers have mean 0, variance 1 and third moment 1 (Mammen) or 0 (Webb), within
    /// 5 Monte Carlo standard errors of 2²⁰ draws (SD of v, v², v³: 1, 1.1 and 2 for Mammen; 1, 0.4, 1 for Webb).
    @Test(arguments: [WildWeights.mammen, .webb])
    func drawnWeightsHaveTheRightMoments(_ weights: WildWeights) {
        let count = 1 << 20
        let moments = Self.sampleMoments(weights, count: count)
        let error = 5 / Double(count).squareRoot()
        #expect(abs(moments[0]) < error * 1, "\(weights): mean \(moments[0])")
        #expect(abs(moments[1] - 1) < error * 1.2, "\(weights): variance \(moments[1])")
        let third = weights == .mammen ? 1.0 : 0
        #expect(abs(moments[2] - third) < error * 2.1, "\(weights): third moment \(moments[2])")
    }

    /// The discrete distributions the word mappings define have the moments exactly (to 1e-9):
    /// Mammen's threshold rounds P(low) to a multiple of 2⁻³², Webb's multiply-shift gives each
    /// of the six values ⌊2³²/6⌋ or ⌈2³²/6⌉ words.
    @Test func mappedDistributionsHaveTheMoments() {
        let mammen: [Double] = WildWeights.values(.mammen)
        let pLow = Double(WildWeights.mammenThreshold) / 0x1p32
        let mammenMoments = (1...3).map { k in pLow * pow(mammen[0], Double(k)) + (1 - pLow) * pow(mammen[1], Double(k)) }
        #expect(abs(mammenMoments[0]) < 1e-9 && abs(mammenMoments[1] - 1) < 1e-9 && abs(mammenMoments[2] - 1) < 1e-9,
                "Mammen moments \(mammenMoments)")
        // Words mapped to value k by ⌊6w / 2³²⌋: those from ⌈k·2³²/6⌉ to ⌈(k+1)·2³²/6⌉ − 1.
        let webb: [Double] = WildWeights.values(.webb)
        let firstWord = (0...6).map { k in (Double(k) * 0x1p32 / 6).rounded(.up) }
        #expect((0..<6).allSatisfy { k in WildWeights.valueIndex(.webb, word: UInt32(firstWord[k])) == k })
        #expect((1..<6).allSatisfy { k in WildWeights.valueIndex(.webb, word: UInt32(firstWord[k] - 1)) == k - 1 })
        let webbMoments = (1...3).map { power in
            (0..<6).reduce(0.0) { $0 + (firstWord[$1 + 1] - firstWord[$1]) / 0x1p32 * pow(webb[$1], Double(power)) }
        }
        #expect(abs(webbMoments[0]) < 1e-9 && abs(webbMoments[1] - 1) < 1e-9 && abs(webbMoments[2]) < 1e-9,
                "Webb moments \(webbMoments)")
    }

    /// Any multipliers of mean 0 and variance 1 give the wild slope replicates the variance
    /// Σ aᵢ² rᵢ² (aᵢ = (xᵢ − x̄)/Sxx, rᵢ the modified residual): within 6% for B = 4000.
    @Test(arguments: TestBackends.all())
    func replicateSpreadMatchesTheWildVariance(_ backend: TestBackend) throws {
        let batch = try RandomBatches.make(rowCount: 300, regressorCount: 1, problemCount: 1, rowsPerProblem: 150...150, seed: 17)
        let packed = PackedBatch(batch)
        let inputs = ResamplingInputs(batch: packed, table: packed.table, scheme: .wild)
        let x: [Double] = batch.problems[0].rows.map { batch.table[Int($0), 0] }
        let mean = x.reduce(0, +) / Double(x.count)
        let sxx: Double = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        var variance = 0.0
        for (xi, r) in zip(x, inputs.residuals) { variance += (xi - mean) / sxx * ((xi - mean) / sxx) * r * r }
        for weights in WildWeights.allCases {
            let plan = BootstrapPlan(scheme: .wild, resamples: 4000, seed: 23, wildWeights: weights)
            let slopes = try backend.backend.bootstrap(batch, plan: plan, precision: .double).values(problem: 0, coefficient: 1)
            let average = slopes.reduce(0, +) / Double(slopes.count)
            let spread = (slopes.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(slopes.count - 1)).squareRoot()
            #expect(abs(spread / variance.squareRoot() - 1) < 0.06, "\(weights): spread \(spread), exact \(variance.squareRoot())")
        }
    }

    /// The three distributions draw different replicates from the same seed.
    @Test func distributionsDrawDifferentReplicates() throws {
        let batch = try RandomBatches.make(rowCount: 100, regressorCount: 1, problemCount: 1, rowsPerProblem: 40...40, seed: 5)
        let slopes = try WildWeights.allCases.map { weights in
            try CPUBackend().bootstrap(batch, plan: BootstrapPlan(scheme: .wild, resamples: 8, seed: 1, wildWeights: weights),
                                       precision: .double).values(problem: 0, coefficient: 1)
        }
        #expect(slopes[0] != slopes[1] && slopes[1] != slopes[2] && slopes[0] != slopes[2])
    }
}
