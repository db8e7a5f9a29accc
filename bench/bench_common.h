/* bench_common — what net_bench.c and people_bench.c share: latency samples
 * with timeouts, percentiles, number formatting, a plain-text table, process
 * memory from /proc (bench_util.h), and timed queries on the two peers (SQLite with a
 * progress-handler deadline, PostgreSQL with statement_timeout).
 *
 * Latencies are nanoseconds.  A peer query that hits its time limit is kept
 * as a sample equal to the limit and flagged; a percentile that falls on
 * such a sample is printed as "> limit", and a ratio computed from it as
 * "> N×" (a lower bound).  Percentiles are nearest-rank: p50 is the
 * ceil(n/2)-th smallest sample, p99 the ceil(0.99 n)-th.
 *
 * Header-only (static functions) so that each benchmark is one translation
 * unit; not part of libties. */
#ifndef TIES_BENCH_COMMON_H
#define TIES_BENCH_COMMON_H
#include <libpq-fe.h>
#include <malloc.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "bench_util.h"

/* ---- latency samples ------------------------------------------------------ */

struct lat_v {
	uint64_t ns;
	bool timeout;
};

struct lat {
	struct lat_v *v;
	size_t n, cap;
	size_t timeouts, errors;
	bool sorted;
};

static inline void lat_add(struct lat *l, uint64_t ns, bool timeout)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (struct lat_v){ns, timeout};
	l->timeouts += timeout;
	l->sorted = false;
}

