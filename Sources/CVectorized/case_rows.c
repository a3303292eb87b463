// The row loop of four case-resampling replicates of a problem with 2 to 7 regressors (3 to 8
// variables), in double precision with AVX2: the CPU backend's generic case path.
//
// Replicate slot r lives in lane r of every vector: each row's four drawn design rows are
// transposed into one vector per variable, and every sum S_j and cross-product M_jk (j <= k) of
// the upper triangle is one vector accumulator. Lane by lane these are exactly the operations of
// RowPass.accumulate (Sources/TrendFit/Numerics/RowPass.swift) and Kernels/bootstrap.cl, in the
// same order, with no fused multiply-adds: d_q = y - s_q (y jittered first), w to W, w·d_j to S_j
// and (w·d_j)·d_k to M_jk.
#include "CVectorized.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
#include <immintrin.h>

#define CASE_ROWS_AVX2 __attribute__((target("avx2"), always_inline)) static inline

// ReplicateStream.symmetricUnit of four words: ((int32)(word ^ 2^31) + 0.5) · 2^-31, per lane.
CASE_ROWS_AVX2 __m256d symmetric_units(uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3) {
    __m128i words = _mm_setr_epi32((int)w0, (int)w1, (int)w2, (int)w3);
    __m128i centred = _mm_xor_si128(words, _mm_set1_epi32((int)0x80000000u));
    __m256d value = _mm256_add_pd(_mm256_cvtepi32_pd(centred), _mm256_set1_pd(0.5));
    return _mm256_mul_pd(value, _mm256_set1_pd(0x1p-31));
}

// The loop for `width` variables (a compile-time constant at each call, so the accumulators
// are registers), weighted and jittered or not.
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
    for (int j = 0; j < width; ++j) sum[j] = _mm256_setzero_pd();
    for (int j = 0; j < width * (width + 1) / 2; ++j) product[j] = _mm256_setzero_pd();
    for (int64_t t = 0; t < problem->row_count; ++t) {
        const uint32_t i0 = indices[t], i1 = indices[word_stride + t];
        const uint32_t i2 = indices[2 * word_stride + t], i3 = indices[3 * word_stride + t];
        const double *row0 = design + stride * i0, *row1 = design + stride * i1;
        const double *row2 = design + stride * i2, *row3 = design + stride * i3;
        __m256d d[8];
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
            for (int j = 0; j < width; ++j) weighted_d[j] = _mm256_mul_pd(weight, d[j]);
        } else {
            for (int j = 0; j < width; ++j) weighted_d[j] = d[j];
        }
        int entry = 0;
        for (int j = 0; j < width; ++j) {
            sum[j] = _mm256_add_pd(sum[j], weighted_d[j]);
            for (int k = j; k < width; ++k, ++entry) {
                product[entry] = _mm256_add_pd(product[entry], _mm256_mul_pd(weighted_d[j], d[k]));
            }
        }
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, total);
    for (int r = 0; r < 4; ++r) weight_sums[r] = lanes[r];
    int entry = 0;
    for (int j = 0; j < width; ++j) {
        _mm256_storeu_pd(lanes, sum[j]);
        for (int r = 0; r < 4; ++r) sums[r * width + j] = lanes[r];
        for (int k = j; k < width; ++k, ++entry) {
            _mm256_storeu_pd(lanes, product[entry]);
            for (int r = 0; r < 4; ++r) cross[r * width * width + j * width + k] = lanes[r];
        }
    }
}

#define CASE_ROWS_WIDTH(W)                                                                                      \
    case W:                                                                                                     \
        if (weighted && jittered) case_rows(problem, indices, jitter_words, word_stride, W, 1, 1, weight_sums, sums, cross); \
        else if (weighted) case_rows(problem, indices, jitter_words, word_stride, W, 1, 0, weight_sums, sums, cross); \
        else if (jittered) case_rows(problem, indices, jitter_words, word_stride, W, 0, 1, weight_sums, sums, cross); \
        else case_rows(problem, indices, jitter_words, word_stride, W, 0, 0, weight_sums, sums, cross);        \
        return 1;

__attribute__((target("avx2"))) static int case_rows_avx2(const trendfit_case_rows_problem *problem,
                                                          const uint32_t *indices, const uint32_t *jitter_words,
                                                          int64_t word_stride, double *weight_sums, double *sums,
                                                          double *cross) {
    const int weighted = problem->weights != 0, jittered = problem->jitter != 0;
    switch (problem->width) {
        CASE_ROWS_WIDTH(3)
        CASE_ROWS_WIDTH(4)
        CASE_ROWS_WIDTH(5)
        CASE_ROWS_WIDTH(6)
        CASE_ROWS_WIDTH(7)
        CASE_ROWS_WIDTH(8)
    default:
        return 0;
    }
}

#endif

int trendfit_case_rows_sums(const trendfit_case_rows_problem *problem, const uint32_t *indices,
                            const uint32_t *jitter_words, int64_t word_stride, double *weight_sums, double *sums,
                            double *cross) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) {
        return case_rows_avx2(problem, indices, jitter_words, word_stride, weight_sums, sums, cross);
    }
#endif
    return 0;
}
