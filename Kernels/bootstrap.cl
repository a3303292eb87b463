// The bootstrap kernels of ordinary resamples: bootstrap_replicates (one replicate per work-item,
// every scheme: draw, accumulate shifted cross-products, solve) and bootstrap_replicates4 (case
// resampling of one-regressor problems, four replicates per work-item, REPLICATES_PER_ITEM 4), with
// the replicate prologue and solve that bootstrap_groups.cl shares. Mirrors
// Sources/TrendFit/Numerics/ReplicateSolver.swift and RowPass.swift operation for operation.

// Resampling schemes (KernelABI: BootstrapScheme) and wild multipliers (KernelABI: WildWeights).
#ifndef SCHEME_CASES
#define SCHEME_CASES 0 // case (pairs) resampling
#endif
#ifndef SCHEME_RESIDUALS
#define SCHEME_RESIDUALS 1 // residual resampling
#endif
#ifndef SCHEME_WILD
#define SCHEME_WILD 2 // wild bootstrap
#endif
#ifndef WILD_RADEMACHER
#define WILD_RADEMACHER 0 // +-1, one random bit per row
#endif
#ifndef WILD_MAMMEN
#define WILD_MAMMEN 1 // Mammen's two-point distribution, one word per row
#endif
#ifndef WILD_WEBB
#define WILD_WEBB 2 // Webb's six-point distribution, one word per row
#endif

// The specialization (KernelSpecialization).
#ifndef SCHEME
#define SCHEME SCHEME_CASES // the plan's resampling scheme
#endif
#ifndef HAS_JITTER
#define HAS_JITTER 0 // 1: the plan adds uniform response jitter
#endif
#ifndef STUDENTIZED
#define STUDENTIZED 0 // 1: the kernels also write each replicate's coefficient standard errors
#endif
#ifndef FIXED_Q
#define FIXED_Q -1 // the regressor count when every problem has the same, else -1
#endif
#ifndef FIXED_ROWS
#define FIXED_ROWS -1 // the row count when every problem has the same, else -1
#endif
#ifndef REPLICATES_PER_ITEM
#define REPLICATES_PER_ITEM 1 // replicates per work-item: 4 compiles bootstrap_replicates4
#endif
#ifndef WILD_WEIGHTS
#define WILD_WEIGHTS WILD_RADEMACHER // the plan's wild multipliers
#endif
#ifndef MAMMEN_THRESHOLD
#define MAMMEN_THRESHOLD 3107867531u // Mammen's word threshold (WildWeights.mammenThreshold)
#endif
// The multipliers' values in increasing order (WildWeights.values); the defaults are Webb's six.
#ifndef WILD_VALUE_0
#define WILD_VALUE_0 -1.224744871391589 // the first multiplier
#endif
#ifndef WILD_VALUE_1
#define WILD_VALUE_1 -1.0 // the second multiplier
#endif
#ifndef WILD_VALUE_2
#define WILD_VALUE_2 -0.7071067811865476 // the third multiplier
#endif
#ifndef WILD_VALUE_3
#define WILD_VALUE_3 0.7071067811865476 // the fourth multiplier
#endif
#ifndef WILD_VALUE_4
#define WILD_VALUE_4 1.0 // the fifth multiplier
#endif
#ifndef WILD_VALUE_5
#define WILD_VALUE_5 1.224744871391589 // the sixth multiplier
#endif

// The Mammen or Webb multiplier a row's word selects (WildWeights.valueIndex).
inline real wild_weight(uint word) {
#if WILD_WEIGHTS == WILD_MAMMEN
    return word < MAMMEN_THRESHOLD ? (real)(WILD_VALUE_0) : (real)(WILD_VALUE_1);
#elif KERNEL_FORM == KERNEL_FORM_GPU
    // Selected rather than indexed: a private table indexed at run time goes to scratch memory.
    uint index = draw_index(word, 6u);
    return index < 3u ? (index == 0u ? (real)(WILD_VALUE_0) : index == 1u ? (real)(WILD_VALUE_1) : (real)(WILD_VALUE_2))
                      : (index == 3u ? (real)(WILD_VALUE_3) : index == 4u ? (real)(WILD_VALUE_4) : (real)(WILD_VALUE_5));
#else
    const real values[6] = {(real)(WILD_VALUE_0), (real)(WILD_VALUE_1), (real)(WILD_VALUE_2),
                            (real)(WILD_VALUE_3), (real)(WILD_VALUE_4), (real)(WILD_VALUE_5)};
    return values[draw_index(word, 6u)];
#endif
}

// Replicate statuses (KernelABI: ReplicateStatus).
#ifndef REPLICATE_OK
#define REPLICATE_OK 0 // the replicate's coefficients are valid
#endif
#ifndef REPLICATE_RANK_DEFICIENT
#define REPLICATE_RANK_DEFICIENT 1 // the resampled design is rank-deficient
#endif
#ifndef REPLICATE_TOO_FEW_DISTINCT
#define REPLICATE_TOO_FEW_DISTINCT 2 // fewer distinct rows than the plan's threshold
#endif

// The standard errors of a solved replicate (intercept first), from the Cholesky factor U left in
// `cross`, the equilibration scales and the means; `work` is scratch. Writes standard error j to
// errors[j * output_stride]. Mirrors Sources/TrendFit/Numerics/ReplicateSolver+StandardErrors.swift
// operation for operation.
FORM_INLINE void replicate_standard_errors(const real *cross, const real *scales, const real *means, real *work,
                                      real weight_sum, real residual_sum, int positive_rows, int q,
                                      int has_intercept, __global const real *shift, __global real *errors,
                                      int output_stride) {
    int degrees_of_freedom = positive_rows - q - has_intercept;
    real variance = degrees_of_freedom > 0 ? residual_sum / (real)degrees_of_freedom : (real)0;
    int offset = has_intercept;
    FOR_RANGE(j, 0, q, MAX_Q) {
        // U'z = e_j by forward substitution; [A^-1]_jj = |z|^2.
        real sum = 0;
        FOR_RANGE(i, j, q, MAX_Q) {
            real value = i == j ? (real)1 : (real)0;
            FOR_RANGE(k, j, i, MAX_Q) value = value - cross[k * WIDTH + i] * work[k];
            work[i] = value / cross[i * WIDTH + i];
            sum = sum + work[i] * work[i];
        }
        errors[(offset + j) * output_stride] = sqrt(variance * sum) * scales[j];
    }
    if (has_intercept) {
        // U'z = D mean(x); the intercept's diagonal entry is 1/W + |z|^2.
        real sum = (real)1 / weight_sum;
        FOR_RANGE(i, 0, q, MAX_Q) {
            real value = (shift[i] + means[i]) * scales[i];
            FOR_RANGE(k, 0, i, MAX_Q) value = value - cross[k * WIDTH + i] * work[k];
            work[i] = value / cross[i * WIDTH + i];
            sum = sum + work[i] * work[i];
        }
        errors[0] = sqrt(variance * sum);
    }
}

