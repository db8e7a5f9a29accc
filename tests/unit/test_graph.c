/* test_graph — the network index against a plain model.
 *
 * The property tests drive random operations (connect, disconnect, follow,
 * unfollow, block, unblock, remove) on a struct graph and on a model made of
 * adjacency matrices that encode the product rules directly.  After every
 * batch: every list and predicate equals the model's; degree, mutual
 * connections, network size and path length equal what a plain BFS over the
 * matrix says; returned paths are valid and shortest; all_shortest_paths
 * yields exactly the paths a brute-force search finds; and the incrementally
 * updated graph equals one bulk-loaded from the model.  The rule tests pin
 * the product rules one by one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "graph/gen.h"
#include "graph/graph.h"
#include "graph/graph_int.h"

/* ---- the model ------------------------------------------------------------ */

#define MAXN 320

struct model {
	int n;
	bool adj[MAXN][MAXN]; /* connected */
	bool fol[MAXN][MAXN]; /* [a][b]: a follows b */
	bool blk[MAXN][MAXN]; /* [a][b]: a blocked b */
};

static int m_degree(const struct model *m, int a)
{
	int d = 0;
	for (int x = 0; x < m->n; x++)
		d += m->adj[a][x];
	return d;
}

static enum err m_connect(struct model *m, int a, int b)
{
	if (a == b)
		return E_BAD_FIELD;
	if (m->adj[a][b])
		return E_CONFLICT;
	if (m->blk[a][b] || m->blk[b][a])
		return E_FORBIDDEN;
	if (m_degree(m, a) >= GRAPH_MAX_CONNECTIONS || m_degree(m, b) >= GRAPH_MAX_CONNECTIONS)
		return E_TOO_MANY;
	m->adj[a][b] = m->adj[b][a] = true;
	m->fol[a][b] = m->fol[b][a] = true;
	return E_OK;
}

static bool m_disconnect(struct model *m, int a, int b)
{
	if (!m->adj[a][b])
		return false;
	m->adj[a][b] = m->adj[b][a] = false;
	m->fol[a][b] = m->fol[b][a] = false;
	return true;
}

static enum err m_follow(struct model *m, int a, int b)
{
	if (a == b)
		return E_BAD_FIELD;
	if (m->blk[a][b] || m->blk[b][a])
		return E_FORBIDDEN;
	if (m->fol[a][b])
		return E_CONFLICT;
	m->fol[a][b] = true;
	return E_OK;
}

static bool m_unfollow(struct model *m, int a, int b)
{
	bool was = m->fol[a][b];
	m->fol[a][b] = false;
	return was;
}

static enum err m_block(struct model *m, int a, int b)
{
	if (a == b)
		return E_BAD_FIELD;
	if (m->blk[a][b])
		return E_CONFLICT;
	m->adj[a][b] = m->adj[b][a] = false;
	m->fol[a][b] = m->fol[b][a] = false;
	m->blk[a][b] = true;
	return E_OK;
}

static bool m_unblock(struct model *m, int a, int b)
{
	bool was = m->blk[a][b];
	m->blk[a][b] = false;
	return was;
}

static void m_remove(struct model *m, int a)
{
	for (int x = 0; x < m->n; x++) {
		m->adj[a][x] = m->adj[x][a] = false;
		m->fol[a][x] = m->fol[x][a] = false;
		m->blk[a][x] = m->blk[x][a] = false;
	}
}

/* Plain BFS over the matrix: dist[x] = hops from a, -1 if unreachable. */
static void m_bfs(const struct model *m, int a, int *dist)
{
	int q[MAXN], head = 0, tail = 0;
	for (int x = 0; x < m->n; x++)
		dist[x] = -1;
	dist[a] = 0;
	q[tail++] = a;
	while (head < tail) {
		int x = q[head++];
		for (int y = 0; y < m->n; y++) {
			if (m->adj[x][y] && dist[y] < 0) {
				dist[y] = dist[x] + 1;
				q[tail++] = y;
			}
		}
	}
}

/* ---- brute-force path enumeration ----------------------------------------- */

struct pathset {
	uint32_t (*p)[16];
	size_t n, cap;
	int len;
};

static void pathset_add(struct pathset *ps, const uint32_t *path, int len)
{
	assert_true(len <= 16);
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 64;
		ps->p = realloc(ps->p, ps->cap * sizeof *ps->p);
		assert_non_null(ps->p);
	}
	memset(ps->p[ps->n], 0, sizeof ps->p[ps->n]);
	memcpy(ps->p[ps->n], path, (size_t)len * sizeof *path);
	ps->n++;
	ps->len = len;
}

static int cmp_path(const void *x, const void *y)
{
	return memcmp(x, y, sizeof(uint32_t[16]));
}

/* Every walk of exactly d steps from a to b without revisiting a member
 * (a shortest path never revisits one). */
static void brute(const struct model *m, uint32_t *path, int k, int d, int b, bool *on,
                  struct pathset *ps)
{
	int x = (int)path[k];
	if (k == d) {
		if (x == b)
			pathset_add(ps, path, d + 1);
		return;
	}
	for (int y = 0; y < m->n; y++) {
		if (m->adj[x][y] && !on[y]) {
			on[y] = true;
			path[k + 1] = (uint32_t)y;
			brute(m, path, k + 1, d, b, on, ps);
			on[y] = false;
		}
	}
}

static void collect(const uint32_t *path, int len, void *arg)
{
	pathset_add(arg, path, len);
}

/* ---- comparing graph and model -------------------------------------------- */

struct fixture {
	struct graph g;
	struct graph_scratch s;
	struct model m;
	struct gen_rng r;
};

