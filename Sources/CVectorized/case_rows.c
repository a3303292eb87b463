// The row loop of four or eight case-resampling replicates of a problem with 2 to 7 regressors
// (3 to 8 variables), in double precision: the CPU backend's generic case path, four replicates
// per AVX2 vector or eight per AVX-512 vector.
//
// Replicate slot r lives in lane r of every vector: each row's drawn design rows are transposed
// into one vector per variable, and every sum S_j and cross-product M_jk (j <= k) of the upper
// triangle is one vector accumulator. Lane by lane these are exactly the operations of
// RowPass.accumulate (Sources/TrendFit/Numerics/RowPass.swift) and Kernels/bootstrap.cl, in the
// same order, with no fused multiply-adds: d_q = y - s_q (y jittered first), w to W, w·d_j to S_j
// and (w·d_j)·d_k to M_jk. Both widths give the same values; only the number of lanes differs.
#include "CVectorized.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
#include <immintrin.h>

#define CASE_ROWS_AVX2 __attribute__((target("avx2"), always_inline)) static inline
#define CASE_ROWS_AVX512 __attribute__((target("avx512f"), always_inline)) static inline

// ReplicateStream.symmetricUnit of four words: ((int32)(word ^ 2^31) + 0.5) · 2^-31, per lane.
CASE_ROWS_AVX2 __m256d symmetric_units(uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3) {
    __m128i words = _mm_setr_epi32((int)w0, (int)w1, (int)w2, (int)w3);
    __m128i centred = _mm_xor_si128(words, _mm_set1_epi32((int)0x80000000u));
    __m256d value = _mm256_add_pd(_mm256_cvtepi32_pd(centred), _mm256_set1_pd(0.5));
    return _mm256_mul_pd(value, _mm256_set1_pd(0x1p-31));
}

// The loop for `width` variables (a compile-time constant at each call), weighted and jittered or
// not. Every loop over the variables is unrolled (`#pragma unroll`), so that the accumulators are
// values the compiler keeps in registers (or spills) rather than a stack array indexed at run time,
// which clang otherwise makes of the 44 accumulators of width 8.
CASE_ROWS_AVX2 void case_rows(const trendfit_case_rows_problem *problem, const uint32_t *indices,
                              const uint32_t *jitter_words, int64_t word_stride, const int width, const int weighted,
                              const int jittered, double *weight_sums, double *sums, double *cross) {
    const int q = width - 1;
    const double *design = problem->design;
    const int64_t stride = problem->stride;
    const __m256d response_shift = _mm256_set1_pd(problem->response_shift);
    const __m256d jitter = _mm256_set1_pd(problem->jitter);
    __m256d total = _mm256_setzero_pd();
    __m256d sum[8], product[36];
    #pragma unroll
    for (int j = 0; j < width; ++j) sum[j] = _mm256_setzero_pd();
    #pragma unroll
    for (int j = 0; j < width * (width + 1) / 2; ++j) product[j] = _mm256_setzero_pd();
    for (int64_t t = 0; t < problem->row_count; ++t) {
        const uint32_t i0 = indices[t], i1 = indices[word_stride + t];
        const uint32_t i2 = indices[2 * word_stride + t], i3 = indices[3 * word_stride + t];
        const double *row0 = design + stride * i0, *row1 = design + stride * i1;
        const double *row2 = design + stride * i2, *row3 = design + stride * i3;
        __m256d d[8];
        #pragma unroll
        for (int j = 0; j < width; ++j) d[j] = _mm256_setr_pd(row0[j], row1[j], row2[j], row3[j]);
        if (jittered) {
            const __m256d unit = symmetric_units(jitter_words[t], jitter_words[word_stride + t],
                                                 jitter_words[2 * word_stride + t], jitter_words[3 * word_stride + t]);
            d[q] = _mm256_add_pd(d[q], _mm256_mul_pd(jitter, unit));
        }
        d[q] = _mm256_sub_pd(d[q], response_shift);
        __m256d weighted_d[8];
        if (weighted) {
            const double *w = problem->weights;
            const __m256d weight = _mm256_setr_pd(w[i0], w[i1], w[i2], w[i3]);
            total = _mm256_add_pd(total, weight);
            #pragma unroll
            for (int j = 0; j < width; ++j) weighted_d[j] = _mm256_mul_pd(weight, d[j]);
        } else {
            #pragma unroll
            for (int j = 0; j < width; ++j) weighted_d[j] = d[j];
        }
        int entry = 0;
        #pragma unroll
        for (int j = 0; j < width; ++j) {
            sum[j] = _mm256_add_pd(sum[j], weighted_d[j]);
            #pragma unroll
            for (int k = j; k < width; ++k, ++entry) {
                product[entry] = _mm256_add_pd(product[entry], _mm256_mul_pd(weighted_d[j], d[k]));
            }
        }
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, total);
    for (int r = 0; r < 4; ++r) weight_sums[r] = lanes[r];
    int entry = 0;
    #pragma unroll
    for (int j = 0; j < width; ++j) {
        _mm256_storeu_pd(lanes, sum[j]);
        for (int r = 0; r < 4; ++r) sums[r * width + j] = lanes[r];
        #pragma unroll
        for (int k = j; k < width; ++k, ++entry) {
            _mm256_storeu_pd(lanes, product[entry]);
            for (int r = 0; r < 4; ++r) cross[r * width * width + j * width + k] = lanes[r];
        }
    }
}

