// Eight case-resampling replicates of a one-regressor problem at once with AVX-512, or four with
// AVX2, in double precision: the CPU backend's fast path for the commonest bootstrap, a trend
// line's slope.
//
// Replicate first + r lives in lane r of every vector. Its Philox words come the replicates side
// by side (word t of replicate first + r at words[lanes · t + r]), so that one load gives all the
// replicates' draws of row t. With AVX-512 the words are drawn one block of the eight replicates
// per vector of 64-bit lanes, six blocks per step, and mapped to row offsets on the way out; a
// row's eight (x, y) pairs are loaded into two vectors (even and odd replicates, one pair per
// 128-bit chunk) that one unpack each turns into x and y. Lane by lane the row loop and the solve
// perform exactly
// the operations of Sources/TrendFit/Numerics (InterleavedRowPass's pair loop, then
// ReplicateSolver.solve for q = 1) and of Kernels/bootstrap.cl, in the same order, with no fused
// multiply-adds: the replicates are bitwise theirs, at either width. The words' drawing and the
// solve live in pair_lanes.h, shared with fixed_pairs.c.
#include "pair_lanes.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

// The row loop, specialized by the caller on `weighted` and `jittered` (compile-time constants).
AVX2_INLINE pair_sums accumulate(const trendfit_case_pairs_problem *problem, const uint32_t *offsets,
                                 const uint32_t *jitter_words, int weighted, int jittered) {
    const double *design = problem->design;
    const __m256d response_shift = _mm256_set1_pd(problem->response_shift);
    const __m256d jitter = _mm256_set1_pd(problem->jitter);
    const __m128i sign_bit = _mm_set1_epi32((int)0x80000000u);
    const __m256d half = _mm256_set1_pd(0.5), scale = _mm256_set1_pd(0x1p-31);
    pair_sums sums;
    sums.weight_sum = _mm256_setzero_pd();
    sums.sx = sums.sy = sums.sxx = sums.sxy = sums.syy = sums.weight_sum;
    for (int64_t t = 0; t < problem->row_count; ++t) {
        const uint32_t *offset = offsets + 4 * t;
        __m128d row0 = _mm_loadu_pd(design + offset[0]), row1 = _mm_loadu_pd(design + offset[1]);
        __m128d row2 = _mm_loadu_pd(design + offset[2]), row3 = _mm_loadu_pd(design + offset[3]);
        __m256d rows02 = _mm256_insertf128_pd(_mm256_castpd128_pd256(row0), row2, 1);
        __m256d rows13 = _mm256_insertf128_pd(_mm256_castpd128_pd256(row1), row3, 1);
        __m256d x = _mm256_unpacklo_pd(rows02, rows13);
        __m256d y = _mm256_unpackhi_pd(rows02, rows13);
        if (jittered) {
            __m128i centred = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(jitter_words + 4 * t)), sign_bit);
            __m256d unit = _mm256_mul_pd(_mm256_add_pd(_mm256_cvtepi32_pd(centred), half), scale);
            y = _mm256_add_pd(y, _mm256_mul_pd(jitter, unit));
        }
        __m256d dy = _mm256_sub_pd(y, response_shift);
        __m256d wx = x, wy = dy;
        if (weighted) {
            const double *weights = problem->weights;
            __m256d w = _mm256_setr_pd(weights[offset[0] >> 1], weights[offset[1] >> 1], weights[offset[2] >> 1],
                                       weights[offset[3] >> 1]);
            sums.weight_sum = _mm256_add_pd(sums.weight_sum, w);
            wx = _mm256_mul_pd(w, x);
            wy = _mm256_mul_pd(w, dy);
        }
        sums.sx = _mm256_add_pd(sums.sx, wx);
        sums.sy = _mm256_add_pd(sums.sy, wy);
        sums.sxx = _mm256_add_pd(sums.sxx, _mm256_mul_pd(wx, x));
        sums.sxy = _mm256_add_pd(sums.sxy, _mm256_mul_pd(wx, dy));
        sums.syy = _mm256_add_pd(sums.syy, _mm256_mul_pd(wy, dy));
    }
    if (!weighted) {
        // The sum of unit weights: the row count (below 2^31, so exact).
        sums.weight_sum = _mm256_set1_pd((double)problem->row_count);
    }
    return sums;
}

__attribute__((target("avx2"))) static void case_pair_replicates_avx2(const trendfit_case_pairs_problem *problem,
                                                                      uint32_t first_replicate, uint32_t *row_offsets,
                                                                      uint32_t *jitter_words,
                                                                      trendfit_replicate_outputs outputs) {
    int64_t blocks = (problem->row_count + 3) / 4;
    fill_four_replicates(row_offsets, blocks, first_replicate, problem->problem, problem->index_purpose,
                         problem->key0, problem->key1);
    map_to_row_offsets(row_offsets, 4 * problem->row_count, (uint32_t)problem->row_count);
    int weighted = problem->weights != 0, jittered = problem->jitter != 0;
    if (jittered) {
        fill_four_replicates(jitter_words, blocks, first_replicate, problem->problem, problem->jitter_purpose,
                             problem->key0, problem->key1);
    }
    pair_sums sums;
    if (weighted && jittered) {
        sums = accumulate(problem, row_offsets, jitter_words, 1, 1);
    } else if (weighted) {
        sums = accumulate(problem, row_offsets, jitter_words, 1, 0);
    } else if (jittered) {
        sums = accumulate(problem, row_offsets, jitter_words, 0, 1);
    } else {
        sums = accumulate(problem, row_offsets, jitter_words, 0, 0);
    }
    solve_and_store(problem, sums, row_offsets, outputs);
}

