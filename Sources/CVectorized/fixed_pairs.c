// Eight fixed-design replicates (residual resampling, the wild bootstrap with Rademacher signs) of a
// one-regressor problem at once with AVX-512, or four with AVX2, in double precision: the CPU
// backend's fast path for a trend line's slope under these schemes.
//
// Replicate first + r lives in lane r of every vector, its words drawn side by side (pair_lanes.h).
// Every replicate keeps the problem's rows, so a row's x, weight, fitted value and scale are one
// broadcast each; only the response differs from lane to lane: the fitted value plus the residual at
// the lane's drawn pool index (gathered; times the row's scale when the problem is weighted), or plus
// the row's own residual times ±1 from the lane's sign bit. Lane by lane the row loop performs
// exactly the operations of InterleavedRowPass's pair loop with ResidualDraw or WildDraw (and of
// Kernels/bootstrap.cl), in the same order, with no fused multiply-adds, and the solve is
// pair_lanes.h's (ReplicateSolver.solve for q = 1): the replicates are bitwise theirs, at either
// width.
#include "pair_lanes.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

// The residuals at pool offsets a and b (2 · index, as the draws hold them), in that order.
AVX2_INLINE __m128d two_residuals(const double *residuals, uint32_t a, uint32_t b) {
    const char *pool = (const char *)residuals;
    return _mm_loadh_pd(_mm_load_sd((const double *)(pool + 4 * (size_t)a)), (const double *)(pool + 4 * (size_t)b));
}

// The row loop of four replicates, specialized by the caller on `signs` (wild bootstrap, else
// residual resampling), `scaled` (residuals put on the row's scale), `weighted` and `jittered`
// (compile-time constants). draws: the lanes' sign words (word k at draws[4k + r]) or their pool
// offsets 2 · index (draw t at draws[4t + r]).
AVX2_INLINE pair_sums accumulate_fixed(const trendfit_fixed_pairs_problem *fixed, const uint32_t *draws,
                                       const uint32_t *jitter_words, int signs, int scaled, int weighted,
                                       int jittered) {
    const trendfit_case_pairs_problem *problem = &fixed->rows;
    const __m256d response_shift = _mm256_set1_pd(problem->response_shift);
    const __m256d jitter = _mm256_set1_pd(problem->jitter);
    const __m128i sign_bit = _mm_set1_epi32((int)0x80000000u), one = _mm_set1_epi32(1);
    const __m256d half = _mm256_set1_pd(0.5), scale = _mm256_set1_pd(0x1p-31);
    pair_sums sums;
    sums.weight_sum = _mm256_setzero_pd();
    sums.sx = sums.sy = sums.sxx = sums.sxy = sums.syy = sums.weight_sum;
    for (int64_t t = 0; t < problem->row_count; ++t) {
        __m256d x = _mm256_set1_pd(problem->design[2 * t]);
        __m256d fitted = _mm256_set1_pd(fixed->fitted[t]);
        __m256d y;
        if (signs) {
            __m128i word = _mm_loadu_si128((const __m128i *)(draws + 4 * (t >> 5)));
            __m128i bit = _mm_and_si128(_mm_srl_epi32(word, _mm_cvtsi32_si128((int)(t & 31))), one);
            __m256d sign = _mm256_cvtepi32_pd(_mm_sub_epi32(_mm_add_epi32(bit, bit), one));
            y = _mm256_add_pd(fitted, _mm256_mul_pd(_mm256_set1_pd(fixed->residuals[t]), sign));
        } else {
            const uint32_t *offset = draws + 4 * t;
            __m256d residual = _mm256_insertf128_pd(
                _mm256_castpd128_pd256(two_residuals(fixed->residuals, offset[0], offset[1])),
                two_residuals(fixed->residuals, offset[2], offset[3]), 1);
            if (scaled) residual = _mm256_mul_pd(residual, _mm256_set1_pd(fixed->residual_scales[t]));
            y = _mm256_add_pd(fitted, residual);
        }
        if (jittered) {
            __m128i centred = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(jitter_words + 4 * t)), sign_bit);
            __m256d unit = _mm256_mul_pd(_mm256_add_pd(_mm256_cvtepi32_pd(centred), half), scale);
            y = _mm256_add_pd(y, _mm256_mul_pd(jitter, unit));
        }
        __m256d dy = _mm256_sub_pd(y, response_shift);
        __m256d wx = x, wy = dy;
        if (weighted) {
            __m256d w = _mm256_set1_pd(problem->weights[t]);
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
    if (!weighted) sums.weight_sum = _mm256_set1_pd((double)problem->row_count);
    return sums;
}

