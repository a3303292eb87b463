// Shared definitions for every TrendFit kernel. The host prepends compile-time constants:
//   USE_DOUBLE (0/1)   real is double or float
//   MAX_Q              largest regressor count in the batch (private arrays are sized by it)
//   DESCRIPTOR_STRIDE  int slots per problem descriptor (see PackedBatch.swift)
//   SHIFT_STRIDE       real slots per problem in the centring shifts
//   RANK_TOL, PIVOT_TOL  rank tolerances of the fit and of the replicate solve
//   REFINEMENT_STEPS   most corrections per refined solve of the fit (fit.cl)
//   WIDE_LANE_PRODUCTS (0/1)  how 32x32->64 integer products are written (see philox.cl)
// No contraction into fused multiply-adds: the CPU backend performs exactly these operations.
#pragma OPENCL FP_CONTRACT OFF

#if USE_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
#else
typedef float real;
#endif

#define WIDTH (MAX_Q + 1)

// Forces inlining of hot helpers where the compiler understands it (PoCL otherwise calls some of
// them out of line, passing their vector results through memory).
#ifdef __clang__
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

// Unrolls a loop over a problem's coefficients where their count is a compile-time constant
// (FIXED_Q >= 0, the bootstrap programs of one-shape batches); elsewhere the loop stays rolled, as
// the compiler could only warn that it cannot unroll it.
#if defined(FIXED_Q) && FIXED_Q >= 0
#define UNROLL_COEFFICIENTS _Pragma("unroll")
#else
#define UNROLL_COEFFICIENTS
#endif

// Problem descriptor slots.
#define D_ROW_START 0
#define D_ROW_COUNT 1
#define D_RESPONSE 2
#define D_WEIGHTS 3
#define D_INTERCEPT 4
#define D_REGRESSOR_COUNT 5
#define D_STREAM 6
#define D_REGRESSORS 7

// Column of variable j of a problem: regressor j, or the response when j == q.
inline int variable_column(__global const int *descriptor, int j, int q) {
    return j < q ? descriptor[D_REGRESSORS + j] : descriptor[D_RESPONSE];
}
