// GPU form of the fit (KernelForm.gpu): the operations of fit.cl's fit_problems, in the same order,
// shared by the work-items of a work-group so that no work-item holds a p x p matrix, and split into
// launches that pass the fit's state through a global buffer (FIT_STATE_STRIDE reals per problem), so
// that no launch keeps every phase's state live (registers bound the waves a compute unit runs):
// fit_columns_rotate (means, rotations into R, rank test), fit_columns_gram (rows of the double-word
// normal matrix), fit_columns_solve (slopes, refinement), fit_columns_residuals (residual sum of
// squares, intercept, statistics), then fit_columns_errors once per standard error target
// (0 ... MAX_Q, the last also zeroing what the fit did not reach). A work-group fits
// FIT_PROBLEMS_PER_GROUP problems with WIDTH work-items each. In the rotations the work-item of column c
// owns column c of R, then stores it in the state buffer, where the substitutions read R by row and by
// column; from the normal matrix on it owns solve index a = offset + c (c < q) or the intercept's index
// 0 (c == q), with row a of the double-word normal matrix and the iterate's entry a. Rotation
// parameters, substitution steps and iterates pass through __local memory. Loops that meet a barrier
// run the same number of times on every work-item of the work-group (the longest problem's rows,
// REFINEMENT_STEPS iterations, MAX_Q substitution steps); a problem that is done or has nothing to do
// there takes part in the barriers only.

#if KERNEL_FORM == KERNEL_FORM_GPU

#ifndef FIT_PROBLEMS_PER_GROUP
#define FIT_PROBLEMS_PER_GROUP (64 / WIDTH) // problems per work-group (KernelSpecialization.fitProblemsPerGroup)
#endif
#define FIT_GROUP_SIZE (FIT_PROBLEMS_PER_GROUP * WIDTH)

// What the rotation of step j does to the columns right of j.
#ifndef ROTATION_SKIP
#define ROTATION_SKIP 0 // the row's entry j is zero: nothing
#endif
#ifndef ROTATION_COPY
#define ROTATION_COPY 1 // R's diagonal entry j is zero: the rest of the row becomes row j of R, the row ends
#endif
#ifndef ROTATION_APPLY
#define ROTATION_APPLY 2 // rotate by the cosine and sine
#endif

// A problem's state between launches, in reals from the problem's start in the state buffer.
#ifndef FIT_STATE_FACTOR
#define FIT_STATE_FACTOR 0 // R's upper triangle (factor_index)
#endif
#define FIT_STATE_MEANS (FIT_STATE_FACTOR + WIDTH * (WIDTH + 1) / 2) // the weighted means by variable
#define FIT_STATE_WEIGHT_SUM (FIT_STATE_MEANS + WIDTH)
#define FIT_STATE_TSS (FIT_STATE_WEIGHT_SUM + 1)                     // the response's centred sum of squares
#define FIT_STATE_FITTING (FIT_STATE_TSS + 1)                        // nonzero: the fit goes on past the rank test
#define FIT_STATE_VARIANCE (FIT_STATE_FITTING + 1)                   // the residual variance
#define FIT_STATE_SOLUTION (FIT_STATE_VARIANCE + 1)                  // the refined solution by solve index (hi, lo)
#define FIT_STATE_GRAM (FIT_STATE_SOLUTION + 2 * WIDTH)              // row a of G, then the moment (hi, lo each)
#ifndef FIT_STATE_GRAM_ROW
#define FIT_STATE_GRAM_ROW (2 * (WIDTH + 1)) // reals of a row of G with its moment
#endif
#ifndef FIT_STATE_STRIDE
#define FIT_STATE_STRIDE (FIT_STATE_GRAM + WIDTH * FIT_STATE_GRAM_ROW) // reals per problem (KernelSpecialization.fitStateStride)
#endif
#if FIT_STATE_STRIDE < FIT_STATE_GRAM + WIDTH * FIT_STATE_GRAM_ROW
#error "FIT_STATE_STRIDE is smaller than a problem's fit state"
#endif

// Where R_jc (j <= c) lies in the state's factor.
ALWAYS_INLINE int factor_index(int j, int c) {
    return c * (c + 1) / 2 + j;
}

