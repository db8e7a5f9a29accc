/* bench_util — helpers every benchmark program uses, with no dependency
 * beyond libc and src/base (graph_bench and search_bench are built without
 * the peers' client libraries): process memory from /proc, elapsed seconds
 * and a strict number parser.  Header-only, like bench_common.h. */
#ifndef TIES_BENCH_UTIL_H
#define TIES_BENCH_UTIL_H
#include <errno.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"

/* ---- process memory ------------------------------------------------------- */

/* A field of /proc/self/status in bytes ("VmRSS", "VmHWM"), -1 if unknown. */
static inline long long proc_status_bytes(const char *field)
{
	FILE *fp = fopen("/proc/self/status", "r");
	if (!fp)
		return -1;
	char line[256];
	long long kb = -1;
	size_t n = strlen(field);
	while (fgets(line, sizeof line, fp)) {
		if (!strncmp(line, field, n) && line[n] == ':') {
			kb = strtoll(line + n + 1, NULL, 10);
			break;
		}
	}
	fclose(fp);
	return kb < 0 ? -1 : kb * 1024;
}

/* Resident memory after giving freed heap back to the system. */
static inline long long rss_now(void)
{
	malloc_trim(0);
	return proc_status_bytes("VmRSS");
}

/* Resets the peak-RSS counter (VmHWM) where the kernel allows it. */
static inline void hwm_reset(void)
{
	FILE *fp = fopen("/proc/self/clear_refs", "w");
	if (fp) {
		fputs("5", fp);
		fclose(fp);
	}
}

/* ---- numbers and time ----------------------------------------------------- */

/* A whole decimal number, all of s; false on anything else. */
static inline bool parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end)
		return false;
	*out = v;
	return true;
}

/* A whole decimal number in [lo, hi], all of s; lo - 1 on anything else. */
static inline long parse_long(const char *s, long lo, long hi)
{
	char *end;
	long v = strtol(s, &end, 10);
	return (*s && !*end && v >= lo && v <= hi) ? v : lo - 1;
}

/* Seconds since `from` (clock_mono_ns). */
static inline double secs(uint64_t from)
{
	return (double)(clock_mono_ns() - from) / 1e9;
}

#endif
