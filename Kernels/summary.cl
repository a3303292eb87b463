// Bootstrap summaries formed where the replicates are drawn (OpenCLBackend+DeviceSummaries.swift):
// the device side of a streamed bootstrap's passes (StreamedBootstrap). After each bootstrap launch,
// the launch's replicates are read in replicate order as StreamedCoefficient.read reads them on
// the host, operation for operation: the value, scaled as the host scales it, its count, sum, share
// below the estimate, largest magnitudes and first NaN (first pass), the sum of squared deviations
// (second pass), and for the value and pivot streams the key ranges of StreamedOrderStatistics
// (count keys in bins, gather values, read signs of zeros). Only the totals, the bins holding the
// wanted ranks and the few gathered values are read back.
// Two forms (KernelForm, SummaryKernelShape.swift): on CPU devices one work-item per coefficient
// reads the launch (summary_key_ranges, summary_read_replicates) and one per query finds a rank's
// bin (summary_rank_bins); on GPUs a work-group per coefficient (summary_staged_key_ranges,
// summary_staged_replicates) reads it in coalesced chunks staged in local memory, everything that
// does not depend on order done by all its work-items, and one work-item adds the staged chunk in
// replicate order while the next chunk's loads are in flight (the sums stay bitwise the host's
// sequential ones), and a work-group per query sums slices of the bins (summary_staged_rank_bins).
// Compiled with prelude.cl (no contraction into fused multiply-adds), in double precision.

#ifndef SUMMARY_GROUP_SIZE
#define SUMMARY_GROUP_SIZE 256 // work-items of a GPU-form work-group (a power of two)
#endif
#ifndef SUMMARY_CHUNK_ROUNDS
#define SUMMARY_CHUNK_ROUNDS 4 // replicates each GPU-form work-item loads per staged chunk
#endif
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

#ifndef STAGED_VALID
#define STAGED_VALID 1 // staged flag: the replicate is valid
#endif
#ifndef STAGED_NAN
#define STAGED_NAN 2 // staged flag: its value is NaN
#endif
#ifndef STAGED_VALUE_GROUPS
#define STAGED_VALUE_GROUPS 4 // staged flag: a gather or zero-signs group of its stream reads its value
#endif
#ifndef STAGED_PIVOT_GROUPS
#define STAGED_PIVOT_GROUPS 8 // staged flag: a gather or zero-signs group of its stream reads its pivot
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

// The reading of a replicate whose launch outputs are `coefficient` and `error`.
ALWAYS_INLINE replicate_reading reading_of(double coefficient, double error, int has_errors, int studentized,
                                           int unscale, int exponent, double estimate) {
    replicate_reading r;
    r.raw = ldexp(coefficient, unscale);
    r.value = ldexp(r.raw, exponent);
    r.raw_error = has_errors ? ldexp(error, unscale) : 0.0;
    const double se = ldexp(r.raw_error, exponent);
    r.has_pivot = has_errors && studentized && se > 0.0 && isfinite(se);
    r.pivot = r.has_pivot ? (r.value - estimate) / se : 0.0;
    return r;
}

ALWAYS_INLINE replicate_reading read_replicate(__global const double *coefficients, __global const double *errors,
                                               uint count, int stride, int coefficient_major, int has_errors,
                                               int studentized, uint i, int j, int unscale, int exponent,
                                               double estimate) {
    return reading_of(launch_value(coefficients, count, stride, coefficient_major, i, j),
                      has_errors ? launch_value(errors, count, stride, coefficient_major, i, j) : 0.0, has_errors,
                      studentized, unscale, exponent, estimate);
}

// Whether replicate i of the launch is valid (every replicate of an unusable problem is not).
ALWAYS_INLINE int replicate_valid(__global const uchar *statuses, int usable, uint i) {
    return usable && statuses[i] == REPLICATE_OK;
}

// One stream's lowest and highest key and number of values.
typedef struct {
    ulong low;
    ulong high;
    ulong values;
} key_range;

