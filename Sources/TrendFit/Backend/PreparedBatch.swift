/// A batch made ready for a backend computing in `Real`: packed, its table scaled (`BatchScaling`)
/// and converted to `Real`, with the step that turns the backend's fits back into the batch's units.
///
/// Both backends fit through this type, so a backend only runs its loop or kernel over
/// `packed` and `table`; `PreparedBootstrap` adds what a bootstrap needs.
package struct PreparedBatch<Real: KernelScalar>: Sendable {
    /// The batch flattened into descriptors and row indices, its table scaled in double precision.
    package let packed: PackedBatch
    /// `packed.table` in `Real` (the same array in double precision).
    package let table: [Real]

    /// Packs `batch` and scales its table for arithmetic in `Real`.
    package init(_ batch: ProblemBatch) {
        packed = PackedBatch(batch, precision: Real.precision)
        table = Self.converted(packed.table)
    }

    /// Number of problems.
    package var problemCount: Int { packed.problemCount }

    /// `fits`, one per problem in `Real`'s scaled units, in the units of the batch.
    package func results(_ fits: [FitResult]) throws(TrendFitError) -> [FitResult] {
        try packed.scaling.unscale(fits, of: packed)
    }

    /// `values` in `Real`: the same array for `Double`, converted concretely for `Float` (the generic
    /// conversion costs far more per value unspecialized).
    private static func converted(_ values: [Double]) -> [Real] {
        if Real.self == Double.self { return unsafeBitCast(values, to: [Real].self) }
        if Real.self == Float.self { return unsafeBitCast(values.map(Float.init), to: [Real].self) }
        return values.map(Real.init)
    }
}