// Solves the centred normal equations of the accumulated sums; returns a replicate status. A pivot
// must exceed PIVOT_TOL times the diagonal entry the uncentred cross-products get from the same
// equilibration (the rounding error of centring is relative to them). Coefficient j goes to
// output[j * output_stride]. With STUDENTIZED, also writes the standard errors of a replicate with
// `positive_rows` rows of positive weight to `errors` (same stride).
FORM_INLINE uchar solve_replicate(real *cross, real *sums, real weight_sum, int q, int has_intercept,
                             __global const real *shift, __global real *output, __global real *residual_sum,
                             __global real *errors, int output_stride, int positive_rows) {
    int width = q + 1;
    real means[WIDTH];
    real scales[WIDTH];
    real tolerances[WIDTH];
    real solution[WIDTH];
    if (weight_sum <= (real)0) return REPLICATE_RANK_DEFICIENT;
    FOR_RANGE(j, 0, width, WIDTH) means[j] = has_intercept ? sums[j] / weight_sum : (real)0;
    // The uncentred diagonal, kept in the tolerances until it is scaled below.
    FOR_RANGE(j, 0, q, MAX_Q) tolerances[j] = cross[j * WIDTH + j];
    real residual_tolerance = (real)PIVOT_TOL * cross[q * WIDTH + q];
#if KERNEL_FORM == KERNEL_FORM_GPU && WIDTH * WIDTH <= 16
    // AMD's compiler keeps a private array of at most 16 entries as one vector, which a branch here
    // would merge by copying every entry: the centring is selected entry by entry instead (x - 0 is x,
    // so the entries without an intercept are bitwise unchanged). Larger arrays are separate
    // registers, which the branch below merges in place.
    FOR_RANGE(j, 0, width, WIDTH)
        FOR_RANGE(k, j, width, WIDTH) cross[j * WIDTH + k] = cross[j * WIDTH + k] - (has_intercept ? sums[j] * means[k] : (real)0);
#else
    if (has_intercept) {
        FOR_RANGE(j, 0, width, WIDTH)
            FOR_RANGE(k, j, width, WIDTH) cross[j * WIDTH + k] = cross[j * WIDTH + k] - sums[j] * means[k];
    }
#endif
    // Equilibrate the regressor block to unit diagonal.
    FOR_RANGE(j, 0, q, MAX_Q) {
        real diagonal = cross[j * WIDTH + j];
        if (!(diagonal > (real)0)) return REPLICATE_RANK_DEFICIENT;
        real scale = (real)1 / sqrt(diagonal);
        scales[j] = scale;
        tolerances[j] = (real)PIVOT_TOL * ((tolerances[j] * scale) * scale);
    }
    FOR_RANGE(j, 0, q, MAX_Q) {
        FOR_RANGE(k, j, width, WIDTH) {
            real scale_k = k < q ? scales[k] : (real)1;
            cross[j * WIDTH + k] = (cross[j * WIDTH + k] * scales[j]) * scale_k;
        }
    }
    // Cholesky A = U'U in place, the right-hand side (column q) eliminated alongside.
    FOR_RANGE(j, 0, q, MAX_Q) {
        real pivot = cross[j * WIDTH + j];
        FOR_RANGE(i, 0, j, MAX_Q) pivot = pivot - cross[i * WIDTH + j] * cross[i * WIDTH + j];
        if (!(pivot > tolerances[j])) return REPLICATE_RANK_DEFICIENT;
        real root = sqrt(pivot);
        cross[j * WIDTH + j] = root;
        FOR_RANGE(k, j + 1, width, WIDTH) {
            real value = cross[j * WIDTH + k];
            FOR_RANGE(i, 0, j, MAX_Q) value = value - cross[i * WIDTH + j] * cross[i * WIDTH + k];
            cross[j * WIDTH + k] = value / root;
        }
    }
    // RSS = C_yy - |z|^2 (z is column q after the elimination above); 0 unless it exceeds PIVOT_TOL
    // times the uncentred M_yy (below that it is the rounding residue of an exact fit).
    real rss = cross[q * WIDTH + q];
    FOR_RANGE(j, 0, q, MAX_Q) rss = rss - cross[j * WIDTH + q] * cross[j * WIDTH + q];
    *residual_sum = rss > residual_tolerance ? rss : (real)0;
    FOR_RANGE_DOWN(j, 0, q, MAX_Q) {
        real value = cross[j * WIDTH + q];
        FOR_RANGE(k, j + 1, q, MAX_Q) value = value - cross[j * WIDTH + k] * solution[k];
        solution[j] = value / cross[j * WIDTH + j];
    }
    int offset = has_intercept;
    FOR_RANGE(j, 0, q, MAX_Q) output[(offset + j) * output_stride] = solution[j] * scales[j];
    if (has_intercept) {
        real intercept = shift[q] + means[q];
        FOR_RANGE(j, 0, q, MAX_Q) intercept = intercept - output[(offset + j) * output_stride] * (shift[j] + means[j]);
        output[0] = intercept;
    }
#if STUDENTIZED
    replicate_standard_errors(cross, scales, means, solution, weight_sum, *residual_sum, positive_rows, q,
                              has_intercept, shift, errors, output_stride);
#endif
    return REPLICATE_OK;
}

// The arguments of every bootstrap kernel, in the order OpenCLBackend sets them. `first_index` and
// `count`: the launch's first replicate index (problem-major) and its replicate count; the GPU form's
// bootstrap_staged_replicates reads `first_index` as its first padded index (see there).
#define BOOTSTRAP_KERNEL_PARAMETERS                                                                               \
    __global const real *restrict design, __global const real *restrict weights,                                  \
    __global const int *restrict descriptors, __global const real *restrict shifts,                               \
    __global const real *restrict fitted, __global const real *restrict residuals,                                \
    __global const real *restrict residual_scales, __global const int *restrict pool_sizes,                       \
    uint2 key, real jitter, int minimum_distinct_rows, uint resamples, uint first_problem,                        \
    uint first_replicate, ulong first_index, uint count, int coefficient_stride,                                  \
    __global real *restrict coefficients, __global uchar *restrict statuses, __global real *restrict residual_sums, \
    __global real *restrict standard_errors

