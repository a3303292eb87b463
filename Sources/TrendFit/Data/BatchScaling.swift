import Foundation

/// Exact power-of-two scaling of a batch's columns, so that sums of squares and cross-products
/// neither overflow nor underflow, and its inverse on the results.
///
/// A column whose largest magnitude lies outside the precision's safe range (2^±128 in double,
/// 2^±16 in float, where products of three values summed over 2^32 rows stay finite and normal) is
/// multiplied by 2^e so that its largest magnitude lies in [1, 2) (in [1, 4) with an even e for a
/// weight column, whose square root enters the fit). Other columns are left exactly as they are.
/// Multiplying by a power of two is exact, every step of the fit and of the bootstrap is
/// scale-equivariant (products, sums, quotients, square roots of squares, relative tolerances),
/// so the results of the scaled batch, multiplied back by the matching powers of two, are the
/// unscaled problem's results: both backends read the same scaled table and stay bitwise equal.
package struct BatchScaling: Sendable, Equatable {
    /// Per table column, the power of two its values are multiplied by (0: unscaled).
    package let exponents: [Int]

    /// Chooses the exponents of every column that `batch`'s problems use, for `precision`.
    package init(batch: ProblemBatch, precision: Precision) {
        let safeExponent = precision == .double ? 128 : 16
        var used = Array(repeating: false, count: batch.table.columnCount)
        var weights = used
        for problem in batch.problems {
            for column in [problem.response] + problem.regressors { used[column] = true }
            if let column = problem.weights {
                used[column] = true
                weights[column] = true
            }
        }
        exponents = (0..<batch.table.columnCount).map { column in
            guard used[column] else { return 0 }
            let exponent = Self.normalizingExponent(of: batch.table.column(column), safeExponent: safeExponent)
            return weights[column] ? exponent - (exponent & 1) : exponent
        }
    }

    /// The power of two that brings the largest finite magnitude of `values` into [1, 2) when it lies
    /// outside [2^−safeExponent, 2^safeExponent); 0 when it lies inside, or all values are zero.
    static func normalizingExponent(of values: some Sequence<Double>, safeExponent: Int) -> Int {
        let largest = largestFiniteMagnitude(of: values)
        guard largest > 0, abs(Int(largest.exponent)) >= safeExponent else { return 0 }
        return -Int(largest.exponent)
    }

    /// The largest magnitude among the finite `values`; 0 when there is none.
    @inline(__always)
    static func largestFiniteMagnitude(of values: some Sequence<Double>) -> Double {
        values.reduce(0.0) { largestFiniteMagnitude($0, $1) }
    }

    /// `largest`, or the magnitude of `value` when that is finite and larger.
    @inline(__always)
    static func largestFiniteMagnitude(_ largest: Double, _ value: Double) -> Double {
        value.isFinite ? max(largest, abs(value)) : largest
    }

    /// Whether every exponent is zero (nothing is scaled).
    package var isIdentity: Bool { exponents.allSatisfy { $0 == 0 } }

    /// The table's values (column-major) with every column scaled.
    package func scaledValues(of table: DataTable) -> [Double] {
        guard !isIdentity else { return table.values }
        var values = table.values
        for (column, exponent) in exponents.enumerated() where exponent != 0 {
            for index in (column * table.rowCount)..<((column + 1) * table.rowCount) {
                values[index] = scalbn(values[index], exponent)
            }
        }
        return values
    }

    /// `plan` with its jitter in the scaled response's units; every problem's response must then share one scale.
    package func scaled(_ plan: BootstrapPlan, for packed: PackedBatch) throws(TrendFitError) -> BootstrapPlan {
        guard plan.jitter > 0, !isIdentity else { return plan }
        let responseExponents = Set((0..<packed.problemCount).map { exponents[packed.descriptor($0).response] })
        guard responseExponents.count == 1, let exponent = responseExponents.first else {
            throw .unsupported("jitter needs the responses of one batch on one scale, but they are scaled by different powers of two "
                               + "(2^\(responseExponents.sorted().map(String.init).joined(separator: ", 2^"))) to keep their sums of squares finite")
        }
        var scaled = plan
        scaled.jitter = scalbn(plan.jitter, exponent)
        return scaled
    }

    /// Per coefficient, the power of two that turns problem `problem`'s scaled replicate
    /// coefficients into unscaled ones (what `unscale` multiplies them by).
    package func coefficientExponents(problem: Int, of packed: PackedBatch) -> [Int] {
        let exponents = resultExponents(packed.descriptor(problem)).coefficients
        return isIdentity ? exponents.map { _ in 0 } : exponents
    }

    /// Powers of two that turn problem `descriptor`'s scaled results into unscaled ones:
    /// per coefficient, for the residual standard error and for sums of squared residuals.
    private func resultExponents(_ descriptor: ProblemDescriptor) -> (coefficients: [Int], residualSE: Int, residualSquares: Int) {
        let response = exponents[descriptor.response]
        let weight = descriptor.weights.map { exponents[$0] } ?? 0
        let coefficients = (descriptor.hasIntercept ? [-response] : []) + descriptor.regressors.map { exponents[$0] - response }
        return (coefficients, -response - weight / 2, -2 * response - weight)
    }

    /// `fits` (one per problem of `packed`) in the unscaled problems' units.
    package func unscale(_ fits: [FitResult], of packed: PackedBatch) throws(TrendFitError) -> [FitResult] {
        guard !isIdentity else { return fits }
        var results = fits
        for k in results.indices where results[k].status == .ok {
            let factors = resultExponents(packed.descriptor(k))
            var fit = results[k]
            fit.coefficients = zip(fit.coefficients, factors.coefficients).map { scalbn($0, $1) }
            fit.standardErrors = zip(fit.standardErrors, factors.coefficients).map { scalbn($0, $1) }
            fit.residualStandardError = scalbn(fit.residualStandardError, factors.residualSE)
            guard (fit.coefficients + fit.standardErrors + [fit.residualStandardError]).allSatisfy(\.isFinite) else {
                throw .unsupported("problem \(k): the estimates lie beyond the range of double precision")
            }
            results[k] = fit
        }
        return results
    }

    /// `replicates` (coefficients, their standard errors when present, residual sums of squares) of
    /// the problems of `packed` in the unscaled problems' units. A residual sum of
    /// squares beyond double's range (a response beyond about 1e154) is +∞, one too small 0: its
    /// scaled value is exact, but only its comparisons within one problem are meaningful.
    package func unscale(_ replicates: BootstrapReplicates, of packed: PackedBatch) throws(TrendFitError) -> BootstrapReplicates {
        guard !isIdentity else { return replicates }
        var result = replicates
        let stride = replicates.coefficientStride
        for k in 0..<packed.problemCount {
            let factors = resultExponents(packed.descriptor(k))
            for b in 0..<replicates.resamples {
                let index = k * replicates.resamples + b
                for (j, exponent) in factors.coefficients.enumerated() {
                    result.coefficients[index * stride + j] = scalbn(replicates.coefficients[index * stride + j], exponent)
                    if !result.standardErrors.isEmpty {
                        result.standardErrors[index * stride + j] = scalbn(replicates.standardErrors[index * stride + j], exponent)
                    }
                }
                if !result.residualSumsOfSquares.isEmpty {
                    result.residualSumsOfSquares[index] = scalbn(replicates.residualSumsOfSquares[index], factors.residualSquares)
                }
                guard result.coefficients[(index * stride)..<(index * stride + factors.coefficients.count)].allSatisfy(\.isFinite) else {
                    throw .unsupported("problem \(k): the bootstrap estimates lie beyond the range of double precision")
                }
            }
        }
        return result
    }
}
