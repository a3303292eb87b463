// Bootstrap summaries formed where the replicates are drawn (OpenCLBackend+DeviceSummaries.swift):
// the device side of a streamed bootstrap's passes (StreamedBootstrap). After each bootstrap launch,
// one work-item per coefficient reads the launch's replicates in replicate order and does what
// StreamedCoefficient.read does on the host, operation for operation: the value, scaled as the
// host scales it, its count, sum, share below the estimate, largest magnitudes and first NaN (first
// pass), the sum of squared deviations (second pass), and for the value and pivot streams the key
// ranges of StreamedOrderStatistics (count keys in bins, gather values, read signs of zeros). Only
// the totals, the bins holding the wanted ranks and the few gathered values are read back.
// Compiled with prelude.cl (no contraction into fused multiply-adds), in double precision.

#ifndef REPLICATE_OK
#define REPLICATE_OK 0 // the replicate's coefficients are valid
#endif
#ifndef REPLICATE_RANK_DEFICIENT
#define REPLICATE_RANK_DEFICIENT 1 // the resampled design is rank-deficient
#endif
#ifndef SUMMARY_STATUS_COUNT
#define SUMMARY_STATUS_COUNT 3 // replicate statuses counted (others count as rank-deficient)
#endif
#ifndef SUMMARY_COUNT
#define SUMMARY_COUNT 0 // count slot: valid values of the coefficient
#endif
#ifndef SUMMARY_FIRST_NAN
#define SUMMARY_FIRST_NAN 1 // count slot: position of the first NaN among them, -1 for none
#endif
#ifndef SUMMARY_BELOW
#define SUMMARY_BELOW 2 // count slot: values below the estimate
#endif
#ifndef SUMMARY_TIES
#define SUMMARY_TIES 3 // count slot: values equal to the estimate
#endif
#ifndef SUMMARY_PIVOT_COUNT
#define SUMMARY_PIVOT_COUNT 4 // count slot: studentized pivots formed
#endif
#ifndef SUMMARY_BEYOND_RANGE
#define SUMMARY_BEYOND_RANGE 5 // count slot: unscaled values beyond double's range (scaled batches)
#endif
#ifndef SUMMARY_COUNT_STRIDE
#define SUMMARY_COUNT_STRIDE 6 // count slots per coefficient
#endif
#ifndef SUMMARY_SUM
#define SUMMARY_SUM 0 // sum slot: sum of the values in replicate order
#endif
#ifndef SUMMARY_SQUARES
#define SUMMARY_SQUARES 1 // sum slot: sum of squared deviations from the mean in replicate order
#endif
#ifndef SUMMARY_LARGEST
#define SUMMARY_LARGEST 2 // sum slot: largest finite magnitude of the unscaled values
#endif
#ifndef SUMMARY_LARGEST_ERROR
#define SUMMARY_LARGEST_ERROR 3 // sum slot: largest finite magnitude of their standard errors
#endif
#ifndef SUMMARY_SUM_STRIDE
#define SUMMARY_SUM_STRIDE 4 // sum slots per coefficient
#endif
#ifndef SUMMARY_GROUP_STREAM
#define SUMMARY_GROUP_STREAM 0 // group slot: 2j for coefficient j's values, 2j + 1 for its pivots
#endif
#ifndef SUMMARY_GROUP_ACTION
#define SUMMARY_GROUP_ACTION 1 // group slot: SUMMARY_COUNT_KEYS, SUMMARY_GATHER or SUMMARY_ZERO_SIGNS
#endif
#ifndef SUMMARY_GROUP_LOW
#define SUMMARY_GROUP_LOW 2 // group slot: the range's lowest key
#endif
#ifndef SUMMARY_GROUP_HIGH
#define SUMMARY_GROUP_HIGH 3 // group slot: the range's highest key
#endif
#ifndef SUMMARY_GROUP_SHIFT
#define SUMMARY_GROUP_SHIFT 4 // group slot: a key's bin is (key - low) >> shift (bin 0 from 64 on)
#endif
#ifndef SUMMARY_GROUP_OFFSET
#define SUMMARY_GROUP_OFFSET 5 // group slot: first bin, gathered value or zero index of the group
#endif
#ifndef SUMMARY_GROUP_CAPACITY
#define SUMMARY_GROUP_CAPACITY 6 // group slot: its bins, values to gather or zero indices
#endif
#ifndef SUMMARY_GROUP_STRIDE
#define SUMMARY_GROUP_STRIDE 7 // slots per group
#endif
#ifndef SUMMARY_COUNT_KEYS
#define SUMMARY_COUNT_KEYS 0 // action: count the range's keys in bins
#endif
#ifndef SUMMARY_GATHER
#define SUMMARY_GATHER 1 // action: keep the range's values in replicate order
#endif
#ifndef SUMMARY_ZERO_SIGNS
#define SUMMARY_ZERO_SIGNS 2 // action: keep the zeros at the given positions among the stream's zeros
#endif

