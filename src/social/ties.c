/* ties — process state: open the store, load the derived indexes, hand out
 * scratch memory, apply committed changes to the indexes. */
#include "social/ties.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "social/people.h"
#include "social/profile.h"

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
	pthread_mutex_init(&t->reader_mu, NULL);
	signin_limits_init(&t->signin);
	graph_init(&t->graph);
	search_init(&t->search);
	text_ctx_init(&t->writer_text);
	/* One reader per store connection: a request takes its connection
	 * first, so a reader is always free when it asks. */
	t->n_readers = n_conns;
	t->readers = xcalloc((size_t)n_conns, sizeof *t->readers);
	t->reader_free = xcalloc((size_t)n_conns, sizeof *t->reader_free);
	for (int i = 0; i < n_conns; i++) {
		graph_scratch_init(&t->readers[i].gs);
		text_ctx_init(&t->readers[i].text);
		search_result_init(&t->readers[i].res);
		t->reader_free[t->n_reader_free++] = &t->readers[i];
	}
	uint64_t t0 = clock_mono_ns();
	struct store *s = store_pool_get(t->pool);
	e = ties_load_graph(s, &t->graph, f);
	uint64_t t1 = clock_mono_ns();
	if (!e) {
		text_ctx_cache(&t->writer_text, 65536);
		e = ties_load_search(s, &t->search, &t->writer_text, &t->vis, &t->n_vis, f);
		text_ctx_cache(&t->writer_text, 0);
	}
	store_pool_put(t->pool, s);
	if (e) {
		ties_close(t);
		return e;
	}
	struct search_stats st;
	search_stats_get(&t->search, &st);
	log_info("network index: %u members, %llu connections, %.1f MB, loaded in %.2f s",
	         graph_size(&t->graph), (unsigned long long)graph_edge_count(&t->graph),
	         (double)graph_memory_bytes(&t->graph) / 1e6, (double)(t1 - t0) / 1e9);
	log_info("search index: %u profiles, %.1f MB, built in %.2f s", st.docs,
	         (double)st.bytes_total / 1e6, (double)(clock_mono_ns() - t1) / 1e9);
	return E_OK;
}

void ties_close(struct ties *t)
{
	for (int i = 0; i < t->n_readers; i++) {
		struct reader *r = &t->readers[i];
		graph_scratch_release(&r->gs);
		text_ctx_release(&r->text);
		search_result_release(&r->res);
		for (int k = 0; k < 4; k++)
			free(r->nv.bits[k]);
		free(r->nv.near);
	}
	free(t->readers);
	free(t->reader_free);
	free(t->vis);
	text_ctx_release(&t->writer_text);
	search_release(&t->search);
	graph_release(&t->graph);
	signin_limits_release(&t->signin);
	if (t->pool) {
		pthread_mutex_destroy(&t->reader_mu);
		pthread_rwlock_destroy(&t->index_lock);
		pthread_mutex_destroy(&t->write_mu);
	}
	store_pool_free(t->pool);
	memset(t, 0, sizeof *t);
}

struct reader *ties_reader_get(struct ties *t)
{
	pthread_mutex_lock(&t->reader_mu);
	struct reader *r = t->n_reader_free ? t->reader_free[--t->n_reader_free] : NULL;
	pthread_mutex_unlock(&t->reader_mu);
	if (!r)
		abort(); /* more readers than store connections: a bug */
	return r;
}

void ties_reader_put(struct ties *t, struct reader *r)
{
	pthread_mutex_lock(&t->reader_mu);
	t->reader_free[t->n_reader_free++] = r;
	pthread_mutex_unlock(&t->reader_mu);
}

/* Grows the visibility array to hold member id. */
static void vis_ensure(struct ties *t, int64_t id)
{
	if ((uint64_t)id < t->n_vis)
		return;
	uint32_t n = (uint32_t)id + 1024;
	t->vis = xrealloc(t->vis, n);
	memset(t->vis + t->n_vis, VIS_PRIVATE, n - t->n_vis);
	t->n_vis = n;
}

void ties_profile_changed(struct ties *t, struct store *s, int64_t id)
{
	struct profile p;
	if (profile_load(s, id, &p) != E_OK)
		return;
	struct search_doc d;
	struct people_doc_mem mem;
	people_doc(&p, &d, &mem);
	struct fail f = {0};
	pthread_rwlock_wrlock(&t->index_lock);
	graph_ensure(&t->graph, (uint32_t)id + 1);
	vis_ensure(t, id);
	t->vis[id] = vis_from_name(p.visibility);
	if (search_put(&t->search, &t->writer_text, (uint32_t)id, &d, &f))
		log_error("search index: member %lld: %s", (long long)id, f.detail);
	pthread_rwlock_unlock(&t->index_lock);
	people_doc_release(&mem);
	profile_release(&p);
}

void ties_member_joined(struct ties *t, struct store *s, int64_t id)
{
	ties_profile_changed(t, s, id);
}

void ties_member_deleted(struct ties *t, int64_t id)
{
	pthread_rwlock_wrlock(&t->index_lock);
	if ((uint32_t)id < graph_size(&t->graph))
		graph_remove_member(&t->graph, (uint32_t)id);
	search_remove(&t->search, &t->writer_text, (uint32_t)id);
	if ((uint64_t)id < t->n_vis)
		t->vis[id] = VIS_PRIVATE;
	pthread_rwlock_unlock(&t->index_lock);
}