// The range of no key.
ALWAYS_INLINE key_range empty_key_range(void) {
    key_range range = {ULONG_MAX, 0, 0};
    return range;
}

// Widens `range` by `key`.
ALWAYS_INLINE void widen_key_range(key_range *range, ulong key) {
    range->low = min(range->low, key);
    range->high = max(range->high, key);
    range->values += 1;
}

// Widens coefficient j's key ranges, of its values and of its pivots, by replicate i of the launch.
ALWAYS_INLINE void widen_key_ranges(__global const double *coefficients, __global const uchar *statuses,
                                    __global const double *errors, uint count, int stride, int coefficient_major,
                                    int usable, int has_errors, int studentized, __global const int *exponents,
                                    __global const double *centres, uint i, int j, key_range *values,
                                    key_range *pivots) {
    if (!replicate_valid(statuses, usable, i)) return;
    const replicate_reading r = read_replicate(coefficients, errors, count, stride, coefficient_major, has_errors,
                                               studentized, i, j, exponents[2 * j], exponents[2 * j + 1], centres[2 * j]);
    widen_key_range(values, order_key(r.value));
    if (r.has_pivot) widen_key_range(pivots, order_key(r.pivot));
}

// Writes coefficient j's key range of stream s (0: values, 1: pivots) where the host reads it.
ALWAYS_INLINE void write_key_range(__global ulong *ranges, int j, int s, key_range range) {
    ranges[3 * (2 * j + s)] = range.low;
    ranges[3 * (2 * j + s) + 1] = range.high;
    ranges[3 * (2 * j + s) + 2] = range.values;
}

// Per stream of the launch (2j: coefficient j's values, 2j + 1: its pivots): the lowest and highest
// key and the number of values, in ranges[3s ... 3s + 2]; where the first pass places its bins.
// The CPU form: one work-item per coefficient.
__kernel void summary_key_ranges(__global const double *coefficients, __global const uchar *statuses,
                                 __global const double *errors, uint count, int stride, int coefficient_major,
                                 int usable, int has_errors, int studentized, int coefficients_read,
                                 __global const int *exponents, __global const double *centres,
                                 __global ulong *ranges) {
    const int j = get_global_id(0);
    if (j >= coefficients_read) return;
    key_range values = empty_key_range(), pivots = empty_key_range();
    for (uint i = 0; i < count; ++i) {
        widen_key_ranges(coefficients, statuses, errors, count, stride, coefficient_major, usable, has_errors,
                         studentized, exponents, centres, i, j, &values, &pivots);
    }
    write_key_range(ranges, j, 0, values);
    write_key_range(ranges, j, 1, pivots);
}

// Whether `key` lies in the range of `group` (a row of the group table).
ALWAYS_INLINE int key_inside(__global const ulong *group, ulong key) {
    const ulong low = group[SUMMARY_GROUP_LOW];
    return key - low <= group[SUMMARY_GROUP_HIGH] - low;
}

// The bin of counting group `group` that holds `key`, a key inside its range.
ALWAYS_INLINE ulong key_bin(__global const ulong *group, ulong key) {
    const ulong shift = group[SUMMARY_GROUP_SHIFT];
    return group[SUMMARY_GROUP_OFFSET] + (shift >= 64 ? 0 : (key - group[SUMMARY_GROUP_LOW]) >> shift);
}

// Whether gather or zero-signs group `group` reads `value` (of key `key`): a value in its range to
// gather, or a zero, whose position among the stream's zeros it counts.
ALWAYS_INLINE int ordered_group_reads(__global const ulong *group, double value, ulong key) {
    switch ((int)group[SUMMARY_GROUP_ACTION]) {
    case SUMMARY_GATHER: return key_inside(group, key);
    case SUMMARY_ZERO_SIGNS: return value == 0.0;
    default: return 0;
    }
}

