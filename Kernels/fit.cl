// One least-squares fit per work-item: Givens QR of the centred design, row by row, then iterative
// refinement of the normal equations accumulated in double-word arithmetic (see
// Sources/TrendFit/Numerics/LeastSquaresRefinement.swift for the method and its references).
// Mirrors Sources/TrendFit/Numerics/StreamingQRFit.swift and LeastSquaresRefinement.swift
// operation for operation.

#ifndef REFINEMENT_STEPS
#define REFINEMENT_STEPS 10 // most corrections per refined solve (LeastSquaresRefinement.maxSteps)
#endif
// A constant intercept offset keeps the refinement's arrays, indexed offset + j, in registers.
#ifndef FIXED_INTERCEPT
#define FIXED_INTERCEPT -1 // 1 or 0 when every problem of the batch has an intercept or none has, else -1
#endif

// Fit statuses (KernelABI: FitStatus) and the per-problem outputs (KernelABI.FitCountSlot, FitStatisticSlot).
#ifndef STATUS_OK
#define STATUS_OK 0 // the fit succeeded
#endif
#ifndef STATUS_RANK_DEFICIENT
#define STATUS_RANK_DEFICIENT 1 // the design is rank-deficient
#endif
#ifndef STATUS_TOO_FEW_ROWS
#define STATUS_TOO_FEW_ROWS 2 // no more rows of positive weight than coefficients
#endif
#ifndef FIT_POSITIVE_ROWS
#define FIT_POSITIVE_ROWS 0 // counts slot: rows of positive weight
#endif
#ifndef FIT_STATUS
#define FIT_STATUS 1 // counts slot: the fit status
#endif
#ifndef FIT_COUNT_STRIDE
#define FIT_COUNT_STRIDE 2 // ints per problem in counts
#endif
#ifndef FIT_RESIDUAL_STANDARD_ERROR
#define FIT_RESIDUAL_STANDARD_ERROR 0 // statistics slot: residual standard error
#endif
#ifndef FIT_R_SQUARED
#define FIT_R_SQUARED 1 // statistics slot: R squared (NaN for a constant response)
#endif
#ifndef FIT_STATISTIC_STRIDE
#define FIT_STATISTIC_STRIDE 2 // reals per problem in statistics
#endif

// P^-1 v and its size v^T P^-1 v, P = diag(W, R^T R) (R alone without intercept).
FORM_INLINE real refinement_correction(const real *vector, real *step, const real *factor, int q, int offset,
                                  real weight_sum) {
    real size = 0;
    if (offset) {
        step[0] = vector[0] / weight_sum;
        size += vector[0] * step[0];
    }
    real h[WIDTH];
    FOR_RANGE(j, 0, q, MAX_Q) {
        real sum = vector[offset + j];
        FOR_RANGE(k, 0, j, MAX_Q) sum -= factor[k * WIDTH + j] * h[k];
        h[j] = sum / factor[j * WIDTH + j];
        size += h[j] * h[j];
    }
    FOR_RANGE_DOWN(j, 0, q, MAX_Q) {
        real sum = h[j];
        FOR_RANGE(k, j + 1, q, MAX_Q) sum -= factor[j * WIDTH + k] * step[offset + k];
        step[offset + j] = sum / factor[j * WIDTH + j];
    }
    return size;
}

// Refines the solution of G z = rhs from `solution`; the iterate with the smallest correction goes to `best`.
FORM_INLINE void refinement_solve(const dword *gram, const dword *rhs, dword *solution, dword *best, const real *factor,
                             int q, int offset, real weight_sum) {
    int size = q + offset;
    real previous = (real)INFINITY;
    real residual[WIDTH];
    real step[WIDTH];
    FOR_RANGE(a, 0, size, WIDTH) best[a] = solution[a];
    for (int iteration = 0; iteration < REFINEMENT_STEPS; ++iteration) {
        FOR_RANGE(a, 0, size, WIDTH) {
            dword sum = rhs[a];
            FOR_RANGE(b, 0, size, WIDTH) sum = dw_sub(sum, dw_mul(gram[a * WIDTH + b], solution[b]));
            residual[a] = sum.hi;
        }
        real step_size = refinement_correction(residual, step, factor, q, offset, weight_sum);
        if (!(step_size < previous)) break;
        FOR_RANGE(a, 0, size, WIDTH) best[a] = solution[a];
        if (step_size == (real)0 || step_size > previous / (real)4) break;
        previous = step_size;
        FOR_RANGE(a, 0, size, WIDTH) solution[a] = dw_add_real(solution[a], step[a]);
    }
}

// The refined G^-1 v, starting from P^-1 v.
FORM_INLINE void refinement_solve_vector(const dword *gram, const real *vector, dword *column, const real *factor, int q,
                                    int offset, real weight_sum) {
    real step[WIDTH];
    dword rhs[WIDTH];
    dword start[WIDTH];
    refinement_correction(vector, step, factor, q, offset, weight_sum);
    FOR_RANGE(a, 0, q + offset, WIDTH) {
        rhs[a] = dw_make(vector[a]);
        start[a] = dw_make(step[a]);
    }
    refinement_solve(gram, rhs, start, column, factor, q, offset, weight_sum);
}