static void check_lists(struct fixture *f)
{
	struct model *m = &f->m;
	uint32_t buf[MAXN];
	uint64_t edges = 0;
	for (int a = 0; a < m->n; a++) {
		uint32_t n, k = 0;
		const uint32_t *c = graph_connections(&f->g, (uint32_t)a, &n);
		for (int x = 0; x < m->n; x++) {
			if (m->adj[a][x]) {
				assert_true(k < n);
				assert_int_equal(c[k], x);
				k++;
			}
		}
		assert_int_equal(k, n);
		edges += n;
		/* followees, followers, blocks */
		uint32_t total = graph_followees(&f->g, (uint32_t)a, buf, MAXN);
		k = 0;
		for (int x = 0; x < m->n; x++) {
			if (m->fol[a][x]) {
				assert_true(k < total);
				assert_int_equal(buf[k], x);
				k++;
			}
		}
		assert_int_equal(k, total);
		total = graph_followers(&f->g, (uint32_t)a, buf, MAXN);
		k = 0;
		for (int x = 0; x < m->n; x++) {
			if (m->fol[x][a]) {
				assert_true(k < total);
				assert_int_equal(buf[k], x);
				k++;
			}
		}
		assert_int_equal(k, total);
		/* A short buffer gets the smallest ones and the full count. */
		if (total > 2) {
			uint32_t two[2];
			assert_int_equal(graph_followers(&f->g, (uint32_t)a, two, 2), total);
			assert_int_equal(two[0], buf[0]);
			assert_int_equal(two[1], buf[1]);
		}
		const uint32_t *bl = graph_blocks(&f->g, (uint32_t)a, &n);
		k = 0;
		for (int x = 0; x < m->n; x++) {
			if (m->blk[a][x]) {
				assert_true(k < n);
				assert_int_equal(bl[k], x);
				k++;
			}
		}
		assert_int_equal(k, n);
		for (int b = 0; b < m->n; b++) {
			assert_int_equal(graph_connected(&f->g, (uint32_t)a, (uint32_t)b),
			                 m->adj[a][b]);
			assert_int_equal(graph_follows(&f->g, (uint32_t)a, (uint32_t)b),
			                 m->fol[a][b]);
			assert_int_equal(graph_blocked(&f->g, (uint32_t)a, (uint32_t)b),
			                 m->blk[a][b]);
			assert_int_equal(graph_blocked_either(&f->g, (uint32_t)a, (uint32_t)b),
			                 m->blk[a][b] || m->blk[b][a]);
		}
	}
	assert_int_equal(graph_edge_count(&f->g) * 2, edges);
}

static int want_degree(int d)
{
	return d < 0 || d > 3 ? GRAPH_OUT : d;
}

static void check_path(struct fixture *f, int a, int b, int d)
{
	uint32_t out[MAXN];
	memset(out, 0xff, sizeof out);
	int h = graph_path(&f->g, &f->s, (uint32_t)a, (uint32_t)b, 0, out, MAXN);
	assert_int_equal(h, d);
	if (d >= 0) {
		assert_int_equal(out[0], a);
		assert_int_equal(out[d], b);
		for (int i = 0; i < d; i++)
			assert_true(f->m.adj[out[i]][out[i + 1]]);
	}
	/* Bounds: at most 3 hops, and one hop short of the distance. */
	int h3 = graph_path(&f->g, &f->s, (uint32_t)a, (uint32_t)b, 3, out, MAXN);
	assert_int_equal(h3, d >= 0 && d <= 3 ? d : -1);
	if (d >= 2)
		assert_int_equal(
		    graph_path(&f->g, &f->s, (uint32_t)a, (uint32_t)b, d - 1, out, MAXN), -1);
}

static void check_all_paths(struct fixture *f, int a, int b, int d)
{
	struct pathset got = {0}, want = {0};
	int h =
	    graph_all_shortest_paths(&f->g, &f->s, (uint32_t)a, (uint32_t)b, collect, &got, 100000);
	assert_int_equal(h, d);
	if (d >= 0 && d < 16) {
		uint32_t path[16] = {(uint32_t)a};
		bool on[MAXN] = {false};
		on[a] = true;
		brute(&f->m, path, 0, d, b, on, &want);
	}
	assert_int_equal(got.n, want.n);
	if (got.n) {
		qsort(got.p, got.n, sizeof *got.p, cmp_path);
		qsort(want.p, want.n, sizeof *want.p, cmp_path);
	}
	for (size_t i = 0; i < got.n; i++)
		assert_memory_equal(got.p[i], want.p[i], sizeof *got.p);
	/* max_paths stops early. */
	if (want.n > 1) {
		struct pathset one = {0};
		assert_int_equal(graph_all_shortest_paths(&f->g, &f->s, (uint32_t)a, (uint32_t)b,
		                                          collect, &one, 1),
		                 d);
		assert_int_equal(one.n, 1);
		free(one.p);
	}
	free(got.p);
	free(want.p);
}

static void check_queries(struct fixture *f, int samples)
{
	struct model *m = &f->m;
	static int dist[MAXN][MAXN];
	for (int a = 0; a < m->n; a++)
		m_bfs(m, a, dist[a]);
	/* Viewer-major order (uses the viewer cache of the scratch)... */
	for (int a = 0; a < m->n; a++) {
		for (int b = 0; b < m->n; b++)
			assert_int_equal(graph_degree(&f->g, &f->s, (uint32_t)a, (uint32_t)b),
			                 want_degree(dist[a][b]));
	}
	/* ...and alternating viewers (the pairwise search). */
	for (int b = 0; b < m->n; b++) {
		for (int a = 0; a < m->n; a++)
			assert_int_equal(graph_degree(&f->g, &f->s, (uint32_t)a, (uint32_t)b),
			                 want_degree(dist[a][b]));
	}
	for (int a = 0; a < m->n; a++) {
		uint64_t c[4] = {0}, n1, n2, n3;
		for (int x = 0; x < m->n; x++) {
			if (dist[a][x] >= 1 && dist[a][x] <= 3)
				c[dist[a][x]]++;
		}
		graph_network_size(&f->g, &f->s, (uint32_t)a, &n1, &n2, &n3);
		assert_int_equal(n1, c[1]);
		assert_int_equal(n2, c[2]);
		assert_int_equal(n3, c[3]);
	}
	uint32_t buf[MAXN];
	for (int i = 0; i < samples; i++) {
		int a = (int)gen_rng_below(&f->r, (uint32_t)m->n);
		int b = (int)gen_rng_below(&f->r, (uint32_t)m->n);
		uint32_t k = 0;
		for (int x = 0; x < m->n; x++)
			k += a != b && m->adj[a][x] && m->adj[b][x];
		assert_int_equal(graph_mutual_count(&f->g, (uint32_t)a, (uint32_t)b), k);
		uint32_t total = graph_mutual(&f->g, (uint32_t)a, (uint32_t)b, buf, MAXN);
		assert_int_equal(total, k);
		uint32_t j = 0;
		for (int x = 0; x < m->n && a != b; x++) {
			if (m->adj[a][x] && m->adj[b][x])
				assert_int_equal(buf[j++], x);
		}
		check_path(f, a, b, dist[a][b]);
		if (i % 8 == 0)
			check_all_paths(f, a, b, dist[a][b]);
	}
}

