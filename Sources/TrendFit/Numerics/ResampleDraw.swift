/// How a resample picks the design position and the response of its row `t`.
///
/// One conforming type per scheme, so that `ReplicateSolver`'s row loop is specialized per
/// scheme with no branch on the scheme inside it. Pointers are offset to the problem's rows.
protocol ResampleDraw {
    associatedtype Real: KernelScalar
    /// Whether rows are drawn with their responses (case resampling): the response is then the
    /// design's, and distinct rows are tracked.
    static var drawsRows: Bool { get }
    /// Design position of row `t`.
    func position(_ t: Int) -> Int
    /// Response of row `t` before jitter (fixed-design schemes only).
    func response(_ t: Int) -> Real
}

/// Case resampling: row `t` is the problem's row at a drawn index.
struct CaseDraw<Real: KernelScalar>: ResampleDraw {
    /// Drawn indices (`ReplicateStream.mapToIndices` of the row-index words).
    let indices: UnsafePointer<UInt32>

    static var drawsRows: Bool { true }

    @inline(__always) func position(_ t: Int) -> Int { Int(indices[t]) }

    @inline(__always) func response(_ t: Int) -> Real { 0 }
}

/// Residual resampling: row `t` keeps its design and gets fitted + a drawn residual, put on the
/// row's scale when the problem is weighted.
struct ResidualDraw<Real: KernelScalar>: ResampleDraw {
    /// Drawn indices into the residual pool (`ReplicateStream.mapToIndices` of the row-index words).
    let indices: UnsafePointer<UInt32>
    let fitted: UnsafePointer<Real>
    /// The pool (`ResamplingInputs.residuals`).
    let residuals: UnsafePointer<Real>
    /// `1/√wₜ` per row (0 for weight 0) when the batch is weighted, else nil.
    let scales: UnsafePointer<Real>?

    static var drawsRows: Bool { false }

    @inline(__always) func position(_ t: Int) -> Int { t }

    @inline(__always) func response(_ t: Int) -> Real {
        guard let scales else { return fitted[t] + residuals[Int(indices[t])] }
        return fitted[t] + residuals[Int(indices[t])] * scales[t]
    }
}

/// Wild bootstrap: row `t` keeps its design and gets fitted ± its own residual (one sign bit per row).
struct WildDraw<Real: KernelScalar>: ResampleDraw {
    let words: UnsafePointer<UInt32>
    let fitted: UnsafePointer<Real>
    let residuals: UnsafePointer<Real>

    static var drawsRows: Bool { false }

    @inline(__always) func position(_ t: Int) -> Int { t }

    /// ±residual as a product with ±1: exact, so bitwise the negation, and free of a branch on a
    /// random bit (as in `Kernels/bootstrap.cl`).
    @inline(__always) func response(_ t: Int) -> Real {
        let bit = Int32(truncatingIfNeeded: (words[t >> 5] >> UInt32(t & 31)) & 1)
        return fitted[t] + residuals[t] * Real(2 * bit - 1)
    }
}

/// Wild bootstrap with Mammen or Webb multipliers: row `t` keeps its design and gets fitted +
/// vₜ × its own residual, vₜ the value its word selects (`WildWeights.valueIndex`).
struct WildWeightDraw<Real: KernelScalar>: ResampleDraw {
    /// One word per row (purpose `wildWeight`).
    let words: UnsafePointer<UInt32>
    let fitted: UnsafePointer<Real>
    let residuals: UnsafePointer<Real>
    let weights: WildWeights
    /// `WildWeights.values(weights)` in lanes.
    let values: SIMD8<Real>

    static var drawsRows: Bool { false }

    @inline(__always) func position(_ t: Int) -> Int { t }

    @inline(__always) func response(_ t: Int) -> Real {
        fitted[t] + residuals[t] * values[WildWeights.valueIndex(weights, word: words[t])]
    }
}
