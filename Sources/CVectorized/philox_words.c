// Philox4x32-10 (Salmon et al., SC'11) words of one replicate, eight consecutive blocks at a time:
// the generic build as plain loops over the eight lanes, the AVX2 build with the rounds of
// philox_avx2.h (two independent groups of eight per step, a 4×4 transpose on the way out), and
// the AVX-512 build with those of philox_avx512.h (two groups of sixteen per step).
// Integer arithmetic only, so the vectorized and scalar builds give the same words;
// Sources/TrendFit/Random/Philox4x32.swift and Kernels/philox.cl compute the same function.
#include "CVectorized.h"
#include "philox_avx2.h"
#include "philox_avx512.h"

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
    for (int round = 0; round < PHILOX_ROUNDS; ++round) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        for (int l = 0; l < LANES; ++l) {
            uint64_t product0 = (uint64_t)PHILOX_M0 * c0[l];
            uint64_t product1 = (uint64_t)PHILOX_M1 * c2[l];
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

// Stores eight blocks' words in draw order: a 4×4 transpose of the word vectors into blocks.
AVX2_INLINE void store_blocks(uint32_t *target, philox_lanes x) {
    __m256i t0 = _mm256_unpacklo_epi32(x.c0, x.c1), t1 = _mm256_unpacklo_epi32(x.c2, x.c3);
    __m256i t2 = _mm256_unpackhi_epi32(x.c0, x.c1), t3 = _mm256_unpackhi_epi32(x.c2, x.c3);
    __m256i u0 = _mm256_unpacklo_epi64(t0, t1), u1 = _mm256_unpackhi_epi64(t0, t1);
    __m256i u2 = _mm256_unpacklo_epi64(t2, t3), u3 = _mm256_unpackhi_epi64(t2, t3);
    _mm256_storeu_si256((__m256i *)target, _mm256_permute2x128_si256(u0, u1, 0x20));
    _mm256_storeu_si256((__m256i *)(target + 8), _mm256_permute2x128_si256(u2, u3, 0x20));
    _mm256_storeu_si256((__m256i *)(target + 16), _mm256_permute2x128_si256(u0, u1, 0x31));
    _mm256_storeu_si256((__m256i *)(target + 24), _mm256_permute2x128_si256(u2, u3, 0x31));
}

// The counters of blocks first ..< first + 8, one block per lane.
AVX2_INLINE philox_lanes block_counters(uint32_t first, uint32_t replicate, uint32_t problem, uint32_t purpose) {
    philox_lanes x;
    x.c0 = _mm256_add_epi32(_mm256_set1_epi32((int)first), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    x.c1 = _mm256_set1_epi32((int)replicate);
    x.c2 = _mm256_set1_epi32((int)problem);
    x.c3 = _mm256_set1_epi32((int)purpose);
    return x;
}

// Blocks first ..< first + 8 (set a) and first + 8 ..< first + 16 (set b, when two), stored in
// draw order; the two sets are independent chains that overlap in the pipeline.
AVX2_INLINE void fill_avx2_group(uint32_t *out, uint32_t first, int two, uint32_t replicate, uint32_t problem,
                                 uint32_t purpose, uint32_t key0, uint32_t key1) {
    philox_lanes a = block_counters(first, replicate, problem, purpose);
    if (two) {
        philox_lanes b = block_counters(first + LANES, replicate, problem, purpose);
        philox_rounds_two(&a, &b, key0, key1);
        store_blocks(out, a);
        store_blocks(out + 4 * LANES, b);
    } else {
        philox_rounds(&a, key0, key1);
        store_blocks(out, a);
    }
}

// Blocks first ..< first + 4 in 128-bit vectors, for a short tail.
AVX2_INLINE void fill_avx2_four(uint32_t *out, uint32_t first, uint32_t replicate, uint32_t problem,
                                uint32_t purpose, uint32_t key0, uint32_t key1) {
    const __m128i m0 = _mm_set1_epi64x(PHILOX_M0);
    const __m128i m1 = _mm_set1_epi64x(PHILOX_M1);
    __m128i c0 = _mm_add_epi32(_mm_set1_epi32((int)first), _mm_setr_epi32(0, 1, 2, 3));
    __m128i c1 = _mm_set1_epi32((int)replicate), c2 = _mm_set1_epi32((int)problem), c3 = _mm_set1_epi32((int)purpose);
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < PHILOX_ROUNDS; ++round) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        __m128i even0 = _mm_mul_epu32(c0, m0), odd0 = _mm_mul_epu32(_mm_srli_epi64(c0, 32), m0);
        __m128i even1 = _mm_mul_epu32(c2, m1), odd1 = _mm_mul_epu32(_mm_srli_epi64(c2, 32), m1);
        __m128i hi0 = _mm_blend_epi32(_mm_srli_epi64(even0, 32), odd0, 0xA);
        __m128i lo0 = _mm_blend_epi32(even0, _mm_slli_epi64(odd0, 32), 0xA);
        __m128i hi1 = _mm_blend_epi32(_mm_srli_epi64(even1, 32), odd1, 0xA);
        __m128i lo1 = _mm_blend_epi32(even1, _mm_slli_epi64(odd1, 32), 0xA);
        c0 = _mm_xor_si128(_mm_xor_si128(hi1, c1), _mm_set1_epi32((int)k0));
        c2 = _mm_xor_si128(_mm_xor_si128(hi0, c3), _mm_set1_epi32((int)k1));
        c1 = lo1;
        c3 = lo0;
    }
    __m128i t0 = _mm_unpacklo_epi32(c0, c1), t1 = _mm_unpacklo_epi32(c2, c3);
    __m128i t2 = _mm_unpackhi_epi32(c0, c1), t3 = _mm_unpackhi_epi32(c2, c3);
    _mm_storeu_si128((__m128i *)out, _mm_unpacklo_epi64(t0, t1));
    _mm_storeu_si128((__m128i *)(out + 4), _mm_unpackhi_epi64(t0, t1));
    _mm_storeu_si128((__m128i *)(out + 8), _mm_unpacklo_epi64(t2, t3));
    _mm_storeu_si128((__m128i *)(out + 12), _mm_unpackhi_epi64(t2, t3));
}

