/* graph_query — the questions asked of the network index: degree, mutual
 * connections, network size and shortest paths.  Read-only on the graph; all
 * working memory is the caller's struct graph_scratch, so threads can query
 * concurrently, each with its own scratch.
 *
 * Scratch invariants between calls: bits[] (one bit per member) and sieve[]
 * are all zero; da[]/db[] hold labels below base (base + d marks "seen at
 * distance d" during a call, and base moves past every label used when the
 * call ends, so nothing needs clearing); ball is valid for (ball_g,
 * ball_version, ball_of) only. */
#include "graph/graph.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "graph/graph_int.h"

/* Above this size ratio an intersection gallops instead of merging. */
#define GALLOP_RATIO 24

/* ---- scratch -------------------------------------------------------------- */

void graph_scratch_init(struct graph_scratch *s)
{
	memset(s, 0, sizeof *s);
	s->base = 1;
	s->ball_of = s->last_of = GRAPH_NONE;
}

void graph_scratch_release(struct graph_scratch *s)
{
	free(s->da);
	free(s->db);
	free(s->qa);
	free(s->qb);
	free(s->meet);
	free(s->bits);
	free(s->sieve);
	free(s->ball);
	graph_scratch_init(s);
}

static void *grow_zero(void *p, size_t old, size_t now)
{
	p = xrealloc(p, now);
	memset((char *)p + old, 0, now - old);
	return p;
}

/* Covers every member of g; then makes room for labels base..base+span. */
static void fit(struct graph_scratch *s, const struct graph *g, uint32_t span)
{
	if (s->n < g->n) {
		size_t old = s->n, now = g->n;
		size_t oldw = (old + 63) / 64, noww = (now + 63) / 64;
		s->da = grow_zero(s->da, old * sizeof *s->da, now * sizeof *s->da);
		s->db = grow_zero(s->db, old * sizeof *s->db, now * sizeof *s->db);
		s->qa = xrealloc(s->qa, now * sizeof *s->qa);
		s->qb = xrealloc(s->qb, now * sizeof *s->qb);
		s->meet = xrealloc(s->meet, now * sizeof *s->meet);
		s->bits = grow_zero(s->bits, oldw * sizeof *s->bits, noww * sizeof *s->bits);
		if (!s->sieve)
			s->sieve = grow_zero(NULL, 0, GRAPH_SIEVE_BITS / 8);
		free(s->ball);
		s->ball = NULL;
		s->ball_of = GRAPH_NONE;
		s->n = g->n;
	}
	if (UINT32_MAX - s->base <= (uint64_t)span + 1) {
		memset(s->da, 0, (size_t)s->n * sizeof *s->da);
		memset(s->db, 0, (size_t)s->n * sizeof *s->db);
		s->base = 1;
	}
}

static inline void bit_set(uint64_t *b, uint32_t x)
{
	b[x >> 6] |= (uint64_t)1 << (x & 63);
}
static inline void bit_clear(uint64_t *b, uint32_t x)
{
	b[x >> 6] &= ~((uint64_t)1 << (x & 63));
}
static inline bool bit_get(const uint64_t *b, uint32_t x)
{
	return b[x >> 6] >> (x & 63) & 1;
}

static const struct graph_set *nb(const struct graph *g, uint32_t a)
{
	return &g->m[a].conn;
}

/* ---- intersections -------------------------------------------------------- */

/* First index >= from in v[0..n) with v[i] >= x, by galloping. */
static uint32_t gallop(const uint32_t *v, uint32_t n, uint32_t from, uint32_t x)
{
	uint32_t step = 1, lo = from, hi = from;
	while (hi < n && v[hi] < x) {
		lo = hi + 1;
		hi = from + step;
		step *= 2;
	}
	if (hi > n)
		hi = n;
	return lo + gset_lower(v + lo, hi - lo, x);
}

/* |x ∩ y|, writing the first max common elements into out (may be NULL when
 * max is 0); stops at the first common element when `any`. */
