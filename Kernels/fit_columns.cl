// GPU form of the fit (KernelForm.gpu): the operations of fit.cl's fit_problems, in the same order,
// shared by the work-items of a work-group so that no work-item holds a p x p matrix. A work-group
// fits FIT_PROBLEMS_PER_GROUP problems with WIDTH work-items each. The work-item of column c owns
// column c of R while the rows are rotated in (a Givens rotation updates each column on its own), then
// stores it in local memory, where the substitutions read R by row and by column; in the refinement it
// owns solve index a = offset + c (c < q) or the intercept's index 0 (c == q), with row a of the
// double-word normal matrix and the iterate's entry a. Rotation parameters, substitution steps and
// iterates pass through __local memory. Loops that meet a barrier run the same number of times on
// every work-item of the work-group (the longest problem's rows, REFINEMENT_STEPS iterations, MAX_Q
// substitution steps); a problem that is done or has nothing to do there takes part in the barriers
// only.

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

// What the work-items of one problem share: five reals per work-item, each array serving the phases
// in turn, and R (local memory bounds the work-groups a compute unit holds).
typedef struct {
    real factor[WIDTH * (WIDTH + 1) / 2]; // R's upper triangle, column by column (factor_index)
    real means[WIDTH];    // the weighted means by variable
    real forward[WIDTH];  // the forward substitution's h by step, [q]: the intercept's share of the size;
                          // the rotations' cosines by step; squared residuals (hi) by row; [0]: the
                          // residual variance
    real backward[WIDTH]; // the back substitution's results by step; the rotations' sines; squared residuals (lo)
    real entry_hi[WIDTH]; // the iterate, the solution or a refined column of G^-1 by solve index (hi); the
                          // rotations' kinds by step; the rank test's failures by column
    real entry_lo[WIDTH]; // the iterate, the solution or a refined column (lo)
} fit_share;

// Where R_jc (j <= c) lies in fit_share.factor.
ALWAYS_INLINE int factor_index(int j, int c) {
    return c * (c + 1) / 2 + j;
}

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

