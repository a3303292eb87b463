// Philox4x32-10 (Salmon et al., SC'11) for eight consecutive blocks at a time, written as plain
// loops over the eight lanes so that the compiler vectorizes them. Integer arithmetic only, so
// the vectorized and scalar builds give the same words; Sources/TrendFit/Random/Philox4x32.swift
// and Kernels/philox.cl compute the same function.
#include "CPhilox.h"

#define LANES 8

static inline __attribute__((always_inline)) void fill_lanes(uint32_t *out, uint32_t first, uint32_t replicate,
                                                             uint32_t problem, uint32_t purpose, uint32_t key0,
                                                             uint32_t key1) {
    uint32_t c0[LANES], c1[LANES], c2[LANES], c3[LANES];
    for (int l = 0; l < LANES; ++l) {
        c0[l] = first + (uint32_t)l;
        c1[l] = replicate;
        c2[l] = problem;
        c3[l] = purpose;
    }
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += 0x9E3779B9u;
            k1 += 0xBB67AE85u;
        }
        for (int l = 0; l < LANES; ++l) {
            uint64_t product0 = (uint64_t)0xD2511F53u * c0[l];
            uint64_t product1 = (uint64_t)0xCD9E8D57u * c2[l];
            uint32_t next0 = (uint32_t)(product1 >> 32) ^ c1[l] ^ k0;
            uint32_t next2 = (uint32_t)(product0 >> 32) ^ c3[l] ^ k1;
            c1[l] = (uint32_t)product1;
            c3[l] = (uint32_t)product0;
            c0[l] = next0;
            c2[l] = next2;
        }
    }
    for (int l = 0; l < LANES; ++l) {
        out[4 * l] = c0[l];
        out[4 * l + 1] = c1[l];
        out[4 * l + 2] = c2[l];
        out[4 * l + 3] = c3[l];
    }
}

static void fill_generic(uint32_t *words, int64_t block_count, uint32_t replicate, uint32_t problem, uint32_t purpose,
                         uint32_t key0, uint32_t key1) {
    for (int64_t first = 0; first < block_count; first += LANES) {
        fill_lanes(words + 4 * first, (uint32_t)first, replicate, problem, purpose, key0, key1);
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void fill_avx2(uint32_t *words, int64_t block_count, uint32_t replicate,
                                                      uint32_t problem, uint32_t purpose, uint32_t key0,
                                                      uint32_t key1) {
    for (int64_t first = 0; first < block_count; first += LANES) {
        fill_lanes(words + 4 * first, (uint32_t)first, replicate, problem, purpose, key0, key1);
    }
}
#endif

void trendfit_philox_words(uint32_t *words, int64_t block_count, uint32_t replicate, uint32_t problem,
                           uint32_t purpose, uint32_t key0, uint32_t key1) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) {
        fill_avx2(words, block_count, replicate, problem, purpose, key0, key1);
        return;
    }
#endif
    fill_generic(words, block_count, replicate, problem, purpose, key0, key1);
}