static uint32_t intersect(const struct graph_set *x, const struct graph_set *y, uint32_t *out,
                          uint32_t max, bool any)
{
	if (x->n > y->n) {
		const struct graph_set *t = x;
		x = y;
		y = t;
	}
	uint32_t count = 0;
	if (x->n == 0 || x->v[x->n - 1] < y->v[0] || y->v[y->n - 1] < x->v[0])
		goto out;
	if ((uint64_t)x->n * GALLOP_RATIO < y->n) {
		uint32_t j = 0;
		for (uint32_t i = 0; i < x->n && j < y->n; i++) {
			j = gallop(y->v, y->n, j, x->v[i]);
			if (j < y->n && y->v[j] == x->v[i]) {
				if (count < max)
					out[count] = x->v[i];
				count++;
				if (any)
					goto out;
			}
		}
		goto out;
	}
	uint32_t i = 0, j = 0;
	while (i < x->n && j < y->n) {
		uint32_t u = x->v[i], w = y->v[j];
		if (u == w) {
			if (count < max)
				out[count] = u;
			count++;
			if (any)
				goto out;
			i++;
			j++;
		} else {
			i += u < w;
			j += w < u;
		}
	}
out:
	return count;
}

uint32_t graph_mutual_count(const struct graph *g, uint32_t a, uint32_t b)
{
	if (a >= g->n || b >= g->n || a == b)
		return 0;
	return intersect(nb(g, a), nb(g, b), NULL, 0, false);
}

uint32_t graph_mutual(const struct graph *g, uint32_t a, uint32_t b, uint32_t *out, uint32_t max)
{
	if (a >= g->n || b >= g->n || a == b)
		return 0;
	return intersect(nb(g, a), nb(g, b), out, max, false);
}

/* ---- degree --------------------------------------------------------------- */

/* The members a scan looks for: marked in `exact` (one bit per member), and
 * looked up first in `sieve` at bit (x & mask).  The sieve holds the bit of
 * every marked member there; with few marks a small sieve stays in the L1
 * cache and the exact bitmap is read only on a hit.  With many marks the
 * sieve is the exact bitmap itself (mask UINT32_MAX).  reach23 marks one
 * member's connections: at 1M members the exact bitmap is 128 KB, so most
 * of its lookups missed L1 and held fill buffers the list reads need.
 * Measured with random pairs alternating between the two in one process
 * (three runs): p99 34.3 / 34.9 / 33.6 µs with the exact bitmap, 30.2 /
 * 30.6 / 30.0 with the 16 KB sieve; out-of-network pairs' median 28 → 25. */
struct marks {
	const uint64_t *sieve, *exact;
	uint32_t mask;
};

static struct marks exact_marks(const uint64_t *bits)
{
	return (struct marks){bits, bits, UINT32_MAX};
}

static bool some_exact(const struct marks *k, const uint32_t *v, uint32_t n)
{
	for (uint32_t j = 0; j < n; j++) {
		if (bit_get(k->exact, v[j]))
			return true;
	}
	return false;
}

/* A sieve hit among v[0..8): conclusive when the sieve is the exact bitmap,
 * else checked there. */
static bool hit_holds(const struct marks *k, const uint32_t *v)
{
	return k->mask == UINT32_MAX || some_exact(k, v, 8);
}

/* Does the list v[0..n) hold a marked member?  The plain scan sieves eight
 * entries per branch. */
static bool any_marked_plain(const struct marks *k, const uint32_t *v, uint32_t n)
{
	uint32_t j = 0;
	for (; j + 8 <= n; j += 8) {
		uint64_t acc = 0;
		for (uint32_t u = 0; u < 8; u++) {
			uint32_t x = v[j + u] & k->mask;
			acc |= k->sieve[x >> 6] >> (x & 63);
		}
		if ((acc & 1) && hit_holds(k, v + j))
			return true;
	}
	return some_exact(k, v + j, n - j);
}

bool graph_vector_scan = true;

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_VECTOR_SCAN 1
/* The same with AVX2: eight sieve words fetched by one gather.  The test is
 * most of a degree query's work besides memory: on the 1M-member network,
 * the 300 slowest pairs took 13 µs each with their lists already in cache,
 * 6 µs with this; make graph-bench's p99 went from 40 to 32 µs. */