// What a one-replicate work-item knows before its draws: which replicate of which problem it computes
// (and their random streams), the problem's rows and shifts; once its outputs are open
// (open_replicate_outputs), where its results go: coefficient (and standard error) j at
// output[j * output_stride] (errors[...]), the status and residual sum.
typedef struct {
    uint problem;
    uint stream_problem;
    uint stream_replicate;
    int row_start;
    int row_count;
    int has_intercept;
    int q;
    __global const real *shift;
    __global const real *rows;
    __global real *output;
    __global real *errors;
    int output_stride;
    __global uchar *status;
    __global real *residual_sum;
} replicate_item;

// Where a launch's results go: its output buffers, `coefficient_stride` values per replicate, laid out
// replicate after replicate (`coefficient_major` 0, the CPU form) or coefficient after coefficient,
// `count` slots apart (1, the GPU form: neighbouring work-items write neighbouring addresses).
typedef struct {
    __global real *coefficients;
    __global uchar *statuses;
    __global real *residual_sums;
    __global real *standard_errors;
    int coefficient_stride;
    int coefficient_major;
    uint count;
} replicate_outputs;

// The launch outputs of a bootstrap kernel (its parameters by name) in the layout `coefficient_major`.
#define REPLICATE_OUTPUTS(coefficient_major)                                                                  \
    (replicate_outputs) { coefficients, statuses, residual_sums, standard_errors, coefficient_stride,         \
                          coefficient_major, count }

// The item of replicate `replicate` of problem `problem` (of the launch), its outputs not yet open.
ALWAYS_INLINE replicate_item describe_replicate(uint problem, uint replicate, uint first_problem, uint first_replicate,
                                                __global const int *descriptors, __global const real *shifts,
                                                __global const real *design) {
    replicate_item item;
    item.problem = problem;
    __global const int *descriptor = descriptors + problem * DESCRIPTOR_STRIDE;
    item.stream_problem = descriptor[D_STREAM] < 0 ? first_problem + problem : (uint)descriptor[D_STREAM];
    item.stream_replicate = first_replicate + replicate;
    item.row_start = descriptor[D_ROW_START];
    item.row_count = FIXED_ROWS >= 0 ? FIXED_ROWS : descriptor[D_ROW_COUNT];
    item.has_intercept = descriptor[D_INTERCEPT];
    item.q = FIXED_Q >= 0 ? FIXED_Q : descriptor[D_REGRESSOR_COUNT];
    item.shift = shifts + problem * SHIFT_STRIDE;
    item.rows = design + (ulong)item.row_start * DESIGN_STRIDE;
    return item;
}

// Opens the item's outputs at slot `slot` of the launch's `outputs` and zeroes its coefficients,
// residual sum and (STUDENTIZED) standard errors. The GPU form opens them only after the rows' pass,
// so that their addresses are not live across it.
ALWAYS_INLINE void open_replicate_outputs(replicate_item *item, uint slot, replicate_outputs outputs) {
    int coefficient_stride = outputs.coefficient_stride;
    item->output_stride = outputs.coefficient_major ? (int)outputs.count : 1;
    ulong first_slot = outputs.coefficient_major ? slot : (ulong)slot * coefficient_stride;
    item->output = outputs.coefficients + first_slot;
    item->status = outputs.statuses + slot;
    item->residual_sum = outputs.residual_sums + slot;
    for (int j = 0; j < coefficient_stride; ++j) item->output[j * item->output_stride] = 0;
    *item->residual_sum = 0;
#if STUDENTIZED
    item->errors = outputs.standard_errors + first_slot;
    for (int j = 0; j < coefficient_stride; ++j) item->errors[j * item->output_stride] = 0;
#else
    item->errors = outputs.standard_errors;
#endif
}

// The item of work-item g of a launch of the CPU form, its outputs open at slot g (its kernel's
// parameters by name).
ALWAYS_INLINE replicate_item begin_replicate(uint g, ulong first_index, uint resamples, uint first_problem,
                                             uint first_replicate, __global const int *descriptors,
                                             __global const real *shifts, __global const real *design,
                                             replicate_outputs outputs) {
    replicate_item item = describe_replicate((uint)((first_index + g) / resamples), (uint)((first_index + g) % resamples),
                                             first_problem, first_replicate, descriptors, shifts, design);
    open_replicate_outputs(&item, g, outputs);
    return item;
}
#define BEGIN_REPLICATE(g)                                                                                       \
    begin_replicate(g, first_index, resamples, first_problem, first_replicate, descriptors, shifts, design,       \
                    REPLICATE_OUTPUTS(0))

// Finishes a replicate whose drawn rows (at least the plan's distinct ones) are accumulated in
// `cross`, `sums` and `weight_sum`: the status, and the coefficients of a full-rank resample.
// A case resample (SCHEME_CASES) with an intercept and a regressor constant over its drawn rows is
// rank-deficient (has_constant_regressor, its draws made again from `group_entry` and `row_count` as
// case_draws makes them). The item's outputs are open.
FORM_INLINE void finish_replicate(replicate_item item, real *cross, real *sums, real weight_sum, int positive_rows,
                                  ROWS_SPACE const real *rows, ROWS_SPACE const real *row_weights,
                                  __global const int *group_entry, int row_count, uint2 key) {
#if SCHEME == SCHEME_CASES
    // With an intercept, a regressor constant over the drawn rows is collinear with it.
    if (item.has_intercept && has_constant_regressor(cross, sums, weight_sum, item.q, rows, row_weights, group_entry,
                                                     row_count, item.stream_replicate, item.stream_problem, key)) {
        *item.status = REPLICATE_RANK_DEFICIENT;
        return;
    }
#endif
    *item.status = solve_replicate(cross, sums, weight_sum, item.q, item.has_intercept, item.shift, item.output,
                                   item.residual_sum, item.errors, item.output_stride, positive_rows);
}

