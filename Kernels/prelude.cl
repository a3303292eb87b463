// Definitions shared by the fit and bootstrap kernels (the program OpenCLBackend builds from every
// file but peak.cl, this one first). The host passes each constant below as a build option
// (-D NAME=VALUE): the specialization of KernelSpecialization (KernelSource.options) and the
// host-kernel contract of KernelABI (Sources/TrendFit/KernelABI), whose defaults here equal its
// values (KernelABITests checks them). A file's own constants have their defaults in that file.
// No contraction into fused multiply-adds: the CPU backend performs exactly these operations.
#pragma OPENCL FP_CONTRACT OFF

#ifndef USE_DOUBLE
#define USE_DOUBLE 1 // 1: real is double, 0: float
#endif
#ifndef MAX_Q
#define MAX_Q 1 // largest regressor count of the batch: private arrays are sized by it
#endif
#ifndef WIDE_LANE_PRODUCTS
#define WIDE_LANE_PRODUCTS 0 // 1: 32x32->64-bit integer products on 64-bit lanes (CPU devices, philox.cl)
#endif
#ifndef DESIGN_STRIDE
#define DESIGN_STRIDE 2 // values per position of the centred design (CentredDesign.swift)
#endif
#ifndef WEIGHTED
#define WEIGHTED 0 // 1: some problem of the batch has case weights
#endif
#ifndef RANK_TOL
#define RANK_TOL 1e-9 // the fit's rank tolerance (Real.rankTolerance)
#endif
#ifndef PIVOT_TOL
#define PIVOT_TOL 1e-11 // the replicate solve's pivot tolerance (Real.pivotTolerance)
#endif

#if USE_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
#else
typedef float real;
#endif

// Row length of the private matrices: the regressors and the response.
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

// The kernels' shapes (KernelForm): the same operations in the same order either way.
#ifndef KERNEL_FORM_CPU
#define KERNEL_FORM_CPU 0 // CPU devices: vector lanes, loops bounded by the problem
#endif
#ifndef KERNEL_FORM_GPU
#define KERNEL_FORM_GPU 1 // GPU and accelerator devices: one replicate per work-item, arrays in registers
#endif
#ifndef KERNEL_FORM
#define KERNEL_FORM KERNEL_FORM_CPU // the form of this program
#endif

// Marks a loop that carries a floating-point sum from one iteration to the next: the compiler must
// not vectorize it as a loop, which splits the sum into partial sums added up at the end (a
// reassociation that OpenCL C permits only with -cl-unsafe-math-optimizations, yet Intel's OpenCL
// CPU compiler makes it in the scalar body it runs for a work-group's work-items after its last
// whole vector, so that those replicates differed from the CPU backend's by rounding).
// Vectorization across work-items, one work-item per vector lane, is unaffected.
#ifdef __clang__
#define SEQUENTIAL_LOOP _Pragma("clang loop vectorize(disable)")
#else
#define SEQUENTIAL_LOOP
#endif

// FOR_RANGE and FOR_RANGE_DOWN loop over j in [start, end) of private arrays of at most `limit`
// entries, upwards or downwards. The GPU form unrolls them over 0 ... limit - 1 and skips the indices
// outside the range, so that every array index is a constant and the arrays live in registers (an
// array indexed at run time goes to scratch memory); the operations and their order are those of the
// plain loop. In the CPU form they are plain loops kept sequential (SEQUENTIAL_LOOP: the solves' dot
// products run over them). UNROLLED_RANGE marks the loops the CPU form unrolls too. FORM_INLINE marks
// helpers with private arrays among their arguments, inlined in the GPU form so that the arrays can be
// registers.
#if KERNEL_FORM == KERNEL_FORM_GPU
#define FORM_INLINE ALWAYS_INLINE
#define FOR_RANGE(j, start, end, limit) \
    _Pragma("unroll") for (int j = 0; j < (limit); ++j) if (j < (start) || j >= (end)) {} else
#define FOR_RANGE_DOWN(j, start, end, limit) \
    _Pragma("unroll") for (int j = (limit) - 1; j >= 0; --j) if (j < (start) || j >= (end)) {} else
#define UNROLLED_RANGE(j, start, end, limit) FOR_RANGE(j, start, end, limit)
#else
#define FORM_INLINE inline
#define FOR_RANGE(j, start, end, limit) SEQUENTIAL_LOOP for (int j = (start); j < (end); ++j)
#define FOR_RANGE_DOWN(j, start, end, limit) SEQUENTIAL_LOOP for (int j = (end) - 1; j >= (start); --j)
#define UNROLLED_RANGE(j, start, end, limit) _Pragma("unroll") for (int j = (start); j < (end); ++j)
#endif

// Problem descriptor slots (KernelABI.DescriptorSlot) and strides.
#ifndef D_ROW_START
#define D_ROW_START 0 // first position of the problem's rows
#endif
#ifndef D_ROW_COUNT
#define D_ROW_COUNT 1 // number of rows
#endif
#ifndef D_RESPONSE
#define D_RESPONSE 2 // response column
#endif
#ifndef D_WEIGHTS
#define D_WEIGHTS 3 // weight column, -1 for none
#endif
#ifndef D_INTERCEPT
#define D_INTERCEPT 4 // whether the model has an intercept (0/1)
#endif
#ifndef D_REGRESSOR_COUNT
#define D_REGRESSOR_COUNT 5 // number of regressors, q
#endif
#ifndef D_STREAM
#define D_STREAM 6 // bootstrap stream index, -1: the plan's first problem plus the problem's index
#endif
#ifndef D_REGRESSORS
#define D_REGRESSORS 7 // the first of q regressor columns
#endif
#ifndef DESCRIPTOR_STRIDE
#define DESCRIPTOR_STRIDE 23 // int slots per problem descriptor
#endif
#ifndef SHIFT_STRIDE
#define SHIFT_STRIDE 17 // real slots per problem of the centring shifts (regressors, then the response)
#endif

// Column of variable j of a problem: regressor j, or the response when j == q.
inline int variable_column(__global const int *descriptor, int j, int q) {
    return j < q ? descriptor[D_REGRESSORS + j] : descriptor[D_RESPONSE];
}
