// Stratified and cluster case resampling: one replicate per work-item over the units of
// Sources/TrendFit/Bootstrap/ResampleGroups.swift, drawn as case_draws.cl draws them. Mirrors
// GroupedCaseSolver.swift (the draws) and RowPass.swift / solve_replicate (the rows and the solve)
// operation for operation. The scheme is cases; GROUPING (case_draws.cl) GROUPING_NONE leaves no kernel here.
// Both forms run run_grouped_replicate: the CPU form with work-item g computing replicate
// first_index + g of the launch, the GPU form with work-groups mapped to problems
// (locate_problem_group_item, rows staged in local memory when they fit), as bootstrap_staged_replicates.

#if GROUPING != GROUPING_NONE
// One drawn row at `position`, the t-th of the resample: bootstrap_replicates' case-row operations.
ALWAYS_INLINE void accumulate_case_row(ROWS_SPACE const real *rows, ROWS_SPACE const real *row_weights, int position,
                                       int t, int q, real jitter, stream_cursor *jitter_words, real response_shift,
                                       real *weight_sum, real *sums, real *cross, int *positive_rows) {
    ROWS_SPACE const real *row = rows + position * DESIGN_STRIDE;
    real response = row[q];
#if HAS_JITTER
#if KERNEL_FORM == KERNEL_FORM_GPU && GROUPING == GROUPING_CLUSTERS
    // A cluster resample's row count differs from work-item to work-item: each word from its counter.
    response = response + jitter * symmetric_unit(stream_word_at(jitter_words, (uint)t));
#else
    response = response + jitter * symmetric_unit(stream_word(jitter_words, (uint)t));
#endif
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

// The draws, cross-products and solve of one grouped replicate, its problem's units at `group_entry`,
// its rows and weights at `rows` and `row_weights` (the problem's first row), its results at slot
// `slot` of `outputs`. The distinct rows are counted ahead of the rows' pass (draws_distinct_rows).
FORM_INLINE void run_grouped_replicate(replicate_item item, uint slot, replicate_outputs outputs,
                                       ROWS_SPACE const real *rows, ROWS_SPACE const real *row_weights,
                                       __global const int *group_entry, uint2 key, real jitter,
                                       int minimum_distinct_rows) {
    int q = item.q;
    // Mirrors BootstrapPlan.distinctRowThreshold (Sources/TrendFit/Bootstrap/BootstrapPlan.swift).
    int threshold = minimum_distinct_rows == 0 ? q + item.has_intercept : minimum_distinct_rows;
    if (!draws_distinct_rows(group_entry, 0, threshold, item.stream_replicate, item.stream_problem, key)) {
        open_replicate_outputs(&item, slot, outputs);
        *item.status = REPLICATE_TOO_FEW_DISTINCT;
        return;
    }
    real response_shift = item.shift[q];
    real weight_sum = 0;
    real sums[WIDTH];
    real cross[WIDTH * WIDTH];
    FOR_RANGE(j, 0, q + 1, WIDTH) sums[j] = 0;
    FOR_RANGE(j, 0, WIDTH * WIDTH, WIDTH * WIDTH) cross[j] = 0;
    case_draws draws;
    begin_case_draws(&draws, group_entry, 0, item.stream_replicate, item.stream_problem, key);
    stream_cursor jitter_words = begin_stream(item.stream_replicate, item.stream_problem, PURPOSE_JITTER, key);
    // Rows of positive weight (standard errors); unweighted, every drawn row: draws.t at the end.
    int positive_rows = 0;
    for (int position = next_case_draw(&draws); position >= 0; position = next_case_draw(&draws)) {
        // The drawn row is the resample's (draws.t - 1)-th.
        accumulate_case_row(rows, row_weights, position, draws.t - 1, q, jitter, &jitter_words, response_shift,
                            &weight_sum, sums, cross, &positive_rows);
    }
    open_replicate_outputs(&item, slot, outputs);
    finish_replicate(item, cross, sums, weight_sum, WEIGHTED ? positive_rows : draws.t, rows, row_weights, group_entry, 0,
                     key);
}

#if KERNEL_FORM == KERNEL_FORM_GPU
__kernel __attribute__((reqd_work_group_size(GROUP_SIZE, 1, 1)))
void bootstrap_grouped_replicates(BOOTSTRAP_KERNEL_PARAMETERS, __global const int *restrict group_offsets,
                                  __global const int *restrict group_layout) {
    STAGED_ROWS_STORAGE
    problem_group_item at = locate_problem_group_item(first_index, resamples);
    stage_problem_rows(staged_design, staged_weights, at.problem, descriptors, design, weights);
    if (at.replicate >= resamples) return;
    replicate_item item = describe_replicate(at.problem, at.replicate, first_problem, first_replicate, descriptors, shifts,
                                             design);
    run_grouped_replicate(item, at.slot, REPLICATE_OUTPUTS(1), PROBLEM_ROWS(item), PROBLEM_WEIGHTS(item),
                          group_layout + group_offsets[item.problem], key, jitter, minimum_distinct_rows);
}
#else
__kernel void bootstrap_grouped_replicates(BOOTSTRAP_KERNEL_PARAMETERS, __global const int *restrict group_offsets,
                                           __global const int *restrict group_layout) {
    uint g = get_global_id(0);
    if (g >= count) return;
    replicate_item item = describe_replicate((uint)((first_index + g) / resamples), (uint)((first_index + g) % resamples),
                                             first_problem, first_replicate, descriptors, shifts, design);
    run_grouped_replicate(item, g, REPLICATE_OUTPUTS(0), item.rows, weights + item.row_start,
                          group_layout + group_offsets[item.problem], key, jitter, minimum_distinct_rows);
}
#endif
#endif
