/// A double-word number `hi + lo`: about twice the working precision, built from error-free
/// transformations (TwoSum, and TwoProduct through a fused multiply-add).
///
/// The algorithms and their relative error bounds (u is the unit roundoff of `Real`) are those of
/// Joldes, Muller and Popescu, "Tight and rigorous error bounds for basic building blocks of
/// double-word arithmetic", ACM TOMS 44(2), 2017: sums of double-words (their Algorithm 6,
/// ≤ 3u² + 13u³), a double-word plus a word (Algorithm 4, ≤ 2u²), products of double-words
/// (Algorithm 10, ≤ 7u²) and by a word (Algorithm 8, ≤ 2u²), each product with one fused
/// multiply-add. `Kernels/double_word.cl` performs the same operations in the same order, so both
/// backends round identically.
struct DoubleWord<Real: KernelScalar> {
    /// The leading word: `hi + lo` rounded to `Real`.
    var hi: Real
    /// The trailing word, at most half an ulp of `hi`.
    var lo: Real

    /// The word `value` exactly.
    init(_ value: Real) {
        hi = value
        lo = 0
    }

    private init(hi: Real, lo: Real) {
        self.hi = hi
        self.lo = lo
    }

    /// `a + b` exactly (TwoSum: no condition on the magnitudes).
    static func sum(_ a: Real, _ b: Real) -> DoubleWord {
        let s = a + b
        let aRounded = s - b
        let bRounded = s - aRounded
        return DoubleWord(hi: s, lo: (a - aRounded) + (b - bRounded))
    }

    /// `a · b` exactly (TwoProduct with a fused multiply-add).
    static func product(_ a: Real, _ b: Real) -> DoubleWord {
        let p = a * b
        return DoubleWord(hi: p, lo: (-p).addingProduct(a, b))
    }

    /// `a + b` exactly when |a| ≥ |b| (Fast2Sum), which renormalizes a double-word.
    private static func fastSum(_ a: Real, _ b: Real) -> DoubleWord {
        let s = a + b
        return DoubleWord(hi: s, lo: b - (s - a))
    }

    static func + (x: DoubleWord, y: DoubleWord) -> DoubleWord {
        let s = sum(x.hi, y.hi)
        let t = sum(x.lo, y.lo)
        let v = fastSum(s.hi, s.lo + t.hi)
        return fastSum(v.hi, t.lo + v.lo)
    }

    static func + (x: DoubleWord, y: Real) -> DoubleWord {
        let s = sum(x.hi, y)
        return fastSum(s.hi, x.lo + s.lo)
    }

    static func - (x: DoubleWord, y: DoubleWord) -> DoubleWord {
        x + DoubleWord(hi: -y.hi, lo: -y.lo)
    }

    static func * (x: DoubleWord, y: DoubleWord) -> DoubleWord {
        let c = product(x.hi, y.hi)
        return fastSum(c.hi, c.lo + (x.hi * y.lo + x.lo * y.hi))
    }

    static func * (x: DoubleWord, y: Real) -> DoubleWord {
        let c = product(x.hi, y)
        return fastSum(c.hi, c.lo + x.lo * y)
    }
}

/// A running sum of double-words by compensated summation (Ogita, Rump and Oishi, "Accurate sum
/// and dot product", SIAM J. Sci. Comput. 26(6), 2005, Algorithm 4.4, Sum2): only one addition
/// links a term to the next, and the rounding errors gather in a compensation word, so long sums
/// over rows run at the speed of additions with an error of about u·|sum| + n²u²·Σ|terms|.
/// `Kernels/double_word.cl` performs the same operations in the same order.
struct CompensatedSum<Real: KernelScalar> {
    private var sum: Real = 0
    private var compensation: Real = 0

    /// Adds a double-word term.
    mutating func add(_ term: DoubleWord<Real>) {
        let s = DoubleWord.sum(sum, term.hi)
        sum = s.hi
        compensation += s.lo + term.lo
    }

    /// The sum as a double-word.
    var value: DoubleWord<Real> { DoubleWord.sum(sum, compensation) }
}
