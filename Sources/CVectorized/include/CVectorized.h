#ifndef CVECTORIZED_H
#define CVECTORIZED_H

#include <stdint.h>

/// Writes the words of Philox4x32-10 blocks 0 ..< block_count (rounded up to a multiple of 8)
/// for the counter (block, replicate, problem, purpose) under the key (key0, key1): word t is
/// word t % 4 of block t / 4. Uses AVX2 where the CPU has it; same words either way.
void trendfit_philox_words(uint32_t *words, int64_t block_count, uint32_t replicate, uint32_t problem,
                           uint32_t purpose, uint32_t key0, uint32_t key1);

/// One problem of case resampling with one regressor, for `trendfit_case_pair_sums`.
typedef struct {
    /// The centred design: row i is (x_i, y_i) at design[2i], design[2i + 1].
    const double *design;
    /// Row weights, or null for unit weights.
    const double *weights;
    /// Rows of the problem (n), below 2³¹.
    int64_t row_count;
    /// Subtracted from every drawn response before accumulation.
    double response_shift;
    /// Half-width of the uniform response jitter; 0 for none.
    double jitter;
    /// The stream's problem counter word.
    uint32_t problem;
    /// The purposes (counter word 3) of the row-index and jitter draws.
    uint32_t index_purpose, jitter_purpose;
    /// The Philox key: the seed's low and high halves.
    uint32_t key0, key1;
} trendfit_case_pairs_problem;

/// Draws replicates first_replicate ..< first_replicate + 4 of `problem` and accumulates their
/// sums with AVX2, returning 1; returns 0, having done nothing, where the CPU has no AVX2.
///
/// sums[4s + r] is statistic s of replicate first_replicate + r, s in order: the weight sum
/// (0 without weights), Σx, Σdy, Σx·x, Σx·dy, Σdy·dy, with dy = y (+ jitter) − response_shift
/// and each product weighted. row_offsets receives 2 · (drawn row) of draw t of replicate r at
/// [4t + r]. row_offsets and jitter_words must each hold 4 · 16⌈n / 16⌉ words (the four
/// replicates' draws, n rounded up to 16).
int trendfit_case_pair_sums(const trendfit_case_pairs_problem *problem, uint32_t first_replicate,
                            uint32_t *row_offsets, uint32_t *jitter_words, double *sums);

#endif