__attribute__((target("avx2"))) static bool any_marked_avx2(const struct marks *k,
                                                            const uint32_t *v, uint32_t n)
{
	const int *words = (const int *)(const void *)k->sieve; /* bit x: word x/32, bit x%32 */
	const __m256i low5 = _mm256_set1_epi32(31), one = _mm256_set1_epi32(1),
	              mask = _mm256_set1_epi32((int)k->mask);
	uint32_t j = 0;
	for (; j + 8 <= n; j += 8) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(v + j));
		x = _mm256_and_si256(x, mask);
		__m256i w = _mm256_i32gather_epi32(words, _mm256_srli_epi32(x, 5), 4);
		w = _mm256_srlv_epi32(w, _mm256_and_si256(x, low5));
		if (!_mm256_testz_si256(w, one) && hit_holds(k, v + j))
			return true;
	}
	if (j == n)
		return false;
	/* The last n - j < 8 entries by one masked gather, the lanes past the
	 * end off (maskload neither reads nor faults on them).  They used to be
	 * looked up one by one in the exact bitmap: paired on the 1M-member
	 * network (20,000 pairs each way, two runs), p99 21.1 → 21.0 and 20.7 →
	 * 20.0 µs, out-of-network median −0.3 µs. */
	const __m256i lanes = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n - j)),
	                                         _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
	__m256i x = _mm256_maskload_epi32((const int *)(const void *)(v + j), lanes);
	x = _mm256_and_si256(x, mask);
	__m256i w = _mm256_mask_i32gather_epi32(_mm256_setzero_si256(), words,
	                                        _mm256_srli_epi32(x, 5), lanes, 4);
	w = _mm256_srlv_epi32(w, _mm256_and_si256(x, low5));
	return !_mm256_testz_si256(w, one) && some_exact(k, v + j, n - j);
}
#endif

static bool vector_scan(void)
{
#ifdef HAVE_VECTOR_SCAN
	return graph_vector_scan && __builtin_cpu_supports("avx2");
#else
	return false;
#endif
}

const char *graph_scan_kind(void)
{
	return vector_scan() ? "AVX2 gather" : "plain loop";
}

static bool any_marked(const struct marks *k, const uint32_t *v, uint32_t n)
{
#ifdef HAVE_VECTOR_SCAN
	if (vector_scan())
		return any_marked_avx2(k, v, n);
#endif
	return any_marked_plain(k, v, n);
}

/* How reach23 reads the lists it scans: in batches, every line of a batch's
 * lists asked for before any of them is tested, rather than a rolling window
 * of lines ahead of the test.  Batches grow from FIRST_BATCH lists to
 * BATCH_LISTS, so a pair found in the first lists reads little beyond them.
 * Lists are short and scattered, so the hardware's own prefetcher rarely
 * gets going before one ends.  Measured on the 1M-member network with random
 * pairs alternating between the two in one process (make graph-bench, two
 * runs of 10,000 pairs each way): p99 31.3 / 29.2 µs with a rolling window
 * of 32 lines, 25.9 / 25.1 with batches; out-of-network pairs' median 25.4 /
 * 24.2 → 21.3 / 20.6 µs.  Batches of a constant 4, 8 or 12 lists, or
 * growing to 16 or 32, were within noise of these. */
#define FIRST_BATCH 2
#define BATCH_LISTS 8
/* Lists longer than LONG_RATIO times |N(to)| are scanned first: a hub is
 * the likeliest to reach N(to).  They used to be galloped through instead
 * (O(|N(to)| log) rather than their length), but each gallop step waits for
 * the one before it: ~4.5 µs a hub, 18 µs for three.  Scanned, their lines
 * are read in parallel.  Paired as above, 20,000 pairs each way in two
 * runs: p99 27.5 / 25.3 µs galloping, 25.1 / 23.1 scanned; the median rose
 * 0.4 µs.  Only past REACH_GALLOP_RATIO times |N(to)| does a gallop still
 * win (a few dependent misses per member of N(to) against a line per 16
 * entries): such lists, met when N(to) has a few members, go first and are
 * galloped. */
#define LONG_RATIO         24
#define REACH_GALLOP_RATIO 256

/* LIST_BALL: a list not read, its owner's ball having answered. */
enum list_kind { LIST_SHORT, LIST_LONG, LIST_GALLOPED, LIST_BALL };

