/// One replicate's pass over its rows: weighted sums and cross-products of the drawn rows.
///
/// Row `t` is the centred design row at `draw.position(t)`, its response replaced by the
/// draw's (fixed-design schemes) and jittered, minus the response shift:
/// `d = (x₀ − s₀, …, x_{q−1} − s_{q−1}, y − s_q)`. With weight `w` the pass adds `w` to W,
/// `w·dⱼ` to Sⱼ and `(w·dⱼ)·dₖ` to Mⱼₖ, in row order, as `Kernels/bootstrap.cl` does.
/// It leaves S in `sums` and the upper triangle of M in `cross` (row-major, width q + 1).
struct RowPass<Real: KernelScalar> {
    /// The problem's first design position.
    let design: UnsafePointer<Real>
    /// The problem's first position weight, or nil for unit weights.
    let weights: UnsafePointer<Real>?
    let rowCount: Int
    let q: Int
    let shift: UnsafePointer<Real>
    let jitter: Real
    let jitterWords: UnsafePointer<UInt32>
    /// Distinct rows to look for (case resampling).
    let threshold: Int
    let sums: UnsafeMutablePointer<Real>
    let cross: UnsafeMutablePointer<Real>
    let seen: UnsafeMutablePointer<Int>

    /// What the pass leaves besides the sums and cross-products.
    struct Result {
        /// Sum of weights W.
        var weightSum: Real
        /// Distinct rows found, up to the threshold (case resampling).
        var distinct: Int
    }

    /// Runs the pass with one design row per SIMD vector of `stride` lanes.
    @inline(__always)
    func run<Draw: ResampleDraw>(_ draw: Draw, stride: Int) -> Result where Draw.Real == Real {
        switch (jitter == 0, weights == nil) {
        case (true, true): run(draw, stride: stride, RowLoop<RowSwitch.Off, RowSwitch.Off>.self)
        case (true, false): run(draw, stride: stride, RowLoop<RowSwitch.Off, RowSwitch.On>.self)
        case (false, true): run(draw, stride: stride, RowLoop<RowSwitch.On, RowSwitch.Off>.self)
        case (false, false): run(draw, stride: stride, RowLoop<RowSwitch.On, RowSwitch.On>.self)
        }
    }

    @inline(__always)
    private func run<Draw: ResampleDraw, M: RowMode>(_ draw: Draw, stride: Int, _ mode: M.Type) -> Result
    where Draw.Real == Real {
        switch stride {
        case 2: accumulate(draw, SIMD2<Real>.self, mode)
        case 4: accumulate(draw, SIMD4<Real>.self, mode)
        case 8: accumulate(draw, SIMD8<Real>.self, mode)
        case 16: accumulate(draw, SIMD16<Real>.self, mode)
        default: accumulate(draw, SIMD32<Real>.self, mode)
        }
    }

    /// The row loop, specialized per scheme, vector width, jitter and weighting.
    ///
    /// Unweighted, W is the row count: the sum of n ones, which is what adding 1 per row gives
    /// (exact up to 2^(significand bits + 1), where repeated addition saturates).
    @inline(__always)
    private func accumulate<Draw: ResampleDraw, V: SIMD, M: RowMode>(_ draw: Draw, _: V.Type, _: M.Type) -> Result
    where Draw.Real == Real, V.Scalar == Real {
        var laneIndex = V()
        for lane in 0..<V.scalarCount { laneIndex[lane] = Real(lane) }
        let responseLane = laneIndex .== V(repeating: Real(q))
        let responseShift = shift[q]
        let shiftVector = V().replacing(with: responseShift, where: responseLane)
        let shiftsDesignResponse = Draw.drawsRows && !M.Jitter.isOn
        let saturation = 1 << (Real.significandBitCount + 1)
        var weightSum: Real = M.Weights.isOn ? 0 : Real(min(rowCount, saturation))
        var distinct = 0
        var rowSums = V()
        return withUnsafeTemporaryAllocation(of: V.self, capacity: V.scalarCount) { rows in
            for j in 0..<V.scalarCount { rows[j] = V() }
            for t in 0..<rowCount {
                let position = draw.position(t)
                if Draw.drawsRows && distinct < threshold {
                    var found = false
                    for s in 0..<distinct where seen[s] == position { found = true }
                    if !found { seen[distinct] = position; distinct += 1 }
                }
                var d = UnsafeRawPointer(design + position * V.scalarCount).loadUnaligned(as: V.self)
                if shiftsDesignResponse {
                    d = d - shiftVector
                } else {
                    var response = Draw.drawsRows ? d[q] : draw.response(t)
                    if M.Jitter.isOn { response = response + jitter * ReplicateStream.symmetricUnit(jitterWords[t]) }
                    d = d.replacing(with: response - responseShift, where: responseLane)
                }
                var weighted = d
                if M.Weights.isOn, let weights {
                    let w = weights[position]
                    weightSum = weightSum + w
                    weighted = V(repeating: w) * d
                }
                rowSums = rowSums + weighted
                for j in 0..<V.scalarCount { rows[j] = rows[j] + V(repeating: weighted[j]) * d }
            }
            let width = q + 1
            for j in 0..<width {
                sums[j] = rowSums[j]
                for k in j..<width { cross[j * width + k] = rows[j][k] }
            }
            return Result(weightSum: weightSum, distinct: distinct)
        }
    }
}

/// A row loop's specialization: whether it adds jitter and whether it reads weights. Type
/// parameters, so that each combination gets its own loop with no test inside it.
protocol RowMode {
    associatedtype Jitter: RowFeature
    associatedtype Weights: RowFeature
}

/// A feature of a row loop, on or off.
protocol RowFeature {
    static var isOn: Bool { get }
}

/// The row mode with jitter `J` and weights `W`.
enum RowLoop<J: RowFeature, W: RowFeature>: RowMode {
    typealias Jitter = J
    typealias Weights = W
}

/// The two settings of a row-loop feature.
enum RowSwitch {
    /// The feature is used.
    enum On: RowFeature { static var isOn: Bool { true } }

    /// The feature is not used.
    enum Off: RowFeature { static var isOn: Bool { false } }
}
