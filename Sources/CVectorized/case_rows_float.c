// The row loop of four or eight case-resampling replicates of a problem with 2 to 7 regressors
// (3 to 8 variables), in single precision: the CPU backend's generic case path for float, eight
// replicates per 256-bit vector or four per 128-bit one (both need AVX2).
//
// Replicate slot r lives in lane r of every vector, as in case_rows.c: each row's drawn design
// rows are transposed into one vector per variable (four variables at a time, a 4×4 transpose per
// 128-bit chunk), and every sum S_j and cross-product M_jk (j <= k) of the upper triangle is one
// vector accumulator. Lane by lane these are exactly the float operations of RowPass.accumulate
// (Sources/TrendFit/Numerics/RowPass.swift) and Kernels/bootstrap.cl, in the same order, with no
// fused multiply-adds: d_q = y - s_q (y jittered first), w to W, w·d_j to S_j and (w·d_j)·d_k to
// M_jk. Both widths give the same values; only the number of lanes differs.
#include "CVectorized.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

typedef float float4v __attribute__((ext_vector_type(4)));
typedef float float8v __attribute__((ext_vector_type(8)));
typedef int32_t int4v __attribute__((ext_vector_type(4)));
typedef int32_t int8v __attribute__((ext_vector_type(8)));

#define CASE_ROWS_FLOAT __attribute__((target("avx2"), always_inline)) static inline

// Variables offset ..< offset + 4 of the four rows `rows` (four floats readable at each), one
// vector per variable with row r in lane r.
CASE_ROWS_FLOAT void float_columns4(const float *const rows[], int offset, float4v column[4]) {
    float4v row[4];
    #pragma unroll
    for (int r = 0; r < 4; ++r) __builtin_memcpy(&row[r], rows[r] + offset, sizeof(float4v));
    const float4v low01 = __builtin_shufflevector(row[0], row[1], 0, 4, 1, 5);
    const float4v high01 = __builtin_shufflevector(row[0], row[1], 2, 6, 3, 7);
    const float4v low23 = __builtin_shufflevector(row[2], row[3], 0, 4, 1, 5);
    const float4v high23 = __builtin_shufflevector(row[2], row[3], 2, 6, 3, 7);
    column[0] = __builtin_shufflevector(low01, low23, 0, 1, 4, 5);
    column[1] = __builtin_shufflevector(low01, low23, 2, 3, 6, 7);
    column[2] = __builtin_shufflevector(high01, high23, 0, 1, 4, 5);
    column[3] = __builtin_shufflevector(high01, high23, 2, 3, 6, 7);
}

// float_columns4 for eight rows: rows r and r + 4 share a vector, one per 128-bit chunk, and each
// chunk is transposed as float_columns4 does.
CASE_ROWS_FLOAT void float_columns8(const float *const rows[], int offset, float8v column[4]) {
    float8v pair[4];
    #pragma unroll
    for (int r = 0; r < 4; ++r) {
        float4v low, high;
        __builtin_memcpy(&low, rows[r] + offset, sizeof(float4v));
        __builtin_memcpy(&high, rows[r + 4] + offset, sizeof(float4v));
        pair[r] = __builtin_shufflevector(low, high, 0, 1, 2, 3, 4, 5, 6, 7);
    }
    const float8v low01 = __builtin_shufflevector(pair[0], pair[1], 0, 8, 1, 9, 4, 12, 5, 13);
    const float8v high01 = __builtin_shufflevector(pair[0], pair[1], 2, 10, 3, 11, 6, 14, 7, 15);
    const float8v low23 = __builtin_shufflevector(pair[2], pair[3], 0, 8, 1, 9, 4, 12, 5, 13);
    const float8v high23 = __builtin_shufflevector(pair[2], pair[3], 2, 10, 3, 11, 6, 14, 7, 15);
    column[0] = __builtin_shufflevector(low01, low23, 0, 1, 8, 9, 4, 5, 12, 13);
    column[1] = __builtin_shufflevector(low01, low23, 2, 3, 10, 11, 6, 7, 14, 15);
    column[2] = __builtin_shufflevector(high01, high23, 0, 1, 8, 9, 4, 5, 12, 13);
    column[3] = __builtin_shufflevector(high01, high23, 2, 3, 10, 11, 6, 7, 14, 15);
}

