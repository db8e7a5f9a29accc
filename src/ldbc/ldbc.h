/* ldbc — the LDBC Social Network Benchmark (Interactive v1) on ties: loading
 * the benchmark's public data into the store, and answering its complex reads
 * IC1, IC13 and IC14 on the network index (struct graph) the product serves
 * members from.
 *
 * Loading (ldbc_load) turns persons into members (handle `ldbc-<id>`, no
 * password), `knows` into connections, study and work places into education
 * and positions, interests into skills, and keeps what LDBC needs beyond the
 * product in side tables (schema version 3): the LDBC ids and person fields,
 * emails, languages, universities and companies with their places, and the
 * reply interactions between members.
 *
 * Querying needs, beside the graph (ties_load_graph), a struct ldbc: the
 * in-memory side structure built from those tables — the LDBC id <-> member
 * number map, the person fields, a first-name index and the per-pair reply
 * weights.  Both are read-only while queries run; a struct ldbc may be shared
 * by threads that each bring their own struct graph_scratch.
 *
 * Semantics decisions (the benchmark leaves them open):
 *   - text orders are byte orders of UTF-8 (= code point order, SQL COLLATE "C");
 *   - IC1 lists: emails and languages in the data's order; universities and
 *     companies by year, then organisation name, then place name;
 *   - IC13: 0 when both ids are equal (known or not), -1 when either is unknown
 *     or there is no path;
 *   - IC14: paths ordered by weight descending, then by their LDBC id sequence
 *     ascending (lexicographically); equal ids (known or not) give the
 *     one-person path of weight 0; an unknown id gives [];
 *   - only LDBC persons are answers; paths are those of the network index
 *     (LDBC members cannot sign in, so nobody else connects to them). */
#ifndef TIES_LDBC_LDBC_H
#define TIES_LDBC_LDBC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "base/jw.h"
#include "graph/graph.h"
#include "store/store.h"

/* ---- loading ---------------------------------------------------------------- */

struct ldbc_counts {
	size_t persons, knows, emails, languages, study, work, interests;
	size_t skills_dropped; /* interests beyond the profile's skill limits */
	size_t posts, comments, replies, interactions;
};

/* Loads the LDBC data set in dir (layout "CsvMergeForeign" with static/ and
 * dynamic/, or "CsvComposite" with every file in dir; told apart by their
 * files) into s in one transaction.  Everything is read and checked before
 * the store is touched: a malformed file (wrong header or column count, bad
 * number or date, unknown reference) fails with E_BAD_FIELD and "file:line:
 * what" in f, and the store is unchanged.  E_CONFLICT if LDBC data is loaded
 * already.  progress: report progress on stderr. */
enum err ldbc_load(struct store *s, const char *dir, bool progress, struct ldbc_counts *out,
                   struct fail *f);

/* Parses an LDBC date: epoch milliseconds (digits), an ISO date
 * (1987-09-18, midnight UTC) or date-time (2010-09-16T06:54:00.602+0000,
 * with Z or a ±HH[:]MM offset).  False if s is none of those. */
bool ldbc_parse_date(const char *s, int64_t *ms);

/* ---- the side structure --------------------------------------------------- */

struct ldbc;

/* Builds the side structure from the store.  Returns E_OK and *out (free with
 * ldbc_free), or E_STORE with f. */
enum err ldbc_open(struct ldbc **out, struct store *s, struct fail *f);
void ldbc_free(struct ldbc *x);
/* LDBC persons held. */
uint32_t ldbc_person_count(const struct ldbc *x);
/* The member number of LDBC person id, or GRAPH_NONE. */
uint32_t ldbc_member(const struct ldbc *x, int64_t person_id);
/* The LDBC id of member number m, or -1 if m is not an LDBC person. */
int64_t ldbc_person_id(const struct ldbc *x, uint32_t m);
/* Reply weight between members a and b in half units (2 per reply to a
 * post, 1 per reply to a comment, both directions summed). */
uint32_t ldbc_weight2(const struct ldbc *x, uint32_t a, uint32_t b);

/* ---- queries ---------------------------------------------------------------- */

enum ldbc_query { LDBC_IC1, LDBC_IC13, LDBC_IC14 };
/* "ic1", "ic13", "ic14" (case-insensitive).  False otherwise. */
bool ldbc_query_parse(const char *name, enum ldbc_query *q);
const char *ldbc_query_name(enum ldbc_query q);

