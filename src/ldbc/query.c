/* query — LDBC Interactive v1 complex reads IC1, IC13 and IC14 on the network
 * index, their JSON answers, and the substitution-parameter files that drive
 * them (reading, and drawing new rows with a fixed seed).
 *
 * The graph does the graph work: IC1's distance is graph_degree (the
 * product's 1st/2nd/3rd degree), IC13 is graph_path, IC14 enumerates
 * graph_all_shortest_paths.  The side structure adds names, ids, fields and
 * reply weights.  See ldbc.h for the orders and edge cases. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "ldbc/ldbc.h"
#include "ldbc/ldbc_int.h"

bool ldbc_query_parse(const char *name, enum ldbc_query *q)
{
	if (!strcasecmp(name, "ic1"))
		*q = LDBC_IC1;
	else if (!strcasecmp(name, "ic13"))
		*q = LDBC_IC13;
	else if (!strcasecmp(name, "ic14"))
		*q = LDBC_IC14;
	else
		return false;
	return true;
}

const char *ldbc_query_name(enum ldbc_query q)
{
	return q == LDBC_IC1 ? "ic1" : q == LDBC_IC13 ? "ic13" : "ic14";
}

/* ---- IC1 -------------------------------------------------------------------- */

static int ic1_cmp(const struct ldbc *x, const struct ldbc_ic1_row *a, const struct ldbc_ic1_row *b)
{
	if (a->distance != b->distance)
		return a->distance < b->distance ? -1 : 1;
	const struct ldbc_person *pa = &x->p[a->person], *pb = &x->p[b->person];
	int c = strcmp(pa->last, pb->last);
	if (c)
		return c;
	return pa->id < pb->id ? -1 : pa->id > pb->id;
}

size_t ldbc_ic1(const struct ldbc *x, const struct graph *g, struct graph_scratch *s,
                int64_t person, const char *first_name, struct ldbc_ic1_row out[LDBC_IC1_LIMIT])
{
	size_t n = 0;
	uint32_t start = idmap_get(&x->ids, person), from, to;
	if (start == IDMAP_NONE || !ldbc_named(x, first_name, &from, &to))
		goto out;
	uint32_t a = x->p[start].member;
	for (uint32_t k = from; k < to; k++) {
		uint32_t pi = x->by_name[k];
		if (pi == start)
			continue;
		int d = graph_degree(g, s, a, x->p[pi].member);
		if (d < 1 || d > 3)
			continue;
		struct ldbc_ic1_row r = {pi, d};
		if (n == LDBC_IC1_LIMIT && ic1_cmp(x, &r, &out[n - 1]) >= 0)
			continue;
		/* Insertion into the sorted top rows. */
		size_t j = n < LDBC_IC1_LIMIT ? n++ : LDBC_IC1_LIMIT - 1;
		while (j > 0 && ic1_cmp(x, &r, &out[j - 1]) < 0) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = r;
	}
out:
	return n;
}

static void orgs_json(const struct ldbc *x, uint32_t first, uint32_t count, struct jw *w)
{
	jw_arr(w);
	for (uint32_t i = 0; i < count; i++) {
		const struct ldbc_org *o = &x->orgs[first + i];
		jw_obj(w);
		jw_kstr(w, "organizationName", o->name);
		jw_kint(w, "year", o->year);
		jw_kstr(w, "placeName", o->place);
		jw_end(w);
	}
	jw_end(w);
}

static void strs_json(const struct ldbc *x, uint32_t first, uint32_t count, struct jw *w)
{
	jw_arr(w);
	for (uint32_t i = 0; i < count; i++)
		jw_str(w, x->strs[first + i]);
	jw_end(w);
}

void ldbc_ic1_json(const struct ldbc *x, const struct ldbc_ic1_row *rows, size_t n, struct jw *w)
{
	jw_arr(w);
	for (size_t i = 0; i < n; i++) {
		const struct ldbc_person *p = &x->p[rows[i].person];
		jw_obj(w);
		jw_kint(w, "friendId", p->id);
		jw_kstr(w, "friendLastName", p->last);
		jw_kint(w, "distanceFromPerson", rows[i].distance);
		jw_kint(w, "friendBirthday", p->birthday);
		jw_kint(w, "friendCreationDate", p->created);
		jw_kstr(w, "friendGender", p->gender);
		jw_kstr(w, "friendBrowserUsed", p->browser);
		jw_kstr(w, "friendLocationIp", p->ip);
		jw_key(w, "friendEmails");
		strs_json(x, p->email0, p->nemail, w);
		jw_key(w, "friendLanguages");
		strs_json(x, p->lang0, p->nlang, w);
		jw_kstr(w, "friendCityName", p->city);
		jw_key(w, "friendUniversities");
		orgs_json(x, p->study0, p->nstudy, w);
		jw_key(w, "friendCompanies");
		orgs_json(x, p->work0, p->nwork, w);
		jw_end(w);
	}
	jw_end(w);
}

