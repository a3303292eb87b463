// One bootstrap replicate per work-item: draw, accumulate shifted cross-products, solve.
// Mirrors Sources/TrendFit/Numerics/ReplicateSolver.swift and RowPass.swift operation for operation.
// Compile-time constants besides the prelude's: SCHEME (0 cases, 1 residuals, 2 wild),
// HAS_JITTER (0/1), MAX_DISTINCT (capacity of the distinct-row tracker), DESIGN_STRIDE (values
// per position of the centred design, see CentredDesign.swift), WEIGHTED (0/1: whether the batch
// has weights) and FIXED_Q (the regressor count when every problem has the same, else -1).

#define SCHEME_CASES 0
#define SCHEME_RESIDUALS 1
#define SCHEME_WILD 2

#define REPLICATE_OK 0
#define REPLICATE_RANK_DEFICIENT 1
#define REPLICATE_TOO_FEW_DISTINCT 2

// Solves the centred normal equations of the accumulated sums; returns a replicate status.
inline uchar solve_replicate(real *cross, real *sums, real weight_sum, int q, int has_intercept,
                             __global const real *shift, __global real *output, __global real *residual_sum) {
    int width = q + 1;
    real means[WIDTH];
    real scales[WIDTH];
    real solution[WIDTH];
    if (weight_sum <= (real)0) return REPLICATE_RANK_DEFICIENT;
    for (int j = 0; j < width; ++j) means[j] = has_intercept ? sums[j] / weight_sum : (real)0;
    if (has_intercept) {
        for (int j = 0; j < width; ++j)
            for (int k = j; k < width; ++k) cross[j * WIDTH + k] = cross[j * WIDTH + k] - sums[j] * means[k];
    }
    // Equilibrate the regressor block to unit diagonal.
    for (int j = 0; j < q; ++j) {
        real diagonal = cross[j * WIDTH + j];
        if (!(diagonal > (real)0)) return REPLICATE_RANK_DEFICIENT;
        scales[j] = (real)1 / sqrt(diagonal);
    }
    for (int j = 0; j < q; ++j) {
        for (int k = j; k < width; ++k) {
            real scale_k = k < q ? scales[k] : (real)1;
            cross[j * WIDTH + k] = (cross[j * WIDTH + k] * scales[j]) * scale_k;
        }
    }
    // Cholesky A = U'U in place, the right-hand side (column q) eliminated alongside.
    for (int j = 0; j < q; ++j) {
        real pivot = cross[j * WIDTH + j];
        for (int i = 0; i < j; ++i) pivot = pivot - cross[i * WIDTH + j] * cross[i * WIDTH + j];
        if (!(pivot > (real)PIVOT_TOL)) return REPLICATE_RANK_DEFICIENT;
        real root = sqrt(pivot);
        cross[j * WIDTH + j] = root;
        for (int k = j + 1; k < width; ++k) {
            real value = cross[j * WIDTH + k];
            for (int i = 0; i < j; ++i) value = value - cross[i * WIDTH + j] * cross[i * WIDTH + k];
            cross[j * WIDTH + k] = value / root;
        }
    }
    // RSS = C_yy - |z|^2 (z is column q after the elimination above), never below zero.
    real rss = cross[q * WIDTH + q];
    for (int j = 0; j < q; ++j) rss = rss - cross[j * WIDTH + q] * cross[j * WIDTH + q];
    *residual_sum = rss > (real)0 ? rss : (real)0;
    for (int j = q - 1; j >= 0; --j) {
        real value = cross[j * WIDTH + q];
        for (int k = j + 1; k < q; ++k) value = value - cross[j * WIDTH + k] * solution[k];
        solution[j] = value / cross[j * WIDTH + j];
    }
    int offset = has_intercept;
    for (int j = 0; j < q; ++j) output[offset + j] = solution[j] * scales[j];
    if (has_intercept) {
        real intercept = shift[q] + means[q];
        for (int j = 0; j < q; ++j) intercept = intercept - output[offset + j] * (shift[j] + means[j]);
        output[0] = intercept;
    }
    return REPLICATE_OK;
}

