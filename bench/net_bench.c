/* net_bench — `make bench`, the network part (issue 3): the in-memory network
 * index against SQLite and PostgreSQL answering the same questions with
 * recursive SQL.  Driven by scripts/bench.sh on a store made by `ties gen`.
 *
 *   net_bench --db STORE [--pg CONNINFO] [--pairs N] [--peer-pairs N]
 *             [--limit-ms MS] [--deep-pairs N] [--deep-limit-ms MS] [--seed S]
 *             [--goals FILE]
 *
 * ties: the index is loaded from the store with ties_load_graph (timed;
 * memory from graph_memory_bytes and from the process RSS), then each
 * question is asked for N random pairs of members (default 10,000), each
 * call timed alone after a short warm-up: graph_degree, graph_mutual_count,
 * graph_network_size (of the pair's first member) and graph_path limited to
 * 3 hops (what the product shows members: "how you're connected").
 *
 * Peers: the first --peer-pairs of the same pairs (default 100), one query
 * each under a time limit (--limit-ms, default 1 s); network size, which
 * needs the whole third hop (about everyone in a network of this shape), on
 * the first --deep-pairs (default 10) under --deep-limit-ms (default 20 s),
 * so that it is measured rather than cut off.  SQLite on the same store file
 * (read-only, 1 GiB page cache; the limit by a progress handler), and
 * PostgreSQL loaded with the same members and connections (scripts/bench.sh;
 * the limit by statement_timeout).  Both run the same SQL shape, recursive
 * CTEs with UNION (see "the SQL" below).  A query that hits the limit counts
 * as the limit and is marked ">".  Every peer answer that arrives is
 * compared with ties' answer.
 *
 * Goal lines are appended to --goals (the script prints them at the end). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "graph/gen.h"
#include "graph/graph.h"
#include "social/ties.h"
#include "store/store.h"

enum q { Q_DEG, Q_MUT, Q_SIZE, Q_PATH, Q__N };
static const char *const q_name[Q__N] = {"degree", "mutual count",
                                         "network size (1st/2nd/3rd counts)",
                                         "path (shortest, at most 3 hops)"};
static const char *const q_id[Q__N] = {"deg", "mut", "size", "path"};

/* One pair and ties' answers to it. */
struct pair {
	uint32_t a, b;
	int deg;
	uint32_t mut;
	uint64_t n1, n2, n3;
	int hops;
};

/* A peer's answer (what the SQL returns). */
struct answer {
	bool row;
	int64_t v[3];
};

/* ---- the SQL -------------------------------------------------------------- */
/* Connections are stored once per pair (a < b) with indexes on (a, b) and
 * (b, a), in both peers as in the store.  SQLite walks both directions with
 * two recursive SELECTs; PostgreSQL allows one recursive term, so it joins a
 * UNION ALL of the two directions (planned as two index scans per step).
 *
 * Degree and path meet in the middle, as a user who knows the cost of a
 * third hop would write them: the members within 2 hops of a (a recursive
 * CTE; UNION drops repeated (member, hops) rows) joined with b and b's
 * connections; the path CTE carries the path (UNION ALL).  Network size
 * needs the whole third hop: reach(m, d) to 3 hops, then each member's
 * least d.  Mutual count is an intersection of two connection lists. */

#define SQ_STEP(cte, lim)                                                                          \
	" UNION SELECT c.b, r.d + 1 FROM " cte                                                     \
	" r JOIN connections c ON c.a = r.m WHERE r.d < " lim                                      \
	" UNION SELECT c.a, r.d + 1 FROM " cte                                                     \
	" r JOIN connections c ON c.b = r.m WHERE r.d < " lim
#define PG_ADJ "(SELECT a AS x, b AS y FROM connections UNION ALL SELECT b, a FROM connections)"
#define PG_STEP(cte, lim)                                                                          \
	" UNION SELECT c.y, r.d + 1 FROM " cte " r JOIN " PG_ADJ " c ON c.x = r.m WHERE r.d "      \
	"< " lim