static inline void lat_free(struct lat *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

static inline int lat_cmp(const void *x, const void *y)
{
	const struct lat_v *a = x, *b = y;
	if (a->ns != b->ns)
		return a->ns < b->ns ? -1 : 1;
	return (int)a->timeout - (int)b->timeout;
}

struct pct {
	double ns;
	bool over; /* the sample there hit the time limit */
	bool none; /* no samples */
};

/* Nearest-rank percentile, p in (0, 1]. */
static inline struct pct lat_pct(struct lat *l, double p)
{
	struct pct r = {0, false, true};
	if (!l->n)
		return r;
	if (!l->sorted) {
		qsort(l->v, l->n, sizeof *l->v, lat_cmp);
		l->sorted = true;
	}
	size_t k = (size_t)((double)l->n * p + 0.999999);
	if (k < 1)
		k = 1;
	if (k > l->n)
		k = l->n;
	r.ns = (double)l->v[k - 1].ns;
	r.over = l->v[k - 1].timeout;
	r.none = false;
	return r;
}

static inline double lat_mean(const struct lat *l)
{
	double s = 0;
	for (size_t i = 0; i < l->n; i++)
		s += (double)l->v[i].ns;
	return l->n ? s / (double)l->n : 0;
}

/* ---- formatting ----------------------------------------------------------- */

/* "850 ns", "12.3 µs", "4.56 ms", "1.23 s"; "> " first when over; "—" for none. */
static inline const char *fmt_pct(struct pct p, char *out, size_t cap)
{
	if (p.none) {
		snprintf(out, cap, "—");
		return out;
	}
	const char *pre = p.over ? "> " : "";
	double ns = p.ns;
	if (ns < 1e3)
		snprintf(out, cap, "%s%.0f ns", pre, ns);
	else if (ns < 1e5)
		snprintf(out, cap, "%s%.1f µs", pre, ns / 1e3);
	else if (ns < 1e6)
		snprintf(out, cap, "%s%.0f µs", pre, ns / 1e3);
	else if (ns < 1e9)
		snprintf(out, cap, "%s%.2f ms", pre, ns / 1e6);
	else
		snprintf(out, cap, "%s%.2f s", pre, ns / 1e9);
	return out;
}

static inline const char *fmt_ns(double ns, char *out, size_t cap)
{
	return fmt_pct((struct pct){ns, false, false}, out, cap);
}

/* x with thousands separators and no decimals: "1,234,567". */
static inline const char *fmt_group(double x, char *out, size_t cap)
{
	char digits[64];
	snprintf(digits, sizeof digits, "%.0f", x);
	size_t n = strlen(digits), w = 0;
	for (size_t i = 0; i < n && w + 2 < cap; i++) {
		if (i && (n - i) % 3 == 0 && digits[i - 1] != '-')
			out[w++] = ',';
		out[w++] = digits[i];
	}
	out[w] = 0;
	return out;
}

/* peer / ties as "1,234×", "> 1,234×" when the peer's figure is a timeout,
 * "—" when either is missing.  Ratios under 10 keep one decimal. */
static inline const char *fmt_ratio(struct pct peer, struct pct ties, char *out, size_t cap)
{
	if (peer.none || ties.none || ties.ns <= 0) {
		snprintf(out, cap, "—");
		return out;
	}
	double r = peer.ns / ties.ns;
	char g[24];
	if (r < 10)
		snprintf(g, sizeof g, "%.1f", r);
	else
		fmt_group(r, g, sizeof g);
	snprintf(out, cap, "%s%s×", peer.over ? "> " : "", g);
	return out;
}

static inline const char *fmt_bytes(double b, char *out, size_t cap)
{
	if (b < 1e3)
		snprintf(out, cap, "%.0f B", b);
	else if (b < 1e6)
		snprintf(out, cap, "%.1f kB", b / 1e3);
	else if (b < 1e9)
		snprintf(out, cap, "%.1f MB", b / 1e6);
	else
		snprintf(out, cap, "%.2f GB", b / 1e9);
	return out;
}

/* ---- a plain-text table --------------------------------------------------- */

#define TABLE_COLS 16
#define TABLE_ROWS 24
#define TABLE_CELL 64

struct table {
	int ncol, nrow; /* row 0 is the header */
	bool left[TABLE_COLS];
	char cell[TABLE_ROWS][TABLE_COLS][TABLE_CELL];
};

static inline void table_head(struct table *t, int ncol, const char *const *names)
{
	memset(t, 0, sizeof *t);
	t->ncol = ncol;
	t->nrow = 1;
	for (int c = 0; c < ncol; c++)
		snprintf(t->cell[0][c], TABLE_CELL, "%s", names[c]);
	t->left[0] = true;
}

/* Starts a row; returns its index. */
static inline int table_row(struct table *t)
{
	if (t->nrow >= TABLE_ROWS)
		abort();
	return t->nrow++;
}

static inline void table_set(struct table *t, int row, int col, const char *s)
{
	snprintf(t->cell[row][col], TABLE_CELL, "%s", s);
}

static inline long cell_width(const char *s)
{
	return utf8_chars(s, strlen(s));
}

static inline void table_print(const struct table *t)
{
	long w[TABLE_COLS] = {0};
	for (int r = 0; r < t->nrow; r++)
		for (int c = 0; c < t->ncol; c++)
			if (cell_width(t->cell[r][c]) > w[c])
				w[c] = cell_width(t->cell[r][c]);
	for (int r = 0; r < t->nrow; r++) {
		printf("|");
		for (int c = 0; c < t->ncol; c++) {
			long pad = w[c] - cell_width(t->cell[r][c]);
			if (t->left[c] || r == 0)
				printf(" %s%*s |", t->cell[r][c], (int)pad, "");
			else
				printf(" %*s%s |", (int)pad, "", t->cell[r][c]);
		}
		printf("\n");
		if (r == 0) {
			printf("|");
			for (int c = 0; c < t->ncol; c++) {
				putchar('-');
				for (long i = 0; i < w[c]; i++)
					putchar('-');
				putchar(t->left[c] ? '-' : ':');
				putchar('|');
			}
			printf("\n");
		}
	}
}

/* ---- command line --------------------------------------------------------- */

/* The options net_bench and people_bench share (getopt_long values 'd', 'p',
 * 'k', 'l', 's', 'g' for --db, --pg, the program's peer count, --limit-ms,
 * --seed, --goals); each program sets its own defaults first. */
struct bench_opts {
	const char *db, *pg, *goals_path;
	long npeer, limit_ms, seed;
};

/* Takes option c with its argument if it is a shared one (true), setting
 * *bad on a value out of range; false for the program's own options. */
static inline bool bench_opt(int c, const char *arg, struct bench_opts *o, bool *bad)
{
	switch (c) {
	case 'd':
		o->db = arg;
		return true;
	case 'p':
		o->pg = *arg ? arg : NULL;
		return true;
	case 'k':
		*bad |= (o->npeer = parse_long(arg, 0, 1000000)) < 0;
		return true;
	case 'l':
		*bad |= (o->limit_ms = parse_long(arg, 1, 3600000)) < 1;
		return true;
	case 's':
		*bad |= (o->seed = parse_long(arg, 0, 2147483647L)) < 0;
		return true;
	case 'g':
		o->goals_path = arg;
		return true;
	}
	return false;
}

/* ---- progress on stderr --------------------------------------------------- */

static inline void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void progress(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* ---- peers ---------------------------------------------------------------- */

enum peer_rc { PEER_OK, PEER_TIMEOUT, PEER_ERROR };

/* SQLite: the deadline the progress handler checks (every 1000 VM steps). */
struct sq_deadline {
	uint64_t at;
};

static inline int sq_progress(void *arg)
{
	const struct sq_deadline *d = arg;
	return d->at && clock_mono_ns() > d->at;
}

/* Opens the store file read-only for the SQLite peer, set up as a user
 * would for reads: a 1 GiB page cache, temporary tables in memory, and the
 * deadline handler.  NULL on failure (message printed). */
static inline sqlite3 *sq_open(const char *path, struct sq_deadline *dl)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: sqlite %s: %s\n", path, db ? sqlite3_errmsg(db) : "?");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_exec(db, "PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;", NULL, NULL, NULL);
	sqlite3_progress_handler(db, 1000, sq_progress, dl);
	return db;
}

static inline sqlite3_stmt *sq_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: sqlite prepare: %s\n%s\n", sqlite3_errmsg(db), sql);
		return NULL;
	}
	return st;
}

