// Philox4x32-10 rounds on eight 32-bit lanes with AVX2, shared by the word generators of this
// module (philox_words.c: consecutive blocks of one replicate; case_pairs.c: blocks of four
// replicates side by side). Integer arithmetic only: every build gives the same words as
// Sources/TrendFit/Random/Philox4x32.swift and Kernels/philox.cl.
#ifndef TRENDFIT_PHILOX_AVX2_H
#define TRENDFIT_PHILOX_AVX2_H

#include <stdint.h>

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u
#define PHILOX_ROUNDS 10

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2_INLINE __attribute__((target("avx2"), always_inline)) static inline

/// The four counter words of eight Philox blocks, one block per lane.
typedef struct {
    __m256i c0, c1, c2, c3;
} philox_lanes;

/// Eight 32×32→64 products of c by m: the high halves in *hi and the low halves in *lo (even
/// lanes from one vpmuludq and odd lanes from another, no cross-lane moves).
AVX2_INLINE void philox_mul_hi_lo(__m256i c, __m256i m, __m256i *hi, __m256i *lo) {
    __m256i even = _mm256_mul_epu32(c, m);
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(c, 32), m);
    *hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
    *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
}

/// The high halves of the eight 32×32→64 products of c by m.
AVX2_INLINE __m256i philox_mul_hi(__m256i c, __m256i m) {
    __m256i even = _mm256_mul_epu32(c, m);
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(c, 32), m);
    return _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

/// One Philox round of eight blocks under the round key (key0, key1), broadcast in each lane.
AVX2_INLINE void philox_round(philox_lanes *x, __m256i key0, __m256i key1) {
    const __m256i m0 = _mm256_set1_epi64x(PHILOX_M0);
    const __m256i m1 = _mm256_set1_epi64x(PHILOX_M1);
    __m256i hi0, lo0, hi1, lo1;
    philox_mul_hi_lo(x->c0, m0, &hi0, &lo0);
    philox_mul_hi_lo(x->c2, m1, &hi1, &lo1);
    x->c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, x->c1), key0);
    x->c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, x->c3), key1);
    x->c1 = lo1;
    x->c3 = lo0;
}

/// All ten rounds of two independent sets of eight blocks (a and b), interleaved so that their
/// dependency chains overlap in the pipeline.
AVX2_INLINE void philox_rounds_two(philox_lanes *a, philox_lanes *b, uint32_t key0, uint32_t key1) {
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < PHILOX_ROUNDS; ++round) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        __m256i round_key0 = _mm256_set1_epi32((int)k0), round_key1 = _mm256_set1_epi32((int)k1);
        philox_round(a, round_key0, round_key1);
        philox_round(b, round_key0, round_key1);
    }
}

/// All ten rounds of one set of eight blocks.
AVX2_INLINE void philox_rounds(philox_lanes *a, uint32_t key0, uint32_t key1) {
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < PHILOX_ROUNDS; ++round) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        philox_round(a, _mm256_set1_epi32((int)k0), _mm256_set1_epi32((int)k1));
    }
}
#endif

#endif