// The back substitution of refinement_correction (and of the slopes): the work-item of column c < q
// holds `top` and gets its result.
ALWAYS_INLINE real columns_back_substitute(real top, int c, int q, int running, __local fit_share *share) {
    real result = 0;
    _Pragma("unroll") for (int j = MAX_Q - 1; j >= 0; --j) {
        if (running && c == j && j < q) {
            real sum = top;
            _Pragma("unroll") for (int k = j + 1; k < MAX_Q; ++k) {
                if (k < q) sum -= share->factor[factor_index(j, k)] * share->backward[k];
            }
            result = sum / share->factor[factor_index(j, j)];
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
                                      int running, __local fit_share *share) {
    if (running && offset && c == q) {
        *step = value / weight_sum;
        share->forward[q] = value * *step;
    }
    real sum = value;
    real h = 0;
    _Pragma("unroll") for (int j = 0; j < MAX_Q; ++j) {
        if (running && c == j && j < q) {
            h = sum / share->factor[factor_index(j, j)];
            share->forward[j] = h;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (running && c > j && c < q) sum -= share->factor[factor_index(j, c)] * share->forward[j];
    }
    real size = 0;
    if (running) {
        if (offset) size += share->forward[q];
        for (int j = 0; j < q; ++j) size += share->forward[j] * share->forward[j];
    }
    real result = columns_back_substitute(h, c, q, running, share);
    if (c < q) *step = result;
    return size;
}

// refinement_solve: the work-item of solve index a >= 0 holds row a of G in `gram_row`, rhs[a] and
// the starting iterate's entry a; returns entry a of the iterate with the smallest correction.
ALWAYS_INLINE dword columns_solve(const dword *gram_row, dword rhs, dword iterate, int c, int a, int q,
                                  int offset, real weight_sum, int running, __local fit_share *share) {
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
                if (b < size) sum = dw_sub(sum, dw_mul(gram_row[b], shared_entry(share, b)));
            }
            residual = sum.hi;
        }
        real step = 0;
        real step_size = columns_correction(residual, &step, c, q, offset, weight_sum, running, share);
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

// refinement_solve_vector: entry a of the refined G^-1 v, starting from P^-1 v; `value` is v[a].
ALWAYS_INLINE dword columns_solve_vector(const dword *gram_row, real value, int c, int a, int q,
                                         int offset, real weight_sum, int running, __local fit_share *share) {
    real step = 0;
    columns_correction(value, &step, c, q, offset, weight_sum, running, share);
    return columns_solve(gram_row, dw_make(value), dw_make(step), c, a, q, offset, weight_sum, running, share);
}

__kernel __attribute__((reqd_work_group_size(FIT_GROUP_SIZE, 1, 1)))
void fit_problem_columns(__global const real *table, int table_rows,
                         __global const int *row_indices, __global const int *descriptors,
                         int problem_count, int coefficient_stride,
                         __global real *coefficients, __global real *standard_errors,
                         __global real *statistics, __global int *counts) {
    __local fit_share shares[FIT_PROBLEMS_PER_GROUP];
    int slot = (int)get_local_id(0) / WIDTH;
    int c = (int)get_local_id(0) % WIDTH;
    __local fit_share *share = shares + slot;
    int first = (int)get_group_id(0) * FIT_PROBLEMS_PER_GROUP;
    int k = first + slot;
    int active = k < problem_count;
    // The rows of the work-group's longest problem: the row loops with barriers run that often.
    int group_rows = 0;
    for (int g = first; g < min(first + FIT_PROBLEMS_PER_GROUP, problem_count); ++g) {
        group_rows = max(group_rows, descriptors[g * DESCRIPTOR_STRIDE + D_ROW_COUNT]);
    }
    __global const int *descriptor = descriptors + min(k, problem_count - 1) * DESCRIPTOR_STRIDE;
    __global const int *rows = row_indices + descriptor[D_ROW_START];
    int row_count = active ? descriptor[D_ROW_COUNT] : 0;
    int weight_column = descriptor[D_WEIGHTS];
    int weighted = weight_column >= 0;
    int has_intercept = FIXED_INTERCEPT >= 0 ? FIXED_INTERCEPT : descriptor[D_INTERCEPT];
    int q = descriptor[D_REGRESSOR_COUNT];
    int width = q + 1;
    int offset = has_intercept;
    int p = q + offset;
    // Solve index of this work-item: offset + c for a regressor's column, 0 (the intercept) for the response's.
    int a = c < q ? offset + c : c == q && offset ? 0 : -1;
    int leader = active && c == q; // writes the problem's counts and statistics
    // Outputs are addressed where they are written (fewer registers held throughout).
    int coefficient_base = k * coefficient_stride;
    int statistic_base = k * FIT_STATISTIC_STRIDE;
    int count_base = k * FIT_COUNT_STRIDE;

    // Pass 1: weight sum and rows with positive weight (on every work-item), the mean of column c.
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
    }
    int fitting = active && positive_rows > p;
    mean = has_intercept ? mean / weight_sum : (real)0;
    if (c < width) share->means[c] = mean;

    // Pass 2: rotate the centred rows into R, step j by the work-item of column j; column norms.
    real column[WIDTH]; // R's column c: column[j] = R_jc, j <= c
    _Pragma("unroll") for (int j = 0; j < WIDTH; ++j) column[j] = 0;
    real norm_square = 0;
    real diagonal = 0; // R_cc (only step c changes it)
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

    // R into local memory, where the substitutions read it.
    _Pragma("unroll") for (int j = 0; j < WIDTH; ++j) {
        if (j <= c) share->factor[factor_index(j, c)] = column[j];
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // Rank test, column by column.
    share->entry_hi[c] = fitting && c < q && (norm_square == (real)0 || fabs(diagonal) <= (real)RANK_TOL * sqrt(norm_square));
    barrier(CLK_LOCAL_MEM_FENCE);
    int rank_deficient = 0;
    for (int j = 0; j < q; ++j) rank_deficient |= share->entry_hi[j] != (real)0;
    if (fitting && rank_deficient) {
        if (leader) counts[count_base + FIT_STATUS] = STATUS_RANK_DEFICIENT;
        fitting = 0;
    }

    // Back-substitution for the slopes: the refinement's starting point.
    real top = c < q ? share->factor[factor_index(c, q)] : (real)0; // R_cq, the slope's right-hand side
    real slope = columns_back_substitute(top, c, q, fitting, share);

    // Refinement of the QR solution: row a of G and (A^T W y_c)_a in double-word arithmetic (compensated
    // sums), one pass; the entries below the diagonal are summed as fit_problems sums their mirror images.
    compensated_sum sums[WIDTH + 1]; // sums[b] = G_ab (b < p), sums[p] = (A^T W y_c)_a
    _Pragma("unroll") for (int b = 0; b <= WIDTH; ++b) sums[b] = cs_make();
    int owns_index = fitting && a >= 0;
    int own_variable = a >= offset ? variable_column(descriptor, a - offset, q) : 0;
    for (int i = 0; i < (owns_index ? row_count : 0); ++i) {
        int row_index = rows[i];
        real w = weighted ? table[weight_column * table_rows + row_index] : (real)1;
        dword own = a >= offset ? dw_two_sum(table[own_variable * table_rows + row_index], -share->means[a - offset]) : dw_make(1);
        dword own_scaled = weighted ? dw_mul_real(own, w) : own;
        _Pragma("unroll") for (int b = 0; b <= WIDTH; ++b) {
            if (b <= p) {
                dword design = b >= offset
                    ? dw_two_sum(table[variable_column(descriptor, b - offset, q) * table_rows + row_index], -share->means[b - offset])
                    : dw_make(1);
                dword scaled = weighted ? dw_mul_real(design, w) : design;
                dword term = b < a ? (b < offset ? own_scaled : dw_mul(scaled, own))
                                   : (a < offset ? scaled : dw_mul(own_scaled, design));
                sums[b] = cs_add(sums[b], term);
            }
        }
    }
    dword gram_row[WIDTH];
    dword moment = dw_make(0);
    _Pragma("unroll") for (int b = 0; b <= WIDTH; ++b) {
        dword value = cs_value(sums[b]);
        if (b < WIDTH) gram_row[b] = value;
        if (b == p) moment = value;
    }
    dword start = dw_make(c < q ? slope : (real)0);
    dword solution = columns_solve(gram_row, moment, start, c, a, q, offset, weight_sum, fitting, share);
    if (fitting && a >= offset) coefficients[coefficient_base + a] = solution.hi;

    // Residual sum of squares from double-word residuals: WIDTH rows at a time, summed in row order by the leader.
    if (fitting && a >= 0) set_shared_entry(share, a, solution);
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
    // b0 = m_y + z0 - sum b_j m_j.
    if (fitting && leader && has_intercept) {
        dword intercept = dw_add(dw_make(share->means[q]), shared_entry(share, 0));
        for (int j = 0; j < q; ++j) intercept = dw_sub(intercept, dw_mul_real(shared_entry(share, 1 + j), share->means[j]));
        coefficients[coefficient_base + 0] = intercept.hi;
    }
    if (fitting && leader) {
        real rss = cs_value(rss_sum).hi;
        real variance = rss / (real)(positive_rows - p);
        real tss = norm_square;
        statistics[statistic_base + FIT_RESIDUAL_STANDARD_ERROR] = sqrt(variance);
        statistics[statistic_base + FIT_R_SQUARED] = tss > (real)0 ? (real)1 - rss / tss : (real)NAN;
        share->forward[0] = variance;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    real variance = share->forward[0];
    barrier(CLK_LOCAL_MEM_FENCE);

    // Standard errors from the refined diagonal of G^-1: slope j, then (target MAX_Q) the intercept with
    // Var(b0) = sigma^2 v^T G^-1 v, v = (1, -m_1, ..., -m_q).
    for (int target = 0; target <= MAX_Q; ++target) {
        int slope_target = target < q;
        int solving = fitting && (slope_target || (target == MAX_Q && has_intercept));
        real value = slope_target ? (a == offset + target ? (real)1 : (real)0)
                   : a == 0 ? (real)1 : a > 0 ? -share->means[a - 1] : (real)0;
        dword refined = columns_solve_vector(gram_row, value, c, a, q, offset, weight_sum, solving, share);
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
    }
    if (fitting && leader) counts[count_base + FIT_STATUS] = STATUS_OK;
    // What the fit did not reach is zero.
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
            statistics[statistic_base + FIT_RESIDUAL_STANDARD_ERROR] = 0;
            statistics[statistic_base + FIT_R_SQUARED] = 0;
        }
    }
}

#endif