// What the work-items of one problem share within a launch: five reals per work-item, each array
// serving the phases in turn.
typedef struct {
    real means[WIDTH];    // the weighted means by variable
    real forward[WIDTH];  // the forward substitution's h by step, [q]: the intercept's share of the size;
                          // the rotations' cosines by step; squared residuals (hi) by row
    real backward[WIDTH]; // the back substitution's results by step; the rotations' sines; squared residuals (lo)
    real entry_hi[WIDTH]; // the iterate, the solution or a refined column of G^-1 by solve index (hi); the
                          // rotations' kinds by step; the rank test's failures by column
    real entry_lo[WIDTH]; // the iterate, the solution or a refined column (lo)
} fit_share;

// Entry `index` of the double-word vector in `share`.
ALWAYS_INLINE dword shared_entry(__local const fit_share *share, int index) {
    dword z = {share->entry_hi[index], share->entry_lo[index]};
    return z;
}

// Sets entry `index` of the double-word vector in `share`.
ALWAYS_INLINE void set_shared_entry(__local fit_share *share, int index, dword value) {
    share->entry_hi[index] = value.hi;
    share->entry_lo[index] = value.lo;
}

// Entry b of a double-word row of G in the state buffer.
ALWAYS_INLINE dword gram_entry(__global const real *row, int b) {
    dword z = {row[2 * b], row[2 * b + 1]};
    return z;
}