// The order-preserving key of a NaN-free double (OrderKey.swift): -0 and +0 share one.
ALWAYS_INLINE ulong order_key(double value) {
    const ulong bits = as_ulong(value);
    if (value == 0.0) return (ulong)1 << 63;
    return (bits >> 63) == 0 ? (bits | ((ulong)1 << 63)) : ~bits;
}

// Replicate i's value of coefficient j in a launch's output, replicate-major (the CPU form) or
// coefficient-major (the GPU form).
ALWAYS_INLINE double launch_value(__global const double *values, uint count, int stride, int coefficient_major,
                                  uint i, int j) {
    return coefficient_major ? values[(size_t)j * count + i] : values[(size_t)i * stride + j];
}

// What the host reads of replicate i for coefficient j: its value scaled by 2^exponent after the
// batch's unscaling by 2^unscale (BatchScaling.unscale, then StreamedCoefficient.read), the
// unscaled value and standard error, and the pivot (value - estimate) / se when its scaled
// standard error is positive and finite (CoefficientSummary.pivot).
typedef struct {
    double raw;
    double value;
    double raw_error;
    double pivot;
    int has_pivot;
} replicate_reading;

ALWAYS_INLINE replicate_reading read_replicate(__global const double *coefficients, __global const double *errors,
                                               uint count, int stride, int coefficient_major, int has_errors,
                                               int studentized, uint i, int j, int unscale, int exponent,
                                               double estimate) {
    replicate_reading r;
    r.raw = ldexp(launch_value(coefficients, count, stride, coefficient_major, i, j), unscale);
    r.value = ldexp(r.raw, exponent);
    r.raw_error = has_errors ? ldexp(launch_value(errors, count, stride, coefficient_major, i, j), unscale) : 0.0;
    const double se = ldexp(r.raw_error, exponent);
    r.has_pivot = has_errors && studentized && se > 0.0 && isfinite(se);
    r.pivot = r.has_pivot ? (r.value - estimate) / se : 0.0;
    return r;
}

// Whether replicate i of the launch is valid (every replicate of an unusable problem is not).
ALWAYS_INLINE int replicate_valid(__global const uchar *statuses, int usable, uint i) {
    return usable && statuses[i] == REPLICATE_OK;
}

// Per stream of the launch (2j: coefficient j's values, 2j + 1: its pivots): the lowest and highest
// key and the number of values, in ranges[3s ... 3s + 2]; where the first pass places its bins.
__kernel void summary_key_ranges(__global const double *coefficients, __global const uchar *statuses,
                                 __global const double *errors, uint count, int stride, int coefficient_major,
                                 int usable, int has_errors, int studentized, int coefficients_read,
                                 __global const int *exponents, __global const double *centres,
                                 __global ulong *ranges) {
    const int j = get_global_id(0);
    if (j >= coefficients_read) return;
    ulong low[2] = {ULONG_MAX, ULONG_MAX}, high[2] = {0, 0}, values[2] = {0, 0};
    for (uint i = 0; i < count; ++i) {
        if (!replicate_valid(statuses, usable, i)) continue;
        const replicate_reading r = read_replicate(coefficients, errors, count, stride, coefficient_major, has_errors,
                                                   studentized, i, j, exponents[2 * j], exponents[2 * j + 1],
                                                   centres[2 * j]);
        for (int s = 0; s < 2; ++s) {
            if (s == 1 && !r.has_pivot) continue;
            const ulong key = order_key(s == 0 ? r.value : r.pivot);
            low[s] = min(low[s], key);
            high[s] = max(high[s], key);
            values[s] += 1;
        }
    }
    for (int s = 0; s < 2; ++s) {
        ranges[3 * (2 * j + s)] = low[s];
        ranges[3 * (2 * j + s) + 1] = high[s];
        ranges[3 * (2 * j + s) + 2] = values[s];
    }
}

// Applies the groups of stream `stream` to its next value (in replicate order).
ALWAYS_INLINE void read_groups(double value, ulong stream, __global const ulong *groups, int group_count,
                               __global uint *bins, __global double *gathered, __global ulong *group_counters,
                               __global const ulong *zero_indices, __global double *zeros) {
    const ulong key = order_key(value);
    for (int g = 0; g < group_count; ++g) {
        __global const ulong *group = groups + (size_t)g * SUMMARY_GROUP_STRIDE;
        if (group[SUMMARY_GROUP_STREAM] != stream) continue;
        const ulong low = group[SUMMARY_GROUP_LOW], offset = group[SUMMARY_GROUP_OFFSET];
        const int inside = key - low <= group[SUMMARY_GROUP_HIGH] - low;
        switch ((int)group[SUMMARY_GROUP_ACTION]) {
        case SUMMARY_COUNT_KEYS:
            if (inside) {
                const ulong shift = group[SUMMARY_GROUP_SHIFT];
                bins[offset + (shift >= 64 ? 0 : (key - low) >> shift)] += 1;
            }
            break;
        case SUMMARY_GATHER:
            if (inside && group_counters[2 * g] < group[SUMMARY_GROUP_CAPACITY]) {
                gathered[offset + group_counters[2 * g]] = value;
                group_counters[2 * g] += 1;
            }
            break;
        case SUMMARY_ZERO_SIGNS:
            if (value == 0.0) {
                const ulong read = group_counters[2 * g + 1];
                if (read < group[SUMMARY_GROUP_CAPACITY] && zero_indices[offset + read] == group_counters[2 * g]) {
                    zeros[offset + read] = value;
                    group_counters[2 * g + 1] = read + 1;
                }
                group_counters[2 * g] += 1;
            }
            break;
        }
    }
}

