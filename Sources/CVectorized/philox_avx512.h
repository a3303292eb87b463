// Philox4x32-10 rounds with AVX-512: on sixteen 32-bit lanes (philox_words.c: consecutive blocks of
// one replicate), the same integer arithmetic as philox_avx2.h with twice the lanes; and on eight
// 64-bit lanes (case_pairs.c: one block of eight replicates side by side), where one vpmuludq
// gives a word's whole product and no blends are needed.
#ifndef TRENDFIT_PHILOX_AVX512_H
#define TRENDFIT_PHILOX_AVX512_H

#include "philox_avx2.h"

#if defined(__x86_64__)

#define AVX512_INLINE __attribute__((target("avx512f"), always_inline)) static inline

/// The four counter words of sixteen Philox blocks, one block per lane.
typedef struct {
    __m512i c0, c1, c2, c3;
} philox_lanes16;

/// Sixteen 32×32→64 products of c by m: the high halves in *hi and the low halves in *lo.
AVX512_INLINE void philox_mul_hi_lo16(__m512i c, __m512i m, __m512i *hi, __m512i *lo) {
    const __mmask16 odd_lanes = 0xAAAA;
    __m512i even = _mm512_mul_epu32(c, m);
    __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(c, 32), m);
    *hi = _mm512_mask_blend_epi32(odd_lanes, _mm512_srli_epi64(even, 32), odd);
    *lo = _mm512_mask_blend_epi32(odd_lanes, even, _mm512_slli_epi64(odd, 32));
}

/// One Philox round of sixteen blocks under the round key (key0, key1), broadcast in each lane.
AVX512_INLINE void philox_round16(philox_lanes16 *x, __m512i key0, __m512i key1) {
    const __m512i m0 = _mm512_set1_epi64(PHILOX_M0);
    const __m512i m1 = _mm512_set1_epi64(PHILOX_M1);
    __m512i hi0, lo0, hi1, lo1;
    philox_mul_hi_lo16(x->c0, m0, &hi0, &lo0);
    philox_mul_hi_lo16(x->c2, m1, &hi1, &lo1);
    x->c0 = _mm512_xor_si512(_mm512_xor_si512(hi1, x->c1), key0);
    x->c2 = _mm512_xor_si512(_mm512_xor_si512(hi0, x->c3), key1);
    x->c1 = lo1;
    x->c3 = lo0;
}

/// All ten rounds of two independent sets of sixteen blocks (a and b), interleaved so that their
/// dependency chains overlap in the pipeline.
AVX512_INLINE void philox_rounds_two16(philox_lanes16 *a, philox_lanes16 *b, uint32_t key0, uint32_t key1) {
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < PHILOX_ROUNDS; ++round) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        __m512i round_key0 = _mm512_set1_epi32((int)k0), round_key1 = _mm512_set1_epi32((int)k1);
        philox_round16(a, round_key0, round_key1);
        philox_round16(b, round_key0, round_key1);
    }
}

/// All ten rounds of one set of sixteen blocks.
AVX512_INLINE void philox_rounds16(philox_lanes16 *a, uint32_t key0, uint32_t key1) {
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < PHILOX_ROUNDS; ++round) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        philox_round16(a, _mm512_set1_epi32((int)k0), _mm512_set1_epi32((int)k1));
    }
}

/// The four counter words of eight Philox blocks, one block per 64-bit lane: each word in the low
/// half of its lane, the high half ignored (it holds what the last round's product left there).
typedef struct {
    __m512i c0, c1, c2, c3;
} philox_wide_lanes;

/// One Philox round of eight blocks in 64-bit lanes: one vpmuludq gives a word's whole product,
/// its low half already in place and its high half one shift away.
AVX512_INLINE void philox_wide_round(philox_wide_lanes *x, __m512i key0, __m512i key1) {
    const __m512i m0 = _mm512_set1_epi64(PHILOX_M0);
    const __m512i m1 = _mm512_set1_epi64(PHILOX_M1);
    __m512i product0 = _mm512_mul_epu32(x->c0, m0);
    __m512i product1 = _mm512_mul_epu32(x->c2, m1);
    x->c0 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(product1, 32), x->c1, key0, 0x96);
    x->c2 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(product0, 32), x->c3, key1, 0x96);
    x->c1 = product1;
    x->c3 = product0;
}

/// All ten rounds of `count` (a compile-time constant) independent sets of eight blocks,
/// interleaved so that their dependency chains overlap in the pipeline.
AVX512_INLINE void philox_wide_rounds(philox_wide_lanes *x, const int count, uint32_t key0, uint32_t key1) {
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < PHILOX_ROUNDS; ++round) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        __m512i round_key0 = _mm512_set1_epi64(k0), round_key1 = _mm512_set1_epi64(k1);
        #pragma unroll
        for (int set = 0; set < count; ++set) philox_wide_round(&x[set], round_key0, round_key1);
    }
}
#endif

#endif