#define LDBC_IC1_LIMIT     20
#define LDBC_NAME_MAX      255     /* bytes of a firstName parameter */
#define LDBC_IC14_MAX_PATH 1000000 /* more shortest paths than this: E_TOO_MANY */

struct ldbc_ic1_row {
	uint32_t person; /* index into the side structure */
	int distance;    /* 1..3 */
};

/* IC1: up to LDBC_IC1_LIMIT persons other than `person` whose first name is
 * `first_name` and who are within 3 knows hops, ordered by distance, last
 * name, id.  Returns how many rows it wrote into out. */
size_t ldbc_ic1(const struct ldbc *x, const struct graph *g, struct graph_scratch *s,
                int64_t person, const char *first_name, struct ldbc_ic1_row out[LDBC_IC1_LIMIT]);

/* IC13: the length of a shortest knows path (0 same id, -1 none). */
int ldbc_ic13(const struct ldbc *x, const struct graph *g, struct graph_scratch *s, int64_t p1,
              int64_t p2);

/* IC14's answer: n paths of hops + 1 LDBC ids each (ids[i * (hops + 1) ..]),
 * their weights in half units, and order[] the answer's order.  Reusable
 * across queries; owned by the caller. */
struct ldbc_paths {
	int hops;
	size_t n, cap;
	int64_t *ids;
	uint32_t *w2;
	uint32_t *order;
	size_t ids_cap;
};
void ldbc_paths_init(struct ldbc_paths *p);
void ldbc_paths_release(struct ldbc_paths *p);

/* IC14: every shortest knows path from p1 to p2 with its weight, ordered.
 * E_OK (n = 0 when there is none); E_TOO_MANY with f beyond
 * LDBC_IC14_MAX_PATH paths. */
enum err ldbc_ic14(const struct ldbc *x, const struct graph *g, struct graph_scratch *s, int64_t p1,
                   int64_t p2, struct ldbc_paths *out, struct fail *f);

/* The answers as JSON arrays, with the benchmark's field names. */
void ldbc_ic1_json(const struct ldbc *x, const struct ldbc_ic1_row *rows, size_t n, struct jw *w);
void ldbc_ic13_json(int length, struct jw *w);
void ldbc_ic14_json(const struct ldbc_paths *p, struct jw *w);

/* ---- parameters ----------------------------------------------------------- */

/* One row of a substitution-parameter file: personId|firstName (IC1) or
 * person1Id|person2Id (IC13, IC14). */
struct ldbc_param {
	int64_t p1, p2;
	char first[LDBC_NAME_MAX + 1];
};

/* Reads a substitution-parameter file: a header line of `|`-separated names,
 * then one row per query.  Columns are found by name; others are ignored. */
struct ldbc_params {
	FILE *fp;
	enum ldbc_query q;
	int col1, col2;
	size_t ncols;
	long lineno;
	char *line;
	size_t cap;
};
/* Reads the header.  E_BAD_QUERY with f when a needed column is missing. */
enum err ldbc_params_open(struct ldbc_params *r, FILE *fp, enum ldbc_query q, struct fail *f);
/* 1 with *out, 0 at the end, -1 with f (E_BAD_QUERY, "line N: ...") on a
 * malformed row.  Blank lines are skipped. */
int ldbc_params_next(struct ldbc_params *r, struct ldbc_param *out, struct fail *f);
/* Frees the line buffer (not fp). */
void ldbc_params_close(struct ldbc_params *r);

/* Draws n parameter rows for q from the loaded persons with a fixed seed
 * (the same seed and data give the same rows): IC1 a random person and the
 * first name of another random person; IC13/IC14 random pairs of distinct
 * persons.  Returns how many it wrote (0 without persons). */
size_t ldbc_params_generate(const struct ldbc *x, enum ldbc_query q, size_t n, uint64_t seed,
                            struct ldbc_param *out);
/* Writes rows as a parameter file (header first). */
void ldbc_params_write(FILE *out, enum ldbc_query q, const struct ldbc_param *rows, size_t n);

/* Answers one row into w (one JSON array).  paths is IC14's working memory. */
enum err ldbc_answer(const struct ldbc *x, const struct graph *g, struct graph_scratch *s,
                     enum ldbc_query q, const struct ldbc_param *p, struct ldbc_paths *paths,
                     struct jw *w, struct fail *f);

/* Reads the parameter file in, answers each row and writes one JSON line per
 * row to out.  Stops at the first malformed row (f says which line). */
enum err ldbc_run(const struct ldbc *x, const struct graph *g, enum ldbc_query q, FILE *in,
                  FILE *out, struct fail *f);

#endif