// Applies gather or zero-signs group g (`group` its row) to its stream's next value, in replicate order.
ALWAYS_INLINE void read_ordered_group(double value, ulong key, int g, __global const ulong *group,
                                      __global double *gathered, __global ulong *group_counters,
                                      __global const ulong *zero_indices, __global double *zeros) {
    if (!ordered_group_reads(group, value, key)) return;
    const ulong offset = group[SUMMARY_GROUP_OFFSET];
    if (group[SUMMARY_GROUP_ACTION] == SUMMARY_GATHER) {
        if (group_counters[2 * g] < group[SUMMARY_GROUP_CAPACITY]) {
            gathered[offset + group_counters[2 * g]] = value;
            group_counters[2 * g] += 1;
        }
        return;
    }
    const ulong read = group_counters[2 * g + 1];
    if (read < group[SUMMARY_GROUP_CAPACITY] && zero_indices[offset + read] == group_counters[2 * g]) {
        zeros[offset + read] = value;
        group_counters[2 * g + 1] = read + 1;
    }
    group_counters[2 * g] += 1;
}

// Applies the groups of stream `stream` to its next value (in replicate order).
ALWAYS_INLINE void read_groups(double value, ulong stream, __global const ulong *groups, int group_count,
                               __global uint *bins, __global double *gathered, __global ulong *group_counters,
                               __global const ulong *zero_indices, __global double *zeros) {
    const ulong key = order_key(value);
    for (int g = 0; g < group_count; ++g) {
        __global const ulong *group = groups + (size_t)g * SUMMARY_GROUP_STRIDE;
        if (group[SUMMARY_GROUP_STREAM] != stream) continue;
        if (group[SUMMARY_GROUP_ACTION] == SUMMARY_COUNT_KEYS) {
            if (key_inside(group, key)) bins[key_bin(group, key)] += 1;
        } else {
            read_ordered_group(value, key, g, group, gathered, group_counters, zero_indices, zeros);
        }
    }
}

// Reads one launch of replicates into coefficient j's totals (counts[j * SUMMARY_COUNT_STRIDE + slot],
// sums[j * SUMMARY_SUM_STRIDE + slot], carried from launch to launch) and its streams' groups.
// exponents[2j], [2j + 1]: the batch's unscaling and the summary's scaling; centres[2j], [2j + 1]:
// the scaled estimate and (later passes) the mean. Work-item 0 also counts the replicates by status.
// The CPU form: one work-item per coefficient.
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

