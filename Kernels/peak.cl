// Arithmetic peak probe: eight chains of unfused vector multiply-adds per work-item, no memory
// traffic but one store. A program of its own (OpenCLPeakRate), built with USE_DOUBLE only.
#pragma OPENCL FP_CONTRACT OFF

#ifndef USE_DOUBLE
#define USE_DOUBLE 1 // 1: real is double, 0: float
#endif

#if USE_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
typedef double4 real4;
#else
typedef float real;
typedef float4 real4;
#endif

// Each work-item performs iterations * 8 chains * 4 lanes * 2 flops.
__kernel void peak_multiply_add(int iterations, real m, real c, __global real *sink) {
    real start = (real)get_global_id(0) * (real)1e-9f;
    real4 a0 = (real4)(start + (real)0.1f), a1 = (real4)(start + (real)0.2f);
    real4 a2 = (real4)(start + (real)0.3f), a3 = (real4)(start + (real)0.4f);
    real4 a4 = (real4)(start + (real)0.5f), a5 = (real4)(start + (real)0.6f);
    real4 a6 = (real4)(start + (real)0.7f), a7 = (real4)(start + (real)0.8f);
    for (int i = 0; i < iterations; ++i) {
        a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c;
        a4 = a4 * m + c; a5 = a5 * m + c; a6 = a6 * m + c; a7 = a7 * m + c;
    }
    real4 total = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    sink[get_global_id(0)] = total.x + total.y + total.z + total.w;
}