static enum list_kind list_kind(uint32_t len, uint32_t nt)
{
	return (uint64_t)len > (uint64_t)nt * REACH_GALLOP_RATIO ? LIST_GALLOPED
	       : (uint64_t)len > (uint64_t)nt * LONG_RATIO       ? LIST_LONG
	                                                         : LIST_SHORT;
}

/* The kind of x's list in a scan for N(to) of nt members; `balls`: the
 * balls answer for `to`. */
static enum list_kind member_kind(const struct graph_member *x, uint32_t nt, bool balls)
{
	return balls && graph_ball_no(x) ? LIST_BALL : list_kind(x->conn.n, nt);
}

/* Asks for every cache line of the list. */
static void prefetch_set(const struct graph_set *x)
{
	if (x->n == 0)
		return;
	uintptr_t line = (uintptr_t)x->v & ~(uintptr_t)63, last = (uintptr_t)(x->v + x->n - 1);
	for (; line <= last; line += 64)
		__builtin_prefetch((const void *)line);
}

/* Asks for every cache line of the lists of xs[0..n) of the given kind (for
 * an N(to) of nt members; balls as member_kind). */
static void prefetch_lists(const struct graph_member *m, const uint32_t *xs, uint32_t n,
                           uint32_t nt, bool balls, enum list_kind kind)
{
	for (uint32_t i = 0; i < n; i++) {
		if (member_kind(&m[xs[i]], nt, balls) == kind)
			prefetch_set(&m[xs[i]].conn);
	}
}

/* Scans the lists of xs[0..n) of the given kind, in batches; the index of
 * the first that holds a marked member, or n. */
static uint32_t scan_lists(const struct graph_member *m, const uint32_t *xs, uint32_t n,
                           const struct marks *k, uint32_t nt, bool balls, enum list_kind kind)
{
	uint32_t batch = FIRST_BATCH, end = 0; /* the lists below end are asked for */
	for (uint32_t i = 0; i < n; i++) {
		if (i == end) {
			end = n - i > batch ? i + batch : n;
			prefetch_lists(m, xs + i, end - i, nt, balls, kind);
			batch = batch < BATCH_LISTS ? 2 * batch : BATCH_LISTS;
		}
		const struct graph_set *x = &m[xs[i]].conn;
		if (member_kind(&m[xs[i]], nt, balls) == kind && any_marked(k, x->v, x->n))
			return i;
	}
	return n;
}

/* Where a query of a and b starts: the 1st-degree check and the
 * 2nd-degree test read both lists, asked for at once here. */
static void ask_ends(const struct graph *g, uint32_t a, uint32_t b)
{
	prefetch_set(nb(g, a));
	prefetch_set(nb(g, b));
}

/* Marks (on) or unmarks N(to) in s->bits, and in the sieve when sieved. */
static void mark_all(struct graph_scratch *s, const struct graph_set *nt, bool sieved, bool on)
{
	for (uint32_t i = 0; i < nt->n; i++) {
		uint32_t x = nt->v[i];
		if (on) {
			bit_set(s->bits, x);
			if (sieved)
				bit_set(s->sieve, x & (GRAPH_SIEVE_BITS - 1));
		} else {
			bit_clear(s->bits, x);
			if (sieved)
				bit_clear(s->sieve, x & (GRAPH_SIEVE_BITS - 1));
		}
	}
}

/* The first marked entry of v (one is known to be there). */
static uint32_t first_marked(const struct graph_scratch *s, const uint32_t *v)
{
	uint32_t j = 0;
	while (!bit_get(s->bits, v[j]))
		j++;
	return v[j];
}

/* The first entry of x marked in k (one is known to be there): x is asked
 * for whole and tested 64 entries at a time, then the block with the mark
 * entry by entry.  A path through a ball reads its owner's list for the step,
 * up to 30,000 entries: one by one from the start, cold, the 1M-member
 * network's path p99 was 62 µs in make bench, against 20 µs before balls. */
static uint32_t find_marked(const struct graph_scratch *s, const struct marks *k,
                            const struct graph_set *x)
{
	prefetch_set(x);
	uint32_t j = 0;
	while (x->n - j > 64 && !any_marked(k, x->v + j, 64))
		j += 64;
	return first_marked(s, x->v + j);
}

