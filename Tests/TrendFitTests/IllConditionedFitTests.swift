import Testing
import TrendFit

/// Fits beyond LAPACK's accuracy: ill-conditioned polynomial designs with exact solutions
/// (`python3 scripts/certify-ill-conditioned.py` solves their normal equations in rationals).
///
/// Fewest correct significant digits of the coefficients in plain double precision, as the script
/// measures and stores them (`plainDoubleDigits`); of any coefficient, standard error, residual SD
/// or R² from the Givens QR alone (commit 07ac301, before refinement) and from `fit` now (both
/// backends; this suite asserts 13):
///
/// | problem | NumPy `lstsq` | Householder QR | Householder QR, centred | Givens QR | `fit` |
/// | --- | ---: | ---: | ---: | ---: | ---: |
/// | FilipLike (degree 10, x in [−9, −3]) | 0 | 6.8 | 7.5 | 7.8 | 13.3 |
/// | Degree10Shifted (degree 10, x in [−8, −2]) | 0 | 7.9 | 8.7 | 8.0 | 14.2 |
/// | Degree8Weighted (degree 8, x in [10, 20], weights) | 0 | 8.4 | 8.1 | 8.5 | 15.1 |
/// | DatesDegree4 (degree 4, dates 2000–2025) | 0 | 5.2 | 7.0 | 7.3 | 14.7 |
/// | Offset1000Degree4 (degree 4, x in [1000, 1010]) | 0 | 5.3 | 6.3 | 7.0 | 14.3 |
/// | Offset1000NoIntercept (degree 4, x in [1000, 1010], no intercept) | 0 | 8.1 | — | 7.4 | 15.5 |
///
/// (`lstsq`'s default rcond drops the small singular values, hence 0.) The bootstrap's fitted
/// values had 5.9–9.2 correct digits before refinement; now at least 15.5.
@Suite struct IllConditionedFitTests {
    @Test(arguments: try CertifiedProblem.all(), TestBackends.all())
    func certifiedDigits(problem: CertifiedProblem, backend: TestBackend) throws {
        let batch = try ProblemBatch(table: problem.table, problems: [problem.problem])
        let fit = try #require(try backend.backend.fit(batch, precision: .double).first)
        problem.certified.expectMatched(by: fit, digits: 13)
    }

    /// The residual and wild bootstraps resample around the refined full-sample fit: its fitted
    /// values are rounded once, not summed from monomials that cancel.
    @Test(arguments: try CertifiedProblem.all())
    func bootstrapInputsStartFromTheRefinedFit(problem: CertifiedProblem) throws {
        let packed = PackedBatch(try ProblemBatch(table: problem.table, problems: [problem.problem]))
        let inputs = ResamplingInputs<Double>(batch: packed, table: packed.table, scheme: .wild)
        #expect(inputs.unusableProblems.isEmpty)
        for (i, exact) in problem.fittedValues.enumerated() {
            #expect(correctDigits(inputs.fitted[i], exact) >= 15, "row \(i): fitted \(inputs.fitted[i]), exact \(exact)")
        }
    }

    /// CPU and OpenCL fits are bitwise equal on these problems and the NIST datasets, in both precisions.
    @Test(.requiresOpenCL, arguments: [Precision.double, .float], TestBackends.devices)
    func backendsAgreeBitwise(precision: Precision, on device: TestDevice) throws {
        let openCL = try TestBackends.openCL(device)
        let cases = try CertifiedProblem.all().map { ($0.name, $0.table, $0.problem) }
            + NISTDataset.all().map { ($0.name, $0.table, $0.problem) }
        for (name, table, problem) in cases {
            let batch = try ProblemBatch(table: table, problems: [problem])
            #expect(try CPUBackend().fit(batch, precision: precision) == openCL.fit(batch, precision: precision), "\(name)")
        }
    }
}
