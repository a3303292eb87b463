// What the one-regressor replicate paths (case_pairs.c: case resampling; fixed_pairs.c: residual
// resampling and the wild bootstrap) share, in double precision, eight replicates per AVX-512 vector
// or four per AVX2 one (replicate first + r in lane r): the replicates' Philox words drawn side by
// side (word t of lane r at words[lanes · t + r]), and the solve of their sums lane by lane with
// exactly the operations of ReplicateSolver.solve for q = 1 (and writeStandardErrors), followed
// by each replicate's status and results.
#ifndef TRENDFIT_PAIR_LANES_H
#define TRENDFIT_PAIR_LANES_H

#include "CVectorized.h"
#include <math.h>
#include "philox_avx2.h"
#include "philox_avx512.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

// Stores the words of two blocks of four replicates (lane l: block l / 4, replicate l % 4) in
// draw order: word k of the first block is draw k, of the second draw 4 + k.
AVX2_INLINE void store_replicate_words(uint32_t *target, philox_lanes x) {
    _mm256_storeu_si256((__m256i *)target, _mm256_permute2x128_si256(x.c0, x.c1, 0x20));
    _mm256_storeu_si256((__m256i *)(target + 8), _mm256_permute2x128_si256(x.c2, x.c3, 0x20));
    _mm256_storeu_si256((__m256i *)(target + 16), _mm256_permute2x128_si256(x.c0, x.c1, 0x31));
    _mm256_storeu_si256((__m256i *)(target + 24), _mm256_permute2x128_si256(x.c2, x.c3, 0x31));
}

// Words of blocks 0 ..< block_count (rounded up to a multiple of 4) of `purpose`, for replicates
// first_replicate ..< first_replicate + 4, at words[4t + r].
AVX2_INLINE void fill_four_replicates(uint32_t *words, int64_t block_count, uint32_t first_replicate,
                                      uint32_t problem, uint32_t purpose, uint32_t key0, uint32_t key1) {
    const __m256i block_of_lane = _mm256_setr_epi32(0, 0, 0, 0, 1, 1, 1, 1);
    const __m256i replicate_of_lane =
        _mm256_add_epi32(_mm256_set1_epi32((int)first_replicate), _mm256_setr_epi32(0, 1, 2, 3, 0, 1, 2, 3));
    for (int64_t block = 0; block < block_count; block += 4) {
        philox_lanes a, b;
        a.c0 = _mm256_add_epi32(_mm256_set1_epi32((int)block), block_of_lane);
        a.c1 = replicate_of_lane;
        a.c2 = _mm256_set1_epi32((int)problem);
        a.c3 = _mm256_set1_epi32((int)purpose);
        b = a;
        b.c0 = _mm256_add_epi32(a.c0, _mm256_set1_epi32(2));
        philox_rounds_two(&a, &b, key0, key1);
        store_replicate_words(words + 16 * block, a);
        store_replicate_words(words + 16 * block + 32, b);
    }
}

// Replaces each of the first `count` words (rounded up to a multiple of 8) by its row's offset in
// the design, 2 · index(word, row_count), index being ReplicateStream.index's multiply-shift.
AVX2_INLINE void map_to_row_offsets(uint32_t *words, int64_t count, uint32_t row_count) {
    const __m256i bound = _mm256_set1_epi64x(row_count);
    for (int64_t i = 0; i < count; i += 8) {
        __m256i word = _mm256_loadu_si256((const __m256i *)(words + i));
        _mm256_storeu_si256((__m256i *)(words + i), _mm256_slli_epi32(philox_mul_hi(word, bound), 1));
    }
}

// The six sums of four replicates, one replicate per lane.
typedef struct {
    __m256d weight_sum, sx, sy, sxx, sxy, syy;
} pair_sums;

// Whether replicate `lane` of `lanes` draws at least `threshold` distinct rows (its draw t is
// offsets[lanes · t + lane]).
AVX2_INLINE int has_distinct_rows(const uint32_t *offsets, int lanes, int lane, int64_t row_count, int threshold) {
    int distinct = 0;
    for (int64_t t = 0; t < row_count && distinct < threshold; ++t) {
        uint32_t offset = offsets[lanes * t + lane];
        int seen = 0;
        for (int64_t s = 0; s < t && !seen; ++s) seen = offsets[lanes * s + lane] == offset;
        distinct += !seen;
    }
    return distinct >= threshold;
}

