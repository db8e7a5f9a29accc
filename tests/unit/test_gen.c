/* test_gen — the synthetic network generator: deterministic for a seed,
 * a clean edge list (no self-loops, no duplicates, sorted), the average
 * degree asked for, a heavy tail, Zipf-like companies, closed triangles, and
 * parameters checked.  Also the PRNG and the names. */
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

static void generate(struct gen_network *net, uint32_t members, double avg, uint64_t seed)
{
	struct gen_params p = {members, avg, seed};
	struct fail f = {0};
	assert_int_equal(gen_run(&p, net, &f), E_OK);
	assert_int_equal(net->members, members);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct gen_network x, y, z;
	generate(&x, 3000, 12, 42);
	generate(&y, 3000, 12, 42);
	generate(&z, 3000, 12, 43);
	assert_int_equal(x.edges, y.edges);
	assert_memory_equal(x.edge, y.edge, x.edges * sizeof *x.edge);
	assert_memory_equal(x.company, y.company, x.members * sizeof *x.company);
	assert_memory_equal(x.city, y.city, x.members * sizeof *x.city);
	/* Another seed, another network. */
	assert_true(x.edges != z.edges || memcmp(x.edge, z.edge, x.edges * sizeof *x.edge) != 0);
	assert_true(memcmp(x.company, z.company, x.members * sizeof *x.company) != 0);
	gen_network_release(&x);
	gen_network_release(&y);
	gen_network_release(&z);
}

/* Checks the edge list and returns the largest degree. */
static uint32_t check_network(const struct gen_network *net, double avg)
{
	uint32_t n = net->members;
	uint32_t *deg = calloc(n, sizeof *deg);
	assert_non_null(deg);
	for (uint64_t i = 0; i < net->edges; i++) {
		const struct gen_edge *e = &net->edge[i];
		assert_true(e->a < e->b); /* no self-loop, normalised */
		assert_true(e->b < n);
		if (i > 0) {
			/* sorted and unique */
			const struct gen_edge *p = &net->edge[i - 1];
			assert_true(p->a < e->a || (p->a == e->a && p->b < e->b));
		}
		deg[e->a]++;
		deg[e->b]++;
	}
	uint32_t max = 0;
	for (uint32_t i = 0; i < n; i++) {
		max = deg[i] > max ? deg[i] : max;
		assert_true(deg[i] <= GRAPH_MAX_CONNECTIONS);
	}
	double got = 2.0 * (double)net->edges / n;
	if (got < 0.9 * avg || got > 1.1 * avg)
		fail_msg("average degree %.2f, asked for %.2f", got, avg);
	for (uint32_t i = 0; i < n; i++) {
		assert_true(net->company[i] < net->companies);
		assert_true(net->city[i] < net->cities);
	}
	free(deg);
	return max;
}

static void test_shape(void **state)
{
	(void)state;
	static const struct {
		uint32_t members;
		double avg;
	} cases[] = {{20000, 20}, {5000, 50}, {200, 8}, {60000, 10}};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct gen_network net;
		generate(&net, cases[c].members, cases[c].avg, 7 + c);
		uint32_t max = check_network(&net, cases[c].avg);
		/* Heavy tail: the best-connected member has many times the average. */
		if (max < 5 * cases[c].avg)
			fail_msg("max degree %u for average %.0f: no heavy tail", max,
			         cases[c].avg);
		gen_network_release(&net);
	}
}

