/* ratelimit — bounded fixed-window counters. */
#include "social/ratelimit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"

void ratelimit_init(struct ratelimit *r, uint32_t limit, int64_t window_ms, uint32_t slots)
{
	pthread_mutex_init(&r->mu, NULL);
	r->slots = xcalloc(slots, sizeof *r->slots);
	r->n_slots = slots;
	r->limit = limit;
	r->window_ms = window_ms;
}

void ratelimit_release(struct ratelimit *r)
{
	free(r->slots);
	pthread_mutex_destroy(&r->mu);
}

static uint32_t hash(const char *k)
{
	uint32_t h = 2166136261u;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	return h;
}

/* Finds key's entry or the slot to reuse for it; a probe window of 16. */
static struct rl_entry *find(struct ratelimit *r, const char *key, int64_t now, bool create)
{
	uint32_t h = hash(key);
	struct rl_entry *free_slot = NULL, *oldest = NULL;
	for (uint32_t i = 0; i < 16; i++) {
		struct rl_entry *e = &r->slots[(h + i) % r->n_slots];
		if (e->key[0] && strncmp(e->key, key, sizeof e->key - 1) == 0)
			return e;
		if (!e->key[0] || now - e->window_start >= r->window_ms) {
			if (!free_slot)
				free_slot = e;
		} else if (!oldest || e->window_start < oldest->window_start) {
			oldest = e;
		}
	}
	if (!create)
		return NULL;
	struct rl_entry *victim = free_slot ? free_slot : oldest;
	snprintf(victim->key, sizeof victim->key, "%s", key);
	victim->window_start = now;
	victim->count = 0;
	return victim;
}

static bool check(struct ratelimit *r, const char *key, int64_t *retry, bool count)
{
	int64_t now = clock_now_ms();
	pthread_mutex_lock(&r->mu);
	struct rl_entry *e = find(r, key, now, count);
	bool ok = true;
	if (e) {
		if (now - e->window_start >= r->window_ms) {
			e->window_start = now;
			e->count = 0;
		}
		if (e->count >= r->limit) {
			ok = false;
			if (retry)
				*retry = e->window_start + r->window_ms - now;
		} else if (count) {
			e->count++;
		}
	}
	pthread_mutex_unlock(&r->mu);
	return ok;
}

bool ratelimit_hit(struct ratelimit *r, const char *key, int64_t *retry)
{
	return check(r, key, retry, true);
}

bool ratelimit_blocked(struct ratelimit *r, const char *key, int64_t *retry)
{
	return !check(r, key, retry, false);
}

void ratelimit_clear(struct ratelimit *r, const char *key)
{
	pthread_mutex_lock(&r->mu);
	struct rl_entry *e = find(r, key, clock_now_ms(), false);
	if (e)
		memset(e, 0, sizeof *e);
	pthread_mutex_unlock(&r->mu);
}