// The standard errors of replicate `lane` (ReplicateSolver.writeStandardErrors for q = 1, one
// operation per statement so that nothing is contracted): the one-pivot Cholesky factor is `root`,
// the residual degrees of freedom the drawn rows of positive weight minus the coefficients (the
// problem's own rows where `offsets` is null: a fixed design).
AVX2_INLINE void store_standard_errors(const trendfit_case_pairs_problem *problem, const uint32_t *offsets, int lanes,
                                       int lane, double root, double scale, double mean_x, double weight_sum,
                                       double residual_sum, double *errors) {
    int64_t positive_rows = problem->row_count;
    if (problem->weights) {
        positive_rows = 0;
        for (int64_t t = 0; t < problem->row_count; ++t) {
            positive_rows += problem->weights[offsets ? offsets[lanes * t + lane] >> 1 : t] > 0;
        }
    }
    int64_t degrees_of_freedom = positive_rows - 1 - problem->has_intercept;
    double variance = degrees_of_freedom > 0 ? residual_sum / (double)degrees_of_freedom : 0.0;
    double work = 1.0 / root;
    double square = work * work;
    double sum = 0.0 + square;
    double product = variance * sum;
    errors[problem->has_intercept ? 1 : 0] = sqrt(product) * scale;
    if (problem->has_intercept) {
        double intercept_sum = 1.0 / weight_sum;
        double mean = problem->regressor_shift + mean_x;
        double value = mean * scale;
        double intercept_work = value / root;
        double intercept_square = intercept_work * intercept_work;
        intercept_sum = intercept_sum + intercept_square;
        double intercept_product = variance * intercept_sum;
        errors[0] = sqrt(intercept_product);
    }
}

// Whether lane `lane`'s drawn rows of positive weight all have one x (its draw t is
// offsets[lanes · t + lane]).
AVX2_INLINE int drawn_x_is_constant(const trendfit_case_pairs_problem *problem, const uint32_t *offsets, int lanes,
                                    int lane) {
    int found = 0;
    double first = 0;
    for (int64_t t = 0; t < problem->row_count; ++t) {
        uint32_t offset = offsets[lanes * t + lane];
        if (problem->weights && !(problem->weights[offset >> 1] > 0)) continue;
        double x = problem->design[offset];
        if (found && x != first) return 0;
        if (!found) first = x;
        found = 1;
    }
    return 1;
}

// One replicate's lane of the solve, its values taken out of the vectors.
typedef struct {
    int solvable, spread;
    double root, scale, mean_x, weight_sum, slope, intercept, residual_sum;
} pair_solution;

// The status and results of replicate `lane` of `lanes` (its draw t is offsets[lanes · t + lane]):
// too few distinct rows, then (with an intercept) x constant over the drawn rows of positive
// weight (ReplicateSolver.hasConstantRegressor: compared exactly, only where the centred sxx is at
// most half the uncentred one), then a failed pivot test; else its coefficients, RSS and errors.
// A null `offsets` is a fixed design (residual resampling, wild bootstrap): every replicate has the
// problem's own rows, so only the pivot test applies, as in ReplicateSolver.finishSlot.
AVX2_INLINE void store_replicate(const trendfit_case_pairs_problem *problem, const uint32_t *offsets, int lanes,
                                 int lane, pair_solution solution, trendfit_replicate_outputs outputs) {
    if (offsets && !has_distinct_rows(offsets, lanes, lane, problem->row_count, problem->minimum_distinct_rows)) {
        outputs.statuses[lane] = TRENDFIT_REPLICATE_TOO_FEW_DISTINCT;
    } else if (!solution.solvable
               || (offsets && problem->has_intercept && !solution.spread
                   && drawn_x_is_constant(problem, offsets, lanes, lane))) {
        outputs.statuses[lane] = TRENDFIT_REPLICATE_RANK_DEFICIENT;
    } else {
        double *coefficients = outputs.coefficients + lane * outputs.coefficient_stride;
        if (problem->has_intercept) coefficients[0] = solution.intercept;
        coefficients[problem->has_intercept ? 1 : 0] = solution.slope;
        if (outputs.residual_sums) outputs.residual_sums[lane] = solution.residual_sum;
        outputs.statuses[lane] = TRENDFIT_REPLICATE_OK;
        if (outputs.standard_errors) {
            store_standard_errors(problem, offsets, lanes, lane, solution.root, solution.scale, solution.mean_x,
                                  solution.weight_sum, solution.residual_sum,
                                  outputs.standard_errors + lane * outputs.coefficient_stride);
        }
    }
}

