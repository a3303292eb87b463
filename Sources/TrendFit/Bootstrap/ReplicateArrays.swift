/// What a backend computes per replicate, in `Real`, laid out as in `BootstrapReplicates`.
package struct ReplicateArrays<Real: KernelScalar>: Sendable {
    /// Coefficients, `coefficientStride` per replicate.
    package var coefficients: [Real]
    /// Raw `ReplicateStatus` values.
    package var statuses: [UInt8]
    /// Residual sums of squares, when the plan asks for them; else empty.
    package var residualSums: [Real]
    /// Coefficient standard errors, laid out as `coefficients`, when the plan asks for them; else empty.
    package var standardErrors: [Real]

    /// Storage for `replicates` replicates: zeros when `zeroed`, else not yet written (the
    /// backend must write or `ReplicatePointers.zero` every replicate before any is read).
    init(replicates: Int, coefficientStride: Int, standardErrors: Bool, residualSums: Bool, zeroed: Bool = true) {
        func storage<Element: Numeric>(_ count: Int) -> [Element] {
            guard !zeroed else { return Array(repeating: 0, count: count) }
            // Left unwritten: the pages are first touched by the threads that fill them.
            return Array(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        }
        coefficients = storage(replicates * coefficientStride)
        statuses = storage(replicates)
        self.residualSums = storage(residualSums ? replicates : 0)
        self.standardErrors = storage(standardErrors ? replicates * coefficientStride : 0)
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

extension ReplicatePointers {
    /// Zero-fills the storage of the replicates in `replicates` (`stride` coefficient slots each).
    func zero(replicates: Range<Int>, stride: Int) {
        let first = replicates.lowerBound, count = replicates.count
        if let coefficients { (coefficients + first * stride).initialize(repeating: 0, count: count * stride) }
        if let statuses { (statuses + first).initialize(repeating: 0, count: count) }
        if let residualSums { (residualSums + first).initialize(repeating: 0, count: count) }
        if let standardErrors { (standardErrors + first * stride).initialize(repeating: 0, count: count * stride) }
    }
}