/* Rebuilds the model in bulk, with noise the loader must drop, and compares.
 * With `adopt` the bulk-loaded graph then replaces f->g, so that the next
 * random operations change lists that live in the bulk load's slab. */
static void check_bulk_equal(struct fixture *f, bool adopt)
{
	struct model *m = &f->m;
	struct graph r;
	graph_init(&r);
	graph_ensure(&r, 3); /* begin must empty what was there */
	assert_int_equal(graph_connect(&r, 0, 1), E_OK);
	graph_bulk_begin(&r);
	for (int a = 0; a < m->n; a++) {
		graph_bulk_edge(&r, (uint32_t)a, (uint32_t)a); /* self: dropped */
		for (int b = 0; b < m->n; b++) {
			if (m->adj[a][b]) {
				graph_bulk_edge(&r, (uint32_t)a, (uint32_t)b);
				if ((a + b) % 3 == 0) /* a duplicate */
					graph_bulk_edge(&r, (uint32_t)b, (uint32_t)a);
				if (m->fol[a][b]) /* implied anyway */
					graph_bulk_follow(&r, (uint32_t)a, (uint32_t)b);
				else
					graph_bulk_unfollow(&r, (uint32_t)a, (uint32_t)b);
			} else if (m->fol[a][b]) {
				graph_bulk_follow(&r, (uint32_t)a, (uint32_t)b);
				graph_bulk_follow(&r, (uint32_t)a, (uint32_t)b);
			} else if (a != b && (a * 7 + b) % 11 == 0) {
				/* unfollowing a non-connection: meaningless, dropped */
				graph_bulk_unfollow(&r, (uint32_t)a, (uint32_t)b);
			}
			if (m->blk[a][b]) {
				graph_bulk_block(&r, (uint32_t)a, (uint32_t)b);
				/* stale facts a block outweighs */
				graph_bulk_edge(&r, (uint32_t)a, (uint32_t)b);
				graph_bulk_follow(&r, (uint32_t)b, (uint32_t)a);
			}
		}
	}
	graph_bulk_finish(&r);
	struct buf why;
	buf_init(&why, 0);
	bool same = graph_equal(&f->g, &r, &why);
	if (!same)
		fail_msg("bulk-loaded graph differs: %s", why.p);
	assert_true(graph_equal(&r, &f->g, NULL));
	if (adopt) {
		buf_release(&why);
		graph_release(&f->g);
		f->g = r;
		return;
	}
	/* And a difference is found and described. */
	for (int a = 0; a < m->n; a++) {
		uint32_t n;
		graph_connections(&r, (uint32_t)a, &n);
		if (n == 0)
			continue;
		uint32_t b = graph_connections(&r, (uint32_t)a, &n)[0];
		graph_disconnect(&r, (uint32_t)a, b);
		buf_reset(&why);
		assert_false(graph_equal(&f->g, &r, &why));
		assert_non_null(strstr(why.p, "connections differ"));
		break;
	}
	buf_release(&why);
	graph_release(&r);
}

/* One random operation on both graph and model, results compared. */
static void random_op(struct fixture *f, int hubs)
{
	struct model *m = &f->m;
	uint32_t n = (uint32_t)m->n;
	uint32_t a = gen_rng_below(&f->r, n), b = gen_rng_below(&f->r, n);
	/* Some members are hubs: they take a share of the connections. */
	if (hubs && gen_rng_below(&f->r, 4) == 0)
		a = gen_rng_below(&f->r, (uint32_t)hubs);
	uint32_t op = gen_rng_below(&f->r, 100);
	if (op < 45) {
		assert_int_equal(graph_connect(&f->g, a, b), m_connect(m, (int)a, (int)b));
	} else if (op < 60) {
		assert_int_equal(graph_disconnect(&f->g, a, b), m_disconnect(m, (int)a, (int)b));
	} else if (op < 72) {
		assert_int_equal(graph_follow(&f->g, a, b), m_follow(m, (int)a, (int)b));
	} else if (op < 84) {
		/* unfollow mostly where there is something to unfollow */
		if (op < 80) {
			uint32_t n1;
			const uint32_t *c = graph_connections(&f->g, a, &n1);
			if (n1)
				b = c[gen_rng_below(&f->r, n1)];
		}
		assert_int_equal(graph_unfollow(&f->g, a, b), m_unfollow(m, (int)a, (int)b));
	} else if (op < 90) {
		assert_int_equal(graph_block(&f->g, a, b), m_block(m, (int)a, (int)b));
	} else if (op < 97) {
		assert_int_equal(graph_unblock(&f->g, a, b), m_unblock(m, (int)a, (int)b));
	} else if (op < 98) {
		graph_remove_member(&f->g, a);
		m_remove(m, (int)a);
	} else {
		/* no-ops that must stay no-ops */
		assert_false(graph_unfollow(&f->g, a, a));
		assert_false(graph_disconnect(&f->g, a, a));
	}
}

/* ball_min: the members with that many connections get a ball at each bulk
 * load (graph_balls.c; the default gives none at these sizes). */
