#ifndef CPHILOX_H
#define CPHILOX_H

#include <stdint.h>

/// Writes the words of Philox4x32-10 blocks 0 ..< block_count (rounded up to a multiple of 8)
/// for the counter (block, replicate, problem, purpose) under the key (key0, key1): word t is
/// word t % 4 of block t / 4. Uses AVX2 where the CPU has it; same words either way.
void trendfit_philox_words(uint32_t *words, int64_t block_count, uint32_t replicate, uint32_t problem,
                           uint32_t purpose, uint32_t key0, uint32_t key1);

#endif