/* Is b 2 or 3 hops from a (a and b not connected, both with connections)?
 * Returns 2 with p[1] a mutual connection; 3 with p[1] ∈ N(a) connected to
 * p[2] ∈ N(b); 0 if neither, or if only 2 hops were allowed (most == 2).
 * p may be NULL (the hops alone).
 *
 * It expands the end whose connections' lists are shorter in all (two_hop,
 * kept by every write): marks the other end's connections N(to) in the
 * bitmap (cleared again before returning), tests N(from) against the marks
 * (2 hops), gallops through the longest lists (above), then scans the rest
 * of N(from)'s lists, the long ones first.  A member of N(from) with a
 * ball (graph_balls.c) answers by one bit instead of its list.  Past the
 * 2-hop test all member records of N(from) are asked for at once, and the
 * lists in batches: the scan is bound by memory latency otherwise.
 *
 * Measured on the 1M-member network with random pairs alternating between
 * the variants in one process (make graph-bench, 20,000 pairs each way):
 *   - choosing the end by two_hop instead of sampling 24 records of each:
 *     p99 23.2 → 22.5 and 22.9 → 21.8 µs in two runs; out-of-network pairs'
 *     median −1.1 and −0.6 µs;
 *   - the 2-hop test by the marks instead of a merge of both lists (whose
 *     every step waits on the one before): p99 24.0 → 22.9 and 22.8 → 21.8,
 *     p50 6.5 → 5.6 and 6.3 → 5.5 µs.  Friend-of-friend pairs, found by
 *     the merge's first common entry, pay for marking a whole list: their
 *     p50 rose from 0.9 to 1.1 µs. */
static int reach23(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b, int most,
                   uint32_t *p)
{
	bool from_a = graph_two_hop(&g->m[a]) <= graph_two_hop(&g->m[b]);
	uint32_t from = from_a ? a : b, to = from_a ? b : a, x = 0, y = 0;
	const struct graph_set *ns = nb(g, from), *nt = nb(g, to);
	const struct graph_member *m = g->m;
	const uint32_t *xs = ns->v;
	uint32_t n = ns->n;
	int hops = 0;
	/* Ends of sizes far apart: a gallop finds a mutual connection sooner
	 * than marking the longer list would. */
	bool near = list_kind(n, nt->n) == LIST_SHORT && list_kind(nt->n, n) == LIST_SHORT;
	if (!near) {
		if (intersect(ns, nt, &x, 1, true))
			hops = 2;
		if (hops || most == 2)
			goto done; /* nothing to mark for */
	}
	/* A sieve holding more marks than this would send too many blocks on to
	 * the exact bitmap (each eight entries hit with p ≈ 8 * marks / bits). */
	bool sieved = nt->n <= GRAPH_SIEVE_BITS / 64;
	mark_all(s, nt, sieved, true);
	const struct marks marks =
	    sieved ? (struct marks){s->sieve, s->bits, GRAPH_SIEVE_BITS - 1} : exact_marks(s->bits);
	if (near && any_marked(&marks, xs, n)) {
		x = first_marked(s, xs);
		hops = 2;
		goto clear;
	}
	if (most == 2)
		goto clear;
	for (uint32_t i = 0; i < n; i++)
		__builtin_prefetch(&m[xs[i]]);
	/* The balls cover the members there were when they were built. */
	bool balls = to < g->ball_n;
	uint32_t i = n;
	for (uint32_t j = 0; balls && j < n; j++) {
		const uint64_t *ball = graph_ball(g, xs[j]);
		if (!ball || !bit_get(ball, to))
			continue;
		/* For the path, the shortest such list: it is read for the step. */
		if (i == n || m[xs[j]].conn.n < m[xs[i]].conn.n)
			i = j;
		if (!p)
			break;
	}
	if (i < n) {
		/* to is 2 hops from xs[i] (not 1: that was the 2-hop test), so a
		 * member of N(to), marked, is in its list. */
		if (p)
			y = find_marked(s, &marks, &m[xs[i]].conn);
	} else {
		for (i = 0; i < n; i++) {
			const struct graph_set *nx = &m[xs[i]].conn;
			if (member_kind(&m[xs[i]], nt->n, balls) == LIST_GALLOPED &&
			    intersect(nt, nx, &y, 1, true) > 0)
				break;
		}
	}
	if (i == n) {
		i = scan_lists(m, xs, n, &marks, nt->n, balls, LIST_LONG);
		if (i == n)
			i = scan_lists(m, xs, n, &marks, nt->n, balls, LIST_SHORT);
		if (i < n && p) /* find the entry again: once per query */
			y = find_marked(s, &marks, &m[xs[i]].conn);
	}
	if (i < n) {
		x = xs[i];
		hops = 3;
	}
clear:
	mark_all(s, nt, sieved, false);
done:
	if (hops == 2 && p)
		p[1] = x;
	if (hops == 3 && p) {
		p[1] = from_a ? x : y;
		p[2] = from_a ? y : x;
	}
	return hops;
}

