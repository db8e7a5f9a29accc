/* graph_bench — standalone benchmark of the network index (not a test).
 * Generates a network with gen_run, bulk-loads it into a struct graph and
 * times the queries on random pairs, printing one table:
 *
 *   graph_bench [--members N] [--avg-degree D] [--seed S] [--pairs P]
 *
 * Defaults: 1,000,000 members, average degree 150, seed 1, 10,000 pairs for
 * degree and mutual count (network size and paths run on fewer, being whole
 * BFS levels).  Pairs come in two kinds: random members (mostly 3rd degree or
 * out of network) and friend-of-friend pairs (the 2nd-degree case that search
 * results and feeds show most). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/mem.h"
#include "bench_util.h"
#include "graph/gen.h"
#include "graph/graph.h"

struct sample {
	uint64_t *ns;
	size_t n;
};

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

static void row(const char *name, struct sample *s)
{
	qsort(s->ns, s->n, sizeof *s->ns, cmp_u64);
	double p50 = s->ns[s->n / 2] / 1e3, p99 = s->ns[(s->n * 99) / 100] / 1e3;
	double max = s->ns[s->n - 1] / 1e3, sum = 0;
	for (size_t i = 0; i < s->n; i++)
		sum += s->ns[i];
	printf("%-32s %7zu %10.1f %10.1f %10.1f %10.1f\n", name, s->n, sum / s->n / 1e3, p50, p99,
	       max);
}

/* CPU seconds of this process: on a shared machine, wall time alone says
 * more about the neighbours than about the code. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A random member with at least one connection. */
static uint32_t anyone(const struct graph *g, struct gen_rng *r)
{
	uint32_t a, n;
	do {
		a = gen_rng_below(r, graph_size(g));
		graph_connections(g, a, &n);
	} while (n == 0);
	return a;
}

/* A friend of a friend of a (or a random member when a has none). */
static uint32_t fof(const struct graph *g, struct gen_rng *r, uint32_t a)
{
	uint32_t n, m;
	const uint32_t *na = graph_connections(g, a, &n);
	uint32_t x = na[gen_rng_below(r, n)];
	const uint32_t *nx = graph_connections(g, x, &m);
	uint32_t b = nx[gen_rng_below(r, m)];
	return b == a ? anyone(g, r) : b;
}

