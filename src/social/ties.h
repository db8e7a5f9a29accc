/* ties — the state one `ties serve` process shares across request threads:
 * the store's connection pool (the truth) and the derived in-memory indexes,
 * with the locks that keep them in step.
 *
 * The write path (DESIGN.md "How data flows"): a writer takes write_mu, checks
 * the rules against store and indexes, commits one store transaction (rows +
 * event), then takes index_lock exclusively to apply the committed change to
 * the indexes.  Holding write_mu across commit and apply makes the indexes see
 * changes in commit order.  Readers take index_lock shared and never wait on
 * disk. */
#ifndef TIES_SOCIAL_TIES_H
#define TIES_SOCIAL_TIES_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "graph/graph.h"
#include "search/search.h"
#include "text/text.h"
#include "social/account.h"
#include "store/store.h"

struct ties_config {
	int invites_per_week;       /* default 100 */
	int nudge_mutual_threshold; /* mutual connections that excuse a missing note; default 10 */
};

/* What one request thread needs to read the indexes: graph BFS memory, a
 * text context (stemmers are not thread-safe) and a search result buffer.
 * Handed out like store connections, one per request. */
struct netview {
	bool valid;
	uint32_t viewer, n;
	uint64_t version;
	uint64_t *bits[4]; /* 1st; 1st and 2nd (= near); 3rd decided (memo), and is 3rd */
	uint32_t *near;    /* 1st and 2nd degree, sorted: search ranks these first */
	size_t nnear, near_cap;
};

struct reader {
	struct graph_scratch gs;
	struct text_ctx text;
	struct search_result res;
	struct netview nv; /* people.c: the last searcher's network view */
};

/* A member's profile visibility as the indexes keep it (policy.h names). */
enum vis { VIS_PUBLIC, VIS_MEMBERS, VIS_NETWORK, VIS_PRIVATE };

struct ties {
	struct store_pool *pool;
	struct ties_config cfg;
	pthread_mutex_t write_mu;
	pthread_rwlock_t index_lock;
	struct graph graph;
	struct search_index search;
	struct text_ctx writer_text; /* used under write_mu only */
	uint8_t *vis;                /* enum vis by member number */
	uint32_t n_vis;
	struct signin_limits signin;
	pthread_mutex_t reader_mu;
	struct reader *readers;
	struct reader **reader_free;
	int n_readers, n_reader_free;
};

void ties_config_defaults(struct ties_config *c);

/* Opens the store at db_path with n connections and loads the indexes. */
enum err ties_open(struct ties *t, const char *db_path, int n_conns, const struct ties_config *cfg,
                   struct fail *f);
void ties_close(struct ties *t);

struct reader *ties_reader_get(struct ties *t);
void ties_reader_put(struct ties *t, struct reader *r);

/* Index maintenance after a committed change (callers hold write_mu): a new
 * member, a deleted one, a changed profile (search document, visibility). */
void ties_member_joined(struct ties *t, struct store *s, int64_t id);
void ties_member_deleted(struct ties *t, int64_t id);
void ties_profile_changed(struct ties *t, struct store *s, int64_t id);

/* Builds the network index from the store (start-up, `ties check`). */
enum err ties_load_graph(struct store *s, struct graph *g, struct fail *f);
/* Builds the search index and the visibility array from the store. */
enum err ties_load_search(struct store *s, struct search_index *x, struct text_ctx *tc,
                          uint8_t **vis, uint32_t *n_vis, struct fail *f);

#endif
