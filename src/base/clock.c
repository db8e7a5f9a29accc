/* clock — injectable wall clock. */
#include "base/clock.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

static _Atomic int64_t fixed_ms;
static atomic_int env_read;

static int64_t real_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void read_env(void)
{
	if (atomic_exchange(&env_read, 1))
		return;
	const char *e = getenv("TIES_CLOCK_MS");
	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (*end == '\0' && v > 0)
			atomic_store(&fixed_ms, (int64_t)v);
	}
}

int64_t clock_now_ms(void)
{
	read_env();
	int64_t f = atomic_load(&fixed_ms);
	return f ? f : real_ms();
}

void clock_set_ms(int64_t ms)
{
	atomic_store(&env_read, 1);
	atomic_store(&fixed_ms, ms);
}

void clock_advance_ms(int64_t delta)
{
	int64_t now = clock_now_ms();
	atomic_store(&fixed_ms, now + delta);
}

uint64_t clock_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