// accumulate_fixed with `weighted` and `jittered` taken from the problem.
AVX2_INLINE pair_sums accumulate_fixed_rows(const trendfit_fixed_pairs_problem *fixed, const uint32_t *draws,
                                            const uint32_t *jitter_words, int signs, int scaled) {
    int weighted = fixed->rows.weights != 0, jittered = fixed->rows.jitter != 0;
    if (weighted && jittered) return accumulate_fixed(fixed, draws, jitter_words, signs, scaled, 1, 1);
    if (weighted) return accumulate_fixed(fixed, draws, jitter_words, signs, scaled, 1, 0);
    if (jittered) return accumulate_fixed(fixed, draws, jitter_words, signs, scaled, 0, 1);
    return accumulate_fixed(fixed, draws, jitter_words, signs, scaled, 0, 0);
}

// Blocks of a replicate's draws: one sign bit per row (wild) or one word per row.
static inline int64_t fixed_draw_blocks(const trendfit_fixed_pairs_problem *fixed) {
    return fixed->pool_size == 0 ? (fixed->rows.row_count + 127) / 128 : (fixed->rows.row_count + 3) / 4;
}

__attribute__((target("avx2"))) static void fixed_pair_replicates_avx2(const trendfit_fixed_pairs_problem *fixed,
                                                                       uint32_t first_replicate, uint32_t *draws,
                                                                       uint32_t *jitter_words,
                                                                       trendfit_replicate_outputs outputs) {
    const trendfit_case_pairs_problem *problem = &fixed->rows;
    fill_four_replicates(draws, fixed_draw_blocks(fixed), first_replicate, problem->problem, problem->index_purpose,
                         problem->key0, problem->key1);
    if (fixed->pool_size) map_to_row_offsets(draws, 4 * problem->row_count, fixed->pool_size);
    if (problem->jitter != 0) {
        fill_four_replicates(jitter_words, (problem->row_count + 3) / 4, first_replicate, problem->problem,
                             problem->jitter_purpose, problem->key0, problem->key1);
    }
    pair_sums sums;
    if (fixed->pool_size == 0) {
        sums = accumulate_fixed_rows(fixed, draws, jitter_words, 1, 0);
    } else if (fixed->residual_scales) {
        sums = accumulate_fixed_rows(fixed, draws, jitter_words, 0, 1);
    } else {
        sums = accumulate_fixed_rows(fixed, draws, jitter_words, 0, 0);
    }
    solve_and_store(problem, sums, 0, outputs);
}

