/// The replicate coefficients of a bootstrap run over a batch, with each replicate's status.
///
/// Layout is problem-major: replicate `b` of problem `k` has its coefficients at
/// `coefficients[(k * resamples + b) * coefficientStride + j]`.
public struct BootstrapReplicates: Sendable, Equatable {
    /// Number of problems.
    public let problemCount: Int
    /// Resamples per problem.
    public let resamples: Int
    /// Coefficient slots per replicate (the batch's largest coefficient count).
    public let coefficientStride: Int
    /// Replicate coefficients (excluded replicates hold zeros).
    public var coefficients: [Double]
    /// Raw `ReplicateStatus` values, one per replicate.
    public var statuses: [UInt8]
    /// Residual sum of squares of each replicate's fit (0 for excluded replicates), indexed as `statuses`;
    /// +∞ where it exceeds double's range (responses beyond about 1e154, see `BatchScaling`). Empty
    /// when the plan did not ask for them (`BootstrapPlan.replicateResidualSums`).
    public var residualSumsOfSquares: [Double]
    /// Each replicate's own coefficient standard errors, laid out as `coefficients`, when the plan
    /// asked for them (`BootstrapPlan.replicateStandardErrors`), else empty. Zero for excluded
    /// replicates and for replicates without residual degrees of freedom.
    public var standardErrors: [Double]

    /// Creates an all-zero result of the given shape (with zero standard errors when `standardErrors`,
    /// zero residual sums of squares when `residualSums`).
    public init(problemCount: Int, resamples: Int, coefficientStride: Int, standardErrors: Bool = false,
                residualSums: Bool = true) {
        self.problemCount = problemCount
        self.resamples = resamples
        self.coefficientStride = coefficientStride
        self.coefficients = Array(repeating: 0, count: problemCount * resamples * coefficientStride)
        self.statuses = Array(repeating: 0, count: problemCount * resamples)
        self.residualSumsOfSquares = Array(repeating: 0, count: residualSums ? problemCount * resamples : 0)
        self.standardErrors = standardErrors ? Array(repeating: 0, count: problemCount * resamples * coefficientStride) : []
    }

    /// Storage of the given shape not yet written, for `place(_:at:)` to fill completely.
    init(unwrittenProblemCount problemCount: Int, resamples: Int, coefficientStride: Int, standardErrors: Bool,
         residualSums: Bool) {
        let arrays = ReplicateArrays<Double>(replicates: problemCount * resamples, coefficientStride: coefficientStride,
                                             standardErrors: standardErrors, residualSums: residualSums, zeroed: false)
        self.init(problemCount: problemCount, resamples: resamples, coefficientStride: coefficientStride,
                  coefficients: arrays.coefficients, statuses: arrays.statuses, residualSumsOfSquares: arrays.residualSums,
                  standardErrors: arrays.standardErrors)
    }

    /// Wraps a backend's computed arrays of the given shape (counts as in the all-zero
    /// initializer), converting them to double precision (without a copy when they already are).
    init<Real: KernelScalar>(problemCount: Int, resamples: Int, coefficientStride: Int, coefficients: [Real],
                                    statuses: [UInt8], residualSumsOfSquares: [Real], standardErrors: [Real] = []) {
        precondition(coefficients.count == problemCount * resamples * coefficientStride
                     && (standardErrors.isEmpty || standardErrors.count == coefficients.count)
                     && statuses.count == problemCount * resamples
                     && (residualSumsOfSquares.isEmpty || residualSumsOfSquares.count == statuses.count),
                     "replicate arrays of the wrong size")
        func doubles(_ values: [Real]) -> [Double] {
            // Concrete conversions: the generic `Double.init` costs far more per value unspecialized.
            if Real.self == Double.self { return unsafeBitCast(values, to: [Double].self) }
            if Real.self == Float.self { return unsafeBitCast(values, to: [Float].self).map(Double.init) }
            return values.map(Double.init)
        }
        self.problemCount = problemCount
        self.resamples = resamples
        self.coefficientStride = coefficientStride
        self.coefficients = doubles(coefficients)
        self.statuses = statuses
        self.residualSumsOfSquares = doubles(residualSumsOfSquares)
        self.standardErrors = doubles(standardErrors)
    }