static void run_property(uint64_t seed, int n, int batches, int ops, int hubs, uint32_t ball_min)
{
	graph_ball_min_degree = ball_min; /* restore_ball_min puts it back */
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	graph_init(&f->g);
	graph_scratch_init(&f->s);
	gen_rng_seed(&f->r, seed);
	/* Start small and grow, so the scratch must follow the graph. */
	f->m.n = n / 2;
	graph_ensure(&f->g, (uint32_t)f->m.n);
	for (int bt = 0; bt < batches; bt++) {
		if (bt == batches / 2) {
			f->m.n = n;
			graph_ensure(&f->g, (uint32_t)n);
		}
		for (int i = 0; i < ops; i++)
			random_op(f, hubs);
		check_lists(f);
		check_queries(f, 300);
		check_bulk_equal(f, bt % 2 == 0);
		/* The next batch works on the balls of the adopted bulk load. */
		if (bt % 2 == 0 && ball_min <= 3)
			assert_true(f->g.nballs > 0);
	}
	graph_scratch_release(&f->s);
	graph_release(&f->g);
	free(f);
}

static void test_property_sparse(void **state)
{
	(void)state;
	/* Long paths and many "out of network" pairs. */
	run_property(1, 200, 12, 250, 0, 2);
	run_property(2, 160, 12, 180, 0, 1000);
}

static void test_property_hubs(void **state)
{
	(void)state;
	/* Denser, with hubs: galloping intersections and the hub-first scan;
	 * balls for the hubs only, then for most members. */
	run_property(3, 300, 8, 900, 3, 40);
	run_property(4, 120, 10, 600, 2, 3);
}

static void test_property_plain_scan(void **state)
{
	(void)state;
	/* The same answers without the vector instructions (on a machine that
	 * has them, the other property tests use them). */
	graph_vector_scan = false;
	assert_string_equal(graph_scan_kind(), "plain loop");
	run_property(3, 300, 8, 900, 3, 40);
	run_property(7, 200, 10, 400, 0, 2);
	graph_vector_scan = true;
}

/* The degree scan looks members up in a sieve indexed by member number mod
 * GRAPH_SIEVE_BITS, then in the exact bitmap.  The property tests' members
 * are all below that, so none alias there: here members 4q..4q+3 share a
 * sieve bit, and every pair's degree must still equal the BFS's. */
static void check_degrees_across_aliases(uint64_t seed)
{
	enum { N = 240, ALIASES = 4 };
	struct model *m = calloc(1, sizeof *m);
	struct graph g;
	struct graph_scratch s;
	struct gen_rng r;
	assert_non_null(m);
	graph_init(&g);
	graph_scratch_init(&s);
	gen_rng_seed(&r, seed);
	m->n = N;
	graph_ensure(&g, ALIASES * GRAPH_SIEVE_BITS);
	uint32_t id[N];
	for (int i = 0; i < N; i++)
		id[i] = (uint32_t)(i / ALIASES) + (uint32_t)(i % ALIASES) * GRAPH_SIEVE_BITS;
	/* Sparse, with a few hubs: lists long enough for the eight-entry steps,
	 * and many pairs at 3 hops or out of network. */
	for (int e = 0; e < 300; e++) {
		int a = (int)gen_rng_below(&r, N), b = (int)gen_rng_below(&r, e % 3 ? N : 12);
		if (m_connect(m, a, b) == E_OK)
			assert_int_equal(graph_connect(&g, id[a], id[b]), E_OK);
	}
	static int dist[N][N];
	for (int a = 0; a < N; a++)
		m_bfs(m, a, dist[a]);
	int seen[5] = {0};
	/* The viewer changes on every call, so no query is answered from the
	 * cached ball of a repeated viewer. */
	for (int b = 0; b < N; b++) {
		for (int a = 0; a < N; a++) {
			int d = dist[a][b], want = d < 0 || d > 3 ? GRAPH_OUT : d;
			assert_int_equal(graph_degree(&g, &s, id[a], id[b]), want);
			seen[want]++;
		}
	}
	assert_true(seen[3] > 1000 && seen[GRAPH_OUT] > 1000);
	graph_scratch_release(&s);
	graph_release(&g);
	free(m);
}

static void test_degree_sieve_aliases(void **state)
{
	(void)state;
	check_degrees_across_aliases(11);
	graph_vector_scan = false;
	check_degrees_across_aliases(12);
	graph_vector_scan = true;
}

/* Too many marks for the sieve: the degree scan then tests the exact bitmap
 * alone.  hub has 3000 connections (leaves); a reaches one leaf in two hops,
 * c reaches none within two; a and c are cheap to expand, so their side is
 * scanned against hub's marks.  The same again afterwards shows the marks
 * were cleared. */
static void test_degree_to_a_member_with_many_connections(void **state)
{
	(void)state;
	enum { LEAVES = 3000, HUB = 0, A = LEAVES + 1, X = A + 1, C = X + 1, Z = C + 1 };
	struct graph g;
	struct graph_scratch s;
	graph_init(&g);
	graph_scratch_init(&s);
	graph_ensure(&g, Z + 17 + GRAPH_SIEVE_BITS);
	for (uint32_t l = 1; l <= LEAVES; l++)
		assert_int_equal(graph_connect(&g, HUB, l), E_OK);
	assert_int_equal(graph_connect(&g, A, X), E_OK);
	assert_int_equal(graph_connect(&g, X, 17), E_OK); /* a - x - leaf 17 - hub */
	assert_int_equal(graph_connect(&g, C, Z), E_OK);
	/* One of z's connections aliases leaf 17 in the sieve but is no leaf. */
	assert_int_equal(graph_connect(&g, Z, 17 + GRAPH_SIEVE_BITS), E_OK);
	/* Lists long enough for the eight-entry steps of the scan. */
	for (uint32_t p = 1; p <= 8; p++) {
		assert_int_equal(graph_connect(&g, X, Z + p), E_OK);
		assert_int_equal(graph_connect(&g, Z, Z + 8 + p), E_OK);
	}
	for (int round = 0; round < 2; round++) {
		assert_int_equal(graph_degree(&g, &s, A, HUB), 3);
		assert_int_equal(graph_degree(&g, &s, C, HUB), GRAPH_OUT);
		assert_int_equal(graph_degree(&g, &s, HUB, C), GRAPH_OUT);
		assert_int_equal(graph_degree(&g, &s, HUB, A), 3);
	}
	graph_scratch_release(&s);
	graph_release(&g);
}

