/* graph — the network index: lifecycle, incremental writes (connect, follow,
 * block, remove), listings, equality and accounting.  The queries live in
 * graph_query.c and the bulk load in graph_bulk.c.  Every write keeps the
 * invariants of graph.h and graph_int.h; a write that fails changes nothing. */
#include "graph/graph.h"

#include <assert.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "graph/graph_int.h"

/* glibc's per-allocation header, for graph_memory_bytes. */
#define MALLOC_HEADER 8

/* ---- sorted sets ---------------------------------------------------------- */

bool gset_add(struct graph_set *s, uint32_t x)
{
	uint32_t i = gset_lower(s->v, s->n, x);
	if (i < s->n && s->v[i] == x)
		return false;
	if (s->n == s->cap) {
		uint32_t cap = s->cap + s->cap / 4 + 4;
		s->v = xrealloc(s->v, (size_t)cap * sizeof *s->v);
		s->cap = cap;
	}
	memmove(s->v + i + 1, s->v + i, (size_t)(s->n - i) * sizeof *s->v);
	s->v[i] = x;
	s->n++;
	return true;
}

bool gset_del(struct graph_set *s, uint32_t x)
{
	uint32_t i = gset_lower(s->v, s->n, x);
	if (i >= s->n || s->v[i] != x)
		return false;
	memmove(s->v + i, s->v + i + 1, (size_t)(s->n - i - 1) * sizeof *s->v);
	s->n--;
	if (s->n == 0)
		gset_free(s);
	return true;
}