/* ---- IC13 ------------------------------------------------------------------- */

int ldbc_ic13(const struct ldbc *x, const struct graph *g, struct graph_scratch *s, int64_t p1,
              int64_t p2)
{
	if (p1 == p2)
		return 0;
	uint32_t a = ldbc_member(x, p1), b = ldbc_member(x, p2);
	if (a == GRAPH_NONE || b == GRAPH_NONE)
		return -1;
	return graph_path(g, s, a, b, 0, NULL, 0);
}

void ldbc_ic13_json(int length, struct jw *w)
{
	jw_arr(w);
	jw_obj(w);
	jw_kint(w, "shortestPathLength", length);
	jw_end(w);
	jw_end(w);
}

/* ---- IC14 ------------------------------------------------------------------- */

void ldbc_paths_init(struct ldbc_paths *p)
{
	memset(p, 0, sizeof *p);
	p->hops = -1;
}

void ldbc_paths_release(struct ldbc_paths *p)
{
	free(p->ids);
	free(p->w2);
	free(p->order);
	ldbc_paths_init(p);
}

struct collect {
	const struct ldbc *x;
	struct ldbc_paths *out;
	size_t seen;
};

static void collect_path(const uint32_t *path, int len, void *arg)
{
	struct collect *c = arg;
	struct ldbc_paths *o = c->out;
	if (++c->seen > LDBC_IC14_MAX_PATH)
		return;
	o->ids = xgrow(o->ids, &o->ids_cap, (o->n + 1) * (size_t)len, sizeof *o->ids);
	if (o->n + 1 > o->cap) {
		size_t cap = o->cap;
		o->w2 = xgrow(o->w2, &cap, o->n + 1, sizeof *o->w2);
		o->order = xrealloc(o->order, cap * sizeof *o->order);
		o->cap = cap;
	}
	int64_t *ids = o->ids + o->n * (size_t)len;
	uint32_t w = 0;
	for (int i = 0; i < len; i++) {
		ids[i] = ldbc_person_id(c->x, path[i]);
		if (i > 0)
			w += ldbc_weight2(c->x, path[i - 1], path[i]);
	}
	o->w2[o->n] = w;
	o->order[o->n] = (uint32_t)o->n;
	o->n++;
}

/* Weight descending, then the id sequences ascending. */
static int path_cmp(const void *a, const void *b, void *arg)
{
	const struct ldbc_paths *p = arg;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	if (p->w2[i] != p->w2[j])
		return p->w2[i] > p->w2[j] ? -1 : 1;
	size_t len = (size_t)p->hops + 1;
	const int64_t *x = p->ids + i * len, *y = p->ids + j * len;
	for (size_t k = 0; k < len; k++)
		if (x[k] != y[k])
			return x[k] < y[k] ? -1 : 1;
	return 0;
}

enum err ldbc_ic14(const struct ldbc *x, const struct graph *g, struct graph_scratch *s, int64_t p1,
                   int64_t p2, struct ldbc_paths *out, struct fail *f)
{
	out->n = 0;
	out->hops = -1;
	struct collect c = {x, out, 0};
	if (p1 == p2) {
		out->hops = 0;
		out->ids = xgrow(out->ids, &out->ids_cap, 1, sizeof *out->ids);
		out->w2 = xgrow(out->w2, &out->cap, 1, sizeof *out->w2);
		out->order = xrealloc(out->order, out->cap * sizeof *out->order);
		out->ids[0] = p1;
		out->w2[0] = 0;
		out->order[0] = 0;
		out->n = 1;
		return E_OK;
	}
	uint32_t a = ldbc_member(x, p1), b = ldbc_member(x, p2);
	if (a == GRAPH_NONE || b == GRAPH_NONE)
		return E_OK;
	int hops = graph_all_shortest_paths(g, s, a, b, collect_path, &c, LDBC_IC14_MAX_PATH + 1);
	if (c.seen > LDBC_IC14_MAX_PATH) {
		out->n = 0;
		return fail_set(f, E_TOO_MANY, NULL, "more than %d shortest paths",
		                LDBC_IC14_MAX_PATH);
	}
	out->hops = hops;
	if (hops < 0) {
		out->n = 0;
		return E_OK;
	}
	qsort_r(out->order, out->n, sizeof *out->order, path_cmp, out);
	return E_OK;
}

