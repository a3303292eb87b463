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

// A replicate's draws under way.
typedef struct {
    __global const int *bounds;  // (start, size) in members of each unit; 0: one unit, every row
    __global const int *members; // the units' row positions; 0: row i is member i
    int units;
    int row_count;
    int clusters;  // 1: whole units drawn (GROUPING_CLUSTERS), 0: rows drawn within each unit in turn
    int next_unit; // units taken so far
    int start;     // the current unit's first member
    int size;      // its member count
    int member;    // members of the current unit drawn so far
    int t;         // rows drawn so far
    uint replicate;
    uint problem;
    uint2 key;
    uint words[16];
} case_draws;

// The draws of replicate `replicate` of stream problem `problem`: grouped by the ResampleGroups
// entry `group_entry` under GROUPING, or of `row_count` rows from all rows where it is 0.
ALWAYS_INLINE case_draws begin_case_draws(__global const int *group_entry, int row_count, uint replicate,
                                          uint problem, uint2 key) {
    case_draws draws;
    draws.units = group_entry ? group_entry[0] : 1;
    draws.bounds = group_entry ? group_entry + 1 : 0;
    draws.members = group_entry ? group_entry + 1 + 2 * draws.units : 0;
    draws.row_count = row_count;
    draws.clusters = group_entry != 0 && GROUPING == GROUPING_CLUSTERS;
    draws.next_unit = 0;
    draws.start = 0;
    draws.size = 0;
    draws.member = 0;
    draws.t = 0;
    draws.replicate = replicate;
    draws.problem = problem;
    draws.key = key;
    return draws;
}

// The position of the next drawn row (relative to the problem's first row), or -1 after the last.
ALWAYS_INLINE int next_case_draw(case_draws *draws) {
    while (draws->member == draws->size) {
        if (draws->next_unit == draws->units) return -1;
        int unit = draws->next_unit;
        if (draws->clusters) {
            int u = draws->next_unit;
            if ((u & 15) == 0)
                stream_words16((uint)(u >> 4), draws->replicate, draws->problem, PURPOSE_ROW_INDEX, draws->key, draws->words);
            unit = (int)draw_index(draws->words[u & 15], (uint)draws->units);
        }
        ++draws->next_unit;
        draws->start = draws->bounds ? draws->bounds[2 * unit] : 0;
        draws->size = draws->bounds ? draws->bounds[2 * unit + 1] : draws->row_count;
        draws->member = 0;
    }
    int index = draws->member;
    if (!draws->clusters) {
        int t = draws->t;
        if ((t & 15) == 0)
            stream_words16((uint)(t >> 4), draws->replicate, draws->problem, PURPOSE_ROW_INDEX, draws->key, draws->words);
        index = (int)draw_index(draws->words[t & 15], (uint)draws->size);
    }
    ++draws->member;
    ++draws->t;
    return draws->members ? draws->members[draws->start + index] : draws->start + index;
}

// Whether the drawn rows of positive weight of a case resample all have one value of variable j;
// rows (stride DESIGN_STRIDE) and row_weights start at the problem's first row.
inline int drawn_value_is_constant(__global const real *rows, __global const real *row_weights,
                                   __global const int *group_entry, int row_count, int j, uint replicate,
                                   uint problem, uint2 key) {
    case_draws draws = begin_case_draws(group_entry, row_count, replicate, problem, key);
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
inline int has_constant_regressor(const real *cross, const real *sums, real weight_sum, int q,
                                  __global const real *rows, __global const real *row_weights,
                                  __global const int *group_entry, int row_count, uint replicate, uint problem,
                                  uint2 key) {
    for (int j = 0; j < q; ++j) {
        real uncentred = cross[j * WIDTH + j];
        real centred = uncentred - sums[j] * (sums[j] / weight_sum);
        if (centred + centred > uncentred) continue;
        if (drawn_value_is_constant(rows, row_weights, group_entry, row_count, j, replicate, problem, key)) return 1;
    }
    return 0;
}
