/// What a backend computes per replicate, in `Real`, laid out as in `BootstrapReplicates`.
package struct ReplicateArrays<Real: KernelScalar>: Sendable {
    /// Coefficients, `coefficientStride` per replicate.
    package var coefficients: [Real]
    /// Raw `ReplicateStatus` values.
    package var statuses: [UInt8]
    /// Residual sums of squares.
    package var residualSums: [Real]
    /// Coefficient standard errors, laid out as `coefficients`, when the plan asks for them; else empty.
    package var standardErrors: [Real]

    /// Zeros for `replicates` replicates.
    init(replicates: Int, coefficientStride: Int, standardErrors: Bool) {
        coefficients = Array(repeating: 0, count: replicates * coefficientStride)
        statuses = Array(repeating: 0, count: replicates)
        residualSums = Array(repeating: 0, count: replicates)
        self.standardErrors = Array(repeating: 0, count: standardErrors ? replicates * coefficientStride : 0)
    }

    /// Calls `body` with the arrays' storage, which parallel workers may write while it runs.
    package mutating func withPointers<Result>(_ body: (ReplicatePointers<Real>) -> Result) -> Result {
        coefficients.withUnsafeMutableBufferPointer { coefficients in
            statuses.withUnsafeMutableBufferPointer { statuses in
                residualSums.withUnsafeMutableBufferPointer { residualSums in
                    standardErrors.withUnsafeMutableBufferPointer { standardErrors in
                        // An empty array's address may be shared storage that must never be written.
                        body(ReplicatePointers(coefficients: coefficients.isEmpty ? nil : coefficients.baseAddress,
                                               statuses: statuses.isEmpty ? nil : statuses.baseAddress,
                                               residualSums: residualSums.isEmpty ? nil : residualSums.baseAddress,
                                               standardErrors: standardErrors.isEmpty ? nil : standardErrors.baseAddress))
                    }
                }
            }
        }
    }
}

/// The storage of `ReplicateArrays` while `withPointers` runs (nil where an array is empty).
///
/// Sendable by contract: each replicate is written by at most one worker (a CPU thread, or a read
/// from a device), and the arrays are read only after every worker has finished.
package struct ReplicatePointers<Real: KernelScalar>: @unchecked Sendable {
    package let coefficients: UnsafeMutablePointer<Real>?
    package let statuses: UnsafeMutablePointer<UInt8>?
    package let residualSums: UnsafeMutablePointer<Real>?
    package let standardErrors: UnsafeMutablePointer<Real>?
}