/* Builds the bitmap of a's 1st and 2nd degree (and a) into s->ball. */
static void build_ball(const struct graph *g, struct graph_scratch *s, uint32_t a)
{
	size_t words = ((size_t)s->n + 63) / 64;
	if (!s->ball)
		s->ball = xmalloc(words * sizeof *s->ball);
	memset(s->ball, 0, words * sizeof *s->ball);
	graph_fill_ball(g, a, s->ball, s->n);
	s->ball_of = a;
	s->ball_g = g;
	s->ball_version = g->version;
}

int graph_degree(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b)
{
	int d = 0;
	if (a == b)
		goto out;
	d = GRAPH_OUT;
	if (a >= g->n || b >= g->n || nb(g, a)->n == 0 || nb(g, b)->n == 0)
		goto out;
	d = 1;
	ask_ends(g, a, b);
	if (graph_connected(g, a, b))
		goto out;
	fit(s, g, 0);
	bool cached = s->ball_of == a && s->ball_g == g && s->ball_version == g->version;
	if (!cached && s->last_of == a && s->last_g == g) {
		build_ball(g, s, a);
		cached = true;
	}
	s->last_of = a;
	s->last_g = g;
	if (cached) {
		const struct graph_set *nbb = nb(g, b);
		const struct marks ball = exact_marks(s->ball);
		d = bit_get(s->ball, b) ? 2 : any_marked(&ball, nbb->v, nbb->n) ? 3 : GRAPH_OUT;
		goto out;
	}
	d = reach23(g, s, a, b, 3, NULL);
	if (d == 0)
		d = GRAPH_OUT;
out:
	return d;
}

/* ---- network size --------------------------------------------------------- */

void graph_network_size(const struct graph *g, struct graph_scratch *s, uint32_t a, uint64_t *n1,
                        uint64_t *n2, uint64_t *n3)
{
	*n1 = *n2 = *n3 = 0;
	if (a >= g->n)
		return;
	fit(s, g, 0);
	/* Bitmaps, not labels: the tests are most of the work and 1 bit per
	 * member stays in cache where 32 do not. */
	size_t words = ((size_t)s->n + 63) / 64;
	uint64_t *seen = s->bits;
	const struct graph_member *m = g->m;
	const struct graph_set *na = nb(g, a);
	uint32_t *q = s->qa, tail = 0;
	bit_set(seen, a);
	for (uint32_t i = 0; i < na->n; i++)
		bit_set(seen, na->v[i]);
	uint64_t work = 0; /* list entries a top-down third level would read */
	for (uint32_t i = 0; i < na->n; i++) {
		if (i + 4 < na->n)
			__builtin_prefetch(m[na->v[i + 4]].conn.v);
		const struct graph_set *nx = nb(g, na->v[i]);
		for (uint32_t j = 0; j < nx->n; j++) {
			uint32_t y = nx->v[j];
			if (!bit_get(seen, y)) {
				bit_set(seen, y);
				q[tail++] = y;
				work += m[y].conn.n;
			}
		}
	}
	*n1 = na->n;
	*n2 = tail;
	uint64_t count = 0;
	if (work * 3 < 2 * g->edges) {
		/* Top-down: the second level's lists are a small part of the graph. */
		for (uint32_t i = 0; i < tail; i++) {
			if (i + 4 < tail)
				__builtin_prefetch(m[q[i + 4]].conn.v);
			const struct graph_set *nx = nb(g, q[i]);
			for (uint32_t j = 0; j < nx->n; j++) {
				uint32_t y = nx->v[j];
				if (!bit_get(seen, y)) {
					bit_set(seen, y);
					count++;
				}
			}
		}
	} else {
		/* Bottom-up: every unseen member looks for a seen neighbour (which
		 * can only be at the second level) and stops at the first; members
		 * and lists are read in order. */
		const struct marks marks = exact_marks(seen);
		for (uint32_t y = 0; y < g->n; y++) {
			if (!bit_get(seen, y) && any_marked(&marks, m[y].conn.v, m[y].conn.n))
				count++;
		}
	}
	*n3 = count;
	memset(s->bits, 0, words * sizeof *s->bits);
}