static void test_property_blocks_and_removals(void **state)
{
	(void)state;
	run_property(5, 64, 20, 300, 1, 2);
	run_property(6, 250, 8, 1500, 4, 12);
}

/* ---- rule tests ----------------------------------------------------------- */

static void test_connect_rules(void **state)
{
	(void)state;
	struct graph g;
	graph_init(&g);
	graph_ensure(&g, 10);
	assert_int_equal(graph_connect(&g, 3, 3), E_BAD_FIELD);
	assert_int_equal(graph_connect(&g, 3, 10), E_NOT_FOUND);
	assert_int_equal(graph_connect(&g, 10, 3), E_NOT_FOUND);
	assert_int_equal(graph_connect(&g, 3, 4), E_OK);
	assert_int_equal(graph_connect(&g, 4, 3), E_CONFLICT);
	assert_true(graph_connected(&g, 4, 3));
	assert_false(graph_connected(&g, 4, 10));
	/* Connecting means following both ways. */
	assert_true(graph_follows(&g, 3, 4));
	assert_true(graph_follows(&g, 4, 3));
	assert_int_equal(graph_follow(&g, 3, 4), E_CONFLICT);
	/* Unfollowing keeps the connection; following again restores. */
	assert_true(graph_unfollow(&g, 3, 4));
	assert_false(graph_unfollow(&g, 3, 4));
	assert_true(graph_connected(&g, 3, 4));
	assert_false(graph_follows(&g, 3, 4));
	assert_true(graph_follows(&g, 4, 3));
	uint32_t out[4];
	assert_int_equal(graph_followers(&g, 4, out, 4), 0);
	assert_int_equal(graph_followers(&g, 3, out, 4), 1);
	assert_int_equal(out[0], 4);
	assert_int_equal(graph_follow(&g, 3, 4), E_OK);
	assert_true(graph_follows(&g, 3, 4));
	/* Disconnecting ends the follows both ways. */
	assert_true(graph_unfollow(&g, 4, 3));
	assert_true(graph_disconnect(&g, 3, 4));
	assert_false(graph_disconnect(&g, 3, 4));
	assert_false(graph_follows(&g, 3, 4));
	assert_false(graph_follows(&g, 4, 3));
	assert_int_equal(graph_edge_count(&g), 0);
	/* Following a non-connection is one-way; connecting absorbs it. */
	assert_int_equal(graph_follow(&g, 5, 6), E_OK);
	assert_int_equal(graph_follow(&g, 5, 6), E_CONFLICT);
	assert_int_equal(graph_follow(&g, 5, 5), E_BAD_FIELD);
	assert_true(graph_follows(&g, 5, 6));
	assert_false(graph_follows(&g, 6, 5));
	assert_int_equal(graph_followers(&g, 6, out, 4), 1);
	assert_int_equal(graph_connect(&g, 6, 5), E_OK);
	assert_true(graph_follows(&g, 6, 5));
	assert_int_equal(graph_followees(&g, 5, out, 4), 1);
	assert_true(graph_disconnect(&g, 5, 6));
	assert_false(graph_follows(&g, 5, 6));
	assert_int_equal(graph_followees(&g, 5, out, 4), 0);
	graph_release(&g);
}

static void test_block_rules(void **state)
{
	(void)state;
	struct graph g;
	graph_init(&g);
	graph_ensure(&g, 5);
	assert_int_equal(graph_connect(&g, 1, 2), E_OK);
	assert_int_equal(graph_follow(&g, 3, 1), E_OK);
	assert_int_equal(graph_block(&g, 1, 1), E_BAD_FIELD);
	assert_int_equal(graph_block(&g, 1, 9), E_NOT_FOUND);
	assert_int_equal(graph_block(&g, 2, 1), E_OK);
	assert_int_equal(graph_block(&g, 2, 1), E_CONFLICT);
	assert_false(graph_connected(&g, 1, 2));
	assert_false(graph_follows(&g, 1, 2));
	assert_false(graph_follows(&g, 2, 1));
	assert_true(graph_blocked(&g, 2, 1));
	assert_false(graph_blocked(&g, 1, 2));
	assert_true(graph_blocked_either(&g, 1, 2));
	assert_int_equal(graph_connect(&g, 1, 2), E_FORBIDDEN);
	assert_int_equal(graph_follow(&g, 1, 2), E_FORBIDDEN);
	assert_int_equal(graph_follow(&g, 2, 1), E_FORBIDDEN);
	/* The blocked member may block back; both must lift theirs. */
	assert_int_equal(graph_block(&g, 1, 2), E_OK);
	assert_true(graph_unblock(&g, 2, 1));
	assert_false(graph_unblock(&g, 2, 1));
	assert_int_equal(graph_connect(&g, 1, 2), E_FORBIDDEN);
	assert_true(graph_unblock(&g, 1, 2));
	assert_false(graph_blocked_either(&g, 1, 2));
	/* Nothing was restored by unblocking. */
	assert_false(graph_connected(&g, 1, 2));
	assert_int_equal(graph_connect(&g, 1, 2), E_OK);
	/* A block removes an explicit follow too. */
	assert_true(graph_follows(&g, 3, 1));
	assert_int_equal(graph_block(&g, 1, 3), E_OK);
	assert_false(graph_follows(&g, 3, 1));
	uint32_t n;
	const uint32_t *bl = graph_blocks(&g, 1, &n);
	assert_int_equal(n, 1);
	assert_int_equal(bl[0], 3);
	graph_release(&g);
}