void gset_free(struct graph_set *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

static bool extra_empty(const struct graph_extra *x)
{
	for (int k = 0; k < X__COUNT; k++) {
		if (x->s[k].n)
			return false;
	}
	return true;
}

static void extra_free(struct graph_extra *x)
{
	if (!x)
		return;
	for (int k = 0; k < X__COUNT; k++)
		gset_free(&x->s[k]);
	free(x);
}

/* a's exception lists, created on demand. */
static struct graph_extra *extra(struct graph *g, uint32_t a)
{
	if (!g->m[a].x)
		g->m[a].x = xcalloc(1, sizeof *g->m[a].x);
	return g->m[a].x;
}

/* Frees a's exception lists once they are all empty. */
static void tidy(struct graph *g, uint32_t a)
{
	if (g->m[a].x && extra_empty(g->m[a].x)) {
		extra_free(g->m[a].x);
		g->m[a].x = NULL;
	}
}

static const struct graph_set empty_set;

static bool in_slab(const struct graph *g, const uint32_t *v)
{
	return g->slab && v >= g->slab && v < g->slab + g->slab_len;
}

struct graph_set *graph_conn_mut(struct graph *g, uint32_t a)
{
	struct graph_set *s = &g->m[a].conn;
	if (in_slab(g, s->v)) {
		uint32_t cap = s->n + s->n / 4 + 4;
		uint32_t *v = xmalloc((size_t)cap * sizeof *v);
		memcpy(v, s->v, (size_t)s->n * sizeof *v);
		s->v = v;
		s->cap = cap;
	}
	return s;
}

void graph_conn_free(struct graph *g, uint32_t a)
{
	struct graph_set *s = &g->m[a].conn;
	if (in_slab(g, s->v))
		memset(s, 0, sizeof *s);
	else
		gset_free(s);
}

/* One of a's exception sets, or the empty set. */
static const struct graph_set *xset(const struct graph *g, uint32_t a, enum graph_xset k)
{
	if (a >= g->n || !g->m[a].x)
		return &empty_set;
	return &g->m[a].x->s[k];
}

/* ---- lifecycle ------------------------------------------------------------ */

void graph_init(struct graph *g)
{
	/* Versions of different graphs (or of one address re-used) never meet. */
	static atomic_uint_fast64_t inits;
	memset(g, 0, sizeof *g);
	g->version = (uint64_t)atomic_fetch_add(&inits, 1) << 32;
}

void graph_release(struct graph *g)
{
	for (uint32_t a = 0; a < g->n; a++) {
		graph_conn_free(g, a);
		extra_free(g->m[a].x);
	}
	graph_balls_free(g);
	free(g->m);
	free(g->slab);
	graph_bulk_drop(g);
	memset(g, 0, sizeof *g);
}

void graph_ensure(struct graph *g, uint32_t n)
{
	if (n <= g->n)
		return;
	if (n > g->cap) {
		size_t cap = g->cap ? g->cap : 64;
		while (cap < n)
			cap *= 2;
		if (cap > GRAPH_NONE)
			cap = GRAPH_NONE;
		/* Line-aligned, so no record straddles two lines. */
		struct graph_member *m = xaligned_lines(cap * sizeof *m);
		if (g->n)
			memcpy(m, g->m, (size_t)g->n * sizeof *m);
		free(g->m);
		g->m = m;
		g->cap = (uint32_t)cap;
	}
	memset(g->m + g->n, 0, (size_t)(n - g->n) * sizeof *g->m);
	g->n = n;
}

uint32_t graph_size(const struct graph *g)
{
	return g->n;
}

uint64_t graph_edge_count(const struct graph *g)
{
	return g->edges;
}

/* ---- connections ---------------------------------------------------------- */

/* Drops b from a's exception list `mine` and a from b's `theirs` (its
 * mirror); false if b was not in it. */
static bool drop_mirrored(struct graph *g, uint32_t a, uint32_t b, enum graph_xset mine,
                          enum graph_xset theirs)
{
	if (!g->m[a].x || !gset_del(&g->m[a].x->s[mine], b))
		return false;
	gset_del(&g->m[b].x->s[theirs], a);
	tidy(g, a);
	tidy(g, b);
	return true;
}

/* Drops the explicit follow a -> b; false if there was none. */
static bool drop_explicit(struct graph *g, uint32_t a, uint32_t b)
{
	return drop_mirrored(g, a, b, X_FOLLOWEES, X_FOLLOWERS);
}

/* Drops the exception "a does not follow its connection b"; false if none. */
static bool drop_unfollowed(struct graph *g, uint32_t a, uint32_t b)
{
	return drop_mirrored(g, a, b, X_UNFOLLOWED, X_UNFOLLOWED_BY);
}

/* Adds delta to two_hop of every member of x (whose own count changed). */
static void bump_two_hop(struct graph *g, const struct graph_set *x, int64_t delta)
{
	for (uint32_t i = 0; i < x->n; i++)
		g->m[x->v[i]].two_hop_ball += (uint64_t)delta;
}

/* Keeps two_hop right as the connection a–b comes (delta 1, called before
 * it is added) or goes (-1, called after it is removed): a's and b's
 * connections see one more or one less connection, and a and b each gain
 * or lose the other's. */
static void edge_two_hop(struct graph *g, uint32_t a, uint32_t b, int64_t delta)
{
	struct graph_member *ma = &g->m[a], *mb = &g->m[b];
	bump_two_hop(g, &ma->conn, delta);
	bump_two_hop(g, &mb->conn, delta);
	ma->two_hop_ball += (uint64_t)(delta * (int64_t)(mb->conn.n + 1));
	mb->two_hop_ball += (uint64_t)(delta * (int64_t)(ma->conn.n + 1));
}

enum err graph_connect(struct graph *g, uint32_t a, uint32_t b)
{
	enum err e = E_BAD_FIELD;
	assert(!g->bulk);
	if (a == b)
		goto out;
	e = E_NOT_FOUND;
	if (a >= g->n || b >= g->n)
		goto out;
	e = E_CONFLICT;
	if (gset_has(&g->m[a].conn, b))
		goto out;
	e = E_FORBIDDEN;
	if (graph_blocked_either(g, a, b))
		goto out;
	e = E_TOO_MANY;
	if (g->m[a].conn.n >= GRAPH_MAX_CONNECTIONS || g->m[b].conn.n >= GRAPH_MAX_CONNECTIONS)
		goto out;
	edge_two_hop(g, a, b, 1);
	gset_add(graph_conn_mut(g, a), b);
	gset_add(graph_conn_mut(g, b), a);
	/* Follows between them are now implied by the connection. */
	drop_explicit(g, a, b);
	drop_explicit(g, b, a);
	graph_balls_connected(g, a, b);
	g->edges++;
	g->version++;
	e = E_OK;
out:
	return e;
}

bool graph_disconnect(struct graph *g, uint32_t a, uint32_t b)
{
	bool done = false;
	assert(!g->bulk);
	if (a >= g->n || b >= g->n || !gset_has(&g->m[a].conn, b))
		goto out;
	gset_del(graph_conn_mut(g, a), b);
	gset_del(graph_conn_mut(g, b), a);
	edge_two_hop(g, a, b, -1);
	drop_unfollowed(g, a, b);
	drop_unfollowed(g, b, a);
	graph_balls_disconnected(g, a, b);
	g->edges--;
	g->version++;
	done = true;
out:
	return done;
}

bool graph_connected(const struct graph *g, uint32_t a, uint32_t b)
{
	if (a >= g->n || b >= g->n)
		return false;
	/* Search the shorter list: fewer cache lines. */
	if (g->m[a].conn.n <= g->m[b].conn.n)
		return gset_has(&g->m[a].conn, b);
	return gset_has(&g->m[b].conn, a);
}

const uint32_t *graph_connections(const struct graph *g, uint32_t a, uint32_t *n)
{
	if (a >= g->n || g->m[a].conn.n == 0) {
		*n = 0;
		return NULL;
	}
	*n = g->m[a].conn.n;
	return g->m[a].conn.v;
}

/* ---- follows -------------------------------------------------------------- */

enum err graph_follow(struct graph *g, uint32_t a, uint32_t b)
{
	enum err e = E_BAD_FIELD;
	assert(!g->bulk);
	if (a == b)
		goto out;
	e = E_NOT_FOUND;
	if (a >= g->n || b >= g->n)
		goto out;
	e = E_FORBIDDEN;
	if (graph_blocked_either(g, a, b))
		goto out;
	e = E_CONFLICT;
	if (gset_has(&g->m[a].conn, b)) {
		if (drop_unfollowed(g, a, b))
			e = E_OK;
		goto out;
	}
	if (!gset_add(&extra(g, a)->s[X_FOLLOWEES], b)) {
		tidy(g, a);
		goto out;
	}
	gset_add(&extra(g, b)->s[X_FOLLOWERS], a);
	e = E_OK;
out:
	return e;
}

bool graph_unfollow(struct graph *g, uint32_t a, uint32_t b)
{
	bool done = false;
	assert(!g->bulk);
	if (a >= g->n || b >= g->n || a == b)
		goto out;
	if (!gset_has(&g->m[a].conn, b)) {
		done = drop_explicit(g, a, b);
		goto out;
	}
	if (!gset_add(&extra(g, a)->s[X_UNFOLLOWED], b)) {
		tidy(g, a);
		goto out;
	}
	gset_add(&extra(g, b)->s[X_UNFOLLOWED_BY], a);
	done = true;
out:
	return done;
}

bool graph_follows(const struct graph *g, uint32_t a, uint32_t b)
{
	if (a >= g->n || b >= g->n || a == b)
		return false;
	if (gset_has(&g->m[a].conn, b))
		return !gset_has(xset(g, a, X_UNFOLLOWED), b);
	return gset_has(xset(g, a, X_FOLLOWEES), b);
}

/* Writes (conn \ minus) ∪ plus, ascending, up to max into out; returns the
 * size of the whole.  plus is disjoint from conn, minus a subset of it. */
static uint32_t merge_follows(const struct graph_set *conn, const struct graph_set *minus,
                              const struct graph_set *plus, uint32_t *out, uint32_t max)
{
	uint32_t total = conn->n - minus->n + plus->n;
	uint32_t i = 0, j = 0, k = 0, w = 0;
	while (w < max && (i < conn->n || k < plus->n)) {
		if (i < conn->n && j < minus->n && conn->v[i] == minus->v[j]) {
			i++;
			j++;
			continue;
		}
		if (k >= plus->n || (i < conn->n && conn->v[i] < plus->v[k]))
			out[w++] = conn->v[i++];
		else
			out[w++] = plus->v[k++];
	}
	return total;
}

uint32_t graph_followees(const struct graph *g, uint32_t a, uint32_t *out, uint32_t max)
{
	if (a >= g->n)
		return 0;
	return merge_follows(&g->m[a].conn, xset(g, a, X_UNFOLLOWED), xset(g, a, X_FOLLOWEES), out,
	                     max);
}

uint32_t graph_followers(const struct graph *g, uint32_t a, uint32_t *out, uint32_t max)
{
	if (a >= g->n)
		return 0;
	return merge_follows(&g->m[a].conn, xset(g, a, X_UNFOLLOWED_BY), xset(g, a, X_FOLLOWERS),
	                     out, max);
}

/* ---- blocks --------------------------------------------------------------- */

enum err graph_block(struct graph *g, uint32_t a, uint32_t b)
{
	enum err e = E_BAD_FIELD;
	assert(!g->bulk);
	if (a == b)
		goto out;
	e = E_NOT_FOUND;
	if (a >= g->n || b >= g->n)
		goto out;
	e = E_CONFLICT;
	if (graph_blocked(g, a, b))
		goto out;
	graph_disconnect(g, a, b);
	drop_explicit(g, a, b);
	drop_explicit(g, b, a);
	gset_add(&extra(g, a)->s[X_BLOCKED], b);
	gset_add(&extra(g, b)->s[X_BLOCKED_BY], a);
	e = E_OK;
out:
	return e;
}

bool graph_unblock(struct graph *g, uint32_t a, uint32_t b)
{
	bool done = false;
	assert(!g->bulk);
	if (a >= g->n || b >= g->n)
		goto out;
	done = drop_mirrored(g, a, b, X_BLOCKED, X_BLOCKED_BY);
out:
	return done;
}

bool graph_blocked(const struct graph *g, uint32_t a, uint32_t b)
{
	return gset_has(xset(g, a, X_BLOCKED), b);
}

bool graph_blocked_either(const struct graph *g, uint32_t a, uint32_t b)
{
	return graph_blocked(g, a, b) || graph_blocked(g, b, a);
}

const uint32_t *graph_blocks(const struct graph *g, uint32_t a, uint32_t *n)
{
	const struct graph_set *s = xset(g, a, X_BLOCKED);
	*n = s->n;
	return s->n ? s->v : NULL;
}

/* ---- removal -------------------------------------------------------------- */

void graph_remove_member(struct graph *g, uint32_t a)
{
	assert(!g->bulk);
	if (a >= g->n)
		return;
	struct graph_set *conn = &g->m[a].conn;
	/* Each b loses a (|N(a)| from its count) and, having one connection
	 * fewer, takes one from each of its own connections' counts. */
	for (uint32_t i = 0; i < conn->n; i++) {
		uint32_t b = conn->v[i];
		gset_del(graph_conn_mut(g, b), a);
		g->m[b].two_hop_ball -= conn->n;
		bump_two_hop(g, &g->m[b].conn, -1);
		if (g->m[b].x) {
			gset_del(&g->m[b].x->s[X_UNFOLLOWED], a);
			gset_del(&g->m[b].x->s[X_UNFOLLOWED_BY], a);
			tidy(g, b);
		}
	}
	g->edges -= conn->n;
	g->version++;
	graph_balls_member_gone(g, a, conn);
	graph_conn_free(g, a);
	g->m[a].two_hop_ball &= ~GRAPH_TWO_HOP_MASK;
	struct graph_extra *x = g->m[a].x;
	if (!x)
		return;
	/* Each of a's lists names members whose mirror list names a. */
	static const enum graph_xset mirror[][2] = {
	    {X_FOLLOWEES, X_FOLLOWERS},
	    {X_FOLLOWERS, X_FOLLOWEES},
	    {X_BLOCKED, X_BLOCKED_BY},
	    {X_BLOCKED_BY, X_BLOCKED},
	};
	for (size_t k = 0; k < sizeof mirror / sizeof mirror[0]; k++) {
		const struct graph_set *mine = &x->s[mirror[k][0]];
		for (uint32_t i = 0; i < mine->n; i++) {
			uint32_t b = mine->v[i];
			gset_del(&g->m[b].x->s[mirror[k][1]], a);
			tidy(g, b);
		}
	}
	extra_free(x);
	g->m[a].x = NULL;
}

/* ---- equality and accounting --------------------------------------------- */

static const struct graph_set *conn_of(const struct graph *g, uint32_t a)
{
	return a < g->n ? &g->m[a].conn : &empty_set;
}

static uint64_t two_hop_of(const struct graph *g, uint32_t a)
{
	return a < g->n ? graph_two_hop(&g->m[a]) : 0;
}

static bool set_equal(const struct graph_set *x, const struct graph_set *y, uint32_t a,
                      const char *what, struct buf *why)
{
	if (x->n == y->n && (x->n == 0 || memcmp(x->v, y->v, x->n * sizeof *x->v) == 0))
		return true;
	if (why) {
		uint32_t i = 0;
		while (i < x->n && i < y->n && x->v[i] == y->v[i])
			i++;
		buf_addf(why, "member %u: %s differ: %u vs %u entries", a, what, x->n, y->n);
		if (i < x->n && i < y->n)
			buf_addf(why, ", first difference at %u: %u vs %u", i, x->v[i], y->v[i]);
		else
			buf_addf(why, ", one extends the other at %u (%u)", i,
			         i < x->n ? x->v[i] : y->v[i]);
	}
	return false;
}

bool graph_equal(const struct graph *x, const struct graph *y, struct buf *why)
{
	static const char *const what[X__COUNT] = {
	    [X_UNFOLLOWED] = "unfollowed connections",
	    [X_UNFOLLOWED_BY] = "unfollowed-by connections",
	    [X_FOLLOWEES] = "followees (not connected)",
	    [X_FOLLOWERS] = "followers (not connected)",
	    [X_BLOCKED] = "blocked",
	    [X_BLOCKED_BY] = "blocked-by",
	};
	bool same = false;
	uint32_t n = x->n > y->n ? x->n : y->n;
	for (uint32_t a = 0; a < n; a++) {
		if (!set_equal(conn_of(x, a), conn_of(y, a), a, "connections", why))
			goto out;
		for (int k = 0; k < X__COUNT; k++) {
			if (!set_equal(xset(x, a, k), xset(y, a, k), a, what[k], why))
				goto out;
		}
		if (two_hop_of(x, a) != two_hop_of(y, a)) {
			if (why)
				buf_addf(why, "member %u: two-hop counts differ: %llu vs %llu", a,
				         (unsigned long long)two_hop_of(x, a),
				         (unsigned long long)two_hop_of(y, a));
			goto out;
		}
	}
	if (x->edges != y->edges) {
		if (why)
			buf_addf(why, "edge counts differ: %llu vs %llu",
			         (unsigned long long)x->edges, (unsigned long long)y->edges);
		goto out;
	}
	/* Each graph's balls against its own connections: the two may have
	 * given balls to different members. */
	if (!graph_balls_check(x, why) || !graph_balls_check(y, why))
		goto out;
	same = true;
out:
	return same;
}

static size_t set_bytes(const struct graph_set *s)
{
	return s->cap ? (size_t)s->cap * sizeof *s->v + MALLOC_HEADER : 0;
}

size_t graph_memory_bytes(const struct graph *g)
{
	size_t total = sizeof *g;
	if (g->cap)
		total += (size_t)g->cap * sizeof *g->m + MALLOC_HEADER;
	if (g->slab)
		total += g->slab_len * sizeof *g->slab + MALLOC_HEADER;
	total += graph_balls_bytes(g);
	for (uint32_t a = 0; a < g->n; a++) {
		if (!in_slab(g, g->m[a].conn.v))
			total += set_bytes(&g->m[a].conn);
		struct graph_extra *x = g->m[a].x;
		if (!x)
			continue;
		total += sizeof *x + MALLOC_HEADER;
		for (int k = 0; k < X__COUNT; k++)
			total += set_bytes(&x->s[k]);
	}
	return total;
}
