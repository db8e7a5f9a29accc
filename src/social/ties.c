/* ties — process state: open the store, load the derived indexes, hand out
 * scratch memory, apply committed changes to the indexes. */
#include "social/ties.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"

void ties_config_defaults(struct ties_config *c)
{
	c->invites_per_week = 100;
	c->nudge_mutual_threshold = 10;
}

static enum err load_pairs(struct store *s, struct graph *g, const char *sql,
                           void (*add)(struct graph *, uint32_t, uint32_t))
{
	struct scur c;
	store_query(s, &c, sql, 0, NULL);
	while (scur_next(&c)) {
		int64_t a = scur_int(&c, 0), b = scur_int(&c, 1);
		if (a <= 0 || b <= 0 || a >= GRAPH_NONE || b >= GRAPH_NONE)
			continue;
		add(g, (uint32_t)a, (uint32_t)b);
	}
	return scur_close(&c);
}

enum err ties_load_graph(struct store *s, struct graph *g, struct fail *f)
{
	int64_t max_id = 0;
	enum err e = store_int(s, &max_id, "SELECT coalesce(max(id), 0) FROM members", 0, NULL);
	if (e)
		return fail_set(f, e, NULL, "loading the network: %s", store_errmsg(s));
	graph_ensure(g, (uint32_t)max_id + 1);
	graph_bulk_begin(g);
	if (!e)
		e = load_pairs(s, g, "SELECT a, b FROM connections", graph_bulk_edge);
	if (!e)
		e = load_pairs(s, g, "SELECT follower, followee FROM follows", graph_bulk_follow);
	if (!e)
		e = load_pairs(s, g, "SELECT member, other FROM unfollows", graph_bulk_unfollow);
	if (!e)
		e = load_pairs(s, g, "SELECT blocker, blocked FROM blocks", graph_bulk_block);
	graph_bulk_finish(g);
	if (e)
		return fail_set(f, e, NULL, "loading the network: %s", store_errmsg(s));
	return E_OK;
}

enum err ties_open(struct ties *t, const char *db_path, int n_conns, const struct ties_config *cfg,
                   struct fail *f)
{
	memset(t, 0, sizeof *t);
	if (cfg)
		t->cfg = *cfg;
	else
		ties_config_defaults(&t->cfg);
	if (!account_init())
		return fail_set(f, E_INTERNAL, NULL, "cannot initialise libsodium");
	enum err e = store_pool_new(&t->pool, db_path, n_conns, f);
	if (e)
		return e;
	pthread_mutex_init(&t->write_mu, NULL);
	pthread_rwlock_init(&t->index_lock, NULL);
	pthread_mutex_init(&t->scratch_mu, NULL);
	signin_limits_init(&t->signin);
	graph_init(&t->graph);
	t->n_scratch = n_conns;
	t->scratch = xcalloc((size_t)n_conns, sizeof *t->scratch);
	t->scratch_free = xcalloc((size_t)n_conns, sizeof *t->scratch_free);
	for (int i = 0; i < n_conns; i++) {
		graph_scratch_init(&t->scratch[i]);
		t->scratch_free[t->n_scratch_free++] = &t->scratch[i];
	}
	uint64_t t0 = clock_mono_ns();
	struct store *s = store_pool_get(t->pool);
	e = ties_load_graph(s, &t->graph, f);
	store_pool_put(t->pool, s);
	if (e) {
		ties_close(t);
		return e;
	}
	log_info("network index: %u members, %llu connections, %.1f MB, loaded in %.2f s",
	         graph_size(&t->graph), (unsigned long long)graph_edge_count(&t->graph),
	         (double)graph_memory_bytes(&t->graph) / 1e6, (double)(clock_mono_ns() - t0) / 1e9);
	return E_OK;
}

void ties_close(struct ties *t)
{
	for (int i = 0; i < t->n_scratch; i++)
		graph_scratch_release(&t->scratch[i]);
	free(t->scratch);
	free(t->scratch_free);
	graph_release(&t->graph);
	signin_limits_release(&t->signin);
	pthread_mutex_destroy(&t->scratch_mu);
	pthread_rwlock_destroy(&t->index_lock);
	pthread_mutex_destroy(&t->write_mu);
	store_pool_free(t->pool);
	memset(t, 0, sizeof *t);
}

struct graph_scratch *ties_scratch_get(struct ties *t)
{
	pthread_mutex_lock(&t->scratch_mu);
	/* There are as many scratch areas as store connections, and a request
	 * takes its connection first, so one is always free here. */
	struct graph_scratch *s = t->n_scratch_free ? t->scratch_free[--t->n_scratch_free] : NULL;
	pthread_mutex_unlock(&t->scratch_mu);
	if (!s)
		abort();
	return s;
}

void ties_scratch_put(struct ties *t, struct graph_scratch *s)
{
	pthread_mutex_lock(&t->scratch_mu);
	t->scratch_free[t->n_scratch_free++] = s;
	pthread_mutex_unlock(&t->scratch_mu);
}

void ties_member_joined(struct ties *t, int64_t id)
{
	pthread_rwlock_wrlock(&t->index_lock);
	graph_ensure(&t->graph, (uint32_t)id + 1);
	pthread_rwlock_unlock(&t->index_lock);
}

void ties_member_deleted(struct ties *t, int64_t id)
{
	pthread_rwlock_wrlock(&t->index_lock);
	if ((uint32_t)id < graph_size(&t->graph))
		graph_remove_member(&t->graph, (uint32_t)id);
	pthread_rwlock_unlock(&t->index_lock);
}
