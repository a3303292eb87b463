#ifndef CVECTORIZED_H
#define CVECTORIZED_H

#include <stdint.h>

/// Writes the words of Philox4x32-10 blocks 0 ..< block_count (rounded up to a multiple of 8)
/// for the counter (block, replicate, problem, purpose) under the key (key0, key1): word t is
/// word t % 4 of block t / 4. Uses AVX2 where the CPU has it; same words either way.
void trendfit_philox_words(uint32_t *words, int64_t block_count, uint32_t replicate, uint32_t problem,
                           uint32_t purpose, uint32_t key0, uint32_t key1);

/// The number of CPUs in this process's affinity mask (Linux `sched_getaffinity`); 0 where it
/// cannot be read.
int trendfit_affinity_cpu_count(void);

/// Replicate statuses: the ReplicateStatus constants of KernelABI (Sources/TrendFit/KernelABI), each
/// named TRENDFIT_ and its kernel name (C cannot import Swift; KernelABITests compares the two).
enum {
    TRENDFIT_REPLICATE_OK = 0,
    TRENDFIT_REPLICATE_RANK_DEFICIENT = 1,
    TRENDFIT_REPLICATE_TOO_FEW_DISTINCT = 2,
};

/// One problem of case resampling with one regressor, for `trendfit_case_pair_replicates`.
typedef struct {
    /// The centred design: row i is (x_i, y_i) at design[2i], design[2i + 1].
    const double *design;
    /// Row weights, or null for unit weights.
    const double *weights;
    /// Rows of the problem (n), below 2³¹.
    int64_t row_count;
    /// The shifts of x and y (the problem's full-sample means); y's is subtracted from every
    /// drawn response before accumulation, both restore the intercept.
    double regressor_shift, response_shift;
    /// Half-width of the uniform response jitter; 0 for none.
    double jitter;
    /// A replicate is rank-deficient when its equilibrated pivot is at most this times the
    /// equilibrated uncentred sum of squares of x (or, with an intercept, when x is constant).
    double pivot_tolerance;
    /// Whether the model has an intercept (0 or 1).
    int32_t has_intercept;
    /// Distinct rows a resample needs (at least 1).
    int32_t minimum_distinct_rows;
    /// The stream's problem counter word.
    uint32_t problem;
    /// The purposes (counter word 3) of the row-index and jitter draws.
    uint32_t index_purpose, jitter_purpose;
    /// The Philox key: the seed's low and high halves.
    uint32_t key0, key1;
} trendfit_case_pairs_problem;

/// Where consecutive replicates' results go: replicate r's coefficients (intercept first)
/// at coefficients + r · coefficient_stride, unless residual_sums is null its residual sum of
/// squares at residual_sums[r], its status at statuses[r] and, unless standard_errors is null, its
/// coefficient standard errors (studentized intervals) at standard_errors + r · coefficient_stride.
/// Nothing but the status is written for excluded replicates.
typedef struct {
    double *coefficients;
    int64_t coefficient_stride;
    double *residual_sums;
    uint8_t *statuses;
    double *standard_errors;
} trendfit_replicate_outputs;

/// Computes replicates first_replicate ..< first_replicate + slots of `problem` (draws, sums,
/// distinct-row check, solve) and returns 1: eight with AVX-512, four with AVX2 (the same values
/// either way; `trendfit_case_rows_slots` gives the widest this CPU runs); returns 0, having done
/// nothing, where the CPU lacks the instructions for that many slots.
///
/// row_offsets receives 2 · (drawn row) of draw t of replicate r at [slots · t + r]; jitter_words
/// is scratch. Each must hold slots · 16⌈n / 16⌉ words (the replicates' draws, n rounded up to 16).
int trendfit_case_pair_replicates(const trendfit_case_pairs_problem *problem, int32_t slots, uint32_t first_replicate,
                                  uint32_t *row_offsets, uint32_t *jitter_words, trendfit_replicate_outputs outputs);

