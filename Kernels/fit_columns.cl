// GPU form of the fit (KernelForm.gpu): the operations of fit.cl's fit_problems, in the same order,
// shared by the work-items of a work-group so that no work-item holds a p x p matrix, and split into
// launches that pass the fit's state through a global buffer (FIT_STATE_STRIDE reals per problem), so
// that no launch keeps every phase's state live (registers bound the waves a compute unit runs):
// fit_columns_rotate (means, rotations into R, rank test), fit_columns_gram (the double-word normal
// matrix, a work-item per entry), fit_columns_solve (slopes, refinement), fit_columns_residuals (residual sum of
// squares, intercept, statistics), then fit_columns_errors once per standard error target
// (0 ... MAX_Q, the last also zeroing what the fit did not reach). A work-group fits
// FIT_PROBLEMS_PER_GROUP problems with WIDTH work-items each. In the rotations the work-item of column c
// owns column c of R, then stores it in the state buffer, where the substitutions read R by row and by
// column; from the normal matrix on it owns solve index a = offset + c (c < q) or the intercept's index
// 0 (c == q), reading row a of the double-word normal matrix from the state buffer. Rotation
// parameters, substitution steps and iterates pass through __local memory; whatever a launch can read
// again from the state buffer or local memory it reads where it uses it rather than keeping it in
// registers. Loops that meet a barrier
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

// What the work-items of a work-group share within a launch: five arrays of a real per work-item, each
// serving the phases in turn, a problem's WIDTH entries of each from slot * WIDTH on. A problem's
// `share` points at its first entry; share[SHARE_MEANS + i] ... share[SHARE_ENTRY_LO + i] are its
// entries (array by array, so that the array offsets are constants of the local memory addresses).
#ifndef SHARE_MEANS
#define SHARE_MEANS 0 // the weighted means by variable
#endif
#ifndef SHARE_FORWARD
#define SHARE_FORWARD FIT_GROUP_SIZE // forward substitution steps ([q]: the intercept's share); cosines; squared residuals (hi)
#endif
#ifndef SHARE_BACKWARD
#define SHARE_BACKWARD (2 * FIT_GROUP_SIZE) // back substitution results; the rotations' sines; squared residuals (lo)
#endif
#ifndef SHARE_ENTRY_HI
#define SHARE_ENTRY_HI (3 * FIT_GROUP_SIZE) // iterate, solution or refined column of G^-1 (hi); rotation kinds; rank test
#endif
#ifndef SHARE_ENTRY_LO
#define SHARE_ENTRY_LO (4 * FIT_GROUP_SIZE) // iterate, solution or refined column of G^-1 by solve index (lo)
#endif
#ifndef SHARE_REALS
#define SHARE_REALS (5 * FIT_GROUP_SIZE) // reals of local memory per work-group
#endif

// Entry `index` of the double-word vector in `share`.
ALWAYS_INLINE dword shared_entry(__local const real *share, int index) {
    dword z = {share[SHARE_ENTRY_HI + index], share[SHARE_ENTRY_LO + index]};
    return z;
}

// Sets entry `index` of the double-word vector in `share`.
ALWAYS_INLINE void set_shared_entry(__local real *share, int index, dword value) {
    share[SHARE_ENTRY_HI + index] = value.hi;
    share[SHARE_ENTRY_LO + index] = value.lo;
}

// Entry b of a double-word row of G in the state buffer.
ALWAYS_INLINE dword gram_entry(__global const real *row, int b) {
    dword z = {row[2 * b], row[2 * b + 1]};
    return z;
}

