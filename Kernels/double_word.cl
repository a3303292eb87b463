// Double-word arithmetic: hi + lo carries about twice the precision of `real`, built from
// error-free transformations (TwoSum, TwoProduct by fma). Algorithms of Joldes, Muller and Popescu,
// ACM TOMS 44(2), 2017. Mirrors Sources/TrendFit/Numerics/DoubleWord.swift operation for operation
// (FP_CONTRACT is off: every fma is written out).

typedef struct {
    real hi;
    real lo;
} dword;

ALWAYS_INLINE dword dw_make(real value) {
    dword z = {value, (real)0};
    return z;
}

// a + b exactly (TwoSum).
ALWAYS_INLINE dword dw_two_sum(real a, real b) {
    real s = a + b;
    real a_rounded = s - b;
    real b_rounded = s - a_rounded;
    dword z = {s, (a - a_rounded) + (b - b_rounded)};
    return z;
}

// a * b exactly (TwoProduct).
ALWAYS_INLINE dword dw_two_product(real a, real b) {
    real p = a * b;
    dword z = {p, fma(a, b, -p)};
    return z;
}

// a + b exactly when |a| >= |b| (Fast2Sum).
ALWAYS_INLINE dword dw_fast_sum(real a, real b) {
    real s = a + b;
    dword z = {s, b - (s - a)};
    return z;
}

// Algorithm 6 (AccurateDWPlusDW).
ALWAYS_INLINE dword dw_add(dword x, dword y) {
    dword s = dw_two_sum(x.hi, y.hi);
    dword t = dw_two_sum(x.lo, y.lo);
    dword v = dw_fast_sum(s.hi, s.lo + t.hi);
    return dw_fast_sum(v.hi, t.lo + v.lo);
}

// Algorithm 4 (DWPlusFP).
ALWAYS_INLINE dword dw_add_real(dword x, real y) {
    dword s = dw_two_sum(x.hi, y);
    return dw_fast_sum(s.hi, x.lo + s.lo);
}

ALWAYS_INLINE dword dw_sub(dword x, dword y) {
    dword negated = {-y.hi, -y.lo};
    return dw_add(x, negated);
}

// Algorithm 10 (DWTimesDW1).
ALWAYS_INLINE dword dw_mul(dword x, dword y) {
    dword c = dw_two_product(x.hi, y.hi);
    return dw_fast_sum(c.hi, c.lo + (x.hi * y.lo + x.lo * y.hi));
}

// Algorithm 8 (DWTimesFP2).
ALWAYS_INLINE dword dw_mul_real(dword x, real y) {
    dword c = dw_two_product(x.hi, y);
    return dw_fast_sum(c.hi, c.lo + x.lo * y);
}

// Compensated summation of double-words (Ogita, Rump and Oishi 2005, Sum2): one addition links
// a term to the next; rounding errors gather in `compensation`. Mirrors CompensatedSum.
typedef struct {
    real sum;
    real compensation;
} compensated_sum;

ALWAYS_INLINE compensated_sum cs_make(void) {
    compensated_sum z = {(real)0, (real)0};
    return z;
}

ALWAYS_INLINE compensated_sum cs_add(compensated_sum x, dword term) {
    dword s = dw_two_sum(x.sum, term.hi);
    compensated_sum z = {s.hi, x.compensation + (s.lo + term.lo)};
    return z;
}

ALWAYS_INLINE dword cs_value(compensated_sum x) {
    return dw_two_sum(x.sum, x.compensation);
}
