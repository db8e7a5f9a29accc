/* graph_balls — the balls of the best-connected members: for each, a bitmap
 * over all members of those within 2 hops of it (its 1st and 2nd degree).
 *
 * Why: a 3rd-degree search from `from` to `to` (graph_query.c, reach23)
 * marks N(to) and reads the lists of N(from) for a marked member.  For a
 * c ∈ N(from) that has a ball, one bit answers instead: `to` in c's ball
 * is a path from–c–?–to, and if it is not there, c's list need not be read.
 * The best-connected members have the longest lists and are the likeliest
 * to be in N(from), so their balls save the most reading per byte.  On the
 * 1M-member network (pairs alternating between the variants in one process,
 * make graph-bench): p50 4.8 → 2.4 µs, p99 19.5 → 15.9 µs and the
 * out-of-network median 17.2 → 14.9 µs with the 8,000 most connected
 * members' balls (954 MB); 2,000 balls gave p99 17.2, 4,000 gave 16.8.
 *
 * Which members: those with at least graph_ball_min_degree connections, the
 * most connected first, as many as BALL_BYTES_PER_EDGE bytes per directed
 * edge pay for (a ball costs n/8 bytes): ~7,200 at 1M members and 150
 * connections each, whose least connected has ~700.  Chosen at each bulk
 * load; members who become well connected later get a ball at the next.
 *
 * Upkeep (every write keeps each ball exact over the members below ball_n,
 * those there were when it was built; a query about a later member reads
 * lists as before):
 *   - connection a–b added: b and N(b) join a's ball, a and N(a) join b's,
 *     b joins the ball of each other c ∈ N(a), and a of each c ∈ N(b);
 *   - removed: a's and b's balls are rebuilt; b leaves the ball of each
 *     c ∈ N(a) unless c still reaches it (connected or with a mutual
 *     connection), and a likewise for N(b).  O(|N(a)| + |N(b)|) plus an
 *     intersection per ball owner among them plus the rebuilds (a ball's
 *     rebuild reads its owner's lists of lists: ~1 ms for 700 connections);
 *   - member removed: it leaves every ball, the balls of its connections
 *     are rebuilt and its own emptied.
 * graph_balls_check proves all of it against fresh balls (ties check,
 * the property tests). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "graph/graph_int.h"

#define BALL_BYTES_PER_EDGE 6
/* Ball numbers live in the bits of two_hop_ball above two_hop's. */
#define MAX_BALLS   ((UINT32_C(1) << (64 - GRAPH_TWO_HOP_BITS)) - 2)
#define MAX_THREADS 8

uint32_t graph_ball_min_degree = 64;

static inline void put(uint64_t *b, uint32_t x)
{
	b[x >> 6] |= UINT64_C(1) << (x & 63);
}

void graph_fill_ball(const struct graph *g, uint32_t a, uint64_t *bits, uint32_t below)
{
	const struct graph_member *m = g->m;
	const struct graph_set *na = &m[a].conn;
	for (uint32_t i = 0; i < na->n; i++) {
		/* The records, then the lists, a few connections ahead. */
		if (i + 8 < na->n)
			__builtin_prefetch(&m[na->v[i + 8]]);
		if (i + 4 < na->n)
			__builtin_prefetch(m[na->v[i + 4]].conn.v);
		uint32_t c = na->v[i];
		if (c < below)
			put(bits, c);
		const struct graph_set *nc = &m[c].conn;
		for (uint32_t j = 0; j < nc->n; j++) {
			if (nc->v[j] < below)
				put(bits, nc->v[j]);
		}
	}
}

static uint64_t *ball_at(const struct graph *g, uint32_t k)
{
	return g->balls + (size_t)k * g->ball_words;
}

/* graph_ball, writable (g is). */
static uint64_t *ball_mut(struct graph *g, uint32_t a)
{
	return (uint64_t *)(uintptr_t)graph_ball(g, a);
}

static void rebuild(struct graph *g, uint32_t a, uint64_t *b)
{
	memset(b, 0, g->ball_words * sizeof *b);
	graph_fill_ball(g, a, b, g->ball_n);
}

void graph_balls_free(struct graph *g)
{
	for (uint32_t k = 0; k < g->nballs; k++)
		g->m[g->ball_owner[k]].two_hop_ball &= GRAPH_TWO_HOP_MASK;
	free(g->balls);
	free(g->ball_owner);
	g->balls = NULL;
	g->ball_owner = NULL;
	g->nballs = g->ball_n = 0;
	g->ball_words = 0;
}

struct build_job {
	struct graph *g;
	uint32_t first, step;
};

static void *build_some(void *arg)
{
	const struct build_job *j = arg;
	for (uint32_t k = j->first; k < j->g->nballs; k += j->step)
		rebuild(j->g, j->g->ball_owner[k], ball_at(j->g, k));
	return NULL;
}