// The CPU form's fit (the GPU form's is fit_problem_columns, fit_columns.cl).
#if KERNEL_FORM == KERNEL_FORM_CPU
__kernel void fit_problems(__global const real *table, int table_rows,
                           __global const int *row_indices, __global const int *descriptors,
                           int problem_count, int coefficient_stride,
                           __global real *coefficients, __global real *standard_errors,
                           __global real *statistics, __global int *counts) {
    int k = get_global_id(0);
    if (k >= problem_count) return;
    __global const int *descriptor = descriptors + k * DESCRIPTOR_STRIDE;
    __global const int *rows = row_indices + descriptor[D_ROW_START];
    int row_count = descriptor[D_ROW_COUNT];
    int weight_column = descriptor[D_WEIGHTS];
    int has_intercept = FIXED_INTERCEPT >= 0 ? FIXED_INTERCEPT : descriptor[D_INTERCEPT];
    int q = descriptor[D_REGRESSOR_COUNT];
    int width = q + 1;
    int p = q + has_intercept;
    __global real *coefficient_out = coefficients + k * coefficient_stride;
    __global real *error_out = standard_errors + k * coefficient_stride;
    for (int j = 0; j < coefficient_stride; ++j) {
        coefficient_out[j] = 0;
        error_out[j] = 0;
    }
    __global real *statistic_out = statistics + k * FIT_STATISTIC_STRIDE;
    __global int *count_out = counts + k * FIT_COUNT_STRIDE;
    statistic_out[FIT_RESIDUAL_STANDARD_ERROR] = 0;
    statistic_out[FIT_R_SQUARED] = 0;

    // Pass 1: weight sum, rows with positive weight, weighted means.
    real weight_sum = 0;
    int positive_rows = 0;
    real means[WIDTH];
    FOR_RANGE(j, 0, width, WIDTH) means[j] = 0;
    for (int i = 0; i < row_count; ++i) {
        int row = rows[i];
        real w = weight_column < 0 ? (real)1 : table[weight_column * table_rows + row];
        if (w > (real)0) positive_rows += 1;
        weight_sum += w;
        FOR_RANGE(j, 0, width, WIDTH) means[j] += w * table[variable_column(descriptor, j, q) * table_rows + row];
    }
    count_out[FIT_POSITIVE_ROWS] = positive_rows;
    count_out[FIT_STATUS] = STATUS_TOO_FEW_ROWS;
    if (positive_rows <= p) return;
    FOR_RANGE(j, 0, width, WIDTH) means[j] = has_intercept ? means[j] / weight_sum : (real)0;

    // Pass 2: rotate the centred rows into R; column norms for the rank test.
    real factor[WIDTH * WIDTH];
    real column_norm_squares[WIDTH];
    real incoming[WIDTH];
    FOR_RANGE(j, 0, WIDTH * WIDTH, WIDTH * WIDTH) factor[j] = 0;
    FOR_RANGE(j, 0, width, WIDTH) column_norm_squares[j] = 0;
    for (int i = 0; i < row_count; ++i) {
        int row = rows[i];
        real scale = weight_column < 0 ? (real)1 : sqrt(table[weight_column * table_rows + row]);
        FOR_RANGE(j, 0, width, WIDTH) {
            incoming[j] = scale * (table[variable_column(descriptor, j, q) * table_rows + row] - means[j]);
            column_norm_squares[j] += incoming[j] * incoming[j];
        }
        givens_rotate_row(incoming, factor, width);
    }

    FOR_RANGE(j, 0, q, MAX_Q) {
        real diagonal = fabs(factor[j * WIDTH + j]);
        if (column_norm_squares[j] == (real)0 || diagonal <= (real)RANK_TOL * sqrt(column_norm_squares[j])) {
            count_out[FIT_STATUS] = STATUS_RANK_DEFICIENT;
            return;
        }
    }

    // Back-substitution for the slopes: the refinement's starting point.
    real slopes[WIDTH];
    FOR_RANGE_DOWN(j, 0, q, MAX_Q) {
        real sum = factor[j * WIDTH + q];
        FOR_RANGE(l, j + 1, q, MAX_Q) sum -= factor[j * WIDTH + l] * slopes[l];
        slopes[j] = sum / factor[j * WIDTH + j];
    }

    // Refinement of the QR solution: G and A^T W y_c in double-word arithmetic (compensated sums), one pass. The row
    // [a_i, y_c] is scaled by w_i once; the intercept's entries add w_i [a_i, y_c]_b with no product.
    int offset = has_intercept;
    int weighted = weight_column >= 0;
    compensated_sum gram_sums[WIDTH * WIDTH];
    compensated_sum moment_sums[WIDTH];
    dword design[WIDTH + 1];
    dword scaled[WIDTH + 1];
    FOR_RANGE(a, 0, p, WIDTH) {
        moment_sums[a] = cs_make();
        FOR_RANGE(b, 0, p, WIDTH) gram_sums[a * WIDTH + b] = cs_make();
    }
    FOR_RANGE(b, 0, p + 1, WIDTH + 1) design[b] = dw_make(1);
    for (int i = 0; i < row_count; ++i) {
        int row = rows[i];
        real w = weight_column < 0 ? (real)1 : table[weight_column * table_rows + row];
        FOR_RANGE(b, 0, p + 1, WIDTH + 1) {
            if (b >= offset) {
                design[b] = dw_two_sum(table[variable_column(descriptor, b - offset, q) * table_rows + row], -means[b - offset]);
            }
            scaled[b] = weighted ? dw_mul_real(design[b], w) : design[b];
        }
        FOR_RANGE(a, 0, p, WIDTH) {
            FOR_RANGE(b, a, p + 1, WIDTH + 1) {
                dword term = a < offset ? scaled[b] : dw_mul(scaled[a], design[b]);
                if (b == p) {
                    moment_sums[a] = cs_add(moment_sums[a], term);
                } else {
                    gram_sums[a * WIDTH + b] = cs_add(gram_sums[a * WIDTH + b], term);
                }
            }
        }
    }
    dword gram[WIDTH * WIDTH];
    dword moments[WIDTH];
    FOR_RANGE(a, 0, p, WIDTH) {
        moments[a] = cs_value(moment_sums[a]);
        FOR_RANGE(b, 0, p, WIDTH) gram[a * WIDTH + b] = cs_value(gram_sums[a * WIDTH + b]);
    }
    FOR_RANGE(a, 0, p, WIDTH) {
        FOR_RANGE(b, 0, a, WIDTH) gram[a * WIDTH + b] = gram[b * WIDTH + a];
    }
    dword start[WIDTH];
    dword solution[WIDTH];
    start[0] = dw_make(0);
    FOR_RANGE(j, 0, q, MAX_Q) start[offset + j] = dw_make(slopes[j]);
    refinement_solve(gram, moments, start, solution, factor, q, offset, weight_sum);

    // Residual sum of squares from double-word residuals.
    compensated_sum rss_sum = cs_make();
    for (int i = 0; i < row_count; ++i) {
        int row = rows[i];
        dword residual = dw_two_sum(table[variable_column(descriptor, q, q) * table_rows + row], -means[q]);
        if (has_intercept) residual = dw_sub(residual, solution[0]);
        FOR_RANGE(j, 0, q, MAX_Q) {
            dword centred = dw_two_sum(table[variable_column(descriptor, j, q) * table_rows + row], -means[j]);
            residual = dw_sub(residual, dw_mul(solution[offset + j], centred));
        }
        dword square = dw_mul(residual, residual);
        rss_sum = cs_add(rss_sum, weighted ? dw_mul_real(square, table[weight_column * table_rows + row]) : square);
    }
    real rss = cs_value(rss_sum).hi;
    real variance = rss / (real)(positive_rows - p);
    real tss = column_norm_squares[q];
    statistic_out[FIT_RESIDUAL_STANDARD_ERROR] = sqrt(variance);
    statistic_out[FIT_R_SQUARED] = tss > (real)0 ? (real)1 - rss / tss : (real)NAN;

    // Standard errors from the refined diagonal of G^-1.
    real vector[WIDTH];
    dword column[WIDTH];
    FOR_RANGE(j, 0, q, MAX_Q) {
        FOR_RANGE(a, 0, p, WIDTH) vector[a] = 0;
        vector[offset + j] = 1;
        refinement_solve_vector(gram, vector, column, factor, q, offset, weight_sum);
        coefficient_out[offset + j] = solution[offset + j].hi;
        error_out[offset + j] = sqrt(variance * column[offset + j].hi);
    }
    if (has_intercept) {
        // b0 = m_y + z0 - sum b_j m_j, and Var(b0) = sigma^2 v^T G^-1 v with v = (1, -m_1, ..., -m_q).
        dword intercept = dw_add(dw_make(means[q]), solution[0]);
        FOR_RANGE(j, 0, q, MAX_Q) intercept = dw_sub(intercept, dw_mul_real(solution[1 + j], means[j]));
        vector[0] = 1;
        FOR_RANGE(j, 0, q, MAX_Q) vector[1 + j] = -means[j];
        refinement_solve_vector(gram, vector, column, factor, q, offset, weight_sum);
        dword variance_factor = dw_make(0);
        FOR_RANGE(a, 0, p, WIDTH) variance_factor = dw_add(variance_factor, dw_mul_real(column[a], vector[a]));
        coefficient_out[0] = intercept.hi;
        error_out[0] = sqrt(variance * variance_factor.hi);
    }
    count_out[FIT_STATUS] = STATUS_OK;
}
#endif
