/* graph_bulk — rebuilding the network index in bulk (start-up, `ties check`,
 * benchmarks).  Facts are staged as packed pairs (a << 32 | b) and turned into
 * sorted, exact-fit arrays without any per-edge sorted insert:
 *   connections: a counting sort by one end into a temporary CSR, then a scan
 *     of that CSR in member order appends each member's neighbours already
 *     sorted (the graph is symmetric); duplicates end up adjacent and go;
 *   the rare lists (follows, blocks): radix-sorted pairs cut into runs.
 * Peak memory is about 8 bytes per staged edge plus 8 per directed edge. */
#include "graph/graph.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "graph/graph_int.h"

struct pairs {
	uint64_t *v;
	size_t n, cap;
};

struct graph_bulk {
	struct pairs edge, follow, unfollow, block;
	uint32_t top; /* one past the highest member staged */
};

/* How many iterations ahead the scatter loops prefetch. */
#define PREFETCH 16

#define PAIR(a, b) ((uint64_t)(a) << 32 | (uint64_t)(b))
#define HI(p) ((uint32_t)((p) >> 32))
#define LO(p) ((uint32_t)(p))
#define SWAP(p) ((p) << 32 | (p) >> 32)

/* ---- sorting -------------------------------------------------------------- */

void graph_sort_u64(uint64_t *v, size_t n)
{
	if (n < 64) {
		for (size_t i = 1; i < n; i++) {
			uint64_t x = v[i];
			size_t j = i;
			while (j > 0 && v[j - 1] > x) {
				v[j] = v[j - 1];
				j--;
			}
			v[j] = x;
		}
		return;
	}
	size_t(*count)[256] = xcalloc(8, sizeof *count);
	for (size_t i = 0; i < n; i++) {
		uint64_t x = v[i];
		for (int d = 0; d < 8; d++)
			count[d][(x >> (8 * d)) & 0xff]++;
	}
	uint64_t *tmp = xmalloc(n * sizeof *tmp);
	uint64_t *src = v, *dst = tmp;
	for (int d = 0; d < 8; d++) {
		/* A byte that is the same in every key needs no pass. */
		if (count[d][(src[0] >> (8 * d)) & 0xff] == n)
			continue;
		size_t sum = 0;
		for (int c = 0; c < 256; c++) {
			size_t k = count[d][c];
			count[d][c] = sum;
			sum += k;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[d][(src[i] >> (8 * d)) & 0xff]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
	free(tmp);
	free(count);
}

/* Drops repeats from a sorted array; returns the new length. */
static size_t unique(uint64_t *v, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (w == 0 || v[w - 1] != v[i])
			v[w++] = v[i];
	}
	return w;
}

/* ---- staging -------------------------------------------------------------- */

static void pairs_free(struct pairs *p)
{
	free(p->v);
	memset(p, 0, sizeof *p);
}

void graph_bulk_drop(struct graph *g)
{
	struct graph_bulk *k = g->bulk;
	if (!k)
		return;
	pairs_free(&k->edge);
	pairs_free(&k->follow);
	pairs_free(&k->unfollow);
	pairs_free(&k->block);
	free(k);
	g->bulk = NULL;
}

void graph_bulk_begin(struct graph *g)
{
	graph_bulk_drop(g);
	uint32_t n = g->n;
	for (uint32_t a = 0; a < n; a++) {
		gset_free(&g->m[a].conn);
		if (g->m[a].x) {
			for (int k = 0; k < X__COUNT; k++)
				gset_free(&g->m[a].x->s[k]);
			free(g->m[a].x);
			g->m[a].x = NULL;
		}
	}
	g->edges = 0;
	g->version++;
	g->bulk = xcalloc(1, sizeof *g->bulk);
	g->bulk->top = n;
}

static void stage(struct graph *g, struct pairs *p, uint32_t a, uint32_t b)
{
	assert(g->bulk);
	if (a == b || a == GRAPH_NONE || b == GRAPH_NONE)
		return;
	if (p->n == p->cap) {
		/* Grow by half: the edge list is the big one. */
		size_t cap = p->cap ? p->cap + p->cap / 2 : 1024;
		p->v = xrealloc(p->v, cap * sizeof *p->v);
		p->cap = cap;
	}
	p->v[p->n++] = PAIR(a, b);
	uint32_t top = (a > b ? a : b) + 1;
	if (top > g->bulk->top)
		g->bulk->top = top;
}

void graph_bulk_edge(struct graph *g, uint32_t a, uint32_t b) { stage(g, &g->bulk->edge, a, b); }
void graph_bulk_follow(struct graph *g, uint32_t a, uint32_t b)
{
	stage(g, &g->bulk->follow, a, b);
}
void graph_bulk_unfollow(struct graph *g, uint32_t a, uint32_t b)
{
	stage(g, &g->bulk->unfollow, a, b);
}
void graph_bulk_block(struct graph *g, uint32_t a, uint32_t b) { stage(g, &g->bulk->block, a, b); }

/* ---- building ------------------------------------------------------------- */

static void build_connections(struct graph *g, struct pairs *e)
{
	uint32_t n = g->n;
	/* off[x] ends as the start of x's run in t; first it counts. */
	uint64_t *off = xcalloc((size_t)n + 1, sizeof *off);
	for (size_t i = 0; i < e->n; i++) {
		off[HI(e->v[i])]++;
		off[LO(e->v[i])]++;
	}
	uint64_t sum = 0;
	for (uint32_t x = 0; x < n; x++) {
		sum += off[x];
		off[x] = sum; /* the end of x's run */
	}
	off[n] = sum;
	uint32_t *t = xmalloc((size_t)sum * sizeof *t);
	/* Both loops below scatter at random over large arrays: prefetching a
	 * few iterations ahead (the counter, then the slot it names) keeps many
	 * cache misses in flight instead of one. */
	for (size_t i = 0; i < e->n; i++) {
		if (i + 2 * PREFETCH < e->n) {
			__builtin_prefetch(&off[HI(e->v[i + 2 * PREFETCH])], 1);
			__builtin_prefetch(&off[LO(e->v[i + 2 * PREFETCH])], 1);
		}
		if (i + PREFETCH < e->n) {
			__builtin_prefetch(&t[off[HI(e->v[i + PREFETCH])] - 1], 1);
			__builtin_prefetch(&t[off[LO(e->v[i + PREFETCH])] - 1], 1);
		}
		uint32_t a = HI(e->v[i]), b = LO(e->v[i]);
		t[--off[a]] = b;
		t[--off[b]] = a;
	}
	pairs_free(e);

	struct graph_member *m = g->m;
	for (uint32_t x = 0; x < n; x++) {
		uint64_t c = off[x + 1] - off[x];
		m[x].conn.v = c ? xmalloc((size_t)c * sizeof *m[x].conn.v) : NULL;
		m[x].conn.cap = (uint32_t)c;
		m[x].conn.n = 0;
	}
	/* Scanning t by ascending b appends to each N(a) in ascending order. */
	for (uint32_t b = 0; b < n; b++) {
		for (uint64_t i = off[b]; i < off[b + 1]; i++) {
			if (i + 2 * PREFETCH < sum)
				__builtin_prefetch(&m[t[i + 2 * PREFETCH]], 1);
			if (i + PREFETCH < sum) {
				const struct graph_set *p = &m[t[i + PREFETCH]].conn;
				__builtin_prefetch(p->v + p->n, 1);
			}
			struct graph_set *s = &m[t[i]].conn;
			s->v[s->n++] = b;
		}
	}
	free(t);
	free(off);

	uint64_t directed = 0;
	for (uint32_t x = 0; x < n; x++) {
		struct graph_set *s = &m[x].conn;
		uint32_t w = 0;
		for (uint32_t i = 0; i < s->n; i++) {
			if (w == 0 || s->v[w - 1] != s->v[i])
				s->v[w++] = s->v[i];
		}
		s->n = w;
		if (w == 0) {
			gset_free(s);
		} else if (w < s->cap) {
			s->v = xrealloc(s->v, (size_t)w * sizeof *s->v);
			s->cap = w;
		}
		directed += w;
	}
	g->edges = directed / 2;
}

/* v: sorted, unique pairs (owner, member); sets owner's list k exactly. */
static void fill_lists(struct graph *g, const uint64_t *v, size_t n, enum graph_xset k)
{
	size_t i = 0;
	while (i < n) {
		uint32_t a = HI(v[i]);
		size_t j = i;
		while (j < n && HI(v[j]) == a)
			j++;
		if (!g->m[a].x)
			g->m[a].x = xcalloc(1, sizeof *g->m[a].x);
		struct graph_set *s = &g->m[a].x->s[k];
		assert(s->n == 0);
		s->v = xmalloc((j - i) * sizeof *s->v);
		s->n = s->cap = (uint32_t)(j - i);
		for (size_t w = i; w < j; w++)
			s->v[w - i] = LO(v[w]);
		i = j;
	}
}

/* Sorts p, fills list `fwd` of the first ends and `rev` of the second ends. */
static void fill_both(struct graph *g, struct pairs *p, enum graph_xset fwd, enum graph_xset rev)
{
	graph_sort_u64(p->v, p->n);
	p->n = unique(p->v, p->n);
	fill_lists(g, p->v, p->n, fwd);
	for (size_t i = 0; i < p->n; i++)
		p->v[i] = SWAP(p->v[i]);
	graph_sort_u64(p->v, p->n);
	fill_lists(g, p->v, p->n, rev);
}

void graph_bulk_finish(struct graph *g)
{
	struct graph_bulk *k = g->bulk;
	assert(k);
	g->bulk = NULL;
	graph_ensure(g, k->top);
	build_connections(g, &k->edge);
	g->version++;

	fill_both(g, &k->block, X_BLOCKED, X_BLOCKED_BY);
	/* A block outweighs a connection; p holds (blocked, blocker) now. */
	for (size_t i = 0; i < k->block.n; i++)
		graph_disconnect(g, HI(k->block.v[i]), LO(k->block.v[i]));

	size_t w = 0;
	for (size_t i = 0; i < k->follow.n; i++) {
		uint32_t a = HI(k->follow.v[i]), b = LO(k->follow.v[i]);
		if (!graph_connected(g, a, b) && !graph_blocked_either(g, a, b))
			k->follow.v[w++] = k->follow.v[i];
	}
	k->follow.n = w;
	fill_both(g, &k->follow, X_FOLLOWEES, X_FOLLOWERS);

	w = 0;
	for (size_t i = 0; i < k->unfollow.n; i++) {
		if (graph_connected(g, HI(k->unfollow.v[i]), LO(k->unfollow.v[i])))
			k->unfollow.v[w++] = k->unfollow.v[i];
	}
	k->unfollow.n = w;
	fill_both(g, &k->unfollow, X_UNFOLLOWED, X_UNFOLLOWED_BY);

	g->bulk = k;
	graph_bulk_drop(g);
}