void ldbc_ic14_json(const struct ldbc_paths *p, struct jw *w)
{
	jw_arr(w);
	size_t len = (size_t)p->hops + 1;
	for (size_t i = 0; i < p->n; i++) {
		uint32_t k = p->order[i];
		jw_obj(w);
		jw_key(w, "personIdsInPath");
		jw_arr(w);
		for (size_t j = 0; j < len; j++)
			jw_int(w, p->ids[k * len + j]);
		jw_end(w);
		/* Weights are multiples of 0.5: one decimal is exact. */
		char num[32];
		int n = snprintf(num, sizeof num, "%.1f", p->w2[k] / 2.0);
		jw_key(w, "pathWeight");
		jw_raw(w, num, (size_t)n);
		jw_end(w);
	}
	jw_end(w);
}

/* ---- parameters ------------------------------------------------------------- */

/* Reads a line without its newline; false at the end. */
static bool param_line(struct ldbc_params *r)
{
	ssize_t len = getline(&r->line, &r->cap, r->fp);
	if (len < 0)
		return false;
	r->lineno++;
	while (len > 0 && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
		r->line[--len] = '\0';
	return true;
}

#define PARAM_MAX_COLS 32

static size_t split_bar(char *line, char **f)
{
	size_t n = 0;
	char *p = line;
	for (;;) {
		if (n == PARAM_MAX_COLS)
			return n + 1;
		f[n++] = p;
		char *bar = strchr(p, '|');
		if (!bar)
			break;
		*bar = '\0';
		p = bar + 1;
	}
	return n;
}

enum err ldbc_params_open(struct ldbc_params *r, FILE *fp, enum ldbc_query q, struct fail *f)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->q = q;
	r->col1 = r->col2 = -1;
	if (!param_line(r))
		return fail_set(f, E_BAD_QUERY, NULL, "line 1: no header line");
	char *cols[PARAM_MAX_COLS + 1];
	r->ncols = split_bar(r->line, cols);
	if (r->ncols > PARAM_MAX_COLS)
		return fail_set(f, E_BAD_QUERY, NULL, "line 1: too many columns");
	const char *n1 = q == LDBC_IC1 ? "personId" : "person1Id";
	const char *n2 = q == LDBC_IC1 ? "firstName" : "person2Id";
	for (size_t i = 0; i < r->ncols; i++) {
		if (!strcmp(cols[i], n1))
			r->col1 = (int)i;
		else if (!strcmp(cols[i], n2))
			r->col2 = (int)i;
	}
	if (r->col1 < 0 || r->col2 < 0)
		return fail_set(f, E_BAD_QUERY, NULL, "line 1: %s needs the columns %s and %s",
		                ldbc_query_name(q), n1, n2);
	return E_OK;
}

int ldbc_params_next(struct ldbc_params *r, struct ldbc_param *out, struct fail *f)
{
	for (;;) {
		if (!param_line(r))
			return 0;
		if (r->line[0])
			break;
	}
	char *cols[PARAM_MAX_COLS + 1];
	size_t n = split_bar(r->line, cols);
	if (n != r->ncols) {
		fail_set(f, E_BAD_QUERY, NULL, "line %ld: expected %zu columns, found %zu",
		         r->lineno, r->ncols, n);
		return -1;
	}
	memset(out, 0, sizeof *out);
	if (!parse_i64(cols[r->col1], &out->p1)) {
		fail_set(f, E_BAD_QUERY, NULL, "line %ld: column %d is not a person id", r->lineno,
		         r->col1 + 1);
		return -1;
	}
	const char *c2 = cols[r->col2];
	if (r->q == LDBC_IC1) {
		size_t len = strlen(c2);
		if (len > LDBC_NAME_MAX || utf8_chars(c2, len) < 0) {
			fail_set(f, E_BAD_QUERY, NULL,
			         "line %ld: firstName must be UTF-8 of at most %d bytes", r->lineno,
			         LDBC_NAME_MAX);
			return -1;
		}
		memcpy(out->first, c2, len + 1);
	} else if (!parse_i64(c2, &out->p2)) {
		fail_set(f, E_BAD_QUERY, NULL, "line %ld: column %d is not a person id", r->lineno,
		         r->col2 + 1);
		return -1;
	}
	return 1;
}

