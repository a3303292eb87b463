// The number of CPUs in this process's affinity mask (sched_getaffinity needs _GNU_SOURCE, which
// Swift's Glibc module does not define).
#define _GNU_SOURCE
#include "CVectorized.h"

#ifdef __linux__
#include <sched.h>

int trendfit_affinity_cpu_count(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}
#else
int trendfit_affinity_cpu_count(void) { return 0; }
#endif