// The centred normal equations of four replicates solved lane by lane (ReplicateSolver.solve for
// q = 1: centring, equilibration, a one-pivot Cholesky tested against the tolerance relative to
// the uncentred sxx, the RSS and the back-substitution), then each replicate's status and results
// (store_replicate).
AVX2_INLINE void solve_and_store(const trendfit_case_pairs_problem *problem, pair_sums sums, const uint32_t *offsets,
                                 trendfit_replicate_outputs outputs) {
    const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
    __m256d mean_x = zero, mean_y = zero;
    __m256d cxx = sums.sxx, cxy = sums.sxy, cyy = sums.syy;
    if (problem->has_intercept) {
        mean_x = _mm256_div_pd(sums.sx, sums.weight_sum);
        mean_y = _mm256_div_pd(sums.sy, sums.weight_sum);
        cxx = _mm256_sub_pd(cxx, _mm256_mul_pd(sums.sx, mean_x));
        cxy = _mm256_sub_pd(cxy, _mm256_mul_pd(sums.sx, mean_y));
        cyy = _mm256_sub_pd(cyy, _mm256_mul_pd(sums.sy, mean_y));
    }
    __m256d scale = _mm256_div_pd(one, _mm256_sqrt_pd(cxx));
    __m256d axx = _mm256_mul_pd(_mm256_mul_pd(cxx, scale), scale);
    __m256d axy = _mm256_mul_pd(_mm256_mul_pd(cxy, scale), one);
    __m256d tolerance = _mm256_mul_pd(_mm256_set1_pd(problem->pivot_tolerance),
                                      _mm256_mul_pd(_mm256_mul_pd(sums.sxx, scale), scale));
    __m256d root = _mm256_sqrt_pd(axx);
    __m256d uxy = _mm256_div_pd(axy, root);
    __m256d rss = _mm256_sub_pd(cyy, _mm256_mul_pd(uxy, uxy));
    __m256d residual_tolerance = _mm256_mul_pd(_mm256_set1_pd(problem->pivot_tolerance), sums.syy);
    rss = _mm256_blendv_pd(zero, rss, _mm256_cmp_pd(rss, residual_tolerance, _CMP_GT_OQ));
    __m256d slope = _mm256_mul_pd(_mm256_div_pd(uxy, root), scale);
    __m256d intercept = _mm256_sub_pd(_mm256_add_pd(_mm256_set1_pd(problem->response_shift), mean_y),
                                      _mm256_mul_pd(slope, _mm256_add_pd(_mm256_set1_pd(problem->regressor_shift),
                                                                        mean_x)));
    __m256d solvable = _mm256_and_pd(_mm256_cmp_pd(sums.weight_sum, zero, _CMP_NLE_UQ),
                                     _mm256_and_pd(_mm256_cmp_pd(cxx, zero, _CMP_GT_OQ),
                                                   _mm256_cmp_pd(axx, tolerance, _CMP_GT_OQ)));
    // The centred sxx as ReplicateSolver.hasConstantRegressor forms it: sxx - sx * (sx / W).
    __m256d centred = _mm256_sub_pd(sums.sxx, _mm256_mul_pd(sums.sx, _mm256_div_pd(sums.sx, sums.weight_sum)));
    __m256d spread = _mm256_cmp_pd(_mm256_add_pd(centred, centred), sums.sxx, _CMP_GT_OQ);
    double slopes[4], intercepts[4], residual_sums[4], roots[4], scales[4], means_x[4], weight_sums[4];
    _mm256_storeu_pd(roots, root);
    _mm256_storeu_pd(scales, scale);
    _mm256_storeu_pd(means_x, mean_x);
    _mm256_storeu_pd(weight_sums, sums.weight_sum);
    _mm256_storeu_pd(slopes, slope);
    _mm256_storeu_pd(intercepts, intercept);
    _mm256_storeu_pd(residual_sums, rss);
    int solved = _mm256_movemask_pd(solvable), spreads = _mm256_movemask_pd(spread);
    for (int lane = 0; lane < 4; ++lane) {
        pair_solution solution = {(solved >> lane) & 1, (spreads >> lane) & 1, roots[lane], scales[lane],
                                  means_x[lane], weight_sums[lane], slopes[lane], intercepts[lane],
                                  residual_sums[lane]};
        store_replicate(problem, offsets, 4, lane, solution, outputs);
    }
}

