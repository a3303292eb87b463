// The rows a case resample draws, in draw order: with replacement from all rows (ordinary case
// resampling), from each stratum in turn (stratified), or whole clusters drawn with replacement
// (cluster resampling); the units are those of Sources/TrendFit/Bootstrap/ResampleGroups.swift.
// Mirrors ReplicateSolver.fillDrawWords and GroupedCaseSolver's draws operation for operation.

// Case groupings (KernelABI: CaseGrouping).
#ifndef GROUPING_NONE
#define GROUPING_NONE 0 // ordinary case resampling
#endif
#ifndef GROUPING_STRATA
#define GROUPING_STRATA 1 // rows drawn within each stratum
#endif
#ifndef GROUPING_CLUSTERS
#define GROUPING_CLUSTERS 2 // whole clusters drawn
#endif
#ifndef GROUPING
#define GROUPING GROUPING_NONE // the plan's grouping: the grouped kernel's draws (bootstrap_groups.cl)
#endif
#ifndef MAX_DISTINCT
#define MAX_DISTINCT 32 // capacity of the distinct-row tracker (BootstrapPlan.maxMinimumDistinctRows)
#endif
#ifndef DISTINCT_SLOTS
#define DISTINCT_SLOTS MAX_DISTINCT // GPU form: the largest distinct-row threshold of the batch under the plan
#endif
#ifndef STAGED_ROWS
#define STAGED_ROWS 0 // GPU form: rows a work-group stages in local memory, 0: none (rows read from global memory)
#endif

// Where a bootstrap kernel reads its problem's centred rows and weights: the work-group's local copy
// (GPU form, STAGED_ROWS > 0: rows staged) or global memory.
#if STAGED_ROWS > 0
#define ROWS_SPACE __local
#else
#define ROWS_SPACE __global
#endif

// The distinct rows a case resample has drawn so far, counted up to a threshold
// (BootstrapPlan.distinctRowThreshold): their positions, the first `count` slots of `seen`. The CPU
// form indexes the slots at run time; the GPU form compares and writes every slot with constant
// indices, so that the DISTINCT_SLOTS slots stay in registers.
typedef struct {
#if KERNEL_FORM == KERNEL_FORM_GPU
    int seen[DISTINCT_SLOTS];
#else
    int seen[MAX_DISTINCT];
#endif
    int count;
    int threshold;
} distinct_rows;

ALWAYS_INLINE distinct_rows begin_distinct_rows(int threshold) {
    distinct_rows rows;
#if KERNEL_FORM == KERNEL_FORM_GPU
    #pragma unroll
    for (int s = 0; s < DISTINCT_SLOTS; ++s) rows.seen[s] = 0;
#endif
    rows.count = 0;
    rows.threshold = threshold;
    return rows;
}

// Notes a drawn row's position.
ALWAYS_INLINE void note_drawn_row(distinct_rows *rows, int position) {
    if (rows->count >= rows->threshold) return;
    int found = 0;
#if KERNEL_FORM == KERNEL_FORM_GPU
    #pragma unroll
    for (int s = 0; s < DISTINCT_SLOTS; ++s) found |= s < rows->count && rows->seen[s] == position;
    if (found) return;
    #pragma unroll
    for (int s = 0; s < DISTINCT_SLOTS; ++s) rows->seen[s] = s == rows->count ? position : rows->seen[s];
    ++rows->count;
#else
    for (int s = 0; s < rows->count; ++s) found |= rows->seen[s] == position;
    if (!found) rows->seen[rows->count++] = position;
#endif
}

// Whether fewer distinct rows than the threshold were drawn.
ALWAYS_INLINE int too_few_distinct_rows(const distinct_rows *rows) {
    return rows->count < rows->threshold;
}

// Whether draws read the ResampleGroups entry they are given (else all rows, one unit). A GPU-form
// program holds either the ungrouped kernel (GROUPING_NONE: a null entry) or the grouped one (always
// an entry): there a grouped program's draws carry no null checks. A CPU-form program holds both.
#if KERNEL_FORM == KERNEL_FORM_GPU
#define GROUPED_DRAWS(group_entry) (GROUPING == GROUPING_NONE ? (group_entry) != 0 : 1)
#else
#define GROUPED_DRAWS(group_entry) ((group_entry) != 0)
#endif

// A replicate's draws under way.
typedef struct {
    __global const int *bounds;  // (start, size) in members of each unit; 0: one unit, every row (GROUPED_DRAWS)
    __global const int *members; // the units' row positions; 0: row i is member i
    int units;
    int row_count;
    int clusters;  // 1: whole units drawn (GROUPING_CLUSTERS), 0: rows drawn within each unit in turn
    int next_unit; // units taken so far
    int start;     // the current unit's first member
    int end;       // the member after its last
    int next;      // clusters: its next member; otherwise its members drawn so far plus start
    int t;         // rows drawn so far
    stream_cursor words; // PURPOSE_ROW_INDEX: one word per drawn unit (clusters) or row (otherwise)
} case_draws;

