// Philox4x32-10 (Salmon et al., SC'11) and the mapping of its words to draws.
// Mirrors Sources/TrendFit/Random/Philox4x32.swift and ReplicateStream.swift.

#ifndef PHILOX_M0
#define PHILOX_M0 0xD2511F53u // multiplier of counter words 0 and 1
#endif
#ifndef PHILOX_M1
#define PHILOX_M1 0xCD9E8D57u // multiplier of counter words 2 and 3
#endif
#ifndef PHILOX_W0
#define PHILOX_W0 0x9E3779B9u // Weyl increment of key word 0 per round
#endif
#ifndef PHILOX_W1
#define PHILOX_W1 0xBB67AE85u // Weyl increment of key word 1 per round
#endif

// Stream purposes, the fourth counter word (KernelABI: ReplicateStream.Purpose).
#ifndef PURPOSE_ROW_INDEX
#define PURPOSE_ROW_INDEX 0 // row indices of a case or residual resample
#endif
#ifndef PURPOSE_JITTER
#define PURPOSE_JITTER 1 // uniform response jitter
#endif
#ifndef PURPOSE_SIGN
#define PURPOSE_SIGN 2 // Rademacher signs of the wild bootstrap
#endif
#ifndef PURPOSE_WILD_WEIGHT
#define PURPOSE_WILD_WEIGHT 3 // Mammen or Webb multipliers of the wild bootstrap
#endif

// The products of the four lanes of c by m: high 32 bits in *high, low 32 bits in *low.
// WIDE_LANE_PRODUCTS (CPU devices) writes them on 64-bit lanes, even and odd 32-bit lanes apart,
// so that CPU compilers emit one 32x32->64 vector multiply per pair of lanes (PoCL's mul_hi
// splits into 16-bit pieces); GPUs have a native 32-bit high multiply. Both give the same integers.
ALWAYS_INLINE void philox_multiply4(uint4 c, uint m, uint4 *high, uint4 *low) {
#if WIDE_LANE_PRODUCTS
    ulong2 pairs = as_ulong2(c);
    ulong2 even = (pairs & (ulong2)(0xFFFFFFFFul)) * (ulong2)((ulong)m);
    ulong2 odd = (pairs >> 32) * (ulong2)((ulong)m);
    *high = as_uint4((even >> 32) | (odd & (ulong2)(0xFFFFFFFF00000000ul)));
    *low = as_uint4((even & (ulong2)(0xFFFFFFFFul)) | (odd << 32));
#else
    *high = mul_hi(c, (uint4)(m));
    *low = c * (uint4)(m);
#endif
}

// Words 16 g ... 16 g + 15 of a replicate's stream for `purpose` (blocks 4 g ... 4 g + 3) into
// `words`, the four blocks computed in the lanes of vectors (SIMD on CPU devices such as PoCL).
inline void stream_words16(uint group, uint replicate, uint problem, uint purpose, uint2 key, uint *words) {
    uint4 c0 = (uint4)(4 * group) + (uint4)(0, 1, 2, 3);
    uint4 c1 = (uint4)(replicate);
    uint4 c2 = (uint4)(problem);
    uint4 c3 = (uint4)(purpose);
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            key.x += PHILOX_W0;
            key.y += PHILOX_W1;
        }
        uint4 high0, low0, high1, low1;
        philox_multiply4(c0, PHILOX_M0, &high0, &low0);
        philox_multiply4(c2, PHILOX_M1, &high1, &low1);
        c0 = high1 ^ c1 ^ (uint4)(key.x);
        c1 = low1;
        c2 = high0 ^ c3 ^ (uint4)(key.y);
        c3 = low0;
    }
    words[0] = c0.x; words[1] = c1.x; words[2] = c2.x; words[3] = c3.x;
    words[4] = c0.y; words[5] = c1.y; words[6] = c2.y; words[7] = c3.y;
    words[8] = c0.z; words[9] = c1.z; words[10] = c2.z; words[11] = c3.z;
    words[12] = c0.w; words[13] = c1.w; words[14] = c2.w; words[15] = c3.w;
}

// The products of the eight lanes of c by m, formed as philox_multiply4 forms them but on
// whole 256-bit vectors (built from two 4-lane halves, PoCL's code is about 20% slower).
ALWAYS_INLINE void philox_multiply8(uint8 c, uint m, uint8 *high, uint8 *low) {
#if WIDE_LANE_PRODUCTS
    ulong4 pairs = as_ulong4(c);
    ulong4 even = (pairs & (ulong4)(0xFFFFFFFFul)) * (ulong4)((ulong)m);
    ulong4 odd = (pairs >> 32) * (ulong4)((ulong)m);
    *high = as_uint8((even >> 32) | (odd & (ulong4)(0xFFFFFFFF00000000ul)));
    *low = as_uint8((even & (ulong4)(0xFFFFFFFFul)) | (odd << 32));
#else
    *high = mul_hi(c, (uint8)(m));
    *low = c * (uint8)(m);
#endif
}