/* ---- shortest paths ------------------------------------------------------- */

/* Bidirectional BFS from a (labels da, queue qa) and b (db, qb), expanding
 * the end whose frontier has fewer list entries to read.  Stops after the
 * level at which the two searches meet (at the first meeting member unless
 * `all`), leaving the meeting members in s->meet[0..*nmeet).  Each of them
 * has both labels, and every shortest path passes through one of them.
 * Returns the distance, or -1 (nothing within max_hops; 0 = unbounded).
 * Does not move s->base; *span gets the largest distance label used. */
static int bibfs(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b,
                 int max_hops, bool all, uint32_t *nmeet, uint32_t *span)
{
	uint32_t base = s->base;
	struct side {
		uint32_t *lab, *q;
		uint32_t lo, hi, k; /* frontier q[lo..hi) is at distance k */
		uint64_t work;      /* list entries of the frontier */
	} sd[2] = {
	    {s->da, s->qa, 0, 1, 0, nb(g, a)->n},
	    {s->db, s->qb, 0, 1, 0, nb(g, b)->n},
	};
	int dist = -1;
	uint32_t nm = 0;
	s->da[a] = base;
	s->qa[0] = a;
	s->db[b] = base;
	s->qb[0] = b;
	for (;;) {
		if (max_hops > 0 && sd[0].k + sd[1].k + 1 > (uint32_t)max_hops)
			break;
		if (sd[0].lo == sd[0].hi || sd[1].lo == sd[1].hi)
			break;
		struct side *me = sd[0].work <= sd[1].work ? &sd[0] : &sd[1];
		const uint32_t *other = me == &sd[0] ? s->db : s->da;
		uint32_t lab = base + me->k + 1, tail = me->hi;
		uint64_t work = 0;
		for (uint32_t i = me->lo; i < me->hi; i++) {
			const struct graph_set *nx = nb(g, me->q[i]);
			for (uint32_t j = 0; j < nx->n; j++) {
				uint32_t y = nx->v[j];
				if (me->lab[y] >= base)
					continue;
				me->lab[y] = lab;
				me->q[tail++] = y;
				work += nb(g, y)->n;
				if (other[y] >= base) {
					s->meet[nm++] = y;
					if (!all)
						goto met;
				}
			}
		}
	met:
		me->lo = me->hi;
		me->hi = tail;
		me->k++;
		me->work = work;
		if (nm) {
			dist = (int)(sd[0].k + sd[1].k);
			break;
		}
	}
	*nmeet = nm;
	*span = sd[0].k > sd[1].k ? sd[0].k : sd[1].k;
	return dist;
}

/* A neighbour of x labelled `want` in lab (one exists by construction). */
static uint32_t step_to(const struct graph *g, const uint32_t *lab, uint32_t x, uint32_t want)
{
	const struct graph_set *nx = nb(g, x);
	for (uint32_t j = 0; j < nx->n; j++) {
		if (lab[nx->v[j]] == want)
			return nx->v[j];
	}
	return GRAPH_NONE;
}

/* Paths of up to 3 hops by the degree machinery (no BFS): the hops (and
 * the path, if out_max allows), -1 if max_hops forbids more, 0 if longer
 * than 3 (a != b, both have connections). */