static void test_connection_limit(void **state)
{
	(void)state;
	struct graph g;
	graph_init(&g);
	uint32_t hub = 0, n = GRAPH_MAX_CONNECTIONS + 3;
	graph_ensure(&g, n);
	for (uint32_t b = 1; b <= GRAPH_MAX_CONNECTIONS; b++)
		assert_int_equal(graph_connect(&g, hub, b), E_OK);
	uint32_t k;
	graph_connections(&g, hub, &k);
	assert_int_equal(k, GRAPH_MAX_CONNECTIONS);
	/* Refused from either side, and nothing changes. */
	assert_int_equal(graph_connect(&g, hub, n - 1), E_TOO_MANY);
	assert_int_equal(graph_connect(&g, n - 2, hub), E_TOO_MANY);
	assert_false(graph_connected(&g, hub, n - 1));
	graph_connections(&g, n - 1, &k);
	assert_int_equal(k, 0);
	assert_int_equal(graph_edge_count(&g), GRAPH_MAX_CONNECTIONS);
	/* Following is not limited. */
	assert_int_equal(graph_follow(&g, n - 1, hub), E_OK);
	/* Room again after a disconnect. */
	assert_true(graph_disconnect(&g, hub, 17));
	assert_int_equal(graph_connect(&g, n - 1, hub), E_OK);
	graph_release(&g);
}

static void test_remove_member(void **state)
{
	(void)state;
	struct graph g;
	graph_init(&g);
	graph_ensure(&g, 6);
	assert_int_equal(graph_connect(&g, 0, 1), E_OK);
	assert_int_equal(graph_connect(&g, 0, 2), E_OK);
	assert_int_equal(graph_connect(&g, 1, 2), E_OK);
	assert_true(graph_unfollow(&g, 1, 0));
	assert_int_equal(graph_follow(&g, 0, 3), E_OK);
	assert_int_equal(graph_follow(&g, 4, 0), E_OK);
	assert_int_equal(graph_block(&g, 0, 5), E_OK);
	assert_int_equal(graph_block(&g, 5, 0), E_OK);
	graph_remove_member(&g, 0);
	graph_remove_member(&g, 99); /* out of range: nothing */
	uint32_t n, out[4];
	graph_connections(&g, 0, &n);
	assert_int_equal(n, 0);
	assert_int_equal(graph_edge_count(&g), 1);
	assert_true(graph_connected(&g, 1, 2));
	assert_int_equal(graph_followers(&g, 3, out, 4), 0);
	assert_int_equal(graph_followees(&g, 4, out, 4), 0);
	assert_false(graph_blocked_either(&g, 0, 5));
	/* The same as a graph that never had member 0's edges. */
	struct graph h;
	graph_init(&h);
	graph_ensure(&h, 6);
	assert_int_equal(graph_connect(&h, 1, 2), E_OK);
	assert_true(graph_equal(&g, &h, NULL));
	graph_release(&h);
	graph_release(&g);
}

/* Fixed shapes with known answers. */
static void test_queries_known(void **state)
{
	(void)state;
	struct graph g;
	struct graph_scratch s;
	graph_init(&g);
	graph_scratch_init(&s);
	/* A chain 0-1-2-3-4-5 and an isolated 6. */
	graph_ensure(&g, 7);
	for (uint32_t i = 0; i < 5; i++)
		assert_int_equal(graph_connect(&g, i, i + 1), E_OK);
	assert_int_equal(graph_degree(&g, &s, 0, 0), 0);
	assert_int_equal(graph_degree(&g, &s, 0, 1), 1);
	assert_int_equal(graph_degree(&g, &s, 0, 2), 2);
	assert_int_equal(graph_degree(&g, &s, 0, 3), 3);
	assert_int_equal(graph_degree(&g, &s, 0, 4), GRAPH_OUT);
	assert_int_equal(graph_degree(&g, &s, 0, 6), GRAPH_OUT);
	assert_int_equal(graph_degree(&g, &s, 0, 1000), GRAPH_OUT);
	uint32_t path[8] = {0};
	assert_int_equal(graph_path(&g, &s, 0, 5, 0, path, 8), 5);
	for (uint32_t i = 0; i <= 5; i++)
		assert_int_equal(path[i], i);
	assert_int_equal(graph_path(&g, &s, 0, 5, 4, path, 8), -1);
	assert_int_equal(graph_path(&g, &s, 0, 6, 0, path, 8), -1);
	assert_int_equal(graph_path(&g, &s, 2, 2, 0, path, 8), 0);
	assert_int_equal(path[0], 2);
	/* A buffer too short: the distance, path untouched. */
	path[0] = 77;
	assert_int_equal(graph_path(&g, &s, 0, 5, 0, path, 5), 5);
	assert_int_equal(path[0], 77);
	uint64_t n1, n2, n3;
	graph_network_size(&g, &s, 0, &n1, &n2, &n3);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 1);
	assert_int_equal(n3, 1);
	graph_network_size(&g, &s, 2, &n1, &n2, &n3);
	assert_int_equal(n1, 2);
	assert_int_equal(n2, 2);
	assert_int_equal(n3, 1);
	/* The viewer cache notices writes: 0 and 3 become 2nd degree. */
	assert_int_equal(graph_degree(&g, &s, 0, 3), 3);
	assert_int_equal(graph_degree(&g, &s, 0, 3), 3);
	assert_int_equal(graph_connect(&g, 6, 0), E_OK);
	assert_int_equal(graph_connect(&g, 6, 3), E_OK);
	assert_int_equal(graph_degree(&g, &s, 0, 3), 2);
	assert_int_equal(graph_degree(&g, &s, 0, 4), 3);
	assert_int_equal(graph_mutual_count(&g, 0, 3), 1);
	assert_int_equal(graph_mutual_count(&g, 0, 0), 0);
	graph_release(&g);

	/* Layers of w members fully joined to the next layer: w^(k-2) shortest
	 * paths from the single first to the single last member. */
	graph_init(&g);
	const uint32_t w = 4, k = 5;
	uint32_t last = 1 + (k - 2) * w;
	graph_ensure(&g, last + 1);
	for (uint32_t x = 1; x <= w; x++)
		assert_int_equal(graph_connect(&g, 0, x), E_OK);
	for (uint32_t l = 0; l + 1 < k - 2; l++) {
		for (uint32_t x = 0; x < w; x++) {
			for (uint32_t y = 0; y < w; y++)
				assert_int_equal(
				    graph_connect(&g, 1 + l * w + x, 1 + (l + 1) * w + y), E_OK);
		}
	}
	for (uint32_t x = 0; x < w; x++)
		assert_int_equal(graph_connect(&g, 1 + (k - 3) * w + x, last), E_OK);
	struct pathset ps = {0};
	assert_int_equal(graph_all_shortest_paths(&g, &s, 0, last, collect, &ps, 1000000),
	                 (int)k - 1);
	assert_int_equal(ps.n, w * w * w);
	qsort(ps.p, ps.n, sizeof *ps.p, cmp_path);
	for (size_t i = 1; i < ps.n; i++)
		assert_true(cmp_path(ps.p[i - 1], ps.p[i]) < 0);
	free(ps.p);
	memset(&ps, 0, sizeof ps);
	assert_int_equal(graph_all_shortest_paths(&g, &s, 0, last, collect, &ps, 10), (int)k - 1);
	assert_int_equal(ps.n, 10);
	free(ps.p);
	memset(&ps, 0, sizeof ps);
	assert_int_equal(graph_all_shortest_paths(&g, &s, 3, 3, collect, &ps, 10), 0);
	assert_int_equal(ps.n, 1);
	free(ps.p);
	graph_scratch_release(&s);
	graph_release(&g);
}