// Blocks `block` (lanes 0-3) and `block + 1` (lanes 4-7) of the streams (replicate, problem,
// purpose) of four replicates: eight independent Philox chains side by side, which keeps a CPU
// device's vector units busy where four would wait on each round's latency.
ALWAYS_INLINE void philox_block_pairs(uint block, uint4 replicate, uint4 problem, uint purpose, uint2 key,
                               uint8 *w0, uint8 *w1, uint8 *w2, uint8 *w3) {
    uint8 c0 = (uint8)((uint4)(block), (uint4)(block + 1));
    uint8 c1 = (uint8)(replicate, replicate);
    uint8 c2 = (uint8)(problem, problem);
    uint8 c3 = (uint8)(purpose);
    #pragma unroll
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            key.x += PHILOX_W0;
            key.y += PHILOX_W1;
        }
        uint8 high0, low0, high1, low1;
        philox_multiply8(c0, PHILOX_M0, &high0, &low0);
        philox_multiply8(c2, PHILOX_M1, &high1, &low1);
        c0 = high1 ^ c1 ^ (uint8)(key.x);
        c1 = low1;
        c2 = high0 ^ c3 ^ (uint8)(key.y);
        c3 = low0;
    }
    *w0 = c0; *w1 = c1; *w2 = c2; *w3 = c3;
}

// Block `block` of the stream (replicate, problem, purpose): its four words, one Philox chain in
// scalar registers (the GPU form: one replicate per work-item, no vector lanes to fill).
ALWAYS_INLINE uint4 philox_block(uint block, uint replicate, uint problem, uint purpose, uint2 key) {
    uint c0 = block, c1 = replicate, c2 = problem, c3 = purpose;
    #pragma unroll
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            key.x += PHILOX_W0;
            key.y += PHILOX_W1;
        }
        uint high0 = mul_hi(c0, PHILOX_M0), low0 = c0 * PHILOX_M0;
        uint high1 = mul_hi(c2, PHILOX_M1), low1 = c2 * PHILOX_M1;
        c0 = high1 ^ c1 ^ key.x;
        c1 = low1;
        c2 = high0 ^ c3 ^ key.y;
        c3 = low0;
    }
    return (uint4)(c0, c1, c2, c3);
}

// The words of one replicate's stream for one purpose, read in order (word 0, 1, 2, ...) by
// stream_word. The CPU form computes 16 words at a time in vector lanes (stream_words16) and indexes
// them; the GPU form keeps the rest of the current block in registers and rotates it.
typedef struct {
#if KERNEL_FORM == KERNEL_FORM_GPU
    uint4 block;
#else
    uint words[16];
#endif
    uint replicate;
    uint problem;
    uint purpose;
    uint2 key;
} stream_cursor;

ALWAYS_INLINE stream_cursor begin_stream(uint replicate, uint problem, uint purpose, uint2 key) {
    stream_cursor cursor;
    cursor.replicate = replicate;
    cursor.problem = problem;
    cursor.purpose = purpose;
    cursor.key = key;
    return cursor;
}

// Word t of the cursor's stream; t = 0, 1, 2, ... in turn.
ALWAYS_INLINE uint stream_word(stream_cursor *cursor, uint t) {
#if KERNEL_FORM == KERNEL_FORM_GPU
    if ((t & 3) == 0) cursor->block = philox_block(t >> 2, cursor->replicate, cursor->problem, cursor->purpose, cursor->key);
    uint word = cursor->block.x;
    cursor->block = cursor->block.yzwx;
    return word;
#else
    if ((t & 15) == 0) stream_words16(t >> 4, cursor->replicate, cursor->problem, cursor->purpose, cursor->key, cursor->words);
    return cursor->words[t & 15];
#endif
}

#if KERNEL_FORM == KERNEL_FORM_GPU
// Word t of the cursor's stream, at any t: its Philox block computed from the counter alone, nothing
// carried between calls (a Philox block per word). For words drawn at a position that differs from
// work-item to work-item, where a carried block would stay in vector registers.
ALWAYS_INLINE uint stream_word_at(const stream_cursor *cursor, uint t) {
    uint4 block = philox_block(t >> 2, cursor->replicate, cursor->problem, cursor->purpose, cursor->key);
    // Word t & 3 brought to lane x by rotations, which Oclgrind and PoCL run alike. The
    // equally well-defined chain `lane == 0 ? block.x : lane == 1 ? block.y : ...` on lane = t & 3 is
    // narrowed by Oclgrind 21.10's LLVM 14 to a switch on an i2 truncation of t, and Oclgrind's trunc
    // keeps the bits above bit 2 (for t & 3 of 0 or 1 past block 0 the switch takes its default,
    // word 3): an Oclgrind bug, see scripts/oclgrind-narrow-switch and docs/GPU-RUNS.md.
    if (t & 1) block = block.yzwx;
    if (t & 2) block = block.zwxy;
    return block.x;
}
#endif

// Maps a word to 0..count-1 by multiply-shift.
inline uint draw_index(uint word, uint count) {
    return (uint)(((ulong)word * count) >> 32);
}

// Maps four words to 0..count-1 lane by lane, as draw_index does: the high halves of their
// products with count.
ALWAYS_INLINE uint4 draw_index4(uint4 word, uint count) {
    uint4 high, low;
    philox_multiply4(word, count, &high, &low);
    return high;
}

// Maps a word to (w - 2^31 + 1/2) / 2^31, a symmetric value in [-1, 1).
inline real symmetric_unit(uint word) {
    return ((real)(int)(word ^ 0x80000000u) + (real)0.5f) * (real)0x1p-31f;
}