// Reads one launch of replicates into coefficient j's totals (counts[j * SUMMARY_COUNT_STRIDE + slot],
// sums[j * SUMMARY_SUM_STRIDE + slot], carried from launch to launch) and its streams' groups.
// exponents[2j], [2j + 1]: the batch's unscaling and the summary's scaling; centres[2j], [2j + 1]:
// the scaled estimate and (later passes) the mean. Work-item 0 also counts the replicates by status.
__kernel void summary_read_replicates(__global const double *coefficients, __global const uchar *statuses,
                                      __global const double *errors, uint count, int stride, int coefficient_major,
                                      int usable, int has_errors, int studentized, int coefficients_read,
                                      __global const int *exponents, __global const double *centres,
                                      int first_pass, int squares_pass, __global long *counts, __global double *sums,
                                      __global long *status_counts, __global const ulong *groups, int group_count,
                                      __global uint *bins, __global double *gathered, __global ulong *group_counters,
                                      __global const ulong *zero_indices, __global double *zeros) {
    const int j = get_global_id(0);
    if (j >= coefficients_read) return;
    __global long *total = counts + (size_t)j * SUMMARY_COUNT_STRIDE;
    __global double *sum = sums + (size_t)j * SUMMARY_SUM_STRIDE;
    const int unscale = exponents[2 * j], exponent = exponents[2 * j + 1];
    const double estimate = centres[2 * j], mean = centres[2 * j + 1];
    for (uint i = 0; i < count; ++i) {
        if (j == 0 && first_pass) {
            const uchar status = usable ? statuses[i] : REPLICATE_RANK_DEFICIENT;
            status_counts[status < SUMMARY_STATUS_COUNT ? status : REPLICATE_RANK_DEFICIENT] += 1;
        }
        if (!replicate_valid(statuses, usable, i)) continue;
        const replicate_reading r = read_replicate(coefficients, errors, count, stride, coefficient_major, has_errors,
                                                   studentized, i, j, unscale, exponent, estimate);
        if (first_pass) {
            if (unscale != 0 && !isfinite(r.raw)) total[SUMMARY_BEYOND_RANGE] += 1;
            if (isnan(r.value) && total[SUMMARY_FIRST_NAN] < 0) total[SUMMARY_FIRST_NAN] = total[SUMMARY_COUNT];
            if (isfinite(r.raw)) sum[SUMMARY_LARGEST] = fmax(sum[SUMMARY_LARGEST], fabs(r.raw));
            if (has_errors && isfinite(r.raw_error)) {
                sum[SUMMARY_LARGEST_ERROR] = fmax(sum[SUMMARY_LARGEST_ERROR], fabs(r.raw_error));
            }
            total[SUMMARY_COUNT] += 1;
            total[SUMMARY_PIVOT_COUNT] += r.has_pivot;
            sum[SUMMARY_SUM] += r.value;
            if (r.value < estimate) {
                total[SUMMARY_BELOW] += 1;
            } else if (r.value == estimate) {
                total[SUMMARY_TIES] += 1;
            }
        } else if (squares_pass) {
            sum[SUMMARY_SQUARES] += (r.value - mean) * (r.value - mean);
        }
        // A NaN has no place in a histogram; the first pass's checks refuse it before any selection.
        if (total[SUMMARY_FIRST_NAN] >= 0) continue;
        read_groups(r.value, 2 * j, groups, group_count, bins, gathered, group_counters, zero_indices, zeros);
        if (r.has_pivot) {
            read_groups(r.pivot, 2 * j + 1, groups, group_count, bins, gathered, group_counters, zero_indices, zeros);
        }
    }
}

// For each query q (queries[3q ... 3q + 2]: a counting group's first bin, its bins, a rank counted
// from its first value), the first bin whose counts summed from the group's first pass the rank,
// the counts before it and its own (answers[3q ... 3q + 2]); a rank beyond the group gives its bin
// count, its total and 0: a query of rank ULONG_MAX asks for the total.
__kernel void summary_rank_bins(__global const uint *bins, __global const ulong *queries, int query_count,
                                __global ulong *answers) {
    const int q = get_global_id(0);
    if (q >= query_count) return;
    const ulong offset = queries[3 * q], bin_count = queries[3 * q + 1], rank = queries[3 * q + 2];
    ulong before = 0;
    ulong bin = 0;
    for (; bin < bin_count; ++bin) {
        const ulong end = before + bins[offset + bin];
        if (rank < end) break;
        before = end;
    }
    answers[3 * q] = bin;
    answers[3 * q + 1] = before;
    answers[3 * q + 2] = bin < bin_count ? bins[offset + bin] : 0;
}
