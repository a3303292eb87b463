// One least-squares fit per work-item: Givens QR of the centred design, row by row.
// Mirrors Sources/TrendFit/Numerics/StreamingQRFit.swift operation for operation.

#define STATUS_OK 0
#define STATUS_RANK_DEFICIENT 1
#define STATUS_TOO_FEW_ROWS 2

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
    int has_intercept = descriptor[D_INTERCEPT];
    int q = descriptor[D_REGRESSOR_COUNT];
    int width = q + 1;
    int p = q + has_intercept;
    __global real *coefficient_out = coefficients + k * coefficient_stride;
    __global real *error_out = standard_errors + k * coefficient_stride;
    for (int j = 0; j < coefficient_stride; ++j) {
        coefficient_out[j] = 0;
        error_out[j] = 0;
    }
    statistics[2 * k] = 0;
    statistics[2 * k + 1] = 0;

    // Pass 1: weight sum, rows with positive weight, weighted means.
    real weight_sum = 0;
    int positive_rows = 0;
    real means[WIDTH];
    for (int j = 0; j < width; ++j) means[j] = 0;
    for (int i = 0; i < row_count; ++i) {
        int row = rows[i];
        real w = weight_column < 0 ? (real)1 : table[weight_column * table_rows + row];
        if (w > (real)0) positive_rows += 1;
        weight_sum += w;
        for (int j = 0; j < width; ++j) means[j] += w * table[variable_column(descriptor, j, q) * table_rows + row];
    }
    counts[2 * k] = positive_rows;
    counts[2 * k + 1] = STATUS_TOO_FEW_ROWS;
    if (positive_rows <= p) return;
    for (int j = 0; j < width; ++j) means[j] = has_intercept ? means[j] / weight_sum : (real)0;

    // Pass 2: rotate the centred rows into R; column norms for the rank test.
    real factor[WIDTH * WIDTH];
    real column_norm_squares[WIDTH];
    real incoming[WIDTH];
    for (int j = 0; j < WIDTH * WIDTH; ++j) factor[j] = 0;
    for (int j = 0; j < width; ++j) column_norm_squares[j] = 0;
    for (int i = 0; i < row_count; ++i) {
        int row = rows[i];
        real scale = weight_column < 0 ? (real)1 : sqrt(table[weight_column * table_rows + row]);
        for (int j = 0; j < width; ++j) {
            incoming[j] = scale * (table[variable_column(descriptor, j, q) * table_rows + row] - means[j]);
            column_norm_squares[j] += incoming[j] * incoming[j];
        }
        givens_rotate_row(incoming, factor, width);
    }

    for (int j = 0; j < q; ++j) {
        real diagonal = fabs(factor[j * WIDTH + j]);
        if (column_norm_squares[j] == (real)0 || diagonal <= (real)RANK_TOL * sqrt(column_norm_squares[j])) {
            counts[2 * k + 1] = STATUS_RANK_DEFICIENT;
            return;
        }
    }

    // Back-substitution for the slopes.
    real slopes[WIDTH];
    for (int j = q - 1; j >= 0; --j) {
        real sum = factor[j * WIDTH + q];
        for (int l = j + 1; l < q; ++l) sum -= factor[j * WIDTH + l] * slopes[l];
        slopes[j] = sum / factor[j * WIDTH + j];
    }

    real rss = factor[q * WIDTH + q] * factor[q * WIDTH + q];
    real variance = rss / (real)(positive_rows - p);
    real tss = column_norm_squares[q];
    statistics[2 * k] = sqrt(variance);
    statistics[2 * k + 1] = tss > (real)0 ? (real)1 - rss / tss : (real)NAN;

    // Inverse of the regressors' factor (upper triangular, row-major q x q in a WIDTH stride).
    real inverse[WIDTH * WIDTH];
    for (int j = 0; j < q; ++j) {
        inverse[j * WIDTH + j] = (real)1 / factor[j * WIDTH + j];
        for (int i = j - 1; i >= 0; --i) {
            real sum = 0;
            for (int l = i; l < j; ++l) sum += inverse[i * WIDTH + l] * factor[l * WIDTH + j];
            inverse[i * WIDTH + j] = -sum / factor[j * WIDTH + j];
        }
    }

    int offset = has_intercept;
    for (int j = 0; j < q; ++j) {
        real sum = 0;
        for (int l = j; l < q; ++l) sum += inverse[j * WIDTH + l] * inverse[j * WIDTH + l];
        coefficient_out[offset + j] = slopes[j];
        error_out[offset + j] = sqrt(variance * sum);
    }
    if (has_intercept) {
        real intercept = means[q];
        for (int j = 0; j < q; ++j) intercept -= slopes[j] * means[j];
        real leverage = (real)1 / weight_sum;
        for (int l = 0; l < q; ++l) {
            real component = 0;
            for (int j = 0; j <= l; ++j) component += means[j] * inverse[j * WIDTH + l];
            leverage += component * component;
        }
        coefficient_out[0] = intercept;
        error_out[0] = sqrt(variance * leverage);
    }
    counts[2 * k + 1] = STATUS_OK;
}
