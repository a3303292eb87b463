// Stratified and cluster case resampling: one replicate per work-item over the units of
// Sources/TrendFit/Bootstrap/ResampleGroups.swift. Mirrors GroupedCaseSolver.swift (the draws) and
// RowPass.swift / solve_replicate (the rows and the solve) operation for operation.
// Compile-time constant: GROUPING (0 none: no kernel, 1 strata, 2 clusters); the scheme is cases.

#ifndef GROUPING
#define GROUPING 0
#endif

#define GROUPING_STRATA 1
#define GROUPING_CLUSTERS 2

#if GROUPING != 0
// One drawn row at `position`, the t-th of the resample: bootstrap_replicates' case-row operations.
ALWAYS_INLINE void accumulate_case_row(__global const real *rows, __global const real *row_weights, int position, int t,
                                       int q, real jitter, const uint *jitter_words, real response_shift,
                                       real *weight_sum, real *sums, real *cross, int *seen, int *distinct,
                                       int threshold, real *low, real *high, int *positive_rows) {
    __global const real *row = rows + position * DESIGN_STRIDE;
    real response = row[q];
    if (*distinct < threshold) {
        int found = 0;
        for (int s = 0; s < *distinct; ++s) found |= seen[s] == position;
        if (!found) seen[(*distinct)++] = position;
    }
#if HAS_JITTER
    response = response + jitter * symmetric_unit(jitter_words[t & 15]);
#endif
    real difference[WIDTH];
    for (int j = 0; j < q; ++j) difference[j] = row[j];
    difference[q] = response - response_shift;
#if WEIGHTED
    if (row_weights[position] > (real)0)
#endif
    {
        for (int j = 0; j < q; ++j) {
            low[j] = fmin(low[j], difference[j]);
            high[j] = fmax(high[j], difference[j]);
        }
    }
#if WEIGHTED
    real w = row_weights[position];
    *weight_sum = *weight_sum + w;
#if STUDENTIZED
    *positive_rows += w > (real)0;
#endif
#else
    *weight_sum = *weight_sum + (real)1;
#endif
    for (int j = 0; j <= q; ++j) {
#if WEIGHTED
        real weighted = w * difference[j];
#else
        real weighted = difference[j];
#endif
        sums[j] = sums[j] + weighted;
        for (int k = j; k <= q; ++k) cross[j * WIDTH + k] = cross[j * WIDTH + k] + weighted * difference[k];
    }
}

__kernel void bootstrap_grouped_replicates(BOOTSTRAP_KERNEL_PARAMETERS, __global const int *group_offsets,
                                           __global const int *group_layout) {
    uint g = get_global_id(0);
    if (g >= count) return;
    ulong index = first_index + g;
    uint problem = (uint)(index / resamples);
    uint replicate = (uint)(index % resamples);
    __global const int *descriptor = descriptors + problem * DESCRIPTOR_STRIDE;
    uint stream_problem = descriptor[D_STREAM] < 0 ? first_problem + problem : (uint)descriptor[D_STREAM];
    uint stream_replicate = first_replicate + replicate;
    int row_start = descriptor[D_ROW_START];
    int has_intercept = descriptor[D_INTERCEPT];
    int q = descriptor[D_REGRESSOR_COUNT];
    __global const real *shift = shifts + problem * SHIFT_STRIDE;
    __global const real *rows = design + (ulong)row_start * DESIGN_STRIDE;
    __global const real *row_weights = weights + row_start;
    __global real *output = coefficients + (ulong)g * coefficient_stride;
    for (int j = 0; j < coefficient_stride; ++j) output[j] = 0;
    residual_sums[g] = 0;
#if STUDENTIZED
    __global real *errors = standard_errors + (ulong)g * coefficient_stride;
    for (int j = 0; j < coefficient_stride; ++j) errors[j] = 0;
#else
    __global real *errors = standard_errors;
#endif
    real response_shift = shift[q];

    real weight_sum = 0;
    real sums[WIDTH];
    real cross[WIDTH * WIDTH];
    for (int j = 0; j <= q; ++j) sums[j] = 0;
    for (int j = 0; j < WIDTH * WIDTH; ++j) cross[j] = 0;
    int threshold = minimum_distinct_rows == 0 ? q + has_intercept : minimum_distinct_rows;
    int seen[MAX_DISTINCT];
    int distinct = 0;
    // Each regressor's least and greatest value over the drawn rows of positive weight.
    real low[WIDTH], high[WIDTH];
    for (int j = 0; j <= q; ++j) {
        low[j] = (real)INFINITY;
        high[j] = -(real)INFINITY;
    }

    __global const int *entry = group_layout + group_offsets[problem];
    int units = entry[0];
    __global const int *bounds = entry + 1;
    __global const int *members = entry + 1 + 2 * units;
    uint index_words[16];
    uint jitter_words[16];
    int t = 0;
    // Rows of positive weight (standard errors); unweighted, every drawn row: t at the end.
    int positive_rows = 0;
#if GROUPING == GROUPING_STRATA
    for (int unit = 0; unit < units; ++unit) {
        int start = bounds[2 * unit];
        int size = bounds[2 * unit + 1];
        for (int i = 0; i < size; ++i, ++t) {
            if ((t & 15) == 0) stream_words16((uint)(t >> 4), stream_replicate, stream_problem, PURPOSE_ROW_INDEX, key, index_words);
#if HAS_JITTER
            if ((t & 15) == 0) stream_words16((uint)(t >> 4), stream_replicate, stream_problem, PURPOSE_JITTER, key, jitter_words);
#endif
            int position = members[start + (int)draw_index(index_words[t & 15], (uint)size)];
            accumulate_case_row(rows, row_weights, position, t, q, jitter, jitter_words, response_shift, &weight_sum,
                                sums, cross, seen, &distinct, threshold, low, high, &positive_rows);
        }
    }
#else
    for (int u = 0; u < units; ++u) {
        if ((u & 15) == 0) stream_words16((uint)(u >> 4), stream_replicate, stream_problem, PURPOSE_ROW_INDEX, key, index_words);
        int unit = (int)draw_index(index_words[u & 15], (uint)units);
        int start = bounds[2 * unit];
        int size = bounds[2 * unit + 1];
        for (int i = 0; i < size; ++i, ++t) {
#if HAS_JITTER
            if ((t & 15) == 0) stream_words16((uint)(t >> 4), stream_replicate, stream_problem, PURPOSE_JITTER, key, jitter_words);
#endif
            accumulate_case_row(rows, row_weights, members[start + i], t, q, jitter, jitter_words, response_shift,
                                &weight_sum, sums, cross, seen, &distinct, threshold, low, high, &positive_rows);
        }
    }
#endif
    if (distinct < threshold) {
        statuses[g] = REPLICATE_TOO_FEW_DISTINCT;
        return;
    }
    // With an intercept, a regressor constant over the drawn rows is collinear with it (exact test:
    // the same predicate as GroupedCaseSolver's ReplicateSolver.hasConstantRegressor, which compares
    // the drawn values where the sums suggest it; tracking them here costs little beside the draws).
    int constant_regressor = 0;
    for (int j = 0; j < q; ++j) constant_regressor |= low[j] == high[j];
    if (has_intercept && constant_regressor) {
        statuses[g] = REPLICATE_RANK_DEFICIENT;
        return;
    }
    statuses[g] = solve_replicate(cross, sums, weight_sum, q, has_intercept, shift, output, residual_sums + g,
                                  errors, WEIGHTED ? positive_rows : t);
}
#endif
