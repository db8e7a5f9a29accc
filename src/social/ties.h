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

#include "base/err.h"
#include "graph/graph.h"
#include "social/account.h"
#include "store/store.h"

struct ties_config {
	int invites_per_week;       /* default 100 */
	int nudge_mutual_threshold; /* mutual connections that excuse a missing note; default 10 */
};

struct ties {
	struct store_pool *pool;
	struct ties_config cfg;
	pthread_mutex_t write_mu;
	pthread_rwlock_t index_lock;
	struct graph graph;
	struct signin_limits signin;
	/* per-request graph scratch, handed out like store connections */
	pthread_mutex_t scratch_mu;
	struct graph_scratch *scratch;
	struct graph_scratch **scratch_free;
	int n_scratch, n_scratch_free;
};

void ties_config_defaults(struct ties_config *c);

/* Opens the store at db_path with n connections and loads the indexes. */
enum err ties_open(struct ties *t, const char *db_path, int n_conns, const struct ties_config *cfg,
                   struct fail *f);
void ties_close(struct ties *t);

struct graph_scratch *ties_scratch_get(struct ties *t);
void ties_scratch_put(struct ties *t, struct graph_scratch *s);

/* Index maintenance after a committed change (callers hold write_mu). */
void ties_member_joined(struct ties *t, int64_t id);
void ties_member_deleted(struct ties *t, int64_t id);

/* Builds the network index from the store (start-up, `ties check`). */
enum err ties_load_graph(struct store *s, struct graph *g, struct fail *f);

#endif
