// Stratified and cluster case resampling: one replicate per work-item over the units of
// Sources/TrendFit/Bootstrap/ResampleGroups.swift, drawn as case_draws.cl draws them. Mirrors
// GroupedCaseSolver.swift (the draws) and RowPass.swift / solve_replicate (the rows and the solve)
// operation for operation. The scheme is cases; GROUPING (case_draws.cl) GROUPING_NONE leaves no kernel here.

#if GROUPING != GROUPING_NONE
// One drawn row at `position`, the t-th of the resample: bootstrap_replicates' case-row operations.
ALWAYS_INLINE void accumulate_case_row(__global const real *rows, __global const real *row_weights, int position, int t,
                                       int q, real jitter, stream_cursor *jitter_words, real response_shift,
                                       real *weight_sum, real *sums, real *cross, distinct_rows *distinct,
                                       int *positive_rows) {
    __global const real *row = rows + position * DESIGN_STRIDE;
    real response = row[q];
    note_drawn_row(distinct, position);
#if HAS_JITTER
    response = response + jitter * symmetric_unit(stream_word(jitter_words, (uint)t));
#endif
    real difference[WIDTH];
    FOR_RANGE(j, 0, q, MAX_Q) difference[j] = row[j];
    difference[q] = response - response_shift;
#if WEIGHTED
    real w = row_weights[position];
    *weight_sum = *weight_sum + w;
#if STUDENTIZED
    *positive_rows += w > (real)0;
#endif
#else
    *weight_sum = *weight_sum + (real)1;
#endif
    FOR_RANGE(j, 0, q + 1, WIDTH) {
#if WEIGHTED
        real weighted = w * difference[j];
#else
        real weighted = difference[j];
#endif
        sums[j] = sums[j] + weighted;
        FOR_RANGE(k, j, q + 1, WIDTH) cross[j * WIDTH + k] = cross[j * WIDTH + k] + weighted * difference[k];
    }
}

__kernel void bootstrap_grouped_replicates(BOOTSTRAP_KERNEL_PARAMETERS, __global const int *group_offsets,
                                           __global const int *group_layout) {
    uint g = get_global_id(0);
    if (g >= count) return;
    replicate_item item = BEGIN_REPLICATE(g);
    int q = item.q;
    __global const real *row_weights = weights + item.row_start;
    real response_shift = item.shift[q];

    real weight_sum = 0;
    real sums[WIDTH];
    real cross[WIDTH * WIDTH];
    FOR_RANGE(j, 0, q + 1, WIDTH) sums[j] = 0;
    FOR_RANGE(j, 0, WIDTH * WIDTH, WIDTH * WIDTH) cross[j] = 0;
    // Mirrors BootstrapPlan.distinctRowThreshold (Sources/TrendFit/Bootstrap/BootstrapPlan.swift).
    distinct_rows distinct = begin_distinct_rows(minimum_distinct_rows == 0 ? q + item.has_intercept : minimum_distinct_rows);

    __global const int *group_entry = group_layout + group_offsets[item.problem];
    case_draws draws;
    begin_case_draws(&draws, group_entry, 0, item.stream_replicate, item.stream_problem, key);
    stream_cursor jitter_words = begin_stream(item.stream_replicate, item.stream_problem, PURPOSE_JITTER, key);
    int t = 0;
    // Rows of positive weight (standard errors); unweighted, every drawn row: t at the end.
    int positive_rows = 0;
    for (int position = next_case_draw(&draws); position >= 0; position = next_case_draw(&draws), ++t) {
        accumulate_case_row(item.rows, row_weights, position, t, q, jitter, &jitter_words, response_shift, &weight_sum,
                            sums, cross, &distinct, &positive_rows);
    }
    if (too_few_distinct_rows(&distinct)) {
        *item.status = REPLICATE_TOO_FEW_DISTINCT;
        return;
    }
    // With an intercept, a regressor constant over the drawn rows is collinear with it.
    if (item.has_intercept && has_constant_regressor(cross, sums, weight_sum, q, item.rows, row_weights, group_entry, 0,
                                                     item.stream_replicate, item.stream_problem, key)) {
        *item.status = REPLICATE_RANK_DEFICIENT;
        return;
    }
    *item.status = solve_replicate(cross, sums, weight_sum, q, item.has_intercept, item.shift, item.output,
                                   item.residual_sum, item.errors, item.output_stride, WEIGHTED ? positive_rows : t);
}
#endif