static const char *const sq_sql[Q__N] = {
    "WITH RECURSIVE ra(m, d) AS (SELECT ?1, 0" SQ_STEP(
        "ra", "2") "),"
                   " rb(m, d) AS (SELECT ?2, 0 UNION SELECT b, 1 FROM connections WHERE a = ?2"
                   "  UNION SELECT a, 1 FROM connections WHERE b = ?2)"
                   " SELECT min(ra.d + rb.d) FROM ra JOIN rb ON ra.m = rb.m",
    "SELECT count(*) FROM (SELECT b AS x FROM connections WHERE a = ?1"
    " UNION ALL SELECT a FROM connections WHERE b = ?1) p"
    " WHERE p.x IN (SELECT b FROM connections WHERE a = ?2"
    " UNION ALL SELECT a FROM connections WHERE b = ?2)",
    "WITH RECURSIVE reach(m, d) AS (SELECT ?1, 0" SQ_STEP(
        "reach", "3") "),"
                      " best(m, d) AS (SELECT m, min(d) FROM reach GROUP BY m)"
                      " SELECT count(*) FILTER (WHERE d = 1), count(*) FILTER (WHERE d = 2),"
                      " count(*) FILTER (WHERE d = 3) FROM best",
    "WITH RECURSIVE pa(m, d, path) AS (SELECT ?1, 0, CAST(?1 AS TEXT)"
    " UNION ALL SELECT c.b, p.d + 1, p.path || ',' || c.b FROM pa p JOIN connections c"
    "  ON c.a = p.m WHERE p.d < 2"
    " UNION ALL SELECT c.a, p.d + 1, p.path || ',' || c.a FROM pa p JOIN connections c"
    "  ON c.b = p.m WHERE p.d < 2),"
    " rb(m, d) AS (SELECT ?2, 0 UNION ALL SELECT b, 1 FROM connections WHERE a = ?2"
    "  UNION ALL SELECT a, 1 FROM connections WHERE b = ?2)"
    " SELECT pa.d + rb.d AS hops, pa.path || CASE WHEN rb.d = 1 THEN ',' || ?2 ELSE '' END"
    " FROM pa JOIN rb ON pa.m = rb.m ORDER BY hops LIMIT 1",
};

static const char *const pg_sql[Q__N] = {
    "WITH RECURSIVE ra(m, d) AS (SELECT $1::int, 0" PG_STEP(
        "ra",
        "2") "),"
             " rb(m, d) AS (SELECT $2::int, 0 UNION SELECT b, 1 FROM connections WHERE a = $2::int"
             "  UNION SELECT a, 1 FROM connections WHERE b = $2::int)"
             " SELECT min(ra.d + rb.d) FROM ra JOIN rb ON ra.m = rb.m",
    "SELECT count(*) FROM (SELECT b AS x FROM connections WHERE a = $1::int"
    " UNION ALL SELECT a FROM connections WHERE b = $1::int) p"
    " WHERE p.x IN (SELECT b FROM connections WHERE a = $2::int"
    " UNION ALL SELECT a FROM connections WHERE b = $2::int)",
    "WITH RECURSIVE reach(m, d) AS (SELECT $1::int, 0" PG_STEP(
        "reach", "3") "),"
                      " best AS (SELECT m, min(d) AS d FROM reach GROUP BY m)"
                      " SELECT count(*) FILTER (WHERE d = 1), count(*) FILTER (WHERE d = 2),"
                      " count(*) FILTER (WHERE d = 3) FROM best WHERE $2::int IS NOT NULL",
    "WITH RECURSIVE pa(m, d, path) AS (SELECT $1::int, 0, ARRAY[$1::int]"
    " UNION ALL SELECT c.y, p.d + 1, p.path || c.y FROM pa p JOIN " PG_ADJ " c"
    "  ON c.x = p.m WHERE p.d < 2),"
    " rb(m, d) AS (SELECT $2::int, 0 UNION ALL SELECT b, 1 FROM connections WHERE a = $2::int"
    "  UNION ALL SELECT a, 1 FROM connections WHERE b = $2::int)"
    " SELECT pa.d + rb.d AS hops, CASE WHEN rb.d = 1 THEN pa.path || $2::int ELSE pa.path END"
    " FROM pa JOIN rb ON pa.m = rb.m ORDER BY hops LIMIT 1",
};