/* Steps st (parameters already bound) to the end under a deadline limit_ns
 * from now, calling row() for each row (may be NULL).  *ns gets the elapsed
 * time.  Resets st. */
static inline enum peer_rc sq_run(sqlite3 *db, sqlite3_stmt *st, struct sq_deadline *dl,
                                  uint64_t limit_ns, void (*row)(sqlite3_stmt *, void *), void *arg,
                                  uint64_t *ns)
{
	uint64_t t0 = clock_mono_ns();
	dl->at = t0 + limit_ns;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (row)
			row(st, arg);
	*ns = clock_mono_ns() - t0;
	dl->at = 0;
	enum peer_rc r = PEER_OK;
	if (rc == SQLITE_INTERRUPT)
		r = PEER_TIMEOUT;
	else if (rc != SQLITE_DONE) {
		fprintf(stderr, "bench: sqlite: %s\n", sqlite3_errmsg(db));
		r = PEER_ERROR;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r;
}

/* PostgreSQL: connects and sets the session up (statement_timeout, no JIT).
 * work_mem stays at its default (4 MB): PostgreSQL sizes a recursive UNION's
 * hash table from its row estimate, capped by work_mem, and a larger
 * work_mem made every small recursive query pay for a huge table (a 20 ms
 * degree query took 370 ms with 256 MB) without speeding up the large ones.
 * NULL on failure (message printed). */
static inline PGconn *pg_open(const char *conninfo, long limit_ms)
{
	PGconn *c = PQconnectdb(conninfo);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "bench: PostgreSQL: %s", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	char sql[160];
	snprintf(sql, sizeof sql, "SET statement_timeout = %ld; SET jit = off", limit_ms);
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fprintf(stderr, "bench: PostgreSQL: %s", PQerrorMessage(c));
	PQclear(r);
	return c;
}

static inline void pg_set_timeout(PGconn *c, long limit_ms)
{
	char sql[64];
	snprintf(sql, sizeof sql, "SET statement_timeout = %ld", limit_ms);
	PQclear(PQexec(c, sql));
}

static inline bool pg_prepare(PGconn *c, const char *name, const char *sql, int nparams)
{
	PGresult *r = PQprepare(c, name, sql, nparams, NULL);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "bench: PostgreSQL prepare %s: %s%s\n", name, PQerrorMessage(c),
		        sql);
	PQclear(r);
	return ok;
}