// The design rows (x, y) at offsets a, b, c, d, one per 128-bit chunk.
AVX512_INLINE __m512d four_rows(const double *design, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    __m256d low = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(design + a)), _mm_loadu_pd(design + b), 1);
    __m256d high = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(design + c)), _mm_loadu_pd(design + d), 1);
    return _mm512_insertf64x4(_mm512_castpd256_pd512(low), high, 1);
}

// accumulate for eight replicates: the rows of even lanes and of odd lanes, one per 128-bit chunk,
// interleave into x and y with one unpack each.
AVX512_INLINE pair_sums8 accumulate8(const trendfit_case_pairs_problem *problem, const uint32_t *offsets,
                                     const uint32_t *jitter_words, int weighted, int jittered) {
    const double *design = problem->design;
    const __m512d response_shift = _mm512_set1_pd(problem->response_shift);
    const __m512d jitter = _mm512_set1_pd(problem->jitter);
    const __m256i sign_bit = _mm256_set1_epi32((int)0x80000000u);
    const __m512d half = _mm512_set1_pd(0.5), scale = _mm512_set1_pd(0x1p-31);
    pair_sums8 sums;
    sums.weight_sum = _mm512_setzero_pd();
    sums.sx = sums.sy = sums.sxx = sums.sxy = sums.syy = sums.weight_sum;
    for (int64_t t = 0; t < problem->row_count; ++t) {
        const uint32_t *offset = offsets + 8 * t;
        __m512d even = four_rows(design, offset[0], offset[2], offset[4], offset[6]);
        __m512d odd = four_rows(design, offset[1], offset[3], offset[5], offset[7]);
        __m512d x = _mm512_unpacklo_pd(even, odd);
        __m512d y = _mm512_unpackhi_pd(even, odd);
        if (jittered) {
            __m256i centred = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(jitter_words + 8 * t)), sign_bit);
            __m512d unit = _mm512_mul_pd(_mm512_add_pd(_mm512_cvtepi32_pd(centred), half), scale);
            y = _mm512_add_pd(y, _mm512_mul_pd(jitter, unit));
        }
        __m512d dy = _mm512_sub_pd(y, response_shift);
        __m512d wx = x, wy = dy;
        if (weighted) {
            const __m256i rows = _mm256_srli_epi32(_mm256_loadu_si256((const __m256i *)offset), 1);
            __m512d w = _mm512_i32gather_pd(rows, problem->weights, 8);
            sums.weight_sum = _mm512_add_pd(sums.weight_sum, w);
            wx = _mm512_mul_pd(w, x);
            wy = _mm512_mul_pd(w, dy);
        }
        sums.sx = _mm512_add_pd(sums.sx, wx);
        sums.sy = _mm512_add_pd(sums.sy, wy);
        sums.sxx = _mm512_add_pd(sums.sxx, _mm512_mul_pd(wx, x));
        sums.sxy = _mm512_add_pd(sums.sxy, _mm512_mul_pd(wx, dy));
        sums.syy = _mm512_add_pd(sums.syy, _mm512_mul_pd(wy, dy));
    }
    if (!weighted) sums.weight_sum = _mm512_set1_pd((double)problem->row_count);
    return sums;
}

__attribute__((target("avx512f"))) static void case_pair_replicates_avx512(const trendfit_case_pairs_problem *problem,
                                                                           uint32_t first_replicate,
                                                                           uint32_t *row_offsets,
                                                                           uint32_t *jitter_words,
                                                                           trendfit_replicate_outputs outputs) {
    int64_t blocks = (problem->row_count + 3) / 4;
    fill_eight_replicates(row_offsets, blocks, first_replicate, problem->problem, problem->index_purpose,
                          problem->key0, problem->key1, (uint32_t)problem->row_count);
    int weighted = problem->weights != 0, jittered = problem->jitter != 0;
    if (jittered) {
        fill_eight_replicates(jitter_words, blocks, first_replicate, problem->problem, problem->jitter_purpose,
                              problem->key0, problem->key1, 0);
    }
    pair_sums8 sums;
    if (weighted && jittered) {
        sums = accumulate8(problem, row_offsets, jitter_words, 1, 1);
    } else if (weighted) {
        sums = accumulate8(problem, row_offsets, jitter_words, 1, 0);
    } else if (jittered) {
        sums = accumulate8(problem, row_offsets, jitter_words, 0, 1);
    } else {
        sums = accumulate8(problem, row_offsets, jitter_words, 0, 0);
    }
    solve_and_store8(problem, sums, row_offsets, outputs);
}
#endif

int trendfit_case_pair_replicates(const trendfit_case_pairs_problem *problem, int32_t slots, uint32_t first_replicate,
                                  uint32_t *row_offsets, uint32_t *jitter_words, trendfit_replicate_outputs outputs) {
#if defined(__x86_64__)
    if (slots == 8 && __builtin_cpu_supports("avx512f")) {
        case_pair_replicates_avx512(problem, first_replicate, row_offsets, jitter_words, outputs);
        return 1;
    }
    if (slots == 4 && __builtin_cpu_supports("avx2")) {
        case_pair_replicates_avx2(problem, first_replicate, row_offsets, jitter_words, outputs);
        return 1;
    }
#endif
    return 0;
}