    /// Status of replicate `replicate` of problem `problem`.
    public func status(problem: Int, replicate: Int) -> ReplicateStatus {
        ReplicateStatus(rawValue: statuses[problem * resamples + replicate]) ?? .rankDeficient
    }

    /// The valid replicate values of coefficient `coefficient` of problem `problem`.
    public func values(problem: Int, coefficient: Int) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(resamples)
        for b in 0..<resamples where statuses[problem * resamples + b] == ReplicateStatus.ok.rawValue {
            result.append(coefficients[(problem * resamples + b) * coefficientStride + coefficient])
        }
        return result
    }

    /// The standard errors of coefficient `coefficient` of problem `problem`'s valid replicates,
    /// aligned with `values(problem:coefficient:)`; empty when the plan did not ask for them.
    public func standardErrorValues(problem: Int, coefficient: Int) -> [Double] {
        guard !standardErrors.isEmpty else { return [] }
        var result: [Double] = []
        result.reserveCapacity(resamples)
        for b in 0..<resamples where statuses[problem * resamples + b] == ReplicateStatus.ok.rawValue {
            result.append(standardErrors[(problem * resamples + b) * coefficientStride + coefficient])
        }
        return result
    }

    /// Number of excluded replicates of problem `problem`.
    public func excludedCount(problem: Int) -> Int {
        statuses[(problem * resamples)..<((problem + 1) * resamples)].reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
    }
}

extension BootstrapReplicates {
    /// Marks every replicate of the given problems rank-deficient and zeroes their coefficients.
    mutating func excludeAll(problems: [Int]) {
        for k in problems {
            for b in 0..<resamples {
                statuses[k * resamples + b] = ReplicateStatus.rankDeficient.rawValue
                if !residualSumsOfSquares.isEmpty { residualSumsOfSquares[k * resamples + b] = 0 }
                for j in 0..<coefficientStride { coefficients[(k * resamples + b) * coefficientStride + j] = 0 }
                if !standardErrors.isEmpty {
                    for j in 0..<coefficientStride { standardErrors[(k * resamples + b) * coefficientStride + j] = 0 }
                }
            }
        }
    }
}

extension BootstrapReplicates {
    /// Copies `chunk` (the same problems, `chunk.resamples` each) over this result's replicates
    /// `offset..<offset + chunk.resamples` of every problem, one block per problem and array.
    mutating func place(_ chunk: BootstrapReplicates, at offset: Int) {
        precondition(chunk.problemCount == problemCount && chunk.coefficientStride == coefficientStride
                     && offset + chunk.resamples <= resamples && chunk.standardErrors.isEmpty == standardErrors.isEmpty
                     && chunk.residualSumsOfSquares.isEmpty == residualSumsOfSquares.isEmpty,
                     "a chunk of another shape")
        let (problems, total, part) = (problemCount, resamples, chunk.resamples)
        func copy<Element>(_ source: [Element], into target: inout [Element], width: Int) {
            target.withUnsafeMutableBufferPointer { target in
                source.withUnsafeBufferPointer { source in
                    for k in 0..<problems {
                        let from = source.baseAddress! + k * part * width
                        (target.baseAddress! + (k * total + offset) * width).update(from: from, count: part * width)
                    }
                }
            }
        }
        guard chunk.resamples > 0 else { return }
        copy(chunk.coefficients, into: &coefficients, width: coefficientStride)
        copy(chunk.statuses, into: &statuses, width: 1)
        if !residualSumsOfSquares.isEmpty { copy(chunk.residualSumsOfSquares, into: &residualSumsOfSquares, width: 1) }
        if !standardErrors.isEmpty { copy(chunk.standardErrors, into: &standardErrors, width: coefficientStride) }
    }
}