// Blocks fill_eight_replicates runs per step, each for eight replicates: six independent sets of
// Philox rounds keep the multipliers busy through each other's latency (two to eight measured: six
// was fastest).
#define PAIR_BLOCKS_PER_STEP 6

// The counters of block `block` of replicates first_replicate ..< first_replicate + 8, one
// replicate per 64-bit lane.
AVX512_INLINE philox_wide_lanes eight_replicate_counters(int64_t block, uint32_t first_replicate, uint32_t problem,
                                                         uint32_t purpose) {
    philox_wide_lanes x;
    x.c0 = _mm512_set1_epi64((uint32_t)block);
    x.c1 = _mm512_add_epi64(_mm512_set1_epi64(first_replicate), _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7));
    x.c2 = _mm512_set1_epi64(problem);
    x.c3 = _mm512_set1_epi64(purpose);
    return x;
}

// Stores word k of a block of eight replicates (replicate r in 64-bit lane r) at target[8k + r] (in
// draw order: draw 4 · block + k), replaced by its row's offset 2 · index(word, row_count) unless
// row_count is 0. Words k and k + 1 go out in one vector: the low halves of their lanes, or the
// high halves of their products by row_count.
AVX512_INLINE void store_eight_replicate_words(uint32_t *target, philox_wide_lanes x, uint32_t row_count) {
    const __m512i low_halves = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i high_halves = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    __m512i words[4] = {x.c0, x.c1, x.c2, x.c3};
    #pragma unroll
    for (int k = 0; k < 4; k += 2) {
        __m512i pair;
        if (row_count) {
            const __m512i bound = _mm512_set1_epi64(row_count);
            pair = _mm512_permutex2var_epi32(_mm512_mul_epu32(words[k], bound), high_halves,
                                             _mm512_mul_epu32(words[k + 1], bound));
            pair = _mm512_slli_epi32(pair, 1);
        } else {
            pair = _mm512_permutex2var_epi32(words[k], low_halves, words[k + 1]);
        }
        _mm512_storeu_si512((void *)(target + 8 * k), pair);
    }
}

// Blocks block ..< block + count (count a compile-time constant, at most PAIR_BLOCKS_PER_STEP) of
// eight replicates, their rounds interleaved.
AVX512_INLINE void fill_eight_replicate_blocks(uint32_t *words, int64_t block, const int count,
                                               uint32_t first_replicate, uint32_t problem, uint32_t purpose,
                                               uint32_t key0, uint32_t key1, uint32_t row_count) {
    philox_wide_lanes x[PAIR_BLOCKS_PER_STEP];
    #pragma unroll
    for (int set = 0; set < count; ++set) x[set] = eight_replicate_counters(block + set, first_replicate, problem, purpose);
    philox_wide_rounds(x, count, key0, key1);
    #pragma unroll
    for (int set = 0; set < count; ++set) store_eight_replicate_words(words + 32 * (block + set), x[set], row_count);
}

// Words of blocks 0 ..< block_count of `purpose`, for replicates first_replicate ..<
// first_replicate + 8, at words[8t + r]; mapped to row offsets unless row_count is 0.
AVX512_INLINE void fill_eight_replicates(uint32_t *words, int64_t block_count, uint32_t first_replicate,
                                         uint32_t problem, uint32_t purpose, uint32_t key0, uint32_t key1,
                                         uint32_t row_count) {
    int64_t block = 0;
    for (; block_count - block >= PAIR_BLOCKS_PER_STEP; block += PAIR_BLOCKS_PER_STEP) {
        fill_eight_replicate_blocks(words, block, PAIR_BLOCKS_PER_STEP, first_replicate, problem, purpose, key0, key1,
                                    row_count);
    }
#define PAIR_BLOCKS_LEFT(COUNT)                                                                                \
    case COUNT:                                                                                                 \
        fill_eight_replicate_blocks(words, block, COUNT, first_replicate, problem, purpose, key0, key1, row_count); \
        break;
    switch (block_count - block) {
        PAIR_BLOCKS_LEFT(1)
        PAIR_BLOCKS_LEFT(2)
        PAIR_BLOCKS_LEFT(3)
        PAIR_BLOCKS_LEFT(4)
        PAIR_BLOCKS_LEFT(5)
    default:
        break;
    }
#undef PAIR_BLOCKS_LEFT
}

