// Shared definitions for every TrendFit kernel. The host prepends compile-time constants:
//   USE_DOUBLE (0/1)   real is double or float
//   MAX_Q              largest regressor count in the batch (private arrays are sized by it)
//   DESCRIPTOR_STRIDE  int slots per problem descriptor (see PackedBatch.swift)
//   SHIFT_STRIDE       real slots per problem in the centring shifts
//   RANK_TOL, PIVOT_TOL  rank tolerances of the fit and of the replicate solve
//   REFINEMENT_STEPS   most corrections per refined solve of the fit (fit.cl)
//   WIDE_LANE_PRODUCTS (0/1)  how 32x32->64 integer products are written (see philox.cl)
//   KERNEL_FORM        KERNEL_FORM_CPU or KERNEL_FORM_GPU: the kernels' shape (same operations, same order)
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

#define KERNEL_FORM_CPU 0
#define KERNEL_FORM_GPU 1
#ifndef KERNEL_FORM
#define KERNEL_FORM KERNEL_FORM_CPU
#endif

// FOR_RANGE and FOR_RANGE_DOWN loop over j in [start, end) of private arrays of at most `limit`
// entries, upwards or downwards. The GPU form unrolls them over 0 ... limit - 1 and skips the indices
// outside the range, so that every array index is a constant and the arrays live in registers (an
// array indexed at run time goes to scratch memory); the operations and their order are those of the
// plain loop. UNROLLED_RANGE marks the loops the CPU form unrolls too. FORM_INLINE marks helpers with
// private arrays among their arguments, inlined in the GPU form so that the arrays can be registers.
#if KERNEL_FORM == KERNEL_FORM_GPU
#define FORM_INLINE ALWAYS_INLINE
#define FOR_RANGE(j, start, end, limit) \
    _Pragma("unroll") for (int j = 0; j < (limit); ++j) if (j < (start) || j >= (end)) {} else
#define FOR_RANGE_DOWN(j, start, end, limit) \
    _Pragma("unroll") for (int j = (limit) - 1; j >= 0; --j) if (j < (start) || j >= (end)) {} else
#define UNROLLED_RANGE(j, start, end, limit) FOR_RANGE(j, start, end, limit)
#else
#define FORM_INLINE inline
#define FOR_RANGE(j, start, end, limit) for (int j = (start); j < (end); ++j)
#define FOR_RANGE_DOWN(j, start, end, limit) for (int j = (end) - 1; j >= (start); --j)
#define UNROLLED_RANGE(j, start, end, limit) _Pragma("unroll") for (int j = (start); j < (end); ++j)
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