// Blocks start ..< block_count (start a multiple of 8): sixteen per step while more than twelve
// remain, then eight, then four: at most three unused blocks at the end (and never more than the
// rounding up to a multiple of 8 allows).
__attribute__((target("avx2"))) static void fill_avx2(uint32_t *words, int64_t start, int64_t block_count,
                                                      uint32_t replicate, uint32_t problem, uint32_t purpose,
                                                      uint32_t key0, uint32_t key1) {
    int64_t first = start;
    for (; block_count - first > 12; first += 2 * LANES) {
        fill_avx2_group(words + 4 * first, (uint32_t)first, 1, replicate, problem, purpose, key0, key1);
    }
    if (block_count - first > 4) {
        fill_avx2_group(words + 4 * first, (uint32_t)first, 0, replicate, problem, purpose, key0, key1);
        first += LANES;
    }
    if (first < block_count) {
        fill_avx2_four(words + 4 * first, (uint32_t)first, replicate, problem, purpose, key0, key1);
    }
}

// Stores sixteen blocks' words in draw order: a 4×4 transpose of the words within each 128-bit
// chunk (block l of the chunk's four), then one of the chunks across the four vectors.
AVX512_INLINE void store_blocks16(uint32_t *target, philox_lanes16 x) {
    __m512i t0 = _mm512_unpacklo_epi32(x.c0, x.c1), t1 = _mm512_unpacklo_epi32(x.c2, x.c3);
    __m512i t2 = _mm512_unpackhi_epi32(x.c0, x.c1), t3 = _mm512_unpackhi_epi32(x.c2, x.c3);
    // Chunk k of u_l holds block 4k + l.
    __m512i u0 = _mm512_unpacklo_epi64(t0, t1), u1 = _mm512_unpackhi_epi64(t0, t1);
    __m512i u2 = _mm512_unpacklo_epi64(t2, t3), u3 = _mm512_unpackhi_epi64(t2, t3);
    __m512i even01 = _mm512_shuffle_i64x2(u0, u1, 0x88), even23 = _mm512_shuffle_i64x2(u2, u3, 0x88);
    __m512i odd01 = _mm512_shuffle_i64x2(u0, u1, 0xDD), odd23 = _mm512_shuffle_i64x2(u2, u3, 0xDD);
    _mm512_storeu_si512((void *)target, _mm512_shuffle_i64x2(even01, even23, 0x88));
    _mm512_storeu_si512((void *)(target + 16), _mm512_shuffle_i64x2(odd01, odd23, 0x88));
    _mm512_storeu_si512((void *)(target + 32), _mm512_shuffle_i64x2(even01, even23, 0xDD));
    _mm512_storeu_si512((void *)(target + 48), _mm512_shuffle_i64x2(odd01, odd23, 0xDD));
}

// The counters of blocks first ..< first + 16, one block per lane.
AVX512_INLINE philox_lanes16 block_counters16(uint32_t first, uint32_t replicate, uint32_t problem,
                                              uint32_t purpose) {
    philox_lanes16 x;
    x.c0 = _mm512_add_epi32(_mm512_set1_epi32((int)first),
                            _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    x.c1 = _mm512_set1_epi32((int)replicate);
    x.c2 = _mm512_set1_epi32((int)problem);
    x.c3 = _mm512_set1_epi32((int)purpose);
    return x;
}

// Thirty-two blocks per step (two independent sets of sixteen) while the rounding up to a
// multiple of 8 leaves room for them, then sixteen if more than eight remain and there is room,
// then the AVX2 steps for the rest.
__attribute__((target("avx512f"))) static void fill_avx512(uint32_t *words, int64_t block_count,
                                                           uint32_t replicate, uint32_t problem, uint32_t purpose,
                                                           uint32_t key0, uint32_t key1) {
    const int64_t room = (block_count + LANES - 1) / LANES * LANES;
    int64_t first = 0;
    for (; block_count - first > 12 && room - first >= 4 * LANES; first += 4 * LANES) {
        philox_lanes16 a = block_counters16((uint32_t)first, replicate, problem, purpose);
        philox_lanes16 b = block_counters16((uint32_t)first + 2 * LANES, replicate, problem, purpose);
        philox_rounds_two16(&a, &b, key0, key1);
        store_blocks16(words + 4 * first, a);
        store_blocks16(words + 4 * first + 8 * LANES, b);
    }
    if (block_count - first > LANES && room - first >= 2 * LANES) {
        philox_lanes16 a = block_counters16((uint32_t)first, replicate, problem, purpose);
        philox_rounds16(&a, key0, key1);
        store_blocks16(words + 4 * first, a);
        first += 2 * LANES;
    }
    if (first < block_count) fill_avx2(words, first, block_count, replicate, problem, purpose, key0, key1);
}
#endif

void trendfit_philox_words(uint32_t *words, int64_t block_count, uint32_t replicate, uint32_t problem,
                           uint32_t purpose, uint32_t key0, uint32_t key1) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f")) {
        fill_avx512(words, block_count, replicate, problem, purpose, key0, key1);
        return;
    }
    if (__builtin_cpu_supports("avx2")) {
        fill_avx2(words, 0, block_count, replicate, problem, purpose, key0, key1);
        return;
    }
#endif
    fill_generic(words, block_count, replicate, problem, purpose, key0, key1);
}