// The six sums of eight replicates, one replicate per lane.
typedef struct {
    __m512d weight_sum, sx, sy, sxx, sxy, syy;
} pair_sums8;

// solve_and_store for eight replicates.
AVX512_INLINE void solve_and_store8(const trendfit_case_pairs_problem *problem, pair_sums8 sums,
                                    const uint32_t *offsets, trendfit_replicate_outputs outputs) {
    const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
    __m512d mean_x = zero, mean_y = zero;
    __m512d cxx = sums.sxx, cxy = sums.sxy, cyy = sums.syy;
    if (problem->has_intercept) {
        mean_x = _mm512_div_pd(sums.sx, sums.weight_sum);
        mean_y = _mm512_div_pd(sums.sy, sums.weight_sum);
        cxx = _mm512_sub_pd(cxx, _mm512_mul_pd(sums.sx, mean_x));
        cxy = _mm512_sub_pd(cxy, _mm512_mul_pd(sums.sx, mean_y));
        cyy = _mm512_sub_pd(cyy, _mm512_mul_pd(sums.sy, mean_y));
    }
    __m512d scale = _mm512_div_pd(one, _mm512_sqrt_pd(cxx));
    __m512d axx = _mm512_mul_pd(_mm512_mul_pd(cxx, scale), scale);
    __m512d axy = _mm512_mul_pd(_mm512_mul_pd(cxy, scale), one);
    __m512d tolerance = _mm512_mul_pd(_mm512_set1_pd(problem->pivot_tolerance),
                                      _mm512_mul_pd(_mm512_mul_pd(sums.sxx, scale), scale));
    __m512d root = _mm512_sqrt_pd(axx);
    __m512d uxy = _mm512_div_pd(axy, root);
    __m512d rss = _mm512_sub_pd(cyy, _mm512_mul_pd(uxy, uxy));
    __m512d residual_tolerance = _mm512_mul_pd(_mm512_set1_pd(problem->pivot_tolerance), sums.syy);
    rss = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(rss, residual_tolerance, _CMP_GT_OQ), zero, rss);
    __m512d slope = _mm512_mul_pd(_mm512_div_pd(uxy, root), scale);
    __m512d intercept = _mm512_sub_pd(_mm512_add_pd(_mm512_set1_pd(problem->response_shift), mean_y),
                                      _mm512_mul_pd(slope, _mm512_add_pd(_mm512_set1_pd(problem->regressor_shift),
                                                                        mean_x)));
    __mmask8 solvable = _mm512_cmp_pd_mask(sums.weight_sum, zero, _CMP_NLE_UQ)
                        & _mm512_cmp_pd_mask(cxx, zero, _CMP_GT_OQ) & _mm512_cmp_pd_mask(axx, tolerance, _CMP_GT_OQ);
    __m512d centred = _mm512_sub_pd(sums.sxx, _mm512_mul_pd(sums.sx, _mm512_div_pd(sums.sx, sums.weight_sum)));
    __mmask8 spread = _mm512_cmp_pd_mask(_mm512_add_pd(centred, centred), sums.sxx, _CMP_GT_OQ);
    double slopes[8], intercepts[8], residual_sums[8], roots[8], scales[8], means_x[8], weight_sums[8];
    _mm512_storeu_pd(roots, root);
    _mm512_storeu_pd(scales, scale);
    _mm512_storeu_pd(means_x, mean_x);
    _mm512_storeu_pd(weight_sums, sums.weight_sum);
    _mm512_storeu_pd(slopes, slope);
    _mm512_storeu_pd(intercepts, intercept);
    _mm512_storeu_pd(residual_sums, rss);
    for (int lane = 0; lane < 8; ++lane) {
        pair_solution solution = {(solvable >> lane) & 1, (spread >> lane) & 1, roots[lane], scales[lane],
                                  means_x[lane], weight_sums[lane], slopes[lane], intercepts[lane],
                                  residual_sums[lane]};
        store_replicate(problem, offsets, 8, lane, solution, outputs);
    }
}
#endif

#endif