// The draws of replicate `replicate` of stream problem `problem`: grouped by the ResampleGroups
// entry `group_entry` under GROUPING, or of `row_count` rows from all rows where it is 0.
// Filled through a pointer rather than returned: an inlined struct return leaves an alias-scope
// intrinsic that the Oclgrind simulator cannot run.
ALWAYS_INLINE void begin_case_draws(case_draws *draws, __global const int *group_entry, int row_count,
                                    uint replicate, uint problem, uint2 key) {
    draws->units = GROUPED_DRAWS(group_entry) ? group_entry[0] : 1;
    draws->bounds = GROUPED_DRAWS(group_entry) ? group_entry + 1 : 0;
    draws->members = GROUPED_DRAWS(group_entry) ? group_entry + 1 + 2 * draws->units : 0;
    draws->row_count = row_count;
    draws->clusters = GROUPING == GROUPING_CLUSTERS && GROUPED_DRAWS(group_entry);
    draws->next_unit = 0;
    draws->start = 0;
    draws->end = 0;
    draws->next = 0;
    draws->t = 0;
    draws->words = begin_stream(replicate, problem, PURPOSE_ROW_INDEX, key);
}

// The position of the next drawn row (relative to the problem's first row), or -1 after the last.
ALWAYS_INLINE int next_case_draw(case_draws *draws) {
    while (draws->next == draws->end) {
        if (draws->next_unit == draws->units) return -1;
        int unit = draws->next_unit;
        if (draws->clusters) {
#if KERNEL_FORM == KERNEL_FORM_GPU
            // Units are taken at a pace that differs from work-item to work-item: each word from its counter.
            unit = (int)draw_index(stream_word_at(&draws->words, (uint)draws->next_unit), (uint)draws->units);
#else
            unit = (int)draw_index(stream_word(&draws->words, (uint)draws->next_unit), (uint)draws->units);
#endif
        }
        ++draws->next_unit;
        draws->start = GROUPED_DRAWS(draws->bounds) ? draws->bounds[2 * unit] : 0;
        draws->end = draws->start + (GROUPED_DRAWS(draws->bounds) ? draws->bounds[2 * unit + 1] : draws->row_count);
        draws->next = draws->start;
    }
    // Clusters: the unit's members in turn (start is then no longer needed); otherwise one drawn.
    int member = draws->next;
    if (!draws->clusters) {
        member = draws->start
            + (int)draw_index(stream_word(&draws->words, (uint)draws->t), (uint)(draws->end - draws->start));
    }
    ++draws->next;
    ++draws->t;
    return GROUPED_DRAWS(draws->members) ? draws->members[member] : member;
}

// Whether a case resample draws at least `threshold` distinct rows (BootstrapPlan.distinctRowThreshold):
// its draws (from the ResampleGroups entry `group_entry`, or of `row_count` rows from all rows where
// it is 0) made ahead of the rows' pass, up to the threshold.
FORM_INLINE int draws_distinct_rows(__global const int *group_entry, int row_count, int threshold, uint replicate,
                                    uint problem, uint2 key) {
    distinct_rows distinct = begin_distinct_rows(threshold);
    case_draws draws;
    begin_case_draws(&draws, group_entry, row_count, replicate, problem, key);
    while (too_few_distinct_rows(&distinct)) {
        int position = next_case_draw(&draws);
        if (position < 0) return 0;
        note_drawn_row(&distinct, position);
    }
    return 1;
}

// Whether the drawn rows of positive weight of a case resample all have one value of variable j;
// rows (stride DESIGN_STRIDE) and row_weights start at the problem's first row (ROWS_SPACE: see
// bootstrap.cl).
FORM_INLINE int drawn_value_is_constant(ROWS_SPACE const real *rows, ROWS_SPACE const real *row_weights,
                                   __global const int *group_entry, int row_count, int j, uint replicate,
                                   uint problem, uint2 key) {
    case_draws draws;
    begin_case_draws(&draws, group_entry, row_count, replicate, problem, key);
    int found = 0;
    real first = 0;
    for (int position = next_case_draw(&draws); position >= 0; position = next_case_draw(&draws)) {
#if WEIGHTED
        if (!(row_weights[position] > (real)0)) continue;
#endif
        real value = rows[position * DESIGN_STRIDE + j];
        if (found && value != first) return 0;
        if (!found) first = value;
        found = 1;
    }
    return 1;
}

// Whether some regressor takes one value in every drawn row of positive weight
// (ReplicateSolver.hasConstantRegressor): the draws are made again and compared, only for a
// regressor whose centred sum of squares is at most half its uncentred one.
FORM_INLINE int has_constant_regressor(const real *cross, const real *sums, real weight_sum, int q,
                                  ROWS_SPACE const real *rows, ROWS_SPACE const real *row_weights,
                                  __global const int *group_entry, int row_count, uint replicate, uint problem,
                                  uint2 key) {
    FOR_RANGE(j, 0, q, MAX_Q) {
        real uncentred = cross[j * WIDTH + j];
        real centred = uncentred - sums[j] * (sums[j] / weight_sum);
        if (centred + centred > uncentred) continue;
        if (drawn_value_is_constant(rows, row_weights, group_entry, row_count, j, replicate, problem, key)) return 1;
    }
    return 0;
}