/* Is the peer's answer ties' answer? */
static bool same(enum q q, const struct pair *p, const struct answer *a)
{
	switch (q) {
	case Q_DEG:
		return (a->row ? (int)a->v[0] : GRAPH_OUT) == p->deg;
	case Q_MUT:
		return a->row && (uint64_t)a->v[0] == p->mut;
	case Q_SIZE:
		return a->row && (uint64_t)a->v[0] == p->n1 && (uint64_t)a->v[1] == p->n2 &&
		       (uint64_t)a->v[2] == p->n3;
	default:
		return (a->row ? (int)a->v[0] : -1) == p->hops;
	}
}

static void sq_row(sqlite3_stmt *st, void *arg)
{
	struct answer *a = arg;
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		return; /* min() over nothing */
	a->row = true;
	int n = sqlite3_column_count(st);
	for (int i = 0; i < 3 && i < n; i++)
		a->v[i] = sqlite3_column_int64(st, i);
}

/* ---- one peer ------------------------------------------------------------- */

/* What each question asks of a peer: how many pairs (the first ones of the
 * list) and the time limit of one query. */
struct plan {
	size_t n[Q__N];
	long limit_ms[Q__N];
	const struct pair *pairs, *warm; /* warm: NWARM pairs for the warm-up */
};
#define NWARM 2

struct peer_res {
	struct lat l[Q__N];
	size_t equal[Q__N], answered[Q__N];
	bool ran;
};

/* The i-th pair a peer is asked for question q: the warm-up ones first. */
static const struct pair *nth(const struct plan *pl, size_t i)
{
	return i < NWARM ? &pl->warm[i] : &pl->pairs[i - NWARM];
}