// The back substitution of refinement_correction (and of the slopes) with R in the state buffer: the
// work-item of column c < q holds `top` and gets its result.
ALWAYS_INLINE real columns_back_substitute(real top, int c, int q, int running, __global const real *state,
                                           __local real *share) {
    real result = 0;
    _Pragma("unroll") for (int j = MAX_Q - 1; j >= 0; --j) {
        if (running && c == j && j < q) {
            real sum = top;
            _Pragma("unroll") for (int k = j + 1; k < MAX_Q; ++k) {
                if (k < q) sum -= state[FIT_STATE_FACTOR + factor_index(j, k)] * share[SHARE_BACKWARD + k];
            }
            result = sum / state[FIT_STATE_FACTOR + factor_index(j, j)];
            share[SHARE_BACKWARD + j] = result;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    return result;
}

// refinement_correction: P^-1 v and its size. The work-item of column c < q holds v[offset + c] in
// `value` and gets step[offset + c]; that of column q holds v[0] and gets step[0] when the model has an
// intercept. Returns the size, the same on every work-item of the problem.
ALWAYS_INLINE real columns_correction(real value, real *step, int c, int q, int offset, int running,
                                      __global const real *state, __local real *share) {
    if (running && offset && c == q) {
        *step = value / state[FIT_STATE_WEIGHT_SUM];
        share[SHARE_FORWARD + q] = value * *step;
    }
    real sum = value;
    real h = 0;
    _Pragma("unroll") for (int j = 0; j < MAX_Q; ++j) {
        if (running && c == j && j < q) {
            h = sum / state[FIT_STATE_FACTOR + factor_index(j, j)];
            share[SHARE_FORWARD + j] = h;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (running && c > j && c < q) sum -= state[FIT_STATE_FACTOR + factor_index(j, c)] * share[SHARE_FORWARD + j];
    }
    real size = 0;
    if (running) {
        if (offset) size += share[SHARE_FORWARD + q];
        FOR_RANGE(j, 0, q, MAX_Q) size += share[SHARE_FORWARD + j] * share[SHARE_FORWARD + j];
    }
    real result = columns_back_substitute(h, c, q, running, state, share);
    if (c < q) *step = result;
    return size;
}

// Entry a of the refinement's right-hand side: the moment (A^T W y_c)_a from `gram_row` (the solution,
// target < 0), or for the standard error of `target` entry a of e_target (a slope, target < q) or of
// v = (1, -m_1, ..., -m_q) (the intercept). Read where it is used rather than kept in registers.
ALWAYS_INLINE dword solve_rhs(__global const real *gram_row, int target, int a, int q, int offset,
                              __local const real *share) {
    if (target < 0) return gram_entry(gram_row, WIDTH);
    real value = target < q ? (a == offset + target ? (real)1 : (real)0)
               : a == 0 ? (real)1 : a > 0 ? -share[SHARE_MEANS + a - 1] : (real)0;
    return dw_make(value);
}

// refinement_solve: the work-item of solve index a >= 0 reads row a of G from `gram_row`, rhs[a]
// (solve_rhs of `target`) and starts from `iterate`; returns entry a of the iterate with the smallest
// correction. The iterate lies in `share`, where every work-item of the problem reads it; a work-item
// stores its next entry after the correction, whose barriers follow every read of the current one.
ALWAYS_INLINE dword columns_solve(__global const real *gram_row, int target, dword iterate, int c, int a, int q,
                                  int offset, int running, __global const real *state,
                                  __local real *share) {
    int size = q + offset;
    real previous = (real)INFINITY;
    dword best = iterate;
    if (running && a >= 0) set_shared_entry(share, a, iterate);
    for (int iteration = 0; iteration < REFINEMENT_STEPS; ++iteration) {
        barrier(CLK_LOCAL_MEM_FENCE);
        real residual = 0;
        if (running && a >= 0) {
            dword sum = solve_rhs(gram_row, target, a, q, offset, share);
            _Pragma("unroll") for (int b = 0; b < WIDTH; ++b) {
                if (b < size) sum = dw_sub(sum, dw_mul(gram_entry(gram_row, b), shared_entry(share, b)));
            }
            residual = sum.hi;
        }
        real step = 0;
        real step_size = columns_correction(residual, &step, c, q, offset, running, state, share);
        if (running) {
            if (!(step_size < previous)) {
                running = 0;
            } else {
                if (a >= 0) best = shared_entry(share, a);
                if (step_size == (real)0 || step_size > previous / (real)4) {
                    running = 0;
                } else {
                    previous = step_size;
                    if (a >= 0) set_shared_entry(share, a, dw_add_real(best, step));
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

// A work-item's problem k and column c (FIT_COLUMNS_SETUP), the problem's shape, its solve index a and
// its state.
#define FIT_COLUMNS_SETUP \
    int slot = (int)get_local_id(0) / WIDTH; \
    int c = (int)get_local_id(0) % WIDTH; \
    int first = (int)get_group_id(0) * FIT_PROBLEMS_PER_GROUP; \
    int k = first + slot; \
    FIT_PROBLEM_SETUP

// The shape, solve index a and state of problem k for the work-item of column c.
#define FIT_PROBLEM_SETUP \
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
    __local real shares[SHARE_REALS]; \
    FIT_COLUMNS_SETUP \
    __local real *share = shares + slot * WIDTH;

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
    SEQUENTIAL_LOOP for (int i = 0; i < row_count; ++i) {
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
                        // One quotient after the other (a loop the compiler keeps): interleaved, the two
                        // division sequences of fp64 would hold twice the registers.
                        _Pragma("unroll 1") for (int part = 0; part < 2; ++part) {
                            real quotient = (part ? incoming : r) / hypotenuse;
                            if (part) sine = quotient; else cosine = quotient;
                        }
                        column[j] = hypotenuse;
                        kind = ROTATION_APPLY;
                    }
                    diagonal = column[j];
                }
                share[SHARE_ENTRY_HI + j] = kind;
                share[SHARE_FORWARD + j] = cosine;
                share[SHARE_BACKWARD + j] = sine;
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            if (rotating && c > j) {
                int kind = (int)share[SHARE_ENTRY_HI + j];
                if (kind == ROTATION_COPY) {
                    column[j] = incoming;
                } else if (kind == ROTATION_APPLY) {
                    real t = column[j];
                    column[j] = share[SHARE_FORWARD + j] * t + share[SHARE_BACKWARD + j] * incoming;
                    incoming = share[SHARE_FORWARD + j] * incoming - share[SHARE_BACKWARD + j] * t;
                }
            }
            if (rotating && j < width && (int)share[SHARE_ENTRY_HI + j] == ROTATION_COPY) rotating = 0;
        }
    }
    if (active) {
        _Pragma("unroll") for (int j = 0; j < WIDTH; ++j) {
            if (j <= c) state[FIT_STATE_FACTOR + factor_index(j, c)] = column[j];
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    share[SHARE_ENTRY_HI + c] = fitting && c < q && (norm_square == (real)0 || fabs(diagonal) <= (real)RANK_TOL * sqrt(norm_square));
    barrier(CLK_LOCAL_MEM_FENCE);
    int rank_deficient = 0;
    FOR_RANGE(j, 0, q, MAX_Q) rank_deficient |= share[SHARE_ENTRY_HI + j] != (real)0;
    if (fitting && rank_deficient) {
        if (leader) counts[count_base + FIT_STATUS] = STATUS_RANK_DEFICIENT;
        fitting = 0;
    }
    if (leader) {
        state[FIT_STATE_TSS] = norm_square;
        state[FIT_STATE_FITTING] = fitting;
    }
}

// The terms of entry (a, b) of the normal matrix, as fit_problems adds them to the entry or to its
// mirror image (x_0 = 1 where the model has an intercept, w = 1 without weights):
#ifndef GRAM_INTERCEPT_ROW
#define GRAM_INTERCEPT_ROW 0 // a is the intercept's: w x_b
#endif
#ifndef GRAM_INTERCEPT_COLUMN
#define GRAM_INTERCEPT_COLUMN 1 // b is the intercept's, a is not: w x_a
#endif
#ifndef GRAM_BELOW
#define GRAM_BELOW 2 // b < a, neither the intercept's: (w x_b) x_a
#endif
#ifndef GRAM_ABOVE
#define GRAM_ABOVE 3 // b >= a, neither the intercept's: (w x_a) x_b
#endif

// The compensated sum over the problem's rows of the terms of `kind` (a compile-time constant at each
// use, so that each kind's loop holds only what it needs); x_a and x_b are the columns `own_variable`
// and `design_variable` centred in double-word arithmetic (own_mean and design_mean subtracted); x_b is
// 1 where `design_is_one` (the intercept's column).
ALWAYS_INLINE dword gram_sum(int kind, __global const real *table, int table_rows, __global const int *rows,
                             int row_count, int weight_column, int own_variable, real own_mean,
                             int design_variable, real design_mean, int design_is_one) {
    int weighted = weight_column >= 0;
    compensated_sum sum = cs_make();
    SEQUENTIAL_LOOP for (int i = 0; i < row_count; ++i) {
        int row_index = rows[i];
        real w = weighted ? table[weight_column * table_rows + row_index] : (real)1;
        dword term;
        if (kind == GRAM_INTERCEPT_ROW) {
            dword design = design_is_one ? dw_make(1)
                : dw_two_sum(table[design_variable * table_rows + row_index], -design_mean);
            term = weighted ? dw_mul_real(design, w) : design;
        } else {
            dword own = dw_two_sum(table[own_variable * table_rows + row_index], -own_mean);
            dword own_scaled = weighted ? dw_mul_real(own, w) : own;
            if (kind == GRAM_INTERCEPT_COLUMN) {
                term = own_scaled;
            } else {
                dword design = dw_two_sum(table[design_variable * table_rows + row_index], -design_mean);
                dword scaled = weighted ? dw_mul_real(design, w) : design;
                term = kind == GRAM_BELOW ? dw_mul(scaled, own) : dw_mul(own_scaled, design);
            }
        }
        sum = cs_add(sum, term);
    }
    return cs_value(sum);
}

// Launch 2: entry (a, b) of the double-word normal matrix G, or (b == p) the moment (A^T W y_c)_a,
// summed over the rows in double-word arithmetic (a compensated sum), one entry per work-item: WIDTH + 1
// work-items per column c, as many work-items as the other launches times WIDTH + 1 (the host launches
// it so). The entries below the diagonal are summed as fit_problems sums their mirror images. No local
// memory.
__kernel __attribute__((reqd_work_group_size(FIT_GROUP_SIZE, 1, 1)))
void fit_columns_gram(FIT_COLUMNS_ARGUMENTS) {
    int entry = (int)get_global_id(0);
    int b = entry % (WIDTH + 1);
    int c = entry / (WIDTH + 1) % WIDTH;
    int k = entry / (WIDTH + 1) / WIDTH;
    FIT_PROBLEM_SETUP
    int fitting = active && state[FIT_STATE_FITTING] != (real)0;
    if (!fitting || a < 0 || b > p) return;
    int own_variable = a >= offset ? variable_column(descriptor, a - offset, q) : 0;
    real own_mean = a >= offset ? state[FIT_STATE_MEANS + a - offset] : (real)0;
    int design_variable = b >= offset ? variable_column(descriptor, b - offset, q) : 0;
    real design_mean = b >= offset ? state[FIT_STATE_MEANS + b - offset] : (real)0;
    int design_is_one = b < offset;
    dword value;
    if (a < offset) {
        value = gram_sum(GRAM_INTERCEPT_ROW, table, table_rows, rows, row_count, weight_column, own_variable, own_mean,
                         design_variable, design_mean, design_is_one);
    } else if (b < offset) {
        value = gram_sum(GRAM_INTERCEPT_COLUMN, table, table_rows, rows, row_count, weight_column, own_variable, own_mean,
                         design_variable, design_mean, design_is_one);
    } else if (b < a) {
        value = gram_sum(GRAM_BELOW, table, table_rows, rows, row_count, weight_column, own_variable, own_mean,
                         design_variable, design_mean, design_is_one);
    } else {
        value = gram_sum(GRAM_ABOVE, table, table_rows, rows, row_count, weight_column, own_variable, own_mean,
                         design_variable, design_mean, design_is_one);
    }
    __global real *destination = state + FIT_STATE_GRAM + a * FIT_STATE_GRAM_ROW + 2 * (b == p ? WIDTH : b);
    destination[0] = value.hi;
    destination[1] = value.lo;
}

// Launch 3: the slopes by back substitution (the refinement's starting point), then the refinement of
// the QR solution.
__kernel __attribute__((reqd_work_group_size(FIT_GROUP_SIZE, 1, 1)))
void fit_columns_solve(FIT_COLUMNS_ARGUMENTS) {
    FIT_COLUMNS_SHARED_SETUP
    int fitting = active && state[FIT_STATE_FITTING] != (real)0;
    real top = c < q ? state[FIT_STATE_FACTOR + factor_index(c, q)] : (real)0;
    real slope = columns_back_substitute(top, c, q, fitting, state, share);
    __global const real *gram_row = state + FIT_STATE_GRAM + max(a, 0) * FIT_STATE_GRAM_ROW;
    dword start = dw_make(c < q ? slope : (real)0);
    dword solution = columns_solve(gram_row, -1, start, c, a, q, offset, fitting, state, share);
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
    if (c < width) share[SHARE_MEANS + c] = state[FIT_STATE_MEANS + c];
    if (fitting && a >= 0) {
        share[SHARE_ENTRY_HI + a] = state[FIT_STATE_SOLUTION + 2 * a];
        share[SHARE_ENTRY_LO + a] = state[FIT_STATE_SOLUTION + 2 * a + 1];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    compensated_sum rss_sum = cs_make();
    for (int base = 0; base < group_rows; base += WIDTH) {
        int i = base + c;
        if (fitting && i < row_count) {
            int row_index = rows[i];
            dword residual = dw_two_sum(table[variable_column(descriptor, q, q) * table_rows + row_index], -share[SHARE_MEANS + q]);
            if (has_intercept) residual = dw_sub(residual, shared_entry(share, 0));
            FOR_RANGE(j, 0, q, MAX_Q) {
                dword centred = dw_two_sum(table[variable_column(descriptor, j, q) * table_rows + row_index], -share[SHARE_MEANS + j]);
                residual = dw_sub(residual, dw_mul(shared_entry(share, offset + j), centred));
            }
            dword square = dw_mul(residual, residual);
            dword term = weighted ? dw_mul_real(square, table[weight_column * table_rows + row_index]) : square;
            share[SHARE_FORWARD + c] = term.hi;
            share[SHARE_BACKWARD + c] = term.lo;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (fitting && leader) {
            for (int l = 0; l < WIDTH && base + l < row_count; ++l) {
                dword term = {share[SHARE_FORWARD + l], share[SHARE_BACKWARD + l]};
                rss_sum = cs_add(rss_sum, term);
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (fitting && leader && has_intercept) {
        dword intercept = dw_add(dw_make(share[SHARE_MEANS + q]), shared_entry(share, 0));
        FOR_RANGE(j, 0, q, MAX_Q) intercept = dw_sub(intercept, dw_mul_real(shared_entry(share, 1 + j), share[SHARE_MEANS + j]));
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
    if (c < width) share[SHARE_MEANS + c] = state[FIT_STATE_MEANS + c];
    barrier(CLK_LOCAL_MEM_FENCE);
    __global const real *gram_row = state + FIT_STATE_GRAM + max(a, 0) * FIT_STATE_GRAM_ROW;
    int slope_target = target < q;
    int solving = fitting && (slope_target || (target == MAX_Q && has_intercept));
    real value = solve_rhs(gram_row, target, a, q, offset, share).hi;
    real step = 0;
    columns_correction(value, &step, c, q, offset, solving, state, share);
    dword refined = columns_solve(gram_row, target, dw_make(step), c, a, q, offset, solving, state, share);
    real variance = fitting ? state[FIT_STATE_VARIANCE] : (real)0;
    if (solving && slope_target && a == offset + target) {
        standard_errors[coefficient_base + a] = sqrt(variance * refined.hi);
    }
    if (solving && a >= 0) set_shared_entry(share, a, refined);
    barrier(CLK_LOCAL_MEM_FENCE);
    if (solving && !slope_target && a == 0) {
        dword variance_factor = dw_make(0);
        FOR_RANGE(b, 0, p, WIDTH) {
            real entry = b == 0 ? (real)1 : -share[SHARE_MEANS + b - 1];
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
