/* bench_ldbc — LDBC IC1, IC13 and IC14 latencies, ties beside PostgreSQL in
 * one run (driven by scripts/bench-ldbc.sh on ldbc-sf01).
 *
 * ties is measured in-process after loading: the network index
 * (ties_load_graph) and the LDBC side structure are built first, then each
 * parameter row's query is timed alone (no parsing, no JSON), after one
 * warm-up pass over all rows.  PostgreSQL is measured from this client over
 * its unix socket with libpq: one prepared statement per query
 * (tests/ldbc/ic*.sql), each row one PQexecPrepared round trip, after a
 * warm-up pass.  Every row's answers are also compared (PostgreSQL's JSON
 * against ties' JSON, numbers by value), so the speed is of equal answers.
 *
 *   bench_ldbc --db TIES_DB --pg CONNINFO --sql DIR [--rows N] [--seed S] */
#include <getopt.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/jw.h"
#include "base/utf8.h"
#include "base/mem.h"
#include "graph/graph.h"
#include "ldbc/ldbc.h"
#include "social/ties.h"
#include "store/store.h"

#define INT8OID 20
#define TEXTOID 25

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

struct stats {
	double median, p99; /* ns */
};

static struct stats stats_of(uint64_t *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_u64);
	struct stats s = {0, 0};
	if (!n)
		return s;
	s.median = n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
	size_t k = (n * 99 + 99) / 100; /* ceil(0.99 n) */
	s.p99 = (double)v[k - 1];
	return s;
}

static void fmt_ns(double ns, char *out, size_t cap)
{
	if (ns < 1e3)
		snprintf(out, cap, "%.0f ns", ns);
	else if (ns < 1e6)
		snprintf(out, cap, "%.1f µs", ns / 1e3);
	else
		snprintf(out, cap, "%.2f ms", ns / 1e6);
}

/* Prints s right-aligned in width characters (not bytes), then " | ". */
static void pad(const char *s, int width)
{
	long chars = utf8_chars(s, strlen(s));
	for (long i = chars; i < width; i++)
		putchar(' ');
	printf("%s | ", s);
}

/* JSON equality with numbers compared by value (1.0 == 1) and object keys
 * in any order. */
static bool same_json(const json_t *a, const json_t *b)
{
	if (json_is_number(a) && json_is_number(b))
		return json_number_value(a) == json_number_value(b);
	if (json_typeof(a) != json_typeof(b))
		return false;
	if (json_is_array(a)) {
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (size_t i = 0; i < json_array_size(a); i++)
			if (!same_json(json_array_get(a, i), json_array_get(b, i)))
				return false;
		return true;
	}
	if (json_is_object(a)) {
		if (json_object_size(a) != json_object_size(b))
			return false;
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)a, k, v)
		{
			json_t *w = json_object_get(b, k);
			if (!w || !same_json(v, w))
				return false;
		}
		return true;
	}
	return json_equal((json_t *)a, (json_t *)b);
}

static char *read_sql(const char *dir, const char *q)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.sql", dir, q);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return NULL;
	struct buf b;
	buf_init(&b, 1 << 20);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	return buf_detach(&b, NULL);
}