static void test_companies_and_triangles(void **state)
{
	(void)state;
	struct gen_network net;
	generate(&net, 40000, 20, 11);
	uint32_t n = net.members;
	/* Zipf-like companies: the largest is far above the typical one. */
	uint32_t *size = calloc(net.companies, sizeof *size);
	assert_non_null(size);
	for (uint32_t i = 0; i < n; i++)
		size[net.company[i]]++;
	uint32_t biggest = 0, empty = 0;
	for (uint32_t c = 0; c < net.companies; c++) {
		biggest = size[c] > biggest ? size[c] : biggest;
		empty += size[c] == 0;
	}
	assert_true(biggest > 20 * (n / net.companies));
	assert_true(empty < net.companies);
	/* Most members live in their company's home city. */
	uint32_t home = 0;
	for (uint32_t i = 0; i < n; i++)
		home += net.city[i] == net.company_city[net.company[i]];
	assert_true(home > n / 2);

	/* Colleagues and triangles: load into a graph and look. */
	struct graph g;
	graph_init(&g);
	graph_bulk_begin(&g);
	uint64_t colleagues = 0;
	for (uint64_t i = 0; i < net.edges; i++) {
		graph_bulk_edge(&g, net.edge[i].a, net.edge[i].b);
		colleagues += net.company[net.edge[i].a] == net.company[net.edge[i].b];
	}
	graph_bulk_finish(&g);
	assert_int_equal(graph_edge_count(&g), net.edges);
	/* Random pairs would share a company well under 1% of the time. */
	assert_true(colleagues * 5 > net.edges);
	/* Clustering: of random wedges x-v-y, far more are closed than the
	 * average degree over n (about 0.0005) would give. */
	struct gen_rng r;
	gen_rng_seed(&r, 5);
	uint32_t wedges = 0, closed = 0;
	while (wedges < 20000) {
		uint32_t v = gen_rng_below(&r, n), k;
		const uint32_t *c = graph_connections(&g, v, &k);
		if (k < 2)
			continue;
		uint32_t x = c[gen_rng_below(&r, k)], y = c[gen_rng_below(&r, k)];
		if (x == y)
			continue;
		wedges++;
		closed += graph_connected(&g, x, y);
	}
	if (closed * 50 < wedges)
		fail_msg("clustering %.4f: no triangle closure", (double)closed / wedges);
	graph_release(&g);
	free(size);
	gen_network_release(&net);
}

static void test_bad_params(void **state)
{
	(void)state;
	struct gen_network net;
	struct fail f = {0};
	struct gen_params p = {1, 10, 1};
	assert_int_equal(gen_run(&p, &net, &f), E_BAD_FIELD);
	assert_string_equal(f.field, "members");
	assert_null(net.edge);
	p = (struct gen_params){100, 0, 1};
	assert_int_equal(gen_run(&p, &net, &f), E_BAD_FIELD);
	assert_string_equal(f.field, "avg_degree");
	p = (struct gen_params){100, 100, 1};
	assert_int_equal(gen_run(&p, &net, &f), E_BAD_FIELD);
	p = (struct gen_params){GEN_MAX_MEMBERS + 1, 10, 1};
	assert_int_equal(gen_run(&p, &net, &f), E_BAD_FIELD);
	/* The smallest network there is. */
	p = (struct gen_params){2, 1, 1};
	assert_int_equal(gen_run(&p, &net, &f), E_OK);
	assert_int_equal(net.edges, 1);
	assert_int_equal(net.edge[0].a, 0);
	assert_int_equal(net.edge[0].b, 1);
	gen_network_release(&net);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void test_names(void **state)
{
	(void)state;
	enum { N = 20000 };
	char **names = calloc(2 * N, sizeof *names);
	assert_non_null(names);
	struct buf b;
	buf_init(&b, 0);
	for (uint32_t i = 0; i < N; i++) {
		buf_reset(&b);
		gen_company_name(i, &b);
		assert_true(b.n > 4);
		assert_true(b.p[0] >= 'A' && b.p[0] <= 'Z');
		names[i] = strdup(b.p);
		buf_reset(&b);
		gen_city_name(i, &b);
		assert_true(b.n >= 4);
		names[N + i] = strdup(b.p);
	}
	/* Unique within each kind. */
	qsort(names, N, sizeof *names, cmp_str);
	qsort(names + N, N, sizeof *names, cmp_str);
	for (uint32_t i = 1; i < N; i++) {
		assert_true(strcmp(names[i - 1], names[i]) != 0);
		assert_true(strcmp(names[N + i - 1], names[N + i]) != 0);
	}
	/* Stable across calls. */
	buf_reset(&b);
	gen_city_name(1234, &b);
	char *again = strdup(b.p);
	buf_reset(&b);
	gen_city_name(1234, &b);
	assert_string_equal(again, b.p);
	free(again);
	for (uint32_t i = 0; i < 2 * N; i++)
		free(names[i]);
	free(names);
	buf_release(&b);
}

static void test_rng(void **state)
{
	(void)state;
	struct gen_rng r, s;
	gen_rng_seed(&r, 99);
	gen_rng_seed(&s, 99);
	for (int i = 0; i < 100; i++)
		assert_int_equal(gen_rng_next(&r), gen_rng_next(&s));
	uint32_t count[10] = {0};
	for (int i = 0; i < 100000; i++) {
		uint32_t x = gen_rng_below(&r, 10);
		assert_true(x < 10);
		count[x]++;
		double u = gen_rng_unit(&r);
		assert_true(u >= 0 && u < 1);
	}
	for (int k = 0; k < 10; k++)
		assert_true(count[k] > 9500 && count[k] < 10500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rng),        cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_shape),      cmocka_unit_test(test_companies_and_triangles),
	    cmocka_unit_test(test_bad_params), cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
