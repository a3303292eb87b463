// Philox4x32-10 (Salmon et al., SC'11) and the mapping of its words to draws.
// Mirrors Sources/TrendFit/Random/Philox4x32.swift and ReplicateStream.swift.

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

// Stream purposes: the fourth counter word.
#define PURPOSE_ROW_INDEX 0u
#define PURPOSE_JITTER 1u
#define PURPOSE_SIGN 2u

inline uint4 philox4x32_10(uint4 counter, uint2 key) {
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            key.x += PHILOX_W0;
            key.y += PHILOX_W1;
        }
        uint high0 = mul_hi(PHILOX_M0, counter.x);
        uint low0 = PHILOX_M0 * counter.x;
        uint high1 = mul_hi(PHILOX_M1, counter.z);
        uint low1 = PHILOX_M1 * counter.z;
        counter = (uint4)(high1 ^ counter.y ^ key.x, low1, high0 ^ counter.w ^ key.y, low0);
    }
    return counter;
}

// Block `block` of a replicate's stream for `purpose`: counter (block, replicate, problem, purpose).
inline uint4 stream_block(uint block, uint replicate, uint problem, uint purpose, uint2 key) {
    return philox4x32_10((uint4)(block, replicate, problem, purpose), key);
}

inline uint block_word(uint4 block, uint index) {
    switch (index & 3u) {
    case 0: return block.x;
    case 1: return block.y;
    case 2: return block.z;
    default: return block.w;
    }
}

// Maps a word to 0..count-1 by multiply-shift.
inline uint draw_index(uint word, uint count) {
    return mul_hi(word, count);
}

// Maps a word to (w - 2^31 + 1/2) / 2^31, a symmetric value in [-1, 1).
inline real symmetric_unit(uint word) {
    return ((real)(int)(word ^ 0x80000000u) + (real)0.5f) * (real)0x1p-31f;
}