void ldbc_params_close(struct ldbc_params *r)
{
	free(r->line);
	r->line = NULL;
	r->cap = 0;
}

static uint64_t splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

size_t ldbc_params_generate(const struct ldbc *x, enum ldbc_query q, size_t n, uint64_t seed,
                            struct ldbc_param *out)
{
	if (x->n < 2)
		return 0;
	uint64_t st = seed;
	for (size_t i = 0; i < n; i++) {
		uint32_t a = (uint32_t)(splitmix(&st) % x->n);
		uint32_t b = (uint32_t)(splitmix(&st) % (x->n - 1));
		b += b >= a;
		memset(&out[i], 0, sizeof out[i]);
		out[i].p1 = x->p[a].id;
		if (q == LDBC_IC1)
			snprintf(out[i].first, sizeof out[i].first, "%s", x->p[b].first);
		else
			out[i].p2 = x->p[b].id;
	}
	return n;
}

void ldbc_params_write(FILE *out, enum ldbc_query q, const struct ldbc_param *rows, size_t n)
{
	fputs(q == LDBC_IC1 ? "personId|firstName\n" : "person1Id|person2Id\n", out);
	for (size_t i = 0; i < n; i++) {
		if (q == LDBC_IC1)
			fprintf(out, "%lld|%s\n", (long long)rows[i].p1, rows[i].first);
		else
			fprintf(out, "%lld|%lld\n", (long long)rows[i].p1, (long long)rows[i].p2);
	}
}

/* ---- running ---------------------------------------------------------------- */

enum err ldbc_answer(const struct ldbc *x, const struct graph *g, struct graph_scratch *s,
                     enum ldbc_query q, const struct ldbc_param *p, struct ldbc_paths *paths,
                     struct jw *w, struct fail *f)
{
	enum err e = E_OK;
	if (q == LDBC_IC1) {
		struct ldbc_ic1_row rows[LDBC_IC1_LIMIT];
		size_t n = ldbc_ic1(x, g, s, p->p1, p->first, rows);
		ldbc_ic1_json(x, rows, n, w);
	} else if (q == LDBC_IC13) {
		ldbc_ic13_json(ldbc_ic13(x, g, s, p->p1, p->p2), w);
	} else {
		e = ldbc_ic14(x, g, s, p->p1, p->p2, paths, f);
		if (!e)
			ldbc_ic14_json(paths, w);
	}
	return e;
}

enum err ldbc_run(const struct ldbc *x, const struct graph *g, enum ldbc_query q, FILE *in,
                  FILE *out, struct fail *f)
{
	struct ldbc_params r;
	struct graph_scratch s;
	struct ldbc_paths paths;
	struct buf b;
	graph_scratch_init(&s);
	ldbc_paths_init(&paths);
	buf_init(&b, BUF_DEFAULT_MAX);
	enum err e = ldbc_params_open(&r, in, q, f);
	while (!e) {
		struct ldbc_param p;
		int got = ldbc_params_next(&r, &p, f);
		if (got < 0)
			e = E_BAD_QUERY;
		if (got <= 0)
			break;
		buf_reset(&b);
		struct jw w;
		jw_init(&w, &b);
		e = ldbc_answer(x, g, &s, q, &p, &paths, &w, f);
		if (!e && b.over)
			e = fail_set(f, E_TOO_LARGE, NULL, "line %ld: the answer is too large",
			             r.lineno);
		if (e && f->detail && strncmp(f->detail, "line ", 5) != 0) {
			char detail[sizeof f->buf];
			snprintf(detail, sizeof detail, "%s", f->detail);
			fail_set(f, e, NULL, "line %ld: %s", r.lineno, detail);
		}
		if (!e) {
			buf_addc(&b, '\n');
			fwrite(b.p, 1, b.n, out);
		}
	}
	ldbc_params_close(&r);
	buf_release(&b);
	ldbc_paths_release(&paths);
	graph_scratch_release(&s);
	return e;
}