#define CASE_ROWS_WIDTH(LOOP, W)                                                                                \
    case W:                                                                                                     \
        if (weighted && jittered) LOOP(problem, indices, jitter_words, word_stride, W, 1, 1, weight_sums, sums, cross); \
        else if (weighted) LOOP(problem, indices, jitter_words, word_stride, W, 1, 0, weight_sums, sums, cross); \
        else if (jittered) LOOP(problem, indices, jitter_words, word_stride, W, 0, 1, weight_sums, sums, cross); \
        else LOOP(problem, indices, jitter_words, word_stride, W, 0, 0, weight_sums, sums, cross);              \
        return 1;

#define CASE_ROWS_WIDTHS(LOOP)                                                                                  \
    switch (problem->width) {                                                                                   \
        CASE_ROWS_WIDTH(LOOP, 3)                                                                                \
        CASE_ROWS_WIDTH(LOOP, 4)                                                                                \
        CASE_ROWS_WIDTH(LOOP, 5)                                                                                \
        CASE_ROWS_WIDTH(LOOP, 6)                                                                                \
        CASE_ROWS_WIDTH(LOOP, 7)                                                                                \
        CASE_ROWS_WIDTH(LOOP, 8)                                                                                \
    default:                                                                                                    \
        return 0;                                                                                               \
    }

__attribute__((target("avx2"))) static int case_rows_avx2(const trendfit_case_rows_problem *problem,
                                                          const uint32_t *indices, const uint32_t *jitter_words,
                                                          int64_t word_stride, double *weight_sums, double *sums,
                                                          double *cross) {
    const int weighted = problem->weights != 0, jittered = problem->jitter != 0;
    CASE_ROWS_WIDTHS(case_rows)
}

// symmetric_units of slot r's jitter word t in lane r, for eight slots.
CASE_ROWS_AVX512 __m512d symmetric_units8(const uint32_t *jitter_words, int64_t word_stride, int64_t t) {
    __m256i words = _mm256_setr_epi32((int)jitter_words[t], (int)jitter_words[word_stride + t],
                                      (int)jitter_words[2 * word_stride + t], (int)jitter_words[3 * word_stride + t],
                                      (int)jitter_words[4 * word_stride + t], (int)jitter_words[5 * word_stride + t],
                                      (int)jitter_words[6 * word_stride + t], (int)jitter_words[7 * word_stride + t]);
    __m256i centred = _mm256_xor_si256(words, _mm256_set1_epi32((int)0x80000000u));
    __m512d value = _mm512_add_pd(_mm512_cvtepi32_pd(centred), _mm512_set1_pd(0.5));
    return _mm512_mul_pd(value, _mm512_set1_pd(0x1p-31));
}

// Variables offset ..< offset + 4 of the eight rows `rows` (four doubles readable at each), one
// vector per variable with row r in lane r: a 4×4 transpose within each 256-bit half of rows
// (r, r + 4), then one two-source permute per variable joining the halves' pairs.
CASE_ROWS_AVX512 void transpose_four(const double *const rows[8], int offset, __m512d column[4]) {
    __m512d pair[4];
    #pragma unroll
    for (int r = 0; r < 4; ++r) {
        pair[r] = _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_loadu_pd(rows[r] + offset)),
                                     _mm256_loadu_pd(rows[r + 4] + offset), 1);
    }
    // Per 256-bit half: low = (r0_0, r1_0, r0_2, r1_2), high = (r0_1, r1_1, r0_3, r1_3), likewise rows 2, 3.
    const __m512d low01 = _mm512_unpacklo_pd(pair[0], pair[1]), high01 = _mm512_unpackhi_pd(pair[0], pair[1]);
    const __m512d low23 = _mm512_unpacklo_pd(pair[2], pair[3]), high23 = _mm512_unpackhi_pd(pair[2], pair[3]);
    const __m512i first = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
    const __m512i second = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
    column[0] = _mm512_permutex2var_pd(low01, first, low23);
    column[1] = _mm512_permutex2var_pd(high01, first, high23);
    column[2] = _mm512_permutex2var_pd(low01, second, low23);
    column[3] = _mm512_permutex2var_pd(high01, second, high23);
}

