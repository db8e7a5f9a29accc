/* ratelimit — fixed-window counters keyed by a string (an IP address, an
 * email), in memory.  Losing them on restart is fine: they throttle guessing,
 * they are not records.  The table is bounded; when full, the entry whose
 * window is oldest is reused.  Thread-safe. */
#ifndef TIES_SOCIAL_RATELIMIT_H
#define TIES_SOCIAL_RATELIMIT_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct rl_entry {
	char key[80];
	int64_t window_start;
	uint32_t count;
};

struct ratelimit {
	pthread_mutex_t mu;
	struct rl_entry *slots;
	uint32_t n_slots;
	uint32_t limit;
	int64_t window_ms;
};

void ratelimit_init(struct ratelimit *r, uint32_t limit, int64_t window_ms, uint32_t slots);
void ratelimit_release(struct ratelimit *r);
/* Counts one attempt for key; false (and *retry_after_ms) when over the limit. */
bool ratelimit_hit(struct ratelimit *r, const char *key, int64_t *retry_after_ms);
/* True when key is already over the limit (does not count). */
bool ratelimit_blocked(struct ratelimit *r, const char *key, int64_t *retry_after_ms);
void ratelimit_clear(struct ratelimit *r, const char *key);

#endif