// accumulate_fixed for eight replicates (draws[8t + r], sign words at draws[8k + r]).
AVX512_INLINE pair_sums8 accumulate_fixed8(const trendfit_fixed_pairs_problem *fixed, const uint32_t *draws,
                                           const uint32_t *jitter_words, int signs, int scaled, int weighted,
                                           int jittered) {
    const trendfit_case_pairs_problem *problem = &fixed->rows;
    const __m512d response_shift = _mm512_set1_pd(problem->response_shift);
    const __m512d jitter = _mm512_set1_pd(problem->jitter);
    const __m256i sign_bit = _mm256_set1_epi32((int)0x80000000u), one = _mm256_set1_epi32(1);
    const __m512d half = _mm512_set1_pd(0.5), scale = _mm512_set1_pd(0x1p-31);
    pair_sums8 sums;
    sums.weight_sum = _mm512_setzero_pd();
    sums.sx = sums.sy = sums.sxx = sums.sxy = sums.syy = sums.weight_sum;
    for (int64_t t = 0; t < problem->row_count; ++t) {
        __m512d x = _mm512_set1_pd(problem->design[2 * t]);
        __m512d fitted = _mm512_set1_pd(fixed->fitted[t]);
        __m512d y;
        if (signs) {
            __m256i word = _mm256_loadu_si256((const __m256i *)(draws + 8 * (t >> 5)));
            __m256i bit = _mm256_and_si256(_mm256_srl_epi32(word, _mm_cvtsi32_si128((int)(t & 31))), one);
            __m512d sign = _mm512_cvtepi32_pd(_mm256_sub_epi32(_mm256_add_epi32(bit, bit), one));
            y = _mm512_add_pd(fitted, _mm512_mul_pd(_mm512_set1_pd(fixed->residuals[t]), sign));
        } else {
            const uint32_t *offset = draws + 8 * t;
            const double *pool = fixed->residuals;
            __m256d low = _mm256_insertf128_pd(_mm256_castpd128_pd256(two_residuals(pool, offset[0], offset[1])),
                                               two_residuals(pool, offset[2], offset[3]), 1);
            __m256d high = _mm256_insertf128_pd(_mm256_castpd128_pd256(two_residuals(pool, offset[4], offset[5])),
                                                two_residuals(pool, offset[6], offset[7]), 1);
            __m512d residual = _mm512_insertf64x4(_mm512_castpd256_pd512(low), high, 1);
            if (scaled) residual = _mm512_mul_pd(residual, _mm512_set1_pd(fixed->residual_scales[t]));
            y = _mm512_add_pd(fitted, residual);
        }
        if (jittered) {
            __m256i centred = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(jitter_words + 8 * t)), sign_bit);
            __m512d unit = _mm512_mul_pd(_mm512_add_pd(_mm512_cvtepi32_pd(centred), half), scale);
            y = _mm512_add_pd(y, _mm512_mul_pd(jitter, unit));
        }
        __m512d dy = _mm512_sub_pd(y, response_shift);
        __m512d wx = x, wy = dy;
        if (weighted) {
            __m512d w = _mm512_set1_pd(problem->weights[t]);
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

// accumulate_fixed8 with `weighted` and `jittered` taken from the problem.
AVX512_INLINE pair_sums8 accumulate_fixed_rows8(const trendfit_fixed_pairs_problem *fixed, const uint32_t *draws,
                                                const uint32_t *jitter_words, int signs, int scaled) {
    int weighted = fixed->rows.weights != 0, jittered = fixed->rows.jitter != 0;
    if (weighted && jittered) return accumulate_fixed8(fixed, draws, jitter_words, signs, scaled, 1, 1);
    if (weighted) return accumulate_fixed8(fixed, draws, jitter_words, signs, scaled, 1, 0);
    if (jittered) return accumulate_fixed8(fixed, draws, jitter_words, signs, scaled, 0, 1);
    return accumulate_fixed8(fixed, draws, jitter_words, signs, scaled, 0, 0);
}

__attribute__((target("avx512f"))) static void fixed_pair_replicates_avx512(const trendfit_fixed_pairs_problem *fixed,
                                                                            uint32_t first_replicate, uint32_t *draws,
                                                                            uint32_t *jitter_words,
                                                                            trendfit_replicate_outputs outputs) {
    const trendfit_case_pairs_problem *problem = &fixed->rows;
    fill_eight_replicates(draws, fixed_draw_blocks(fixed), first_replicate, problem->problem, problem->index_purpose,
                          problem->key0, problem->key1, fixed->pool_size);
    if (problem->jitter != 0) {
        fill_eight_replicates(jitter_words, (problem->row_count + 3) / 4, first_replicate, problem->problem,
                              problem->jitter_purpose, problem->key0, problem->key1, 0);
    }
    pair_sums8 sums;
    if (fixed->pool_size == 0) {
        sums = accumulate_fixed_rows8(fixed, draws, jitter_words, 1, 0);
    } else if (fixed->residual_scales) {
        sums = accumulate_fixed_rows8(fixed, draws, jitter_words, 0, 1);
    } else {
        sums = accumulate_fixed_rows8(fixed, draws, jitter_words, 0, 0);
    }
    solve_and_store8(problem, sums, 0, outputs);
}
#endif

int trendfit_fixed_pair_replicates(const trendfit_fixed_pairs_problem *problem, int32_t slots,
                                   uint32_t first_replicate, uint32_t *draws, uint32_t *jitter_words,
                                   trendfit_replicate_outputs outputs) {
#if defined(__x86_64__)
    if (slots == 8 && __builtin_cpu_supports("avx512f")) {
        fixed_pair_replicates_avx512(problem, first_replicate, draws, jitter_words, outputs);
        return 1;
    }
    if (slots == 4 && __builtin_cpu_supports("avx2")) {
        fixed_pair_replicates_avx2(problem, first_replicate, draws, jitter_words, outputs);
        return 1;
    }
#endif
    return 0;
}