static void run_sqlite(const char *db, const struct plan *pl, struct peer_res *out)
{
	struct sq_deadline dl = {0};
	sqlite3 *h = sq_open(db, &dl);
	if (!h)
		return;
	out->ran = true;
	for (int q = 0; q < Q__N; q++) {
		if (!pl->n[q])
			continue;
		sqlite3_stmt *st = sq_prepare(h, sq_sql[q]);
		if (!st)
			continue;
		uint64_t limit_ns = (uint64_t)pl->limit_ms[q] * 1000000u;
		progress("SQLite: %s, %zu pairs, limit %ld ms", q_name[q], pl->n[q],
		         pl->limit_ms[q]);
		for (size_t i = 0; i < pl->n[q] + NWARM; i++) {
			const struct pair *p = nth(pl, i);
			struct answer a = {0};
			uint64_t ns;
			sqlite3_bind_int64(st, 1, p->a);
			sqlite3_bind_int64(st, 2, p->b);
			enum peer_rc rc = sq_run(h, st, &dl, limit_ns, sq_row, &a, &ns);
			if (i < NWARM)
				continue;
			peer_record(&out->l[q], rc, ns, limit_ns);
			if (rc == PEER_OK) {
				out->answered[q]++;
				out->equal[q] += same((enum q)q, p, &a);
			}
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
}

static void run_pg(const char *conninfo, const struct plan *pl, struct peer_res *out)
{
	PGconn *c = pg_open(conninfo, pl->limit_ms[0]);
	if (!c)
		return;
	out->ran = true;
	for (int q = 0; q < Q__N; q++) {
		if (!pl->n[q] || !pg_prepare(c, q_id[q], pg_sql[q], 2))
			continue;
		pg_set_timeout(c, pl->limit_ms[q]);
		uint64_t limit_ns = (uint64_t)pl->limit_ms[q] * 1000000u;
		progress("PostgreSQL: %s, %zu pairs, limit %ld ms", q_name[q], pl->n[q],
		         pl->limit_ms[q]);
		for (size_t i = 0; i < pl->n[q] + NWARM; i++) {
			const struct pair *p = nth(pl, i);
			char a1[16], a2[16];
			snprintf(a1, sizeof a1, "%u", p->a);
			snprintf(a2, sizeof a2, "%u", p->b);
			const char *vals[2] = {a1, a2};
			PGresult *r;
			uint64_t ns;
			enum peer_rc rc = pg_run(c, q_id[q], 2, vals, &r, &ns);
			if (i < NWARM) {
				PQclear(r);
				continue;
			}
			peer_record(&out->l[q], rc, ns, limit_ns);
			if (rc == PEER_OK) {
				struct answer a = {0};
				if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) {
					a.row = true;
					for (int k = 0; k < 3 && k < PQnfields(r); k++)
						a.v[k] = strtoll(PQgetvalue(r, 0, k), NULL, 10);
				}
				out->answered[q]++;
				out->equal[q] += same((enum q)q, p, &a);
			}
			PQclear(r);
		}
	}
	PQfinish(c);
}

/* ---- ties ------------------------------------------------------------------ */

static void ask_ties(enum q q, const struct graph *g, struct graph_scratch *s, struct pair *p)
{
	uint32_t path[4];
	switch (q) {
	case Q_DEG:
		p->deg = graph_degree(g, s, p->a, p->b);
		break;
	case Q_MUT:
		p->mut = graph_mutual_count(g, p->a, p->b);
		break;
	case Q_SIZE:
		graph_network_size(g, s, p->a, &p->n1, &p->n2, &p->n3);
		break;
	default:
		p->hops = graph_path(g, s, p->a, p->b, 3, path, 4);
		break;
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"pg", required_argument, NULL, 'p'},
	    {"pairs", required_argument, NULL, 'n'},
	    {"peer-pairs", required_argument, NULL, 'k'},
	    {"limit-ms", required_argument, NULL, 'l'},
	    {"seed", required_argument, NULL, 's'},
	    {"goals", required_argument, NULL, 'g'},
	    {"deep-pairs", required_argument, NULL, 'K'},
	    {"deep-limit-ms", required_argument, NULL, 'L'},
	    {NULL, 0, NULL, 0},
	};
	struct bench_opts o = {.npeer = 100, .limit_ms = 1000, .seed = 42};
	long npairs = 10000, ndeep = 10, deep_limit_ms = 20000;
	bool bad = false;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (bench_opt(c, optarg, &o, &bad))
			continue;
		switch (c) {
		case 'n':
			bad |= (npairs = parse_long(optarg, 1, 10000000)) < 1;
			break;
		case 'K':
			bad |= (ndeep = parse_long(optarg, 0, 1000000)) < 0;
			break;
		case 'L':
			bad |= (deep_limit_ms = parse_long(optarg, 1, 3600000)) < 1;
			break;
		default:
			bad = true;
		}
	}
	const char *db = o.db, *pg = o.pg, *goals_path = o.goals_path;
	long npeer = o.npeer, limit_ms = o.limit_ms, seed = o.seed;
	if (!db || bad || optind < argc) {
		fputs("usage: net_bench --db STORE [--pg CONNINFO] [--pairs N] [--peer-pairs N] "
		      "[--limit-ms MS] [--deep-pairs N] [--deep-limit-ms MS] [--seed S] "
		      "[--goals FILE]\n",
		      stderr);
		return 2;
	}
	if (npeer > npairs)
		npeer = npairs;
	if (ndeep > npairs)
		ndeep = npairs;
	FILE *goals = goals_path ? fopen(goals_path, "a") : NULL;

	/* ---- ties: load ---- */
	struct fail f = {0};
	struct store *s;
	if (store_open(&s, db, &f)) {
		fprintf(stderr, "net_bench: %s\n", f.detail);
		return 1;
	}
	progress("ties: loading the network index from %s", db);
	long long rss0 = rss_now();
	hwm_reset();
	long long hwm0 = proc_status_bytes("VmHWM");
	struct graph g;
	graph_init(&g);
	uint64_t t0 = clock_mono_ns();
	enum err e = ties_load_graph(s, &g, &f);
	double load_s = (double)(clock_mono_ns() - t0) / 1e9;
	long long hwm1 = proc_status_bytes("VmHWM");
	store_close(s);
	if (e) {
		fprintf(stderr, "net_bench: %s\n", f.detail);
		return 1;
	}
	long long rss1 = rss_now();
	uint32_t nmem = graph_size(&g) - 1; /* member ids are 1..n; number 0 is unused */
	uint64_t edges = graph_edge_count(&g);
	double gbytes = (double)graph_memory_bytes(&g);
	progress("ties: %u members, %llu connections, loaded in %.2f s", nmem,
	         (unsigned long long)edges, load_s);

	/* ---- pairs ---- */
	struct gen_rng rng;
	gen_rng_seed(&rng, (uint64_t)seed);
	size_t ntot = (size_t)npairs + NWARM; /* the last NWARM: the peers' warm-up */
	struct pair *pairs = xcalloc(ntot, sizeof *pairs);
	for (size_t i = 0; i < ntot; i++) {
		pairs[i].a = 1 + gen_rng_below(&rng, nmem);
		do
			pairs[i].b = 1 + gen_rng_below(&rng, nmem);
		while (pairs[i].b == pairs[i].a);
	}

	/* ---- ties: questions ---- */
	struct graph_scratch sc;
	graph_scratch_init(&sc);
	struct lat tl[Q__N] = {0};
	for (int q = 0; q < Q__N; q++) {
		progress("ties: %s, %ld pairs", q_name[q], npairs);
		for (size_t i = 0; i < 200 && i < ntot; i++) /* warm-up */
			ask_ties((enum q)q, &g, &sc, &pairs[ntot - 1 - i]);
		for (size_t i = 0; i < ntot; i++) {
			uint64_t a = clock_mono_ns();
			ask_ties((enum q)q, &g, &sc, &pairs[i]);
			uint64_t ns = clock_mono_ns() - a;
			if (i < (size_t)npairs)
				lat_add(&tl[q], ns, false);
		}
	}
	size_t dist[5] = {0};
	for (size_t i = 0; i < (size_t)npairs; i++)
		dist[pairs[i].deg >= 0 && pairs[i].deg <= 4 ? pairs[i].deg : 4]++;

	/* ---- peers ---- */
	/* network size needs the whole third hop: fewer pairs, a longer limit */
	struct plan pl = {.pairs = pairs, .warm = &pairs[npairs]};
	for (int q = 0; q < Q__N; q++) {
		bool deep = q == Q_SIZE;
		pl.n[q] = (size_t)(deep ? ndeep : npeer);
		pl.limit_ms[q] = deep ? deep_limit_ms : limit_ms;
	}
	struct peer_res sq = {0}, pq = {0};
	run_sqlite(db, &pl, &sq);
	if (pg)
		run_pg(pg, &pl, &pq);

	/* ---- report ---- */
	char b1[64], b2[64], b3[64];
	printf("\n## Network (issue 3)\n\n");
	printf("%s members, ", fmt_group(nmem, b1, sizeof b1));
	printf("%s connections (average degree %.1f), from the store %s\n\n",
	       fmt_group((double)edges, b2, sizeof b2), nmem ? 2.0 * (double)edges / nmem : 0, db);
	printf("- index load (ties_load_graph, store to memory): %.1f s\n", load_s);
	printf("- index memory (graph_memory_bytes): %s = %.1f bytes per member = %.2f bytes per "
	       "directed edge (the whole index divided by each)\n",
	       fmt_bytes(gbytes, b1, sizeof b1), gbytes / nmem, gbytes / (2.0 * (double)edges));
	printf("- degree scan on this CPU: %s\n", graph_scan_kind());
	printf("- process RSS: +%s after the load, peak +%s during it\n",
	       fmt_bytes((double)(rss1 - rss0), b1, sizeof b1),
	       fmt_bytes((double)(hwm1 - (hwm0 > 0 ? hwm0 : rss0)), b2, sizeof b2));
	printf("- %ld random pairs of members for ties (each call timed alone); for each peer the "
	       "first %ld of them, one query each with a limit of %ld ms, and for network size "
	       "(the whole third hop) the first %ld with a limit of %ld ms (a query that hits the "
	       "limit counts as the limit, marked \">\")\n",
	       npairs, npeer, limit_ms, ndeep, deep_limit_ms);
	printf("- the pairs are 1st degree %.1f%%, 2nd %.1f%%, 3rd %.1f%%, further %.1f%%\n\n",
	       100.0 * (double)dist[1] / npairs, 100.0 * (double)dist[2] / npairs,
	       100.0 * (double)dist[3] / npairs, 100.0 * (double)dist[4] / npairs);

	static const char *const head[] = {"question",         "ties p50",       "ties p99",
	                                   "SQLite p50",       "SQLite p99",     "SQLite t/o",
	                                   "PostgreSQL p50",   "PostgreSQL p99", "PostgreSQL t/o",
	                                   "× SQLite p50",     "× SQLite p99",   "× PostgreSQL p50",
	                                   "× PostgreSQL p99", "same answers"};
	struct table t;
	table_head(&t, 14, head);
	struct pct tp50[Q__N], tp99[Q__N];
	struct pct sp[Q__N][2], pp[Q__N][2];
	for (int q = 0; q < Q__N; q++) {
		int r = table_row(&t);
		tp50[q] = lat_pct(&tl[q], 0.50);
		tp99[q] = lat_pct(&tl[q], 0.99);
		table_set(&t, r, 0, q_name[q]);
		table_set(&t, r, 1, fmt_pct(tp50[q], b1, sizeof b1));
		table_set(&t, r, 2, fmt_pct(tp99[q], b1, sizeof b1));
		table_set_peers(&t, r, 3, &sq.l[q], sq.ran, &pq.l[q], pq.ran, sp[q], pp[q]);
		table_set(&t, r, 9, fmt_ratio(sp[q][0], tp50[q], b1, sizeof b1));
		table_set(&t, r, 10, fmt_ratio(sp[q][1], tp99[q], b1, sizeof b1));
		table_set(&t, r, 11, fmt_ratio(pp[q][0], tp50[q], b1, sizeof b1));
		table_set(&t, r, 12, fmt_ratio(pp[q][1], tp99[q], b1, sizeof b1));
		snprintf(b3, sizeof b3, "%zu/%zu, %zu/%zu", sq.equal[q], sq.answered[q],
		         pq.equal[q], pq.answered[q]);
		table_set(&t, r, 13, b3);
	}
	table_print(&t);
	printf("\n(t/o: peer queries that hit the limit, of those asked; × = how many times "
	       "faster ties is, peer ÷ ties at the same percentile; same answers: peer answers "
	       "equal to ties', of those that arrived in time, SQLite then PostgreSQL%s)\n",
	       (sq.l[0].errors + pq.l[0].errors + sq.l[1].errors + pq.l[1].errors + sq.l[2].errors +
	        pq.l[2].errors + sq.l[3].errors + pq.l[3].errors)
	           ? "; some peer queries failed, see stderr"
	           : "");
	if (!pg)
		printf("(PostgreSQL was not run: no --pg)\n");

	/* ---- goals ---- */
	goal_line(goals, load_s < 60 ? GOAL_MET : GOAL_NOT, "network index load < 60 s: %.1f s",
	          load_s);
	double bpe = gbytes / (2.0 * (double)edges);
	goal_line(goals, bpe < 16 ? GOAL_MET : GOAL_NOT,
	          "network index < 16 bytes per directed edge: %.2f bytes", bpe);
	goal_line(goals, tp99[Q_DEG].ns < 20e3 ? GOAL_MET : GOAL_NOT, "degree p99 < 20 µs: %s",
	          fmt_pct(tp99[Q_DEG], b1, sizeof b1));
	goal_line(goals, tp99[Q_MUT].ns < 50e3 ? GOAL_MET : GOAL_NOT,
	          "mutual count p99 < 50 µs: %s", fmt_pct(tp99[Q_MUT], b1, sizeof b1));
	enum goal fast = GOAL_MET;
	for (int k = 0; k < 2; k++) {
		struct pct tt = k ? tp99[Q_DEG] : tp50[Q_DEG];
		fast = goal_and(fast, ratio_goal(sp[Q_DEG][k], tt, 1000));
		fast = goal_and(fast, ratio_goal(pp[Q_DEG][k], tt, 1000));
	}
	char r1[48], r2[48], r3[48], r4[48];
	goal_line(goals, fast,
	          "degree >= 1,000x faster than either peer (p50 and p99): SQLite %s / %s, "
	          "PostgreSQL %s / %s",
	          fmt_ratio(sp[Q_DEG][0], tp50[Q_DEG], r1, sizeof r1),
	          fmt_ratio(sp[Q_DEG][1], tp99[Q_DEG], r2, sizeof r2),
	          fmt_ratio(pp[Q_DEG][0], tp50[Q_DEG], r3, sizeof r3),
	          fmt_ratio(pp[Q_DEG][1], tp99[Q_DEG], r4, sizeof r4));
	if (goals)
		fclose(goals);
	for (int q = 0; q < Q__N; q++) {
		lat_free(&tl[q]);
		lat_free(&sq.l[q]);
		lat_free(&pq.l[q]);
	}
	free(pairs);
	graph_scratch_release(&sc);
	graph_release(&g);
	return 0;
}