/* a - hub - y - b, where the hub has `spokes` more connections and y `extra`
 * more: degree 3 both ways, out of network once hub and y part. */
static void check_degree_through_hub(uint32_t spokes, uint32_t extra)
{
	struct graph g;
	struct graph_scratch s;
	graph_init(&g);
	graph_scratch_init(&s);
	graph_ensure(&g, 1000);
	uint32_t a = 900, hub = 0, y = 57, b = 901;
	for (uint32_t x = 1; x <= spokes; x++)
		assert_int_equal(graph_connect(&g, hub, x), E_OK);
	assert_int_equal(graph_connect(&g, a, hub), E_OK);
	assert_int_equal(graph_connect(&g, b, y), E_OK);
	for (uint32_t x = 700; x < 700 + extra; x++)
		assert_int_equal(graph_connect(&g, y, x), E_OK);
	assert_int_equal(graph_degree(&g, &s, a, b), 3);
	assert_int_equal(graph_degree(&g, &s, b, a), 3);
	assert_true(graph_disconnect(&g, hub, y));
	assert_int_equal(graph_degree(&g, &s, a, b), GRAPH_OUT);
	assert_int_equal(graph_degree(&g, &s, b, a), GRAPH_OUT);
	graph_scratch_release(&s);
	graph_release(&g);
}

/* A hub of 100 reaches b's only connection: its list is scanned like the
 * others (it is not over 256 times b's one connection). */
static void test_degree_through_hub(void **state)
{
	(void)state;
	check_degree_through_hub(100, 0);
}

/* The hub's list over 256 times longer than b's connections: the degree scan
 * gallops through it instead of reading it (y's own list is made longer than
 * the gallop's cost, so that a's side is the one expanded), and must still
 * find the step, and only a real one. */
static void test_degree_through_galloped_list(void **state)
{
	(void)state;
	check_degree_through_hub(600, 60);
}

/* graph_degree both ways round, which must agree (alternating viewers, so
 * that the viewer cache stays out of it). */
static int degree_both(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b)
{
	int d = graph_degree(g, s, a, b);
	assert_int_equal(graph_degree(g, s, b, a), d);
	return d;
}

/* a - hub - y - b, bulk-loaded, with a ball for the hub only: the hub's
 * ball answers for its list (a ball made wrong on purpose changes the
 * answer, and graph_equal tells), and every write keeps the ball right. */
static void test_balls(void **state)
{
	(void)state;
	enum { A = 100, HUB = 0, Y = 5, B = 101, Z = 110 };
	graph_ball_min_degree = 30; /* restore_ball_min puts it back */
	struct graph g;
	struct graph_scratch s;
	graph_init(&g);
	graph_scratch_init(&s);
	graph_bulk_begin(&g);
	for (uint32_t x = 1; x <= 40; x++)
		graph_bulk_edge(&g, HUB, x);
	graph_bulk_edge(&g, A, HUB);
	graph_bulk_edge(&g, Y, B);
	/* b's side reads more (three connections of 21 each): a's is expanded. */
	for (uint32_t z = Z; z < Z + 3; z++) {
		graph_bulk_edge(&g, B, z);
		for (uint32_t k = 1; k <= 20; k++)
			graph_bulk_edge(&g, z, 200 + 20 * (z - Z) + k);
	}
	graph_bulk_finish(&g);
	assert_int_equal(g.nballs, 1);
	assert_non_null(graph_ball(&g, HUB));
	assert_null(graph_ball(&g, Y));
	assert_true(g.ball_n > B);
	uint32_t path[8];
	assert_int_equal(degree_both(&g, &s, A, B), 3);
	assert_int_equal(graph_path(&g, &s, A, B, 3, path, 8), 3);
	assert_int_equal(path[1], HUB);
	assert_int_equal(path[2], Y);
	assert_true(graph_balls_check(&g, NULL));

	/* The hub's list is not read: without b in its ball, no path. */
	uint64_t *ball = g.balls;
	ball[B / 64] &= ~(UINT64_C(1) << (B % 64));
	assert_int_equal(degree_both(&g, &s, A, B), GRAPH_OUT);
	struct buf why;
	buf_init(&why, 0);
	assert_false(graph_balls_check(&g, &why));
	assert_non_null(strstr(why.p, "its ball lacks member 101"));
	struct graph r;
	graph_init(&r);
	assert_false(graph_equal(&r, &g, NULL));
	ball[B / 64] |= UINT64_C(1) << (B % 64);
	assert_true(graph_balls_check(&g, NULL));

	/* Writes keep it: y leaves b, joins it again, then z0 takes y's place
	 * and is removed. */
	assert_true(graph_disconnect(&g, Y, B));
	assert_int_equal(degree_both(&g, &s, A, B), GRAPH_OUT);
	assert_true(graph_balls_check(&g, NULL));
	assert_int_equal(graph_connect(&g, B, Y), E_OK);
	assert_int_equal(degree_both(&g, &s, A, B), 3);
	assert_true(graph_disconnect(&g, B, Y));
	assert_int_equal(graph_connect(&g, HUB, Z), E_OK); /* b's z0 */
	assert_int_equal(degree_both(&g, &s, A, B), 3);
	assert_true(graph_balls_check(&g, &why));
	graph_remove_member(&g, Z);
	assert_int_equal(degree_both(&g, &s, A, B), GRAPH_OUT);
	assert_true(graph_balls_check(&g, NULL));
	/* A member added after the load is beyond the balls: lists answer. */
	graph_ensure(&g, 400);
	assert_int_equal(graph_connect(&g, 399, 7), E_OK); /* 7: one of the hub's */
	assert_int_equal(degree_both(&g, &s, A, 399), 3);
	assert_true(graph_balls_check(&g, NULL));

	buf_release(&why);
	graph_release(&r);
	graph_scratch_release(&s);
	graph_release(&g);
}