/// One problem of the fixed-design schemes with one regressor, for `trendfit_fixed_pair_replicates`.
typedef struct {
    /// The problem's rows, shifts, jitter, tolerance, intercept and stream, as for case resampling;
    /// index_purpose is the purpose of the replicates' draws (row-index words for residual
    /// resampling, sign words for the wild bootstrap); minimum_distinct_rows is not read.
    trendfit_case_pairs_problem rows;
    /// The fitted values and the residuals of the problem's rows (the residual pool).
    const double *fitted;
    const double *residuals;
    /// The rows' residual scales (residual resampling of a weighted problem), or null.
    const double *residual_scales;
    /// The residual pool's size (residual resampling, at least 1), or 0 for the wild bootstrap with
    /// Rademacher signs.
    uint32_t pool_size;
} trendfit_fixed_pairs_problem;

/// Computes replicates first_replicate ..< first_replicate + slots of a fixed-design `problem`
/// (draws, sums, solve) and returns 1: eight with AVX-512, four with AVX2 (the same values either
/// way); returns 0, having done nothing, where the CPU lacks the instructions for that many slots.
///
/// draws receives the replicates' draws, jitter_words is scratch; each must hold
/// slots · 16⌈n / 16⌉ words.
int trendfit_fixed_pair_replicates(const trendfit_fixed_pairs_problem *problem, int32_t slots,
                                   uint32_t first_replicate, uint32_t *draws, uint32_t *jitter_words,
                                   trendfit_replicate_outputs outputs);

/// One problem of case resampling with 2 to 7 regressors, for `trendfit_case_rows_sums`.
typedef struct {
    /// The centred design of the problem's rows: row i at design + stride · i, its regressors
    /// (already centred) then its raw response (variable width − 1).
    const double *design;
    /// Row weights, or null for unit weights.
    const double *weights;
    /// Rows of the problem (n).
    int64_t row_count;
    /// Values per design row (a power of two, at least width).
    int64_t stride;
    /// Variables: regressors + 1 (3 to 8; others are not handled).
    int32_t width;
    /// The response's shift, subtracted from every drawn (and jittered) response.
    double response_shift;
    /// Half-width of the uniform response jitter; 0 for none.
    double jitter;
} trendfit_case_rows_problem;

/// The replicate slots `trendfit_case_rows_sums` and `trendfit_case_pair_replicates` fill per call
/// on this CPU: 8 with AVX-512, 4 with AVX2, 0 without either.
int trendfit_case_rows_slots(void);

/// Accumulates the sums of `slots` case-resampling replicates (8 with AVX-512, 4 with AVX2; the
/// same values either way) and returns 1; returns 0, having done nothing, where the CPU lacks the
/// instructions for that many slots or the width is not handled.
///
/// Slot r's drawn row indices are indices[r · word_stride + t] and its jitter words
/// jitter_words[r · word_stride + t]. Writes slot r's sum of weights to weight_sums[r] (unweighted:
/// 0, the caller knows n), S_j to sums[r · width + j] and M_jk (j <= k) to
/// cross[r · width² + j · width + k].
int trendfit_case_rows_sums(const trendfit_case_rows_problem *problem, int32_t slots, const uint32_t *indices,
                            const uint32_t *jitter_words, int64_t word_stride, double *weight_sums, double *sums,
                            double *cross);

/// `trendfit_case_rows_problem` in single precision, for `trendfit_case_rows_float_sums`.
typedef struct {
    /// The centred design of the problem's rows: row i at design + stride · i, its regressors
    /// (already centred) then its raw response (variable width − 1).
    const float *design;
    /// Row weights, or null for unit weights.
    const float *weights;
    /// Rows of the problem (n).
    int64_t row_count;
    /// Values per design row (4 or 8, at least width).
    int64_t stride;
    /// Variables: regressors + 1 (3 to 8; others are not handled).
    int32_t width;
    /// The response's shift, subtracted from every drawn (jittered) response.
    float response_shift;
    /// Half-width of the uniform response jitter; 0 for none.
    float jitter;
} trendfit_case_rows_float_problem;

/// `trendfit_case_rows_sums` in single precision (Sources/CVectorized/case_rows_float.c): eight
/// slots per 256-bit vector or four per 128-bit one, both with AVX2 (the same values either way);
/// returns 0, having done nothing, where the CPU lacks AVX2, for other slot counts or widths.
int trendfit_case_rows_float_sums(const trendfit_case_rows_float_problem *problem, int32_t slots,
                                  const uint32_t *indices, const uint32_t *jitter_words, int64_t word_stride,
                                  float *weight_sums, float *sums, float *cross);

#endif
