import Testing
import TrendFit

/// Agreement statistics on replicate arrays with known differences.
@Suite struct ResultAgreementTests {
    /// Two problems × two resamples × two coefficients.
    func replicates(_ coefficients: [Double], statuses: [UInt8] = [0, 0, 0, 0]) -> BootstrapReplicates {
        var result = BootstrapReplicates(problemCount: 2, resamples: 2, coefficientStride: 2)
        result.coefficients = coefficients
        result.statuses = statuses
        return result
    }

    @Test func identicalResultsAreBitwiseIdentical() throws {
        let a = replicates([1, 2, 3, 4, 5, 6, 7, 8])
        let agreement = try ResultAgreement(reference: a, other: a)
        #expect(agreement.isBitwiseIdentical)
        #expect(agreement.bitwiseEqual == 8 && agreement.compared == 8)
        #expect(agreement.maxRelativeDifference == 0)
    }

    @Test func differencesArePerCoefficient() throws {
        let reference = replicates([1, 2, 3, 4, 5, 6, 7, 8])
        let other = replicates([1, 2, 3.5, 4, 5, 6, 7, 7.2])
        let agreement = try ResultAgreement(reference: reference, other: other)
        #expect(!agreement.isBitwiseIdentical)
        let intercept = agreement.statistics[0]
        #expect(intercept.coefficient == 0 && intercept.compared == 4 && intercept.bitwiseEqual == 3)
        #expect(intercept.maxAbsoluteDifference == 0.5 && intercept.maxRelativeDifference == 0.5 / 3.5)
        #expect(agreement.statistics[1].bitwiseEqual == 3)
        #expect(abs(agreement.statistics[1].maxAbsoluteDifference - 0.8) < 1e-15)
        #expect(abs(agreement.statistics[1].maxRelativeDifference - 0.1) < 1e-15)
        #expect(agreement.isWithin(relativeTolerance: 0.15))
        #expect(!agreement.isWithin(relativeTolerance: 0.12))
    }

    /// Comparing chunks of resamples (`BootstrapPlan.firstReplicate`) and combining the chunks'
    /// agreements gives the comparison of all resamples at once; float against double replicates
    /// differ in most values, with the largest differences in different chunks.
    @Test func chunkedComparisonsCombineToTheWholeComparison() throws {
        let batch = try RandomBatches.make(rowCount: 200, regressorCount: 2, problemCount: 6, rowsPerProblem: 8...40, seed: 17)
        let plan = BootstrapPlan(resamples: 150, seed: 23)
        let backend = CPUBackend()
        let whole = try ResultAgreement(reference: backend.bootstrap(batch, plan: plan, precision: .double),
                                        other: backend.bootstrap(batch, plan: plan, precision: .float))
        var combined: ResultAgreement?
        for (first, count) in [(0, 37), (37, 100), (137, 13)] {
            var chunk = plan
            chunk.firstReplicate = first
            chunk.resamples = count
            let agreement = try ResultAgreement(reference: backend.bootstrap(batch, plan: chunk, precision: .double),
                                                other: backend.bootstrap(batch, plan: chunk, precision: .float))
            combined = try combined?.combined(with: agreement) ?? agreement
        }
        #expect(combined == whole)
        #expect(whole.compared == 6 * 150 * 3 && whole.bitwiseEqual < whole.compared / 2 && whole.maxRelativeDifference > 0)
    }

    @Test func oneUlpIsWithinTightToleranceButNotBitwise() throws {
        let reference = replicates([1, 2, 3, 4, 5, 6, 7, 8])
        let other = replicates([1, 2, 3, 4, 5, 6, 7, 8.nextUp])
        let agreement = try ResultAgreement(reference: reference, other: other)
        #expect(!agreement.isBitwiseIdentical)
        #expect(agreement.isWithin(relativeTolerance: 1e-12))
    }

    @Test func statusMismatchesAndNaNFailAnyTolerance() throws {
        let reference = replicates([1, 2, 3, 4, 5, 6, 7, 8])
        let mismatched = try ResultAgreement(reference: reference, other: replicates([1, 2, 3, 4, 5, 6, 7, 8], statuses: [0, 1, 0, 0]))
        #expect(mismatched.statusMismatches == 1)
        #expect(!mismatched.isWithin(relativeTolerance: 1))
        let withNaN = try ResultAgreement(reference: reference, other: replicates([1, 2, 3, 4, 5, .nan, 7, 8]))
        #expect(withNaN.statistics[1].maxRelativeDifference == .infinity)
        #expect(!withNaN.isWithin(relativeTolerance: 1e300))
    }

    @Test func differentShapesAreRejected() {
        let reference = replicates([1, 2, 3, 4, 5, 6, 7, 8])
        let other = BootstrapReplicates(problemCount: 1, resamples: 4, coefficientStride: 2)
        #expect(throws: ComparisonError.shapeMismatch(reference: [2, 2, 2], other: [1, 4, 2])) {
            try ResultAgreement(reference: reference, other: other)
        }
    }
}