/* After a bulk load each list spans as few cache lines as its length
 * allows (the slab packs them so), at a few entries of padding per list. */
static void test_bulk_lists_span_fewest_lines(void **state)
{
	(void)state;
	struct graph g;
	graph_init(&g);
	graph_bulk_begin(&g);
	const uint32_t n = 3000;
	uint64_t entries = 0;
	for (uint32_t a = 0; a < n; a++) {
		for (uint32_t k = 1; k <= a % 37; k++)
			graph_bulk_edge(&g, a, (a + k * 7) % n);
	}
	graph_bulk_finish(&g);
	uint32_t lists = 0;
	size_t padding = 0;
	const uint32_t *end = NULL; /* of the previous list: they are in member order */
	for (uint32_t a = 0; a < n; a++) {
		uint32_t k;
		const uint32_t *c = graph_connections(&g, a, &k);
		if (k == 0)
			continue;
		lists++;
		entries += k;
		uintptr_t first = (uintptr_t)c / 64, last = (uintptr_t)(c + k - 1) / 64;
		assert_int_equal(last - first + 1, (k * sizeof *c + 63) / 64);
		if (end) {
			assert_true(c >= end);
			padding += (size_t)(c - end);
		}
		end = c + k;
	}
	assert_true(lists > n / 2);
	/* A list is moved to the next line only when it must be: here that pads
	 * 2.0 entries a list, starting every list on a line 8.1. */
	assert_true(padding < (size_t)lists * 5);
	size_t bytes = graph_memory_bytes(&g);
	assert_true(bytes >= entries * 4);
	assert_true(bytes < entries * 4 + (size_t)lists * 60 +
	                        (size_t)n * 2 * sizeof(struct graph_member) + 4096);
	graph_release(&g);
}

static void test_bulk_memory(void **state)
{
	(void)state;
	/* 20,000 members in a ring lattice of 40 neighbours each. */
	struct graph g;
	graph_init(&g);
	graph_bulk_begin(&g);
	const uint32_t n = 20000, half = 20;
	for (uint32_t a = 0; a < n; a++) {
		for (uint32_t k = 1; k <= half; k++)
			graph_bulk_edge(&g, (a + k) % n, a);
	}
	graph_bulk_finish(&g);
	assert_int_equal(graph_size(&g), n);
	assert_int_equal(graph_edge_count(&g), (uint64_t)n * half);
	uint32_t k;
	const uint32_t *c = graph_connections(&g, 0, &k);
	assert_int_equal(k, 2 * half);
	for (uint32_t i = 1; i < k; i++)
		assert_true(c[i - 1] < c[i]);
	/* Exact fit: 4 bytes an entry, plus a per-member record (the array of
	 * them grows by doubling, so at most two each) and headers. */
	size_t bytes = graph_memory_bytes(&g);
	assert_true(bytes < (size_t)n * 2 * half * 4 + (size_t)n * 2 * sizeof(struct graph_member));
	assert_true(bytes >= (size_t)n * 2 * half * 4);
	/* Writes after a bulk load work on the exact-fit arrays. */
	assert_int_equal(graph_connect(&g, 0, 5000), E_OK);
	assert_true(graph_disconnect(&g, 0, 1));
	c = graph_connections(&g, 0, &k);
	assert_int_equal(k, 2 * half);
	for (uint32_t i = 1; i < k; i++)
		assert_true(c[i - 1] < c[i]);
	graph_release(&g);
}

/* Tests that change graph_ball_min_degree put it back even when they fail,
 * so that the tests after them see the default. */
static uint32_t ball_min_default;

static int restore_ball_min(void **state)
{
	(void)state;
	graph_ball_min_degree = ball_min_default;
	return 0;
}

int main(void)
{
	ball_min_default = graph_ball_min_degree;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_connect_rules),
	    cmocka_unit_test(test_block_rules),
	    cmocka_unit_test(test_connection_limit),
	    cmocka_unit_test(test_remove_member),
	    cmocka_unit_test(test_queries_known),
	    cmocka_unit_test(test_degree_through_hub),
	    cmocka_unit_test(test_degree_through_galloped_list),
	    cmocka_unit_test_teardown(test_balls, restore_ball_min),
	    cmocka_unit_test(test_bulk_memory),
	    cmocka_unit_test(test_bulk_lists_span_fewest_lines),
	    cmocka_unit_test_teardown(test_property_sparse, restore_ball_min),
	    cmocka_unit_test_teardown(test_property_hubs, restore_ball_min),
	    cmocka_unit_test_teardown(test_property_plain_scan, restore_ball_min),
	    cmocka_unit_test(test_degree_sieve_aliases),
	    cmocka_unit_test(test_degree_to_a_member_with_many_connections),
	    cmocka_unit_test_teardown(test_property_blocks_and_removals, restore_ball_min),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