__kernel void bootstrap_replicates(__global const real *design, __global const real *weights,
                                   __global const int *descriptors,
                                   __global const real *shifts, __global const real *fitted,
                                   __global const real *residuals, uint2 key, real jitter,
                                   int minimum_distinct_rows, uint resamples, uint first_problem,
                                   uint first_replicate, ulong first_index,
                                   uint count, int coefficient_stride,
                                   __global real *coefficients, __global uchar *statuses,
                                   __global real *residual_sums) {
    uint g = get_global_id(0);
    if (g >= count) return;
    ulong index = first_index + g;
    uint problem = (uint)(index / resamples);
    uint replicate = (uint)(index % resamples);
    __global const int *descriptor = descriptors + problem * DESCRIPTOR_STRIDE;
    uint stream_problem = descriptor[D_STREAM] < 0 ? first_problem + problem : (uint)descriptor[D_STREAM];
    uint stream_replicate = first_replicate + replicate;
    int row_start = descriptor[D_ROW_START];
    int row_count = FIXED_ROWS >= 0 ? FIXED_ROWS : descriptor[D_ROW_COUNT];
    int has_intercept = descriptor[D_INTERCEPT];
    int q = FIXED_Q >= 0 ? FIXED_Q : descriptor[D_REGRESSOR_COUNT];
    int width = q + 1;
    __global const real *shift = shifts + problem * SHIFT_STRIDE;
    __global const real *rows = design + (ulong)row_start * DESIGN_STRIDE;
    __global real *output = coefficients + (ulong)g * coefficient_stride;
    for (int j = 0; j < coefficient_stride; ++j) output[j] = 0;
    residual_sums[g] = 0;
    real response_shift = shift[q];

    real weight_sum = 0;
    real sums[WIDTH];
    real cross[WIDTH * WIDTH];
    real difference[WIDTH];
    for (int j = 0; j < width; ++j) sums[j] = 0;
    for (int j = 0; j < WIDTH * WIDTH; ++j) cross[j] = 0;
#if SCHEME == SCHEME_CASES
    int threshold = minimum_distinct_rows == 0 ? q + has_intercept : minimum_distinct_rows;
    int seen[MAX_DISTINCT];
    int distinct = 0;
#endif
    uint index_words[16];
#if HAS_JITTER
    uint jitter_words[16];
#endif
    uint counts = (uint)row_count;

    for (int t = 0; t < row_count; ++t) {
#if SCHEME == SCHEME_WILD
        if ((t & 511) == 0) stream_words16((uint)(t >> 9), stream_replicate, stream_problem, PURPOSE_SIGN, key, index_words);
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
        real response = fitted[row_start + t] + residuals[row_start + drawn];
#else
        int position = t;
        __global const real *row = rows + position * DESIGN_STRIDE;
        uint word = index_words[(t >> 5) & 15];
        real residual = residuals[row_start + t];
        real response = fitted[row_start + t] + (((word >> (uint)(t & 31)) & 1u) ? residual : -residual);
#endif
#if HAS_JITTER
        response = response + jitter * symmetric_unit(jitter_words[t & 15]);
#endif
        for (int j = 0; j < q; ++j) difference[j] = row[j];
        difference[q] = response - response_shift;
#if WEIGHTED
        real w = weights[row_start + position];
        weight_sum = weight_sum + w;
        for (int j = 0; j < width; ++j) {
            real weighted = w * difference[j];
#else
        weight_sum = weight_sum + (real)1;
        for (int j = 0; j < width; ++j) {
            real weighted = difference[j];
#endif
            sums[j] = sums[j] + weighted;
            for (int k = j; k < width; ++k) cross[j * WIDTH + k] = cross[j * WIDTH + k] + weighted * difference[k];
        }
    }
#if SCHEME == SCHEME_CASES
    if (distinct < threshold) {
        statuses[g] = REPLICATE_TOO_FEW_DISTINCT;
        return;
    }
#endif
    statuses[g] = solve_replicate(cross, sums, weight_sum, q, has_intercept, shift, output, residual_sums + g);
}