// The loop of case_rows for eight slots, one per lane of an AVX-512 vector.
CASE_ROWS_AVX512 void case_rows8(const trendfit_case_rows_problem *problem, const uint32_t *indices,
                                 const uint32_t *jitter_words, int64_t word_stride, const int width, const int weighted,
                                 const int jittered, double *weight_sums, double *sums, double *cross) {
    const int q = width - 1;
    const double *design = problem->design;
    const int64_t stride = problem->stride;
    const __m512d response_shift = _mm512_set1_pd(problem->response_shift);
    const __m512d jitter = _mm512_set1_pd(problem->jitter);
    __m512d total = _mm512_setzero_pd();
    __m512d sum[8], product[36];
    #pragma unroll
    for (int j = 0; j < width; ++j) sum[j] = _mm512_setzero_pd();
    #pragma unroll
    for (int j = 0; j < width * (width + 1) / 2; ++j) product[j] = _mm512_setzero_pd();
    for (int64_t t = 0; t < problem->row_count; ++t) {
        uint32_t drawn[8];
        const double *rows[8];
        #pragma unroll
        for (int r = 0; r < 8; ++r) {
            drawn[r] = indices[r * word_stride + t];
            rows[r] = design + stride * drawn[r];
        }
        __m512d d[8];
        transpose_four(rows, 0, d);
        if (width > 4) transpose_four(rows, 4, d + 4);
        if (jittered) {
            d[q] = _mm512_add_pd(d[q], _mm512_mul_pd(jitter, symmetric_units8(jitter_words, word_stride, t)));
        }
        d[q] = _mm512_sub_pd(d[q], response_shift);
        __m512d weighted_d[8];
        if (weighted) {
            const __m256i positions = _mm256_loadu_si256((const __m256i *)drawn);
            const __m512d weight = _mm512_i32gather_pd(positions, problem->weights, 8);
            total = _mm512_add_pd(total, weight);
            #pragma unroll
            for (int j = 0; j < width; ++j) weighted_d[j] = _mm512_mul_pd(weight, d[j]);
        } else {
            #pragma unroll
            for (int j = 0; j < width; ++j) weighted_d[j] = d[j];
        }
        int entry = 0;
        #pragma unroll
        for (int j = 0; j < width; ++j) {
            sum[j] = _mm512_add_pd(sum[j], weighted_d[j]);
            #pragma unroll
            for (int k = j; k < width; ++k, ++entry) {
                product[entry] = _mm512_add_pd(product[entry], _mm512_mul_pd(weighted_d[j], d[k]));
            }
        }
    }
    double lanes[8];
    _mm512_storeu_pd(lanes, total);
    for (int r = 0; r < 8; ++r) weight_sums[r] = lanes[r];
    int entry = 0;
    #pragma unroll
    for (int j = 0; j < width; ++j) {
        _mm512_storeu_pd(lanes, sum[j]);
        for (int r = 0; r < 8; ++r) sums[r * width + j] = lanes[r];
        #pragma unroll
        for (int k = j; k < width; ++k, ++entry) {
            _mm512_storeu_pd(lanes, product[entry]);
            for (int r = 0; r < 8; ++r) cross[r * width * width + j * width + k] = lanes[r];
        }
    }
}

__attribute__((target("avx512f"))) static int case_rows_avx512(const trendfit_case_rows_problem *problem,
                                                               const uint32_t *indices, const uint32_t *jitter_words,
                                                               int64_t word_stride, double *weight_sums, double *sums,
                                                               double *cross) {
    const int weighted = problem->weights != 0, jittered = problem->jitter != 0;
    CASE_ROWS_WIDTHS(case_rows8)
}

#endif

int trendfit_case_rows_slots(void) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f")) return 8;
    if (__builtin_cpu_supports("avx2")) return 4;
#endif
    return 0;
}

int trendfit_case_rows_sums(const trendfit_case_rows_problem *problem, int32_t slots, const uint32_t *indices,
                            const uint32_t *jitter_words, int64_t word_stride, double *weight_sums, double *sums,
                            double *cross) {
#if defined(__x86_64__)
    if (slots == 8 && __builtin_cpu_supports("avx512f")) {
        return case_rows_avx512(problem, indices, jitter_words, word_stride, weight_sums, sums, cross);
    }
    if (slots == 4 && __builtin_cpu_supports("avx2")) {
        return case_rows_avx2(problem, indices, jitter_words, word_stride, weight_sums, sums, cross);
    }
#endif
    return 0;
}