static int short_path(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b,
                      int max_hops, uint32_t *out, int out_max)
{
	uint32_t p[4] = {a, 0, 0, 0};
	int hops = 1;
	ask_ends(g, a, b);
	if (graph_connected(g, a, b))
		goto found;
	hops = -1;
	if (max_hops > 0 && max_hops < 2)
		goto out;
	hops = reach23(g, s, a, b, max_hops > 0 && max_hops < 3 ? 2 : 3, p);
	if (hops)
		goto found;
	hops = max_hops > 0 && max_hops <= 3 ? -1 : 0;
	goto out;
found:
	p[hops] = b;
	if (out_max > hops)
		memcpy(out, p, ((size_t)hops + 1) * sizeof *p);
out:
	return hops;
}

int graph_path(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b, int max_hops,
               uint32_t *out, int out_max)
{
	int hops = -1;
	if (a == b) {
		hops = 0;
		if (out_max > 0)
			out[0] = a;
		goto out;
	}
	if (a >= g->n || b >= g->n || nb(g, a)->n == 0 || nb(g, b)->n == 0)
		goto out;
	fit(s, g, g->n);
	hops = short_path(g, s, a, b, max_hops, out, out_max);
	if (hops != 0)
		goto out;
	uint32_t nm, span;
	hops = bibfs(g, s, a, b, max_hops, false, &nm, &span);
	if (hops >= 0 && out_max > hops) {
		uint32_t base = s->base, m = s->meet[0];
		uint32_t p = s->da[m] - base; /* m's place on the path */
		out[p] = m;
		for (uint32_t i = p; i > 0; i--)
			out[i - 1] = step_to(g, s->da, out[i], base + i - 1);
		for (uint32_t i = p; i < (uint32_t)hops; i++)
			out[i + 1] = step_to(g, s->db, out[i], base + (uint32_t)hops - i - 1);
	}
	s->base += span + 1;
out:
	return hops;
}

int graph_all_shortest_paths(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b,
                             void (*fn)(const uint32_t *path, int len, void *arg), void *arg,
                             size_t max_paths)
{
	int hops = -1;
	uint32_t *path = NULL, *cur = NULL;
	if (a == b) {
		hops = 0;
		if (max_paths > 0)
			fn(&a, 1, arg);
		goto out;
	}
	if (a >= g->n || b >= g->n || nb(g, a)->n == 0 || nb(g, b)->n == 0)
		goto out;
	fit(s, g, g->n);
	uint32_t nm, span, base = s->base;
	hops = bibfs(g, s, a, b, 0, true, &nm, &span);
	if (hops < 0)
		goto done;
	uint32_t d = (uint32_t)hops;
	path = xmalloc(((size_t)d + 1) * sizeof *path);
	cur = xmalloc(((size_t)d + 1) * sizeof *cur);
	size_t emitted = 0;
	/* Every meeting member sits at the same place p.  Fill the places
	 * p-1 .. 0 walking down the labels from a, then p+1 .. d walking down
	 * those from b: each step has a way on, so no search dead-ends.  Slot k
	 * is place p-1-k for k < p, else place k+1. */
	uint32_t p = s->da[s->meet[0]] - base;
	for (uint32_t mi = 0; mi < nm && emitted < max_paths; mi++) {
		path[p] = s->meet[mi];
		uint32_t k = 0;
		cur[0] = 0;
		for (;;) {
			if (k == d) {
				fn(path, (int)d + 1, arg);
				emitted++;
				if (emitted >= max_paths)
					break;
				k--;
				continue;
			}
			bool down = k < p;
			uint32_t place = down ? p - 1 - k : k + 1;
			uint32_t from = down ? path[place + 1] : path[place - 1];
			const uint32_t *lab = down ? s->da : s->db;
			uint32_t want = down ? base + place : base + d - place;
			const struct graph_set *nx = nb(g, from);
			uint32_t j = cur[k];
			while (j < nx->n && lab[nx->v[j]] != want)
				j++;
			if (j < nx->n) {
				path[place] = nx->v[j];
				cur[k] = j + 1;
				k++;
				cur[k] = 0;
			} else if (k == 0) {
				break;
			} else {
				k--;
			}
		}
	}
done:
	s->base += span + 1;
out:
	free(path);
	free(cur);
	return hops;
}