// The back substitution of refinement_correction (and of the slopes) with R in the state buffer: the
// work-item of column c < q holds `top` and gets its result.
ALWAYS_INLINE real columns_back_substitute(real top, int c, int q, int running, __global const real *factor,
                                           __local fit_share *share) {
    real result = 0;
    _Pragma("unroll") for (int j = MAX_Q - 1; j >= 0; --j) {
        if (running && c == j && j < q) {
            real sum = top;
            _Pragma("unroll") for (int k = j + 1; k < MAX_Q; ++k) {
                if (k < q) sum -= factor[factor_index(j, k)] * share->backward[k];
            }
            result = sum / factor[factor_index(j, j)];
            share->backward[j] = result;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    return result;
}

// refinement_correction: P^-1 v and its size. The work-item of column c < q holds v[offset + c] in
// `value` and gets step[offset + c]; that of column q holds v[0] and gets step[0] when the model has an
// intercept. Returns the size, the same on every work-item of the problem.
ALWAYS_INLINE real columns_correction(real value, real *step, int c, int q, int offset, real weight_sum,
                                      int running, __global const real *factor, __local fit_share *share) {
    if (running && offset && c == q) {
        *step = value / weight_sum;
        share->forward[q] = value * *step;
    }
    real sum = value;
    real h = 0;
    _Pragma("unroll") for (int j = 0; j < MAX_Q; ++j) {
        if (running && c == j && j < q) {
            h = sum / factor[factor_index(j, j)];
            share->forward[j] = h;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (running && c > j && c < q) sum -= factor[factor_index(j, c)] * share->forward[j];
    }
    real size = 0;
    if (running) {
        if (offset) size += share->forward[q];
        for (int j = 0; j < q; ++j) size += share->forward[j] * share->forward[j];
    }
    real result = columns_back_substitute(h, c, q, running, factor, share);
    if (c < q) *step = result;
    return size;
}

// refinement_solve: the work-item of solve index a >= 0 reads row a of G from `gram_row` and holds rhs[a]
// and the starting iterate's entry a; returns entry a of the iterate with the smallest correction.
ALWAYS_INLINE dword columns_solve(__global const real *gram_row, dword rhs, dword iterate, int c, int a, int q,
                                  int offset, real weight_sum, int running, __global const real *factor,
                                  __local fit_share *share) {
    int size = q + offset;
    real previous = (real)INFINITY;
    dword best = iterate;
    for (int iteration = 0; iteration < REFINEMENT_STEPS; ++iteration) {
        if (running && a >= 0) set_shared_entry(share, a, iterate);
        barrier(CLK_LOCAL_MEM_FENCE);
        real residual = 0;
        if (running && a >= 0) {
            dword sum = rhs;
            _Pragma("unroll") for (int b = 0; b < WIDTH; ++b) {
                if (b < size) sum = dw_sub(sum, dw_mul(gram_entry(gram_row, b), shared_entry(share, b)));
            }
            residual = sum.hi;
        }
        real step = 0;
        real step_size = columns_correction(residual, &step, c, q, offset, weight_sum, running, factor, share);
        if (running) {
            if (!(step_size < previous)) {
                running = 0;
            } else {
                best = iterate;
                if (step_size == (real)0 || step_size > previous / (real)4) {
                    running = 0;
                } else {
                    previous = step_size;
                    iterate = dw_add_real(iterate, step);
                }
            }
        }
    }
    return best;
}

// The arguments of every launch of the fit (fit_columns_errors adds its target).
#define FIT_COLUMNS_ARGUMENTS __global const real *table, int table_rows, __global const int *row_indices, \
    __global const int *descriptors, int problem_count, int coefficient_stride, __global real *coefficients, \
    __global real *standard_errors, __global real *statistics, __global int *counts, __global real *states

// A work-item's problem k and column c, the problem's shape, its solve index a and its state.
#define FIT_COLUMNS_SETUP \
    int slot = (int)get_local_id(0) / WIDTH; \
    int c = (int)get_local_id(0) % WIDTH; \
    int first = (int)get_group_id(0) * FIT_PROBLEMS_PER_GROUP; \
    int k = first + slot; \
    int active = k < problem_count; \
    __global const int *descriptor = descriptors + min(k, problem_count - 1) * DESCRIPTOR_STRIDE; \
    __global const int *rows = row_indices + descriptor[D_ROW_START]; \
    int row_count = active ? descriptor[D_ROW_COUNT] : 0; \
    int weight_column = descriptor[D_WEIGHTS]; \
    int weighted = weight_column >= 0; \
    int has_intercept = FIXED_INTERCEPT >= 0 ? FIXED_INTERCEPT : descriptor[D_INTERCEPT]; \
    int q = descriptor[D_REGRESSOR_COUNT]; \
    int width = q + 1; \
    int offset = has_intercept; \
    int p = q + offset; \
    int a = c < q ? offset + c : c == q && offset ? 0 : -1; \
    int leader = active && c == q; \
    __global real *state = states + min(k, problem_count - 1) * FIT_STATE_STRIDE;

// FIT_COLUMNS_SETUP and the local memory the work-items of a problem share (`share`).
#define FIT_COLUMNS_SHARED_SETUP \
    __local fit_share shares[FIT_PROBLEMS_PER_GROUP]; \
    FIT_COLUMNS_SETUP \
    __local fit_share *share = shares + slot;

// The rows of the work-group's longest problem: the row loops with barriers run that often.
ALWAYS_INLINE int group_row_count(__global const int *descriptors, int first, int problem_count) {
    int group_rows = 0;
    for (int g = first; g < min(first + FIT_PROBLEMS_PER_GROUP, problem_count); ++g) {
        group_rows = max(group_rows, descriptors[g * DESCRIPTOR_STRIDE + D_ROW_COUNT]);
    }
    return group_rows;
}

// Launch 1: weight sum, rows with positive weight and means (pass 1), the centred rows rotated into R
// (pass 2: step j by the work-item of column j; column norms), the rank test column by column.
__kernel __attribute__((reqd_work_group_size(FIT_GROUP_SIZE, 1, 1)))
void fit_columns_rotate(FIT_COLUMNS_ARGUMENTS) {
    FIT_COLUMNS_SHARED_SETUP
    int group_rows = group_row_count(descriptors, first, problem_count);
    int count_base = k * FIT_COUNT_STRIDE;
    real weight_sum = 0;
    int positive_rows = 0;
    real mean = 0;
    int variable = c < width ? variable_column(descriptor, min(c, q), q) : 0;
    for (int i = 0; i < row_count; ++i) {
        int row = rows[i];
        real w = weighted ? table[weight_column * table_rows + row] : (real)1;
        if (w > (real)0) positive_rows += 1;
        weight_sum += w;
        if (c < width) mean += w * table[variable * table_rows + row];
    }
    if (leader) {
        counts[count_base + FIT_POSITIVE_ROWS] = positive_rows;
        counts[count_base + FIT_STATUS] = STATUS_TOO_FEW_ROWS;
        state[FIT_STATE_WEIGHT_SUM] = weight_sum;
    }
    int fitting = active && positive_rows > p;
    mean = has_intercept ? mean / weight_sum : (real)0;
    if (active && c < width) state[FIT_STATE_MEANS + c] = mean;

    real column[WIDTH];
    _Pragma("unroll") for (int j = 0; j < WIDTH; ++j) column[j] = 0;
    real norm_square = 0;
    real diagonal = 0;
    for (int i = 0; i < group_rows; ++i) {
        int rotating = fitting && i < row_count && c < width;
        real incoming = 0;
        if (rotating) {
            int row = rows[i];
            real scale = weighted ? sqrt(table[weight_column * table_rows + row]) : (real)1;
            incoming = scale * (table[variable * table_rows + row] - mean);
            norm_square += incoming * incoming;
        }
        _Pragma("unroll") for (int j = 0; j < WIDTH; ++j) {
            if (rotating && c == j) {
                int kind = ROTATION_SKIP;
                real cosine = 0;
                real sine = 0;
                if (incoming != (real)0) {
                    real r = column[j];
                    if (r == (real)0) {
                        kind = ROTATION_COPY;
                        column[j] = incoming;
                    } else {
                        real hypotenuse = sqrt(r * r + incoming * incoming);
                        cosine = r / hypotenuse;
                        sine = incoming / hypotenuse;
                        column[j] = hypotenuse;
                        kind = ROTATION_APPLY;
                    }
                    diagonal = column[j];
                }
                share->entry_hi[j] = kind;
                share->forward[j] = cosine;
                share->backward[j] = sine;
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            if (rotating && c > j) {
                int kind = (int)share->entry_hi[j];
                if (kind == ROTATION_COPY) {
                    column[j] = incoming;
                } else if (kind == ROTATION_APPLY) {
                    real t = column[j];
                    column[j] = share->forward[j] * t + share->backward[j] * incoming;
                    incoming = share->forward[j] * incoming - share->backward[j] * t;
                }
            }
            if (rotating && j < width && (int)share->entry_hi[j] == ROTATION_COPY) rotating = 0;
        }
    }
    if (active) {
        _Pragma("unroll") for (int j = 0; j < WIDTH; ++j) {
            if (j <= c) state[FIT_STATE_FACTOR + factor_index(j, c)] = column[j];
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    share->entry_hi[c] = fitting && c < q && (norm_square == (real)0 || fabs(diagonal) <= (real)RANK_TOL * sqrt(norm_square));
    barrier(CLK_LOCAL_MEM_FENCE);
    int rank_deficient = 0;
    for (int j = 0; j < q; ++j) rank_deficient |= share->entry_hi[j] != (real)0;
    if (fitting && rank_deficient) {
        if (leader) counts[count_base + FIT_STATUS] = STATUS_RANK_DEFICIENT;
        fitting = 0;
    }
    if (leader) {
        state[FIT_STATE_TSS] = norm_square;
        state[FIT_STATE_FITTING] = fitting;
    }
}

// Launch 2: row a of G and (A^T W y_c)_a in double-word arithmetic (compensated sums), one pass; the
// entries below the diagonal are summed as fit_problems sums their mirror images. No local memory.
__kernel __attribute__((reqd_work_group_size(FIT_GROUP_SIZE, 1, 1)))
void fit_columns_gram(FIT_COLUMNS_ARGUMENTS) {
    FIT_COLUMNS_SETUP
    int fitting = active && state[FIT_STATE_FITTING] != (real)0;
    int owns_index = fitting && a >= 0;
    if (!owns_index) return;
    compensated_sum sums[WIDTH + 1];
    _Pragma("unroll") for (int b = 0; b <= WIDTH; ++b) sums[b] = cs_make();
    int own_variable = a >= offset ? variable_column(descriptor, a - offset, q) : 0;
    real own_mean = a >= offset ? state[FIT_STATE_MEANS + a - offset] : (real)0;
    for (int i = 0; i < row_count; ++i) {
        int row_index = rows[i];
        real w = weighted ? table[weight_column * table_rows + row_index] : (real)1;
        dword own = a >= offset ? dw_two_sum(table[own_variable * table_rows + row_index], -own_mean) : dw_make(1);
        dword own_scaled = weighted ? dw_mul_real(own, w) : own;
        _Pragma("unroll") for (int b = 0; b <= WIDTH; ++b) {
            if (b <= p) {
                dword design = b >= offset
                    ? dw_two_sum(table[variable_column(descriptor, b - offset, q) * table_rows + row_index], -state[FIT_STATE_MEANS + b - offset])
                    : dw_make(1);
                dword scaled = weighted ? dw_mul_real(design, w) : design;
                dword term = b < a ? (b < offset ? own_scaled : dw_mul(scaled, own))
                                   : (a < offset ? scaled : dw_mul(own_scaled, design));
                sums[b] = cs_add(sums[b], term);
            }
        }
    }
    __global real *gram_row = state + FIT_STATE_GRAM + a * FIT_STATE_GRAM_ROW;
    _Pragma("unroll") for (int b = 0; b <= WIDTH; ++b) {
        dword value = cs_value(sums[b]);
        int column = b == p ? WIDTH : b;
        if (b <= p) {
            gram_row[2 * column] = value.hi;
            gram_row[2 * column + 1] = value.lo;
        }
    }
}

// Launch 3: the slopes by back substitution (the refinement's starting point), then the refinement of
// the QR solution.
__kernel __attribute__((reqd_work_group_size(FIT_GROUP_SIZE, 1, 1)))
void fit_columns_solve(FIT_COLUMNS_ARGUMENTS) {
    FIT_COLUMNS_SHARED_SETUP
    int fitting = active && state[FIT_STATE_FITTING] != (real)0;
    __global const real *factor = state + FIT_STATE_FACTOR;
    real top = c < q ? factor[factor_index(c, q)] : (real)0;
    real slope = columns_back_substitute(top, c, q, fitting, factor, share);
    __global const real *gram_row = state + FIT_STATE_GRAM + max(a, 0) * FIT_STATE_GRAM_ROW;
    dword moment = fitting && a >= 0 ? gram_entry(gram_row, WIDTH) : dw_make(0);
    real weight_sum = state[FIT_STATE_WEIGHT_SUM];
    dword start = dw_make(c < q ? slope : (real)0);
    dword solution = columns_solve(gram_row, moment, start, c, a, q, offset, weight_sum, fitting, factor, share);
    if (fitting && a >= offset) coefficients[k * coefficient_stride + a] = solution.hi;
    if (fitting && a >= 0) {
        state[FIT_STATE_SOLUTION + 2 * a] = solution.hi;
        state[FIT_STATE_SOLUTION + 2 * a + 1] = solution.lo;
    }
}

// Launch 4: the residual sum of squares from double-word residuals, WIDTH rows at a time, summed in row
// order by the leader; the intercept b0 = m_y + z0 - sum b_j m_j; the statistics and the variance.
__kernel __attribute__((reqd_work_group_size(FIT_GROUP_SIZE, 1, 1)))
void fit_columns_residuals(FIT_COLUMNS_ARGUMENTS) {
    FIT_COLUMNS_SHARED_SETUP
    int group_rows = group_row_count(descriptors, first, problem_count);
    int fitting = active && state[FIT_STATE_FITTING] != (real)0;
    if (c < width) share->means[c] = state[FIT_STATE_MEANS + c];
    if (fitting && a >= 0) {
        share->entry_hi[a] = state[FIT_STATE_SOLUTION + 2 * a];
        share->entry_lo[a] = state[FIT_STATE_SOLUTION + 2 * a + 1];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    compensated_sum rss_sum = cs_make();
    for (int base = 0; base < group_rows; base += WIDTH) {
        int i = base + c;
        if (fitting && i < row_count) {
            int row_index = rows[i];
            dword residual = dw_two_sum(table[variable_column(descriptor, q, q) * table_rows + row_index], -share->means[q]);
            if (has_intercept) residual = dw_sub(residual, shared_entry(share, 0));
            for (int j = 0; j < q; ++j) {
                dword centred = dw_two_sum(table[variable_column(descriptor, j, q) * table_rows + row_index], -share->means[j]);
                residual = dw_sub(residual, dw_mul(shared_entry(share, offset + j), centred));
            }
            dword square = dw_mul(residual, residual);
            dword term = weighted ? dw_mul_real(square, table[weight_column * table_rows + row_index]) : square;
            share->forward[c] = term.hi;
            share->backward[c] = term.lo;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (fitting && leader) {
            for (int l = 0; l < WIDTH && base + l < row_count; ++l) {
                dword term = {share->forward[l], share->backward[l]};
                rss_sum = cs_add(rss_sum, term);
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (fitting && leader && has_intercept) {
        dword intercept = dw_add(dw_make(share->means[q]), shared_entry(share, 0));
        for (int j = 0; j < q; ++j) intercept = dw_sub(intercept, dw_mul_real(shared_entry(share, 1 + j), share->means[j]));
        coefficients[k * coefficient_stride + 0] = intercept.hi;
    }
    if (fitting && leader) {
        int positive_rows = counts[k * FIT_COUNT_STRIDE + FIT_POSITIVE_ROWS];
        real rss = cs_value(rss_sum).hi;
        real variance = rss / (real)(positive_rows - p);
        real tss = state[FIT_STATE_TSS];
        statistics[k * FIT_STATISTIC_STRIDE + FIT_RESIDUAL_STANDARD_ERROR] = sqrt(variance);
        statistics[k * FIT_STATISTIC_STRIDE + FIT_R_SQUARED] = tss > (real)0 ? (real)1 - rss / tss : (real)NAN;
        state[FIT_STATE_VARIANCE] = variance;
    }
}

// Launches 5 ... 5 + MAX_Q: the standard error of `target` from the refined diagonal of G^-1: slope
// `target`, or (target MAX_Q) the intercept with Var(b0) = sigma^2 v^T G^-1 v, v = (1, -m_1, ..., -m_q).
// The last also writes the status and zeroes what the fit did not reach.
__kernel __attribute__((reqd_work_group_size(FIT_GROUP_SIZE, 1, 1)))
void fit_columns_errors(FIT_COLUMNS_ARGUMENTS, int target) {
    FIT_COLUMNS_SHARED_SETUP
    int fitting = active && state[FIT_STATE_FITTING] != (real)0;
    int coefficient_base = k * coefficient_stride;
    if (c < width) share->means[c] = state[FIT_STATE_MEANS + c];
    barrier(CLK_LOCAL_MEM_FENCE);
    real variance = fitting ? state[FIT_STATE_VARIANCE] : (real)0;
    real weight_sum = state[FIT_STATE_WEIGHT_SUM];
    __global const real *factor = state + FIT_STATE_FACTOR;
    __global const real *gram_row = state + FIT_STATE_GRAM + max(a, 0) * FIT_STATE_GRAM_ROW;
    int slope_target = target < q;
    int solving = fitting && (slope_target || (target == MAX_Q && has_intercept));
    real value = slope_target ? (a == offset + target ? (real)1 : (real)0)
               : a == 0 ? (real)1 : a > 0 ? -share->means[a - 1] : (real)0;
    real step = 0;
    columns_correction(value, &step, c, q, offset, weight_sum, solving, factor, share);
    dword refined = columns_solve(gram_row, dw_make(value), dw_make(step), c, a, q, offset, weight_sum, solving, factor, share);
    if (solving && slope_target && a == offset + target) {
        standard_errors[coefficient_base + a] = sqrt(variance * refined.hi);
    }
    if (solving && a >= 0) set_shared_entry(share, a, refined);
    barrier(CLK_LOCAL_MEM_FENCE);
    if (solving && !slope_target && a == 0) {
        dword variance_factor = dw_make(0);
        for (int b = 0; b < p; ++b) {
            real entry = b == 0 ? (real)1 : -share->means[b - 1];
            variance_factor = dw_add(variance_factor, dw_mul_real(shared_entry(share, b), entry));
        }
        standard_errors[coefficient_base + 0] = sqrt(variance * variance_factor.hi);
    }
    if (target < MAX_Q) return;
    if (fitting && leader) counts[k * FIT_COUNT_STRIDE + FIT_STATUS] = STATUS_OK;
    if (active && !fitting && a >= 0) {
        coefficients[coefficient_base + a] = 0;
        standard_errors[coefficient_base + a] = 0;
    }
    if (leader) {
        for (int j = p; j < coefficient_stride; ++j) {
            coefficients[coefficient_base + j] = 0;
            standard_errors[coefficient_base + j] = 0;
        }
        if (!fitting) {
            statistics[k * FIT_STATISTIC_STRIDE + FIT_RESIDUAL_STANDARD_ERROR] = 0;
            statistics[k * FIT_STATISTIC_STRIDE + FIT_R_SQUARED] = 0;
        }
    }
}

#endif