#if KERNEL_FORM == KERNEL_FORM_GPU
// The GPU form's draws, cross-products and solve of one ungrouped replicate, its rows and weights at
// `rows` and `row_weights` (the problem's first row), its results at slot `slot` of `outputs`:
// bootstrap_replicates' operations in the same order, every private array indexed by constants.
// A case resample's distinct rows are counted ahead of the rows' pass (draws_distinct_rows), whose
// registers then hold only the sums. Mirrors ReplicateSolver and RowPass operation for operation.
ALWAYS_INLINE void run_replicate(replicate_item item, uint slot, replicate_outputs outputs, ROWS_SPACE const real *rows,
                                 ROWS_SPACE const real *row_weights, __global const real *fitted,
                                 __global const real *residuals, __global const real *residual_scales,
                                 __global const int *pool_sizes, uint2 key, real jitter, int minimum_distinct_rows) {
    uint stream_problem = item.stream_problem;
    uint stream_replicate = item.stream_replicate;
    int row_start = item.row_start;
    int row_count = item.row_count;
    int has_intercept = item.has_intercept;
    int q = item.q;
    int width = q + 1;
    __global const real *shift = item.shift;
#if STUDENTIZED
    int positive_rows = WEIGHTED ? 0 : row_count;
#else
    int positive_rows = 0;
#endif
    real response_shift = shift[q];

    real weight_sum = 0;
    real sums[WIDTH];
    real cross[WIDTH * WIDTH];
    real difference[WIDTH];
    FOR_RANGE(j, 0, width, WIDTH) sums[j] = 0;
    FOR_RANGE(j, 0, WIDTH * WIDTH, WIDTH * WIDTH) cross[j] = 0;
#if SCHEME == SCHEME_CASES
    // Mirrors BootstrapPlan.distinctRowThreshold (Sources/TrendFit/Bootstrap/BootstrapPlan.swift).
    int threshold = minimum_distinct_rows == 0 ? q + has_intercept : minimum_distinct_rows;
    if (!draws_distinct_rows(0, row_count, threshold, stream_replicate, stream_problem, key)) {
        open_replicate_outputs(&item, slot, outputs);
        *item.status = REPLICATE_TOO_FEW_DISTINCT;
        return;
    }
#endif
#if SCHEME == SCHEME_WILD && WILD_WEIGHTS == WILD_RADEMACHER
    stream_cursor index_words = begin_stream(stream_replicate, stream_problem, PURPOSE_SIGN, key);
    uint sign_word = 0;
#elif SCHEME == SCHEME_WILD
    stream_cursor index_words = begin_stream(stream_replicate, stream_problem, PURPOSE_WILD_WEIGHT, key);
#else
    stream_cursor index_words = begin_stream(stream_replicate, stream_problem, PURPOSE_ROW_INDEX, key);
#endif
#if HAS_JITTER
    stream_cursor jitter_words = begin_stream(stream_replicate, stream_problem, PURPOSE_JITTER, key);
#endif
#if SCHEME == SCHEME_RESIDUALS
    uint counts = (uint)pool_sizes[item.problem];
#else
    uint counts = (uint)row_count;
#endif

#if KERNEL_FORM == KERNEL_FORM_GPU
    // Rolled: unrolling rows (FIXED_ROWS) would cost registers, hence occupancy.
    #pragma unroll 1
#endif
    for (int t = 0; t < row_count; ++t) {
#if SCHEME == SCHEME_CASES
        int position = (int)draw_index(stream_word(&index_words, (uint)t), counts);
        ROWS_SPACE const real *row = rows + position * DESIGN_STRIDE;
        real response = row[q];
#elif SCHEME == SCHEME_RESIDUALS
        int position = t;
        ROWS_SPACE const real *row = rows + position * DESIGN_STRIDE;
        int drawn = (int)draw_index(stream_word(&index_words, (uint)t), counts);
#if WEIGHTED
        real response = fitted[row_start + t] + residuals[row_start + drawn] * residual_scales[row_start + t];
#else
        real response = fitted[row_start + t] + residuals[row_start + drawn];
#endif
#else
        int position = t;
        ROWS_SPACE const real *row = rows + position * DESIGN_STRIDE;
        real residual = residuals[row_start + t];
#if WILD_WEIGHTS == WILD_RADEMACHER
        // One word of signs per 32 rows.
        if ((t & 31) == 0) sign_word = stream_word(&index_words, (uint)(t >> 5));
        // ±residual as a product with ±1 (exact, so bitwise the negation) rather than a branch on a
        // random bit, which CPU devices mispredict half the time.
        real sign = (real)((int)(((sign_word >> (uint)(t & 31)) & 1u) << 1) - 1);
        real response = fitted[row_start + t] + residual * sign;
#else
        real response = fitted[row_start + t] + residual * wild_weight(stream_word(&index_words, (uint)t));
#endif
#endif
#if HAS_JITTER
        response = response + jitter * symmetric_unit(stream_word(&jitter_words, (uint)t));
#endif
        // Unrolled so that the private arrays live in registers when the width is a constant
        // (FIXED_Q, or the GPU form); PoCL otherwise keeps them in memory.
        UNROLLED_RANGE(j, 0, q, MAX_Q) difference[j] = row[j];
        difference[q] = response - response_shift;
#if WEIGHTED
        real w = row_weights[position];
        weight_sum = weight_sum + w;
#if STUDENTIZED
        positive_rows += w > (real)0;
#endif
        UNROLLED_RANGE(j, 0, width, WIDTH) {
            real weighted = w * difference[j];
#else
        UNROLLED_RANGE(j, 0, width, WIDTH) {
            real weighted = difference[j];
#endif
            sums[j] = sums[j] + weighted;
            UNROLLED_RANGE(k, j, width, WIDTH) cross[j * WIDTH + k] = cross[j * WIDTH + k] + weighted * difference[k];
        }
    }
#if !WEIGHTED
    // The sum of the rows' unit weights, 1 added per row, which saturates where adding 1 no longer
    // changes it (float: 2^24).
    weight_sum = (real)min(row_count, USE_DOUBLE ? INT_MAX : (1 << 24));
#endif
    open_replicate_outputs(&item, slot, outputs);
    finish_replicate(item, cross, sums, weight_sum, positive_rows, rows, row_weights, 0, row_count, key);
}

#endif

#if KERNEL_FORM == KERNEL_FORM_CPU
// The CPU form: one replicate per work-item, work-item g computing replicate first_index + g of the
// launch. run_replicate's operations in the shape PoCL runs fastest (16 stream words at a time in
// private arrays indexed at run time, loops bounded by the problem), kept apart from it for speed.
__kernel void bootstrap_replicates(BOOTSTRAP_KERNEL_PARAMETERS) {
    uint g = get_global_id(0);
    if (g >= count) return;
    replicate_item item = BEGIN_REPLICATE(g);
    uint problem = item.problem;
    uint stream_problem = item.stream_problem;
    uint stream_replicate = item.stream_replicate;
    int row_start = item.row_start;
    int row_count = FIXED_ROWS >= 0 ? FIXED_ROWS : descriptors[problem * DESCRIPTOR_STRIDE + D_ROW_COUNT];
    int has_intercept = item.has_intercept;
    int q = item.q;
    int width = q + 1;
    __global const real *shift = item.shift;
    __global const real *rows = item.rows;
    __global real *output = item.output;
    __global real *errors = item.errors;
#if STUDENTIZED
    int positive_rows = WEIGHTED ? 0 : row_count;
#else
    int positive_rows = 0;
#endif
    real response_shift = shift[q];

    real weight_sum = 0;
    real sums[WIDTH];
    real cross[WIDTH * WIDTH];
    real difference[WIDTH];
    for (int j = 0; j < width; ++j) sums[j] = 0;
    for (int j = 0; j < WIDTH * WIDTH; ++j) cross[j] = 0;
#if SCHEME == SCHEME_CASES
    // Mirrors BootstrapPlan.distinctRowThreshold (Sources/TrendFit/Bootstrap/BootstrapPlan.swift).
    int threshold = minimum_distinct_rows == 0 ? q + has_intercept : minimum_distinct_rows;
    int seen[MAX_DISTINCT];
    int distinct = 0;
#endif
    uint index_words[16];
#if HAS_JITTER
    uint jitter_words[16];
#endif
    // How many rows (cases) or pooled residuals (residuals) an index draw chooses from.
#if SCHEME == SCHEME_RESIDUALS
    uint counts = (uint)pool_sizes[problem];
#elif SCHEME == SCHEME_CASES
    uint counts = (uint)row_count;
#endif

    // The rows in order: the sums over them must not be split (SEQUENTIAL_LOOP).
    SEQUENTIAL_LOOP
    for (int t = 0; t < row_count; ++t) {
#if SCHEME == SCHEME_WILD && WILD_WEIGHTS == WILD_RADEMACHER
        if ((t & 511) == 0) stream_words16((uint)(t >> 9), stream_replicate, stream_problem, PURPOSE_SIGN, key, index_words);
#elif SCHEME == SCHEME_WILD
        if ((t & 15) == 0) stream_words16((uint)(t >> 4), stream_replicate, stream_problem, PURPOSE_WILD_WEIGHT, key, index_words);
#else
        if ((t & 15) == 0) stream_words16((uint)(t >> 4), stream_replicate, stream_problem, PURPOSE_ROW_INDEX, key, index_words);
#endif
#if HAS_JITTER
        if ((t & 15) == 0) stream_words16((uint)(t >> 4), stream_replicate, stream_problem, PURPOSE_JITTER, key, jitter_words);
#endif
#if SCHEME == SCHEME_CASES
        int position = (int)draw_index(index_words[t & 15], counts);
        __global const real *row = rows + position * DESIGN_STRIDE;
        real response = row[q];
        if (distinct < threshold) {
            int found = 0;
            for (int s = 0; s < distinct; ++s) found |= seen[s] == position;
            if (!found) seen[distinct++] = position;
        }
#elif SCHEME == SCHEME_RESIDUALS
        int position = t;
        __global const real *row = rows + position * DESIGN_STRIDE;
        int drawn = (int)draw_index(index_words[t & 15], counts);
#if WEIGHTED
        real response = fitted[row_start + t] + residuals[row_start + drawn] * residual_scales[row_start + t];
#else
        real response = fitted[row_start + t] + residuals[row_start + drawn];
#endif
#else
        int position = t;
        __global const real *row = rows + position * DESIGN_STRIDE;
        real residual = residuals[row_start + t];
#if WILD_WEIGHTS == WILD_RADEMACHER
        uint word = index_words[(t >> 5) & 15];
        // ±residual as a product with ±1 (exact, so bitwise the negation) rather than a branch on a
        // random bit, which CPU devices mispredict half the time.
        real sign = (real)((int)(((word >> (uint)(t & 31)) & 1u) << 1) - 1);
        real response = fitted[row_start + t] + residual * sign;
#else
        real response = fitted[row_start + t] + residual * wild_weight(index_words[t & 15]);
#endif
#endif
#if HAS_JITTER
        response = response + jitter * symmetric_unit(jitter_words[t & 15]);
#endif
        // Unrolled so that the private arrays live in registers when the width is a constant
        // (FIXED_Q); PoCL otherwise keeps them in memory.
        UNROLL_COEFFICIENTS
        for (int j = 0; j < q; ++j) difference[j] = row[j];
        difference[q] = response - response_shift;
#if WEIGHTED
        real w = weights[row_start + position];
        weight_sum = weight_sum + w;
#if STUDENTIZED
        positive_rows += w > (real)0;
#endif
        UNROLL_COEFFICIENTS
        for (int j = 0; j < width; ++j) {
            real weighted = w * difference[j];
#else
        weight_sum = weight_sum + (real)1;
        UNROLL_COEFFICIENTS
        for (int j = 0; j < width; ++j) {
            real weighted = difference[j];
#endif
            sums[j] = sums[j] + weighted;
            UNROLL_COEFFICIENTS
            for (int k = j; k < width; ++k) cross[j * WIDTH + k] = cross[j * WIDTH + k] + weighted * difference[k];
        }
    }
#if SCHEME == SCHEME_CASES
    if (distinct < threshold) {
        statuses[g] = REPLICATE_TOO_FEW_DISTINCT;
        return;
    }
    // With an intercept, a regressor constant over the drawn rows is collinear with it.
    if (has_intercept && has_constant_regressor(cross, sums, weight_sum, q, rows, weights + row_start, 0, row_count,
                                                stream_replicate, stream_problem, key)) {
        statuses[g] = REPLICATE_RANK_DEFICIENT;
        return;
    }
#endif
    statuses[g] = solve_replicate(cross, sums, weight_sum, q, has_intercept, shift, output, residual_sums + g,
                                  errors, 1, positive_rows);
}
#endif

#if KERNEL_FORM == KERNEL_FORM_GPU
#ifndef GROUP_SIZE
#define GROUP_SIZE 128 // work-items per work-group (KernelForm.gpuGroupSize)
#endif
// The GPU form's launches: one replicate per work-item, work-groups mapped to problems. Each problem's
// replicates are padded to a whole number of work-groups (`padded` work-items), so a work-group's
// work-items share one problem and stage its centred rows (and weights) in local memory when they fit
// (STAGED_ROWS > 0, the host's choice for the batch). Work-item `first_index + get_global_id(0)`
// (padded index) computes replicate `index % padded` of problem `index / padded` when that replicate
// exists; the host starts launches on work-group boundaries and launches whole work-groups. Results
// go coefficient after coefficient (REPLICATE_OUTPUTS(1)), `count` slots apart.
typedef struct {
    uint problem;   // of the launch, uniform over the work-group
    uint replicate; // of the problem; resamples or more: the work-item only pads the work-group
    uint slot;      // of the launch's outputs
} problem_group_item;

// Where work-item get_local_id(0) of work-group get_group_id(0) stands.
ALWAYS_INLINE problem_group_item locate_problem_group_item(ulong first_index, uint resamples) {
    uint padded = (resamples + GROUP_SIZE - 1) / GROUP_SIZE * GROUP_SIZE;
    // From the work-group's first index: the problem is uniform over the work-group (scalar registers).
    ulong group_first = first_index + (ulong)get_group_id(0) * GROUP_SIZE;
    problem_group_item at;
    at.problem = (uint)(group_first / padded);
    at.replicate = (uint)(group_first % padded) + (uint)get_local_id(0);
    ulong first_slot = (first_index / padded) * resamples + first_index % padded;
    at.slot = (uint)((ulong)at.problem * resamples + at.replicate - first_slot);
    return at;
}

#if STAGED_ROWS > 0
// Copies the problem's centred rows (and weights) into the work-group's local memory; every work-item
// of the work-group calls it.
ALWAYS_INLINE void stage_problem_rows(__local real *staged_design, __local real *staged_weights, uint problem,
                                      __global const int *descriptors, __global const real *design,
                                      __global const real *weights) {
    __global const int *descriptor = descriptors + problem * DESCRIPTOR_STRIDE;
    int row_start = descriptor[D_ROW_START];
    int row_count = FIXED_ROWS >= 0 ? FIXED_ROWS : descriptor[D_ROW_COUNT];
    __global const real *problem_rows = design + (ulong)row_start * DESIGN_STRIDE;
    for (int i = (int)get_local_id(0); i < row_count * DESIGN_STRIDE; i += GROUP_SIZE) staged_design[i] = problem_rows[i];
#if WEIGHTED
    for (int i = (int)get_local_id(0); i < row_count; i += GROUP_SIZE) staged_weights[i] = weights[row_start + i];
#endif
    barrier(CLK_LOCAL_MEM_FENCE);
}
// The work-group's local copy of its problem's rows and weights (a kernel's first declarations).
#define STAGED_ROWS_STORAGE                                          \
    __local real staged_design[STAGED_ROWS * DESIGN_STRIDE];         \
    __local real staged_weights[WEIGHTED ? STAGED_ROWS : 1];
#define PROBLEM_ROWS(item) staged_design
#define PROBLEM_WEIGHTS(item) staged_weights
#else
#define STAGED_ROWS_STORAGE
#define stage_problem_rows(staged_design, staged_weights, problem, descriptors, design, weights)
#define PROBLEM_ROWS(item) (item).rows
#define PROBLEM_WEIGHTS(item) (weights + (item).row_start)
#endif
#endif

#if KERNEL_FORM == KERNEL_FORM_GPU && GROUPING == GROUPING_NONE
// The GPU form of ungrouped resampling (see locate_problem_group_item).
__kernel __attribute__((reqd_work_group_size(GROUP_SIZE, 1, 1)))
void bootstrap_staged_replicates(BOOTSTRAP_KERNEL_PARAMETERS) {
    STAGED_ROWS_STORAGE
    problem_group_item at = locate_problem_group_item(first_index, resamples);
    stage_problem_rows(staged_design, staged_weights, at.problem, descriptors, design, weights);
    if (at.replicate >= resamples) return;
    replicate_item item = describe_replicate(at.problem, at.replicate, first_problem, first_replicate, descriptors, shifts,
                                             design);
    run_replicate(item, at.slot, REPLICATE_OUTPUTS(1), PROBLEM_ROWS(item), PROBLEM_WEIGHTS(item), fitted, residuals,
                  residual_scales, pool_sizes, key, jitter, minimum_distinct_rows);
}
#endif
#if REPLICATES_PER_ITEM == 4
// Case resampling with one regressor and a fixed row count: four consecutive replicates per
// work-item, one per vector lane (like Sources/CVectorized/case_pairs.c on the CPU). Each lane
// sees exactly bootstrap_replicates' operations for q = 1, in the same order: the vectors only
// carry four independent replicates side by side. Work-item g computes replicates
// 4 g ... 4 g + 3 of the launch (those below `count`), so results do not depend on launch or
// work-group size. The host launches ceil(count / 4) work-items.
#if USE_DOUBLE
typedef double4 real4;
typedef double2 real2;
typedef long4 mask4;
#define convert_real4 convert_double4
#define convert_mask4 convert_long4
#else
typedef float4 real4;
typedef float2 real2;
typedef int4 mask4;
#define convert_real4 convert_float4
#define convert_mask4 convert_int4
#endif

// solve_replicate for q = 1 in four lanes at once, lane by lane the same operations (x * 1
// included, the pivot tolerance relative to the uncentred sxx). Returns the mask of
// rank-deficient lanes, whose outputs are meaningless.
ALWAYS_INLINE mask4 solve_pairs4(real4 weight_sum, real4 sx, real4 sy, real4 sxx, real4 sxy, real4 syy,
                          mask4 has_intercept, real4 shift_x, real4 shift_y,
                          real4 *slope, real4 *intercept, real4 *residual_sum,
                          real4 *mean_x_out, real4 *scale_out, real4 *root_out) {
    real4 zero = (real4)(0);
    real4 mean_x = select(zero, sx / weight_sum, has_intercept);
    real4 mean_y = select(zero, sy / weight_sum, has_intercept);
    real4 cxx = select(sxx, sxx - sx * mean_x, has_intercept);
    real4 cxy = select(sxy, sxy - sx * mean_y, has_intercept);
    real4 cyy = select(syy, syy - sy * mean_y, has_intercept);
    real4 scale = (real4)(1) / sqrt(cxx);
    real4 axx = (cxx * scale) * scale;
    real4 axy = (cxy * scale) * (real4)(1);
    real4 tolerance = (real4)(PIVOT_TOL) * ((sxx * scale) * scale);
    real4 root = sqrt(axx);
    real4 uxy = axy / root;
    real4 rss = cyy - uxy * uxy;
    *residual_sum = select(zero, rss, rss > (real4)(PIVOT_TOL) * syy);
    *slope = (uxy / root) * scale;
    *intercept = (shift_y + mean_y) - *slope * (shift_x + mean_x);
    *mean_x_out = mean_x;
    *scale_out = scale;
    *root_out = root;
    return (weight_sum <= zero) | !(cxx > zero) | !(axx > tolerance);
}

// Whether each lane's draws among rows 1-7 (of the first two blocks' words w) include a row
// other than its row 0; rows at or past row_count do not count.
ALWAYS_INLINE int4 first_draws_differ(uint8 w0, uint8 w1, uint8 w2, uint8 w3, uint counts, int row_count) {
    uint4 first = draw_index4(w0.lo, counts);
    int4 differs = (int4)(0);
    if (row_count > 1) differs |= draw_index4(w1.lo, counts) != first;
    if (row_count > 2) differs |= draw_index4(w2.lo, counts) != first;
    if (row_count > 3) differs |= draw_index4(w3.lo, counts) != first;
    if (row_count > 4) differs |= draw_index4(w0.hi, counts) != first;
    if (row_count > 5) differs |= draw_index4(w1.hi, counts) != first;
    if (row_count > 6) differs |= draw_index4(w2.hi, counts) != first;
    if (row_count > 7) differs |= draw_index4(w3.hi, counts) != first;
    return differs;
}

ALWAYS_INLINE real4 symmetric_unit4(uint4 word) {
    return (convert_real4(as_int4(word ^ (uint4)(0x80000000u))) + (real4)((real)0.5f)) * (real4)((real)0x1p-31f);
}

__kernel void bootstrap_replicates4(BOOTSTRAP_KERNEL_PARAMETERS) {
    uint g0 = get_global_id(0) * 4;
    if (g0 >= count) return;
    const int row_count = FIXED_ROWS;
    uint lane_problem[4];
    uint lane_replicate[4];
    uint lane_stream_problem[4];
    int lane_row_start[4];
    for (int l = 0; l < 4; ++l) {
        uint g = g0 + l < count ? g0 + l : count - 1;
        ulong index = first_index + g;
        uint problem = (uint)(index / resamples);
        __global const int *descriptor = descriptors + problem * DESCRIPTOR_STRIDE;
        lane_problem[l] = problem;
        lane_replicate[l] = first_replicate + (uint)(index % resamples);
        lane_stream_problem[l] = descriptor[D_STREAM] < 0 ? first_problem + problem : (uint)descriptor[D_STREAM];
        lane_row_start[l] = descriptor[D_ROW_START];
    }
    uint4 stream_replicate = (uint4)(lane_replicate[0], lane_replicate[1], lane_replicate[2], lane_replicate[3]);
    uint4 stream_problem = (uint4)(lane_stream_problem[0], lane_stream_problem[1], lane_stream_problem[2],
                                   lane_stream_problem[3]);
    __global const real *rows0 = design + (ulong)lane_row_start[0] * DESIGN_STRIDE;
    __global const real *rows1 = design + (ulong)lane_row_start[1] * DESIGN_STRIDE;
    __global const real *rows2 = design + (ulong)lane_row_start[2] * DESIGN_STRIDE;
    __global const real *rows3 = design + (ulong)lane_row_start[3] * DESIGN_STRIDE;
#if WEIGHTED
    __global const real *weights0 = weights + lane_row_start[0];
    __global const real *weights1 = weights + lane_row_start[1];
    __global const real *weights2 = weights + lane_row_start[2];
    __global const real *weights3 = weights + lane_row_start[3];
#endif
    // A one-regressor problem's shifts: the regressor's at 0, the response's at q = 1.
    real4 response_shift = (real4)(shifts[lane_problem[0] * SHIFT_STRIDE + 1], shifts[lane_problem[1] * SHIFT_STRIDE + 1],
                                   shifts[lane_problem[2] * SHIFT_STRIDE + 1], shifts[lane_problem[3] * SHIFT_STRIDE + 1]);
    real4 regressor_shift = (real4)(shifts[lane_problem[0] * SHIFT_STRIDE], shifts[lane_problem[1] * SHIFT_STRIDE],
                                    shifts[lane_problem[2] * SHIFT_STRIDE], shifts[lane_problem[3] * SHIFT_STRIDE]);
    int lane_has_intercept[4];
    for (int l = 0; l < 4; ++l) lane_has_intercept[l] = descriptors[lane_problem[l] * DESCRIPTOR_STRIDE + D_INTERCEPT];
    real4 weight_sum = (real4)(0), sx = (real4)(0), sy = (real4)(0);
    real4 sxx = (real4)(0), sxy = (real4)(0), syy = (real4)(0);
    uint counts = (uint)row_count;
#if STUDENTIZED
    // Drawn rows of positive weight per lane (a comparison's true is -1 in each lane).
    int4 positive_rows = (int4)(WEIGHTED ? 0 : row_count);
#define COUNT_POSITIVE(w) positive_rows = positive_rows - convert_int4(w > (real4)(0));
#else
#define COUNT_POSITIVE(w)
#endif

// Row t of the four lanes from index word `word` (and jitter word `jword`).
#if WEIGHTED
#define LOAD_WEIGHT real4 w = (real4)(weights0[p.x], weights1[p.y], weights2[p.z], weights3[p.w]); \
    weight_sum = weight_sum + w; real4 wx = w * x; real4 wy = w * dy; \
    COUNT_POSITIVE(w)
#else
#define LOAD_WEIGHT real4 wx = x; real4 wy = dy;
#endif
#if HAS_JITTER
#define JITTER(jword) y = y + (real4)(jitter) * symmetric_unit4(jword);
#else
#define JITTER(jword)
#endif
#define ROW(word, jword) { \
        int4 p = as_int4(draw_index4(word, counts)); \
        real2 row0 = vload2(p.x, rows0), row1 = vload2(p.y, rows1), row2 = vload2(p.z, rows2), row3 = vload2(p.w, rows3); \
        real4 rows02 = (real4)(row0, row2), rows13 = (real4)(row1, row3); \
        real4 x = (real4)(rows02.s0, rows13.s0, rows02.s2, rows13.s2); \
        real4 y = (real4)(rows02.s1, rows13.s1, rows02.s3, rows13.s3); \
        JITTER(jword) \
        real4 dy = y - response_shift; \
        LOAD_WEIGHT \
        sx = sx + wx; \
        sxx = sxx + wx * x; \
        sxy = sxy + wx * dy; \
        sy = sy + wy; \
        syy = syy + wy * dy; \
    }

    // Rows 8 b ... 8 b + 7 are the words of blocks 2 b and 2 b + 1, in draw order. Whether a lane
    // draws two distinct rows among its first eight is noted on the way; the rare lanes that do
    // not are settled by the scan after the solve.
    int4 differs = (int4)(0);
    int full_pairs = row_count / 8;
    SEQUENTIAL_LOOP
    for (int b = 0; b < full_pairs; ++b) {
        uint8 w0, w1, w2, w3;
        philox_block_pairs((uint)(2 * b), stream_replicate, stream_problem, PURPOSE_ROW_INDEX, key, &w0, &w1, &w2, &w3);
        if (b == 0) differs = first_draws_differ(w0, w1, w2, w3, counts, row_count);
#if HAS_JITTER
        uint8 j0, j1, j2, j3;
        philox_block_pairs((uint)(2 * b), stream_replicate, stream_problem, PURPOSE_JITTER, key, &j0, &j1, &j2, &j3);
#endif
        ROW(w0.lo, j0.lo)
        ROW(w1.lo, j1.lo)
        ROW(w2.lo, j2.lo)
        ROW(w3.lo, j3.lo)
        ROW(w0.hi, j0.hi)
        ROW(w1.hi, j1.hi)
        ROW(w2.hi, j2.hi)
        ROW(w3.hi, j3.hi)
    }
    if (row_count % 8 != 0) {
        uint8 w[4];
        philox_block_pairs((uint)(2 * full_pairs), stream_replicate, stream_problem, PURPOSE_ROW_INDEX, key,
                           &w[0], &w[1], &w[2], &w[3]);
        if (full_pairs == 0) differs = first_draws_differ(w[0], w[1], w[2], w[3], counts, row_count);
#if HAS_JITTER
        uint8 jw[4];
        philox_block_pairs((uint)(2 * full_pairs), stream_replicate, stream_problem, PURPOSE_JITTER, key,
                           &jw[0], &jw[1], &jw[2], &jw[3]);
#endif
        SEQUENTIAL_LOOP
        for (int k = 0; k < row_count % 8; ++k) {
            uint4 word = k < 4 ? w[k].lo : w[k - 4].hi;
#if HAS_JITTER
            uint4 jword = k < 4 ? jw[k].lo : jw[k - 4].hi;
            ROW(word, jword)
#else
            ROW(word, word)
#endif
        }
    }
#undef ROW
#undef JITTER
#undef LOAD_WEIGHT
#undef COUNT_POSITIVE
#if !WEIGHTED
    // The sum of unit weights, which saturates where adding 1 no longer changes it (float: 2^24).
    weight_sum = (real4)((real)min(row_count, USE_DOUBLE ? INT_MAX : (1 << 24)));
#endif

    real4 slope, intercept, residual_sum, mean_x, scale, root;
    mask4 has_intercept4 = convert_mask4((int4)(lane_has_intercept[0], lane_has_intercept[1], lane_has_intercept[2],
                                                lane_has_intercept[3]) != 0);
    mask4 deficient = solve_pairs4(weight_sum, sx, sy, sxx, sxy, syy, has_intercept4, regressor_shift,
                                   response_shift, &slope, &intercept, &residual_sum, &mean_x, &scale, &root);
    // The lanes as arrays: subscripting a vector with a variable is a compiler extension.
    // Lanes where x may be constant over the drawn rows (see has_constant_regressor).
    real4 centred = sxx - sx * (sx / weight_sum);
    int lane_differs[4], lane_deficient[4], lane_suspect[4];
    real lane_slope[4], lane_intercept[4], lane_residual_sum[4];
    vstore4(differs, 0, lane_differs);
    vstore4(convert_int4(deficient), 0, lane_deficient);
    vstore4(convert_int4(!(centred + centred > sxx)), 0, lane_suspect);
    vstore4(slope, 0, lane_slope);
    vstore4(intercept, 0, lane_intercept);
    vstore4(residual_sum, 0, lane_residual_sum);
#if STUDENTIZED
    real lane_mean_x[4], lane_scale[4], lane_root[4], lane_weight_sum[4];
    int lane_positive_rows[4];
    vstore4(mean_x, 0, lane_mean_x);
    vstore4(scale, 0, lane_scale);
    vstore4(root, 0, lane_root);
    vstore4(weight_sum, 0, lane_weight_sum);
    vstore4(positive_rows, 0, lane_positive_rows);
#endif
    for (int l = 0; l < 4; ++l) {
        uint g = g0 + l;
        if (g >= count) break;
        int has_intercept = lane_has_intercept[l];
        __global real *output = coefficients + (ulong)g * coefficient_stride;
        for (int j = 0; j < coefficient_stride; ++j) output[j] = 0;
        residual_sums[g] = 0;
#if STUDENTIZED
        __global real *errors = standard_errors + (ulong)g * coefficient_stride;
        for (int j = 0; j < coefficient_stride; ++j) errors[j] = 0;
#endif
        // Mirrors BootstrapPlan.distinctRowThreshold (Sources/TrendFit/Bootstrap/BootstrapPlan.swift).
        int threshold = minimum_distinct_rows == 0 ? 1 + has_intercept : minimum_distinct_rows;
        // Distinct rows up to the threshold, as bootstrap_replicates counts them.
        int distinct;
        if (threshold <= 2 && lane_differs[l]) {
            distinct = 2;
        } else {
            int seen[MAX_DISTINCT];
            uint words[16];
            distinct = 0;
            for (int t = 0; t < row_count && distinct < threshold; ++t) {
                if ((t & 15) == 0)
                    stream_words16((uint)(t >> 4), lane_replicate[l], lane_stream_problem[l], PURPOSE_ROW_INDEX, key, words);
                int position = (int)draw_index(words[t & 15], counts);
                int found = 0;
                for (int s = 0; s < distinct; ++s) found |= seen[s] == position;
                if (!found) seen[distinct++] = position;
            }
        }
        if (distinct < threshold) {
            statuses[g] = REPLICATE_TOO_FEW_DISTINCT;
            continue;
        }
        if (lane_deficient[l]
            || (has_intercept && lane_suspect[l]
                && drawn_value_is_constant(design + (ulong)lane_row_start[l] * DESIGN_STRIDE, weights + lane_row_start[l], 0,
                                           row_count, 0, lane_replicate[l], lane_stream_problem[l], key))) {
            statuses[g] = REPLICATE_RANK_DEFICIENT;
            continue;
        }
        if (has_intercept) output[0] = lane_intercept[l];
        output[has_intercept] = lane_slope[l];
        residual_sums[g] = lane_residual_sum[l];
        statuses[g] = REPLICATE_OK;
#if STUDENTIZED
        // The one-pivot factor of the lane as replicate_standard_errors reads a solve's (q = 1).
        real factor[WIDTH * WIDTH], lane_scales[WIDTH], lane_means[WIDTH], work[WIDTH];
        factor[0] = lane_root[l];
        lane_scales[0] = lane_scale[l];
        lane_means[0] = lane_mean_x[l];
        replicate_standard_errors(factor, lane_scales, lane_means, work, lane_weight_sum[l], lane_residual_sum[l],
                                  lane_positive_rows[l], 1, has_intercept, shifts + lane_problem[l] * SHIFT_STRIDE, errors, 1);
#endif
    }
}
#endif