// The loop for LANES slots of vector type VEC (integer lanes IVEC), for `width` variables (a
// compile-time constant at each call), weighted and jittered or not; every loop over the variables
// is unrolled so that the accumulators stay values, not a stack array indexed at run time. Jitter
// is ReplicateStream.symmetricUnit per lane: ((int32)(word ^ 2^31) + 0.5) · 2^-31, the conversion
// rounding to nearest as Float(Int32) does.
#define CASE_ROWS_FLOAT_LOOP(NAME, LANES, VEC, IVEC, COLUMNS)                                                   \
    CASE_ROWS_FLOAT void NAME(const trendfit_case_rows_float_problem *problem, const uint32_t *indices,         \
                              const uint32_t *jitter_words, int64_t word_stride, const int width,               \
                              const int weighted, const int jittered, float *weight_sums, float *sums,          \
                              float *cross) {                                                                   \
        const int q = width - 1;                                                                                \
        const float *design = problem->design;                                                                  \
        const int64_t stride = problem->stride;                                                                 \
        const VEC response_shift = problem->response_shift, jitter = problem->jitter;                           \
        VEC total = 0, sum[8], product[36];                                                                     \
        _Pragma("unroll") for (int j = 0; j < width; ++j) sum[j] = 0;                                           \
        _Pragma("unroll") for (int j = 0; j < width * (width + 1) / 2; ++j) product[j] = 0;                     \
        for (int64_t t = 0; t < problem->row_count; ++t) {                                                      \
            const float *rows[LANES];                                                                           \
            IVEC drawn;                                                                                         \
            _Pragma("unroll") for (int r = 0; r < LANES; ++r) {                                                 \
                drawn[r] = (int32_t)indices[r * word_stride + t];                                               \
                rows[r] = design + stride * indices[r * word_stride + t];                                       \
            }                                                                                                   \
            VEC d[8];                                                                                           \
            COLUMNS(rows, 0, d);                                                                                \
            if (width > 4) COLUMNS(rows, 4, d + 4);                                                             \
            if (jittered) {                                                                                     \
                IVEC words;                                                                                     \
                _Pragma("unroll") for (int r = 0; r < LANES; ++r) words[r] = (int32_t)jitter_words[r * word_stride + t]; \
                const VEC unit = (__builtin_convertvector(words ^ (int32_t)0x80000000u, VEC) + 0.5f) * 0x1p-31f; \
                d[q] = d[q] + jitter * unit;                                                                    \
            }                                                                                                   \
            d[q] = d[q] - response_shift;                                                                       \
            VEC weighted_d[8];                                                                                  \
            if (weighted) {                                                                                     \
                VEC weight;                                                                                     \
                _Pragma("unroll") for (int r = 0; r < LANES; ++r) weight[r] = problem->weights[drawn[r]];       \
                total = total + weight;                                                                         \
                _Pragma("unroll") for (int j = 0; j < width; ++j) weighted_d[j] = weight * d[j];                \
            } else {                                                                                            \
                _Pragma("unroll") for (int j = 0; j < width; ++j) weighted_d[j] = d[j];                         \
            }                                                                                                   \
            int entry = 0;                                                                                      \
            _Pragma("unroll") for (int j = 0; j < width; ++j) {                                                 \
                sum[j] = sum[j] + weighted_d[j];                                                                \
                _Pragma("unroll") for (int k = j; k < width; ++k, ++entry) {                                    \
                    product[entry] = product[entry] + weighted_d[j] * d[k];                                     \
                }                                                                                               \
            }                                                                                                   \
        }                                                                                                       \
        for (int r = 0; r < LANES; ++r) weight_sums[r] = total[r];                                              \
        int entry = 0;                                                                                          \
        _Pragma("unroll") for (int j = 0; j < width; ++j) {                                                     \
            for (int r = 0; r < LANES; ++r) sums[r * width + j] = sum[j][r];                                    \
            _Pragma("unroll") for (int k = j; k < width; ++k, ++entry) {                                        \
                for (int r = 0; r < LANES; ++r) cross[r * width * width + j * width + k] = product[entry][r];   \
            }                                                                                                   \
        }                                                                                                       \
    }

CASE_ROWS_FLOAT_LOOP(case_rows_float4, 4, float4v, int4v, float_columns4)
CASE_ROWS_FLOAT_LOOP(case_rows_float8, 8, float8v, int8v, float_columns8)

#define CASE_ROWS_FLOAT_WIDTH(LOOP, W)                                                                          \
    case W:                                                                                                     \
        if (weighted && jittered) LOOP(problem, indices, jitter_words, word_stride, W, 1, 1, weight_sums, sums, cross); \
        else if (weighted) LOOP(problem, indices, jitter_words, word_stride, W, 1, 0, weight_sums, sums, cross); \
        else if (jittered) LOOP(problem, indices, jitter_words, word_stride, W, 0, 1, weight_sums, sums, cross); \
        else LOOP(problem, indices, jitter_words, word_stride, W, 0, 0, weight_sums, sums, cross);              \
        return 1;

#define CASE_ROWS_FLOAT_FUNCTION(NAME, LOOP)                                                                    \
    __attribute__((target("avx2"))) static int NAME(const trendfit_case_rows_float_problem *problem,            \
                                                    const uint32_t *indices, const uint32_t *jitter_words,      \
                                                    int64_t word_stride, float *weight_sums, float *sums,       \
                                                    float *cross) {                                             \
        const int weighted = problem->weights != 0, jittered = problem->jitter != 0;                            \
        switch (problem->width) {                                                                               \
            CASE_ROWS_FLOAT_WIDTH(LOOP, 3)                                                                      \
            CASE_ROWS_FLOAT_WIDTH(LOOP, 4)                                                                      \
            CASE_ROWS_FLOAT_WIDTH(LOOP, 5)                                                                      \
            CASE_ROWS_FLOAT_WIDTH(LOOP, 6)                                                                      \
            CASE_ROWS_FLOAT_WIDTH(LOOP, 7)                                                                      \
            CASE_ROWS_FLOAT_WIDTH(LOOP, 8)                                                                      \
        default:                                                                                                \
            return 0;                                                                                           \
        }                                                                                                       \
    }

CASE_ROWS_FLOAT_FUNCTION(case_rows_float_avx2_4, case_rows_float4)
CASE_ROWS_FLOAT_FUNCTION(case_rows_float_avx2_8, case_rows_float8)

#endif

int trendfit_case_rows_float_sums(const trendfit_case_rows_float_problem *problem, int32_t slots,
                                  const uint32_t *indices, const uint32_t *jitter_words, int64_t word_stride,
                                  float *weight_sums, float *sums, float *cross) {
#if defined(__x86_64__)
    if (slots == 8 && __builtin_cpu_supports("avx2")) {
        return case_rows_float_avx2_8(problem, indices, jitter_words, word_stride, weight_sums, sums, cross);
    }
    if (slots == 4 && __builtin_cpu_supports("avx2")) {
        return case_rows_float_avx2_4(problem, indices, jitter_words, word_stride, weight_sums, sums, cross);
    }
#endif
    return 0;
}