int main(int argc, char **argv)
{
	uint64_t members = 1000000, avg = 150, seed = 1, pairs = 10000;
	for (int i = 1; i < argc; i++) {
		uint64_t *to = NULL;
		if (strcmp(argv[i], "--members") == 0)
			to = &members;
		else if (strcmp(argv[i], "--avg-degree") == 0)
			to = &avg;
		else if (strcmp(argv[i], "--seed") == 0)
			to = &seed;
		else if (strcmp(argv[i], "--pairs") == 0)
			to = &pairs;
		if (!to || i + 1 >= argc || !parse_u64(argv[i + 1], to)) {
			fprintf(stderr, "usage: graph_bench [--members N] [--avg-degree D] "
			                "[--seed S] [--pairs P]\n");
			return 2;
		}
		i++;
	}
	if (pairs < 100)
		pairs = 100;

	printf("graph benchmark: %llu members, average degree %llu, seed %llu; degree scan: %s\n\n",
	       (unsigned long long)members, (unsigned long long)avg, (unsigned long long)seed,
	       graph_scan_kind());
	long long rss0 = rss_now();
	uint64_t t0 = clock_mono_ns();
	double c0 = cpu_now();
	struct gen_network net;
	struct fail fail;
	struct gen_params gp = {(uint32_t)members, (double)avg, seed};
	if (gen_run(&gp, &net, &fail) != E_OK) {
		fprintf(stderr, "graph_bench: %s: %s\n", fail.field, fail.detail);
		return 2;
	}
	double t_gen = secs(t0), c_gen = cpu_now() - c0;

	long long rss1 = rss_now();
	struct graph g;
	graph_init(&g);
	t0 = clock_mono_ns();
	c0 = cpu_now();
	graph_bulk_begin(&g);
	graph_ensure(&g, net.members);
	for (uint64_t i = 0; i < net.edges; i++)
		graph_bulk_edge(&g, net.edge[i].a, net.edge[i].b);
	double t_stage = secs(t0);
	graph_bulk_finish(&g);
	double t_load = secs(t0), c_load = cpu_now() - c0;
	gen_network_release(&net);
	long long rss2 = rss_now();

	uint32_t n = graph_size(&g), maxdeg = 0, isolated = 0;
	uint64_t over1k = 0;
	for (uint32_t a = 0; a < n; a++) {
		uint32_t d;
		graph_connections(&g, a, &d);
		maxdeg = d > maxdeg ? d : maxdeg;
		over1k += d >= 1000;
		isolated += d == 0;
	}
	uint64_t directed = 2 * graph_edge_count(&g);
	size_t mem = graph_memory_bytes(&g);
	printf("generate       %8.2f s   (CPU %.2f s) %llu edges, average degree %.1f, max %u, "
	       "%llu members >= 1000, %u isolated\n",
	       t_gen, c_gen, (unsigned long long)graph_edge_count(&g), (double)directed / n, maxdeg,
	       (unsigned long long)over1k, isolated);
	printf("bulk load      %8.2f s   (CPU %.2f s; staging %.2f s, build %.2f s)\n", t_load,
	       c_load, t_stage, t_load - t_stage);
	printf("memory         %8.1f MB  %.1f B/member, %.2f B/directed edge "
	       "(RSS now %.1f MB, before load %.1f MB, at start %.1f MB)\n\n",
	       mem / 1048576.0, (double)mem / n, (double)mem / directed, rss2 / 1048576.0,
	       rss1 / 1048576.0, rss0 / 1048576.0);

	struct graph_scratch s;
	graph_scratch_init(&s);
	struct gen_rng r;
	gen_rng_seed(&r, seed ^ 0x5eedbe7c4u);
	size_t np = pairs, nsz = pairs / 50, npath = pairs / 10;
	uint32_t *pa = xmalloc(np * sizeof *pa), *pb = xmalloc(np * sizeof *pb);
	uint32_t *fa = xmalloc(np * sizeof *fa), *fb = xmalloc(np * sizeof *fb);
	for (size_t i = 0; i < np; i++) {
		pa[i] = anyone(&g, &r);
		pb[i] = anyone(&g, &r);
		fa[i] = anyone(&g, &r);
		fb[i] = fof(&g, &r, fa[i]);
	}
	struct sample sm = {xmalloc(np * sizeof *sm.ns), 0};
	uint64_t hist[5] = {0}, mutual_sum = 0, sink = 0;

	printf("%-32s %7s %10s %10s %10s %10s\n", "query (µs)", "pairs", "mean", "p50", "p99",
	       "max");
	for (int kind = 0; kind < 2; kind++) {
		const uint32_t *xa = kind ? fa : pa, *xb = kind ? fb : pb;
		sm.n = 0;
		for (size_t i = 0; i < np; i++) {
			uint64_t q = clock_mono_ns();
			int d = graph_degree(&g, &s, xa[i], xb[i]);
			sm.ns[sm.n++] = clock_mono_ns() - q;
			if (!kind)
				hist[d]++;
		}
		row(kind ? "degree (friend-of-friend)" : "degree (random pairs)", &sm);
		if (!kind) {
			/* The same pairs again, split by their answer. */
			struct sample by[5] = {{0}};
			for (int d = 0; d < 5; d++) /* 0: a pair of one member twice */
				by[d].ns = xmalloc(np * sizeof *by[d].ns);
			for (size_t i = 0; i < np; i++) {
				uint64_t q = clock_mono_ns();
				int d = graph_degree(&g, &s, xa[i], xb[i]);
				by[d].ns[by[d].n++] = clock_mono_ns() - q;
			}
			static const char *const what[] = {"  of which the same member",
			                                   "  of which 1st", "  of which 2nd",
			                                   "  of which 3rd", "  of which out"};
			for (int d = 0; d < 5; d++) {
				if (by[d].n)
					row(what[d], &by[d]);
				free(by[d].ns);
			}
		}
		sm.n = 0;
		for (size_t i = 0; i < np; i++) {
			uint64_t q = clock_mono_ns();
			uint32_t c = graph_mutual_count(&g, xa[i], xb[i]);
			sm.ns[sm.n++] = clock_mono_ns() - q;
			mutual_sum += kind ? c : 0;
		}
		row(kind ? "mutual count (friend-of-friend)" : "mutual count (random pairs)", &sm);
	}
	/* One viewer, many members (a page of search hits, a feed): the
	 * scratch caches the viewer's 1st + 2nd degree after the first query. */
	sm.n = 0;
	for (size_t i = 0; i < np / 100; i++) {
		for (size_t j = 0; j < 100; j++) {
			uint64_t q = clock_mono_ns();
			sink += (uint64_t)graph_degree(&g, &s, pa[i], pb[(i * 100 + j) % np]);
			sm.ns[sm.n++] = clock_mono_ns() - q;
		}
	}
	row("degree (1 viewer, 100 members)", &sm);
	sm.n = 0;
	uint64_t sz[3] = {0};
	for (size_t i = 0; i < nsz; i++) {
		uint64_t n1, n2, n3;
		uint64_t q = clock_mono_ns();
		graph_network_size(&g, &s, pa[i], &n1, &n2, &n3);
		sm.ns[sm.n++] = clock_mono_ns() - q;
		sz[0] += n1;
		sz[1] += n2;
		sz[2] += n3;
	}
	row("network size (1st/2nd/3rd)", &sm);
	uint64_t hops[8] = {0};
	for (int bounded = 1; bounded >= 0; bounded--) {
		sm.n = 0;
		uint32_t path[64];
		for (size_t i = 0; i < npath; i++) {
			uint64_t q = clock_mono_ns();
			int h = graph_path(&g, &s, pa[i], pb[i], bounded ? 3 : 0, path, 64);
			sm.ns[sm.n++] = clock_mono_ns() - q;
			if (!bounded)
				hops[h < 0 ? 0 : h < 7 ? h : 7]++;
			sink += h >= 0 ? path[0] : 0;
		}
		row(bounded ? "path, at most 3 hops" : "path, unbounded", &sm);
	}
	printf("\nrandom pairs by degree: 1st %llu, 2nd %llu, 3rd %llu, out %llu\n",
	       (unsigned long long)hist[1], (unsigned long long)hist[2],
	       (unsigned long long)hist[3], (unsigned long long)hist[4]);
	printf("friend-of-friend pairs: %.1f mutual connections on average\n",
	       (double)mutual_sum / np);
	printf("network size on average: %.0f 1st, %.0f 2nd, %.0f 3rd degree\n",
	       (double)sz[0] / nsz, (double)sz[1] / nsz, (double)sz[2] / nsz);
	printf("unbounded path lengths:");
	for (int h = 1; h < 8; h++) {
		if (hops[h])
			printf(" %d hops: %llu,", h, (unsigned long long)hops[h]);
	}
	printf(" none: %llu\n", (unsigned long long)hops[0]);

	free(sm.ns);
	free(pa);
	free(pb);
	free(fa);
	free(fb);
	graph_scratch_release(&s);
	graph_release(&g);
	return sink == 42 ? 1 : 0;
}