void graph_balls_build(struct graph *g)
{
	graph_balls_free(g);
	uint32_t n = g->n, min = graph_ball_min_degree ? graph_ball_min_degree : 1;
	size_t words = ((size_t)n + 63) / 64;
	uint64_t most = g->edges * 2 * BALL_BYTES_PER_EDGE / (words ? words * 8 : 1);
	if (most > MAX_BALLS)
		most = MAX_BALLS;
	/* The candidates, most connected first (then by number). */
	uint64_t *key = xmalloc(((size_t)n + 1) * sizeof *key);
	size_t nk = 0;
	for (uint32_t a = 0; a < n; a++) {
		uint32_t d = g->m[a].conn.n;
		if (d >= min)
			key[nk++] = (uint64_t)(UINT32_MAX - d) << 32 | a;
	}
	graph_sort_u64(key, nk);
	uint32_t k = (uint32_t)(nk < most ? nk : most);
	if (k == 0) {
		free(key);
		return;
	}
	g->nballs = k;
	g->ball_n = n;
	g->ball_words = words;
	g->balls = xaligned_lines((size_t)k * words * sizeof *g->balls);
	g->ball_owner = xmalloc((size_t)k * sizeof *g->ball_owner);
	for (uint32_t i = 0; i < k; i++) {
		uint32_t a = (uint32_t)key[i];
		g->ball_owner[i] = a;
		g->m[a].two_hop_ball |= (uint64_t)(i + 1) << GRAPH_TWO_HOP_BITS;
	}
	free(key);
	/* Balls are independent: one thread per core (7,200 balls at 1M
	 * members read ~2G list entries). */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	uint32_t nt = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (uint32_t)cpus;
	if (nt > k)
		nt = k;
	struct build_job job[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	for (uint32_t t = 0; t < MAX_THREADS; t++)
		job[t] = (struct build_job){g, t, nt};
	for (uint32_t t = 1; t < nt; t++)
		started[t] = pthread_create(&th[t], NULL, build_some, &job[t]) == 0;
	build_some(&job[0]);
	for (uint32_t t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			build_some(&job[t]); /* no thread: this one does its share */
	}
}

/* a gained the connection b: b and N(b) join a's ball, b joins the balls of
 * a's other connections. */
static void joined(struct graph *g, uint32_t a, uint32_t b)
{
	uint64_t *ba = ball_mut(g, a);
	const struct graph_set *na = &g->m[a].conn, *nb = &g->m[b].conn;
	bool inside = b < g->ball_n;
	if (ba) {
		if (inside)
			put(ba, b);
		for (uint32_t i = 0; i < nb->n; i++) {
			if (nb->v[i] < g->ball_n)
				put(ba, nb->v[i]);
		}
	}
	for (uint32_t i = 0; inside && i < na->n; i++) {
		uint64_t *bc = ball_mut(g, na->v[i]);
		if (bc && na->v[i] != b)
			put(bc, b);
	}
}

void graph_balls_connected(struct graph *g, uint32_t a, uint32_t b)
{
	if (!g->nballs)
		return;
	joined(g, a, b);
	joined(g, b, a);
}

/* a lost the connection b: a's ball is rebuilt; b leaves the ball of each
 * c ∈ N(a) that no longer reaches it in 2 hops. */
static void left(struct graph *g, uint32_t a, uint32_t b)
{
	uint64_t *ba = ball_mut(g, a);
	if (ba)
		rebuild(g, a, ba);
	if (b >= g->ball_n)
		return;
	const struct graph_set *na = &g->m[a].conn;
	for (uint32_t i = 0; i < na->n; i++) {
		uint32_t c = na->v[i];
		uint64_t *bc = ball_mut(g, c);
		if (bc && !graph_connected(g, c, b) && graph_mutual_count(g, c, b) == 0)
			bc[b >> 6] &= ~(UINT64_C(1) << (b & 63));
	}
}

void graph_balls_disconnected(struct graph *g, uint32_t a, uint32_t b)
{
	if (!g->nballs)
		return;
	left(g, a, b);
	left(g, b, a);
}

void graph_balls_member_gone(struct graph *g, uint32_t a, const struct graph_set *had)
{
	if (!g->nballs)
		return;
	if (a < g->ball_n) {
		for (uint32_t k = 0; k < g->nballs; k++)
			ball_at(g, k)[a >> 6] &= ~(UINT64_C(1) << (a & 63));
	}
	uint64_t *ba = ball_mut(g, a);
	if (ba) /* a keeps no connection */
		memset(ba, 0, g->ball_words * sizeof *ba);
	for (uint32_t i = 0; i < had->n; i++) {
		uint64_t *bb = ball_mut(g, had->v[i]);
		if (bb)
			rebuild(g, had->v[i], bb);
	}
}

bool graph_balls_check(const struct graph *g, struct buf *why)
{
	bool ok = false;
	uint64_t *fresh = xmalloc((g->ball_words ? g->ball_words : 1) * sizeof *fresh);
	uint32_t owners = 0;
	for (uint32_t a = 0; a < g->n; a++) {
		uint32_t k = graph_ball_no(&g->m[a]);
		if (!k)
			continue;
		owners++;
		if (k > g->nballs || g->ball_owner[k - 1] != a) {
			if (why)
				buf_addf(why, "member %u: ball number %u is not its own", a, k - 1);
			goto out;
		}
	}
	if (owners != g->nballs) {
		if (why)
			buf_addf(why, "%u balls but %u members own one", g->nballs, owners);
		goto out;
	}
	for (uint32_t k = 0; k < g->nballs; k++) {
		uint32_t a = g->ball_owner[k];
		const uint64_t *have = ball_at(g, k);
		memset(fresh, 0, g->ball_words * sizeof *fresh);
		graph_fill_ball(g, a, fresh, g->ball_n);
		for (size_t w = 0; w < g->ball_words; w++) {
			if (have[w] == fresh[w])
				continue;
			if (why) {
				uint32_t x = (uint32_t)(w * 64) +
				             (uint32_t)__builtin_ctzll(have[w] ^ fresh[w]);
				buf_addf(why,
				         "member %u: its ball %s member %u (within 2 hops: %s)", a,
				         (have[w] >> (x & 63)) & 1 ? "holds" : "lacks", x,
				         (fresh[w] >> (x & 63)) & 1 ? "yes" : "no");
			}
			goto out;
		}
	}
	ok = true;
out:
	free(fresh);
	return ok;
}

size_t graph_balls_bytes(const struct graph *g)
{
	if (!g->nballs)
		return 0;
	return (size_t)g->nballs * (g->ball_words * sizeof *g->balls + sizeof *g->ball_owner);
}