/* Runs the core of query q for row p (what is timed). */
static void run_ties(const struct ldbc *x, const struct graph *g, struct graph_scratch *s,
                     enum ldbc_query q, const struct ldbc_param *p, struct ldbc_paths *paths)
{
	struct ldbc_ic1_row rows[LDBC_IC1_LIMIT];
	struct fail f = {0};
	if (q == LDBC_IC1)
		(void)ldbc_ic1(x, g, s, p->p1, p->first, rows);
	else if (q == LDBC_IC13)
		(void)ldbc_ic13(x, g, s, p->p1, p->p2);
	else if (ldbc_ic14(x, g, s, p->p1, p->p2, paths, &f))
		fprintf(stderr, "bench_ldbc: ic14: %s\n", f.detail);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},   {"pg", required_argument, NULL, 'p'},
	    {"sql", required_argument, NULL, 'q'},  {"rows", required_argument, NULL, 'n'},
	    {"seed", required_argument, NULL, 's'}, {NULL, 0, NULL, 0},
	};
	const char *db = NULL, *pg = NULL, *sqldir = NULL;
	long rows = 200, seed = 42;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'p':
			pg = optarg;
			break;
		case 'q':
			sqldir = optarg;
			break;
		case 'n':
			rows = strtol(optarg, &end, 10);
			if (*end || rows < 1 || rows > 1000000)
				rows = -1;
			break;
		case 's':
			seed = strtol(optarg, &end, 10);
			if (*end || seed < 0)
				seed = -1;
			break;
		default:
			rows = -1;
		}
	}
	if (!db || !pg || !sqldir || rows < 1 || seed < 0) {
		fputs("usage: bench_ldbc --db TIES_DB --pg CONNINFO --sql DIR [--rows N] "
		      "[--seed S]\n",
		      stderr);
		return 2;
	}

	/* ---- ties: load ---- */
	struct store *s;
	struct fail f = {0};
	if (store_open(&s, db, &f)) {
		fprintf(stderr, "bench_ldbc: %s\n", f.detail);
		return 1;
	}
	uint64_t t0 = clock_mono_ns();
	struct graph g;
	struct ldbc *x = NULL;
	graph_init(&g);
	enum err e = ties_load_graph(s, &g, &f);
	if (!e)
		e = ldbc_open(&x, s, &f);
	store_close(s);
	if (e) {
		fprintf(stderr, "bench_ldbc: %s\n", f.detail);
		return 1;
	}
	double load_s = (double)(clock_mono_ns() - t0) / 1e9;
	printf("ties: network index and LDBC side structure loaded in %.3f s "
	       "(%u persons, %llu connections)\n",
	       load_s, ldbc_person_count(x), (unsigned long long)graph_edge_count(&g));

	PGconn *conn = PQconnectdb(pg);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "bench_ldbc: PostgreSQL: %s", PQerrorMessage(conn));
		return 1;
	}
	PQclear(PQexec(conn, "SET jit = off"));

	struct graph_scratch sc;
	graph_scratch_init(&sc);
	struct ldbc_paths paths;
	ldbc_paths_init(&paths);
	struct ldbc_param *params = xcalloc((size_t)rows, sizeof *params);
	uint64_t *tt = xcalloc((size_t)rows, sizeof *tt), *tp = xcalloc((size_t)rows, sizeof *tp);
	char **answers = xcalloc((size_t)rows, sizeof *answers);
	struct {
		struct stats ties, pg;
		size_t equal, nonempty;
	} res[3];
	static const enum ldbc_query qs[] = {LDBC_IC1, LDBC_IC13, LDBC_IC14};
	int rc = 0;
	for (int qi = 0; qi < 3; qi++) {
		enum ldbc_query q = qs[qi];
		const char *name = ldbc_query_name(q);
		size_t n =
		    ldbc_params_generate(x, q, (size_t)rows, (uint64_t)seed + (uint64_t)qi, params);
		/* ties: warm-up, then one timed run per row */
		for (size_t i = 0; i < n; i++)
			run_ties(x, &g, &sc, q, &params[i], &paths);
		for (size_t i = 0; i < n; i++) {
			uint64_t a = clock_mono_ns();
			run_ties(x, &g, &sc, q, &params[i], &paths);
			tt[i] = clock_mono_ns() - a;
		}
		/* the answers, for the comparison (not timed) */
		res[qi].nonempty = 0;
		for (size_t i = 0; i < n; i++) {
			struct buf b;
			struct jw w;
			buf_init(&b, BUF_DEFAULT_MAX);
			jw_init(&w, &b);
			if (ldbc_answer(x, &g, &sc, q, &params[i], &paths, &w, &f))
				fprintf(stderr, "bench_ldbc: %s row %zu: %s\n", name, i, f.detail);
			answers[i] = buf_detach(&b, NULL);
			res[qi].nonempty += strcmp(answers[i], "[]") != 0 &&
			                    !strstr(answers[i], "\"shortestPathLength\":-1");
		}
		/* PostgreSQL: prepare, warm up, then one timed round trip per row */
		char *sql = read_sql(sqldir, name);
		if (!sql) {
			fprintf(stderr, "bench_ldbc: cannot read %s/%s.sql\n", sqldir, name);
			rc = 1;
			break;
		}
		Oid types[2] = {INT8OID, q == LDBC_IC1 ? TEXTOID : INT8OID};
		PGresult *r = PQprepare(conn, name, sql, 2, types);
		free(sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			fprintf(stderr, "bench_ldbc: prepare %s: %s", name, PQerrorMessage(conn));
			PQclear(r);
			rc = 1;
			break;
		}
		PQclear(r);
		res[qi].equal = 0;
		int shown = 0;
		for (int pass = 0; pass < 2; pass++) {
			for (size_t i = 0; i < n; i++) {
				char a1[24], a2[24];
				snprintf(a1, sizeof a1, "%lld", (long long)params[i].p1);
				snprintf(a2, sizeof a2, "%lld", (long long)params[i].p2);
				const char *values[2] = {a1, q == LDBC_IC1 ? params[i].first : a2};
				uint64_t a = clock_mono_ns();
				r = PQexecPrepared(conn, name, 2, values, NULL, NULL, 0);
				tp[i] = clock_mono_ns() - a;
				if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
					fprintf(stderr, "bench_ldbc: %s row %zu: %s", name, i,
					        PQerrorMessage(conn));
					PQclear(r);
					rc = 1;
					break;
				}
				if (pass == 1) {
					json_error_t je;
					json_t *pj = json_loads(PQgetvalue(r, 0, 0), 0, &je);
					json_t *tj = json_loads(answers[i], 0, &je);
					bool eq = pj && tj && same_json(pj, tj);
					res[qi].equal += eq;
					if (!eq && shown++ < 3)
						fprintf(stderr,
						        "bench_ldbc: %s row %zu differs:\n  ties: "
						        "%.300s\n"
						        "  PostgreSQL: %.300s\n",
						        name, i, answers[i], PQgetvalue(r, 0, 0));
					json_decref(pj);
					json_decref(tj);
				}
				PQclear(r);
			}
			if (rc)
				break;
		}
		for (size_t i = 0; i < n; i++)
			free(answers[i]);
		if (rc)
			break;
		res[qi].ties = stats_of(tt, n);
		res[qi].pg = stats_of(tp, n);
		if (res[qi].equal != n)
			rc = 1;
	}
	if (!rc) {
		printf("\nLDBC SNB Interactive v1, %ld parameter rows per query (seed %ld); "
		       "latency per query\n\n",
		       rows, seed);
		printf("| query | ties median | ties p99 | PostgreSQL median | PostgreSQL p99 | "
		       "speed-up (median) | speed-up (p99) | answers equal | non-empty |\n");
		printf("|-------|------------:|---------:|------------------:|---------------:|"
		       "------------------:|---------------:|--------------:|----------:|\n");
		for (int qi = 0; qi < 3; qi++) {
			char a[32], b[32], cc[32], d[32];
			fmt_ns(res[qi].ties.median, a, sizeof a);
			fmt_ns(res[qi].ties.p99, b, sizeof b);
			fmt_ns(res[qi].pg.median, cc, sizeof cc);
			fmt_ns(res[qi].pg.p99, d, sizeof d);
			printf("| %-5s | ", ldbc_query_name(qs[qi]));
			pad(a, 11);
			pad(b, 8);
			pad(cc, 17);
			pad(d, 14);
			printf("%16.0f× | %13.0f× | %9zu/%-3ld | %9zu |\n",
			       res[qi].pg.median / res[qi].ties.median,
			       res[qi].pg.p99 / res[qi].ties.p99, res[qi].equal, rows,
			       res[qi].nonempty);
		}
		static const double goal[3] = {100e3, 100e3, 1e6};
		bool ok = true;
		for (int qi = 0; qi < 3; qi++)
			ok = ok && res[qi].ties.median < goal[qi] &&
			     res[qi].pg.median / res[qi].ties.median >= 100;
		printf("\ngoals (ic1, ic13 < 100 µs, ic14 < 1 ms median; >= 100x PostgreSQL): %s\n",
		       ok ? "met" : "NOT met");
	}
	PQfinish(conn);
	free(params);
	free(tt);
	free(tp);
	free(answers);
	ldbc_paths_release(&paths);
	graph_scratch_release(&sc);
	ldbc_free(x);
	graph_release(&g);
	return rc;
}