// The work-group's sum (`add`) or largest (otherwise) of its work-items' `value`s, for each of them
// (`scratch`: SUMMARY_GROUP_SIZE values of local memory). Integers: exact in any order.
ALWAYS_INLINE ulong group_reduce(ulong value, int add, __local ulong *scratch) {
    const uint lid = get_local_id(0);
    scratch[lid] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint width = SUMMARY_GROUP_SIZE / 2; width > 0; width >>= 1) {
        if (lid < width) scratch[lid] = add ? scratch[lid] + scratch[lid + width] : max(scratch[lid], scratch[lid + width]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const ulong result = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return result;
}

// The work-group's reduction of `range`s, for work-item 0.
ALWAYS_INLINE key_range group_key_range(key_range range, __local ulong *scratch) {
    key_range total;
    total.low = ~group_reduce(~range.low, 0, scratch);
    total.high = group_reduce(range.high, 0, scratch);
    total.values = group_reduce(range.values, 1, scratch);
    return total;
}

// summary_key_ranges in the GPU form: a work-group per coefficient, its work-items reading
// neighbouring replicates, the lowest and highest keys and the counts then reduced (order-free).
__kernel __attribute__((reqd_work_group_size(SUMMARY_GROUP_SIZE, 1, 1)))
void summary_staged_key_ranges(__global const double *coefficients, __global const uchar *statuses,
                               __global const double *errors, uint count, int stride, int coefficient_major,
                               int usable, int has_errors, int studentized, int coefficients_read,
                               __global const int *exponents, __global const double *centres,
                               __global ulong *ranges) {
    __local ulong scratch[SUMMARY_GROUP_SIZE];
    const int j = get_group_id(0); // one work-group per coefficient read: no return before a barrier
    key_range values = empty_key_range(), pivots = empty_key_range();
    for (uint i = get_local_id(0); i < count; i += SUMMARY_GROUP_SIZE) {
        widen_key_ranges(coefficients, statuses, errors, count, stride, coefficient_major, usable, has_errors,
                         studentized, exponents, centres, i, j, &values, &pivots);
    }
    values = group_key_range(values, scratch);
    pivots = group_key_range(pivots, scratch);
    if (get_local_id(0) != 0) return;
    write_key_range(ranges, j, 0, values);
    write_key_range(ranges, j, 1, pivots);
}

// Counts `value`, the next value of stream `stream`, in the stream's counting groups (atomically:
// a GPU-form work-group's work-items count at once) and tells whether a gather or zero-signs group
// reads it, which work-item 0 then does in replicate order (read_ordered_groups).
ALWAYS_INLINE int count_groups(double value, ulong stream, __global const ulong *groups, int group_count,
                               __global uint *bins) {
    const ulong key = order_key(value);
    int ordered = 0;
    for (int g = 0; g < group_count; ++g) {
        __global const ulong *group = groups + (size_t)g * SUMMARY_GROUP_STRIDE;
        if (group[SUMMARY_GROUP_STREAM] != stream) continue;
        if (group[SUMMARY_GROUP_ACTION] == SUMMARY_COUNT_KEYS) {
            if (key_inside(group, key)) atomic_inc(bins + key_bin(group, key));
        } else {
            ordered |= ordered_group_reads(group, value, key);
        }
    }
    return ordered;
}

// Applies the gather and zero-signs groups of stream `stream` to its next value (in replicate order).
ALWAYS_INLINE void read_ordered_groups(double value, ulong stream, __global const ulong *groups, int group_count,
                                       __global double *gathered, __global ulong *group_counters,
                                       __global const ulong *zero_indices, __global double *zeros) {
    const ulong key = order_key(value);
    for (int g = 0; g < group_count; ++g) {
        __global const ulong *group = groups + (size_t)g * SUMMARY_GROUP_STRIDE;
        if (group[SUMMARY_GROUP_STREAM] != stream || group[SUMMARY_GROUP_ACTION] == SUMMARY_COUNT_KEYS) continue;
        read_ordered_group(value, key, g, group, gathered, group_counters, zero_indices, zeros);
    }
}

// A replicate's launch outputs as loaded from global memory, before they are read.
typedef struct {
    double coefficient;
    double error;
    uchar status;
} launch_outputs;

// summary_read_replicates in the GPU form: a work-group per coefficient reads the launch in chunks of
// SUMMARY_GROUP_SIZE * SUMMARY_CHUNK_ROUNDS neighbouring replicates, SUMMARY_CHUNK_ROUNDS per
// work-item (coalesced loads). Each work-item reads its replicates as summary_read_replicates does
// and keeps what order does not change (counts, largest magnitudes, replicates by status; reduced at
// the end) and counts their keys in the bins (atomically); it stages in local memory what order does
// change: the addend of the pass's sum (the value, or its squared deviation from the mean; +0 for an
// invalid replicate, which leaves a sum started at +0 bitwise as it is) and flags. Work-item 0 then
// adds the staged chunk in replicate order (and, for the rare replicate a gather or zero-signs group
// reads, reads it again and applies those groups in order) while the work-group's loads of the next
// chunk, for the other local buffer, are in flight. A NaN value is not counted in any group: its
// pass is refused (CoefficientSummary.checkReplicates) before any group is read.
__kernel __attribute__((reqd_work_group_size(SUMMARY_GROUP_SIZE, 1, 1)))
void summary_staged_replicates(__global const double *coefficients, __global const uchar *statuses,
                               __global const double *errors, uint count, int stride, int coefficient_major,
                               int usable, int has_errors, int studentized, int coefficients_read,
                               __global const int *exponents, __global const double *centres,
                               int first_pass, int squares_pass, __global long *counts, __global double *sums,
                               __global long *status_counts, __global const ulong *groups, int group_count,
                               __global uint *bins, __global double *gathered, __global ulong *group_counters,
                               __global const ulong *zero_indices, __global double *zeros) {
    const uint chunk = SUMMARY_GROUP_SIZE * SUMMARY_CHUNK_ROUNDS;
    __local double staged_addends[2][SUMMARY_GROUP_SIZE * SUMMARY_CHUNK_ROUNDS];
    __local uchar staged_flags[2][SUMMARY_GROUP_SIZE * SUMMARY_CHUNK_ROUNDS];
    __local ulong scratch[SUMMARY_GROUP_SIZE];
    // Per buffer, its staged flags but STAGED_VALID or-ed together: 0 when work-item 0 only adds.
    __local uint chunk_marks[2];
    // The launch's replicates by status (work-group 0 of a first pass counts them).
    __local uint status_totals[SUMMARY_STATUS_COUNT];
    const int j = get_group_id(0); // one work-group per coefficient read: no return before a barrier
    const uint lid = get_local_id(0);
    __global long *total = counts + (size_t)j * SUMMARY_COUNT_STRIDE;
    __global double *sum = sums + (size_t)j * SUMMARY_SUM_STRIDE;
    const int unscale = exponents[2 * j], exponent = exponents[2 * j + 1];
    const double estimate = centres[2 * j], mean = centres[2 * j + 1];
    const int sum_slot = first_pass ? SUMMARY_SUM : SUMMARY_SQUARES;
    // Work-item 0's ordered totals: the pass's sum, the valid values and the first NaN's position.
    double running = lid == 0 ? sum[sum_slot] : 0.0;
    long seen = lid == 0 ? total[SUMMARY_COUNT] : 0, first_nan = lid == 0 ? total[SUMMARY_FIRST_NAN] : -1;
    if (lid < 2) chunk_marks[lid] = 0;
    if (lid < SUMMARY_STATUS_COUNT) status_totals[lid] = 0;
    // The global fence completes the reads above here, so that no wait for them lands in the loop
    // below, where it would also wait for the next chunk's loads before work-item 0 adds.
    barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
    // Each work-item's order-free totals; the largest magnitudes as the bits of non-negative
    // doubles, which order as the doubles do.
    ulong below = 0, ties = 0, pivot_count = 0, beyond = 0, largest = 0, largest_error = 0;
    ulong by_status[SUMMARY_STATUS_COUNT];
    for (int s = 0; s < SUMMARY_STATUS_COUNT; ++s) by_status[s] = 0;
    const uint chunks = (count + chunk - 1) / chunk;
    // The standard errors' buffer, or (when there are none, and the readings ignore them) the coefficients'.
    __global const double *error_source = has_errors ? errors : coefficients;
    // Chunk c is loaded and staged in buffer c % 2 while work-item 0 adds chunk c - 1 from the other.
    for (uint c = 0; c <= chunks; ++c) {
        // Every work-item loads (past the launch's end, its last replicate again): no branch, whose
        // joins would make the compiler wait for the loads before work-item 0 adds.
        launch_outputs loaded[SUMMARY_CHUNK_ROUNDS];
        if (c < chunks) {
            #pragma unroll
            for (int round = 0; round < SUMMARY_CHUNK_ROUNDS; ++round) {
                const uint i = min(c * chunk + round * SUMMARY_GROUP_SIZE + lid, count - 1);
                loaded[round].status = statuses[i];
                loaded[round].coefficient = launch_value(coefficients, count, stride, coefficient_major, i, j);
                loaded[round].error = launch_value(error_source, count, stride, coefficient_major, i, j);
            }
        }
        if (c > 0 && lid == 0) {
            const int b = (c - 1) % 2;
            const uint first = (c - 1) * chunk, staged = min(chunk, count - first);
            if (chunk_marks[b] == 0) {
                for (uint k = 0; k < staged; ++k) {
                    running += staged_addends[b][k];
                    seen += staged_flags[b][k] & STAGED_VALID;
                }
            } else {
                for (uint k = 0; k < staged; ++k) {
                    const uchar flags = staged_flags[b][k];
                    running += staged_addends[b][k];
                    if ((flags & STAGED_NAN) && first_nan < 0) first_nan = seen;
                    seen += flags & STAGED_VALID;
                    if (!(flags & (STAGED_VALUE_GROUPS | STAGED_PIVOT_GROUPS))) continue;
                    const replicate_reading r = read_replicate(coefficients, errors, count, stride, coefficient_major,
                                                               has_errors, studentized, first + k, j, unscale, exponent,
                                                               estimate);
                    if (flags & STAGED_VALUE_GROUPS) {
                        read_ordered_groups(r.value, 2 * j, groups, group_count, gathered, group_counters, zero_indices,
                                            zeros);
                    }
                    if (flags & STAGED_PIVOT_GROUPS) {
                        read_ordered_groups(r.pivot, 2 * j + 1, groups, group_count, gathered, group_counters,
                                            zero_indices, zeros);
                    }
                }
                chunk_marks[b] = 0;
            }
        }
        #pragma unroll
        for (int round = 0; round < SUMMARY_CHUNK_ROUNDS; ++round) {
            const uint at = round * SUMMARY_GROUP_SIZE + lid;
            if (c >= chunks || c * chunk + at >= count) continue;
            const uchar status = usable ? loaded[round].status : REPLICATE_RANK_DEFICIENT;
            if (j == 0 && first_pass) {
                const uchar counted = status < SUMMARY_STATUS_COUNT ? status : REPLICATE_RANK_DEFICIENT;
                for (int s = 0; s < SUMMARY_STATUS_COUNT; ++s) by_status[s] += counted == s;
            }
            double addend = 0.0;
            uchar flags = 0;
            if (status == REPLICATE_OK) {
                const replicate_reading r = reading_of(loaded[round].coefficient, loaded[round].error, has_errors,
                                                       studentized, unscale, exponent, estimate);
                flags = STAGED_VALID;
                if (first_pass) {
                    beyond += unscale != 0 && !isfinite(r.raw);
                    if (isnan(r.value)) flags |= STAGED_NAN;
                    if (isfinite(r.raw)) largest = max(largest, as_ulong(fabs(r.raw)));
                    if (has_errors && isfinite(r.raw_error)) largest_error = max(largest_error, as_ulong(fabs(r.raw_error)));
                    pivot_count += r.has_pivot;
                    below += r.value < estimate;
                    ties += r.value == estimate;
                    addend = r.value;
                } else if (squares_pass) {
                    addend = (r.value - mean) * (r.value - mean);
                }
                if (!isnan(r.value)) {
                    if (count_groups(r.value, 2 * j, groups, group_count, bins)) flags |= STAGED_VALUE_GROUPS;
                    if (r.has_pivot && count_groups(r.pivot, 2 * j + 1, groups, group_count, bins)) {
                        flags |= STAGED_PIVOT_GROUPS;
                    }
                }
            }
            staged_addends[c % 2][at] = addend;
            staged_flags[c % 2][at] = flags;
            if (flags & ~STAGED_VALID) atomic_or(&chunk_marks[c % 2], flags);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0 && (first_pass || squares_pass)) sum[sum_slot] = running;
    // Every work-item reduces (no barrier under a condition); a first pass keeps the totals.
    const ulong below_total = group_reduce(below, 1, scratch), ties_total = group_reduce(ties, 1, scratch);
    const ulong pivot_total = group_reduce(pivot_count, 1, scratch), beyond_total = group_reduce(beyond, 1, scratch);
    const ulong largest_bits = group_reduce(largest, 0, scratch), largest_error_bits = group_reduce(largest_error, 0, scratch);
    for (int s = 0; s < SUMMARY_STATUS_COUNT; ++s) {
        if (by_status[s] > 0) atomic_add(&status_totals[s], (uint)by_status[s]);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    if (!first_pass) return;
    if (j == 0 && lid < SUMMARY_STATUS_COUNT) status_counts[lid] += status_totals[lid];
    if (lid != 0) return;
    total[SUMMARY_COUNT] = seen;
    total[SUMMARY_FIRST_NAN] = first_nan;
    total[SUMMARY_BELOW] += below_total;
    total[SUMMARY_TIES] += ties_total;
    total[SUMMARY_PIVOT_COUNT] += pivot_total;
    total[SUMMARY_BEYOND_RANGE] += beyond_total;
    sum[SUMMARY_LARGEST] = fmax(sum[SUMMARY_LARGEST], as_double(largest_bits));
    sum[SUMMARY_LARGEST_ERROR] = fmax(sum[SUMMARY_LARGEST_ERROR], as_double(largest_error_bits));
}

// The first of bins[from ... to - 1] at which the counts summed from `*before` pass `rank`, or `to`;
// `*before` becomes the counts before it.
ALWAYS_INLINE ulong scan_bins(__global const uint *bins, ulong from, ulong to, ulong rank, ulong *before) {
    ulong bin = from;
    for (; bin < to; ++bin) {
        const ulong end = *before + bins[bin];
        if (rank < end) break;
        *before = end;
    }
    return bin;
}

// Writes query q's answer: the bin found (of the group's, from its first), the counts before it and its own.
ALWAYS_INLINE void write_rank_bin(__global ulong *answers, int q, __global const uint *bins, ulong offset,
                                  ulong bin_count, ulong bin, ulong before) {
    answers[3 * q] = bin;
    answers[3 * q + 1] = before;
    answers[3 * q + 2] = bin < bin_count ? bins[offset + bin] : 0;
}

// For each query q (queries[3q ... 3q + 2]: a counting group's first bin, its bins, a rank counted
// from its first value), the first bin whose counts summed from the group's first pass the rank,
// the counts before it and its own (answers[3q ... 3q + 2]); a rank beyond the group gives its bin
// count, its total and 0: a query of rank ULONG_MAX asks for the total. The CPU form: one
// work-item per query.
__kernel void summary_rank_bins(__global const uint *bins, __global const ulong *queries, int query_count,
                                __global ulong *answers) {
    const int q = get_global_id(0);
    if (q >= query_count) return;
    const ulong offset = queries[3 * q], bin_count = queries[3 * q + 1], rank = queries[3 * q + 2];
    ulong before = 0;
    const ulong bin = scan_bins(bins, offset, offset + bin_count, rank, &before) - offset;
    write_rank_bin(answers, q, bins, offset, bin_count, bin, before);
}

// summary_rank_bins in the GPU form: a work-group per query (up to 2^20 bins). Each work-item sums
// one of SUMMARY_GROUP_SIZE neighbouring slices of the group's bins; work-item 0 finds the slice
// whose totals summed pass the rank, then the bin in it (past every slice: the group's bin count).
__kernel __attribute__((reqd_work_group_size(SUMMARY_GROUP_SIZE, 1, 1)))
void summary_staged_rank_bins(__global const uint *bins, __global const ulong *queries, int query_count,
                              __global ulong *answers) {
    __local ulong slice_totals[SUMMARY_GROUP_SIZE];
    const int q = get_group_id(0); // one work-group per query: no return before the barrier
    const uint lid = get_local_id(0);
    const ulong offset = queries[3 * q], bin_count = queries[3 * q + 1], rank = queries[3 * q + 2];
    const ulong slice = (bin_count + SUMMARY_GROUP_SIZE - 1) / SUMMARY_GROUP_SIZE;
    const ulong first = min(lid * slice, bin_count), end = min(first + slice, bin_count);
    ulong total = 0;
    for (ulong bin = first; bin < end; ++bin) total += bins[offset + bin];
    slice_totals[lid] = total;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (lid != 0) return;
    ulong before = 0;
    uint s = 0;
    for (; s < SUMMARY_GROUP_SIZE; ++s) {
        if (rank < before + slice_totals[s]) break;
        before += slice_totals[s];
    }
    const ulong from = min(s * slice, bin_count);
    const ulong bin = scan_bins(bins, offset + from, offset + min(from + slice, bin_count), rank, &before) - offset;
    write_rank_bin(answers, q, bins, offset, bin_count, bin, before);
}