/* Runs a prepared statement; *res gets the result on PEER_OK (the caller
 * PQclear()s it), NULL otherwise.  A cancelled statement (SQLSTATE 57014,
 * statement_timeout) is PEER_TIMEOUT. */
static inline enum peer_rc pg_run(PGconn *c, const char *name, int n, const char *const *vals,
                                  PGresult **res, uint64_t *ns)
{
	uint64_t t0 = clock_mono_ns();
	PGresult *r = PQexecPrepared(c, name, n, vals, NULL, NULL, 0);
	*ns = clock_mono_ns() - t0;
	*res = NULL;
	if (PQresultStatus(r) == PGRES_TUPLES_OK) {
		*res = r;
		return PEER_OK;
	}
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	enum peer_rc rc = state && !strcmp(state, "57014") ? PEER_TIMEOUT : PEER_ERROR;
	if (rc == PEER_ERROR)
		fprintf(stderr, "bench: PostgreSQL %s: %s", name, PQerrorMessage(c));
	PQclear(r);
	return rc;
}

/* Records one peer answer: time (the limit for a timeout), and whether the
 * answer equals ties' (counted in *equal when ok and eq). */
static inline void peer_record(struct lat *l, enum peer_rc rc, uint64_t ns, uint64_t limit_ns)
{
	if (rc == PEER_ERROR) {
		l->errors++;
		return;
	}
	lat_add(l, rc == PEER_TIMEOUT ? limit_ns : ns, rc == PEER_TIMEOUT);
}

/* "3/100" style counts. */
static inline const char *fmt_count(size_t k, size_t n, char *out, size_t cap)
{
	snprintf(out, cap, "%zu/%zu", k, n);
	return out;
}

/* The six peer columns of a result row, from column col: SQLite's p50, p99
 * and timeouts, then PostgreSQL's; "—" for timeouts of a peer that did not
 * run.  sp and pp get the peers' p50 and p99. */
static inline void table_set_peers(struct table *t, int row, int col, struct lat *sl, bool sran,
                                   struct lat *pl, bool pran, struct pct sp[2], struct pct pp[2])
{
	char b[64];
	struct lat *l[2] = {sl, pl};
	bool ran[2] = {sran, pran};
	struct pct *out[2] = {sp, pp};
	for (int k = 0; k < 2; k++, col += 3) {
		out[k][0] = lat_pct(l[k], 0.50);
		out[k][1] = lat_pct(l[k], 0.99);
		table_set(t, row, col, fmt_pct(out[k][0], b, sizeof b));
		table_set(t, row, col + 1, fmt_pct(out[k][1], b, sizeof b));
		table_set(t, row, col + 2,
		          ran[k] ? fmt_count(l[k]->timeouts, l[k]->n, b, sizeof b) : "—");
	}
}

/* Goal states: met, not met, or unknown (a ratio below the goal that is only
 * a lower bound because the peer hit its time limit, or a peer not run). */
enum goal { GOAL_NOT = 0, GOAL_MET = 1, GOAL_UNKNOWN = 2 };

/* Is peer at least want times ties? */
static inline enum goal ratio_goal(struct pct peer, struct pct ties, double want)
{
	if (peer.none || ties.none)
		return GOAL_UNKNOWN;
	if (peer.ns >= want * ties.ns)
		return GOAL_MET;
	return peer.over ? GOAL_UNKNOWN : GOAL_NOT;
}

/* Both must hold: not met beats unknown beats met. */
static inline enum goal goal_and(enum goal a, enum goal b)
{
	if (a == GOAL_NOT || b == GOAL_NOT)
		return GOAL_NOT;
	return a == GOAL_UNKNOWN || b == GOAL_UNKNOWN ? GOAL_UNKNOWN : GOAL_MET;
}

/* Appends a line to the goals file (stdout when NULL). */
static inline void goal_line(FILE *goals, enum goal g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void goal_line(FILE *goals, enum goal g, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	FILE *out = goals ? goals : stdout;
	fprintf(out, "  %-8s %s\n",
	        g == GOAL_MET   ? "met"
	        : g == GOAL_NOT ? "NOT met"
	                        : "unknown",
	        text);
	fflush(out);
}

#endif
