/* index — the in-memory side structure of the LDBC queries, built from the
 * side tables of the store (schema version 3): persons with the fields IC1
 * returns, LDBC id -> person and member number -> person maps, a first-name
 * index, and reply weights per unordered pair of members.
 *
 * Invariants: persons are in member-number order; each person's lists are
 * slices of shared arrays (universities and companies sorted by year, name,
 * place as byte strings); the first-name index lists persons by name, each
 * name's persons contiguous. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ldbc/ldbc.h"
#include "ldbc/ldbc_int.h"

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

uint32_t ldbc_person_count(const struct ldbc *x)
{
	return x->n;
}

uint32_t ldbc_member(const struct ldbc *x, int64_t person_id)
{
	uint32_t i = idmap_get(&x->ids, person_id);
	return i == IDMAP_NONE ? GRAPH_NONE : x->p[i].member;
}

int64_t ldbc_person_id(const struct ldbc *x, uint32_t m)
{
	if (m >= x->n_members || x->by_member[m] == IDMAP_NONE)
		return -1;
	return x->p[x->by_member[m]].id;
}

uint32_t ldbc_weight2(const struct ldbc *x, uint32_t a, uint32_t b)
{
	uint32_t w = idmap_get(&x->weights, pair_key(a, b));
	return w == IDMAP_NONE ? 0 : w;
}

/* The persons named `first` (index range into x->by_name), false if none. */
bool ldbc_named(const struct ldbc *x, const char *first, uint32_t *from, uint32_t *to)
{
	if (!x->name_cap)
		return false;
	size_t j = (size_t)str_hash(first) & (x->name_cap - 1);
	while (x->name_slot[j] != IDMAP_NONE) {
		uint32_t k = x->name_slot[j];
		if (!strcmp(x->p[x->by_name[x->name_start[k]]].first, first)) {
			*from = x->name_start[k];
			*to = x->name_start[k + 1];
			return true;
		}
		j = (j + 1) & (x->name_cap - 1);
	}
	return false;
}

void ldbc_free(struct ldbc *x)
{
	if (!x)
		return;
	for (uint32_t i = 0; i < x->n; i++) {
		struct ldbc_person *p = &x->p[i];
		free(p->first);
		free(p->last);
		free(p->gender);
		free(p->browser);
		free(p->ip);
		free(p->city);
	}
	for (size_t i = 0; i < x->n_strs; i++)
		free(x->strs[i]);
	for (size_t i = 0; i < x->n_orgs; i++) {
		free(x->orgs[i].name);
		free(x->orgs[i].place);
	}
	free(x->p);
	free(x->by_member);
	free(x->strs);
	free(x->orgs);
	free(x->by_name);
	free(x->name_start);
	free(x->name_slot);
	idmap_release(&x->ids);
	idmap_release(&x->weights);
	free(x);
}

/* Person index of member m from a query's column, or IDMAP_NONE. */
static uint32_t person_of(const struct ldbc *x, int64_t m)
{
	if (m < 0 || (uint64_t)m >= x->n_members)
		return IDMAP_NONE;
	return x->by_member[m];
}

/* Reads (member_id, text) rows ordered by member into x->strs, setting each
 * person's slice through the offsets at `first`/`count` in the person. */
static enum err load_strs(struct ldbc *x, struct store *s, const char *sql, size_t off_first,
                          size_t off_count)
{
	struct scur c;
	store_query(s, &c, sql, 0, NULL);
	while (scur_next(&c)) {
		uint32_t i = person_of(x, scur_int(&c, 0));
		if (i == IDMAP_NONE)
			continue;
		char *base = (char *)&x->p[i];
		uint32_t *first = (uint32_t *)(base + off_first),
		         *count = (uint32_t *)(base + off_count);
		if (*count == 0)
			*first = (uint32_t)x->n_strs;
		x->strs = xgrow(x->strs, &x->cap_strs, x->n_strs + 1, sizeof *x->strs);
		x->strs[x->n_strs++] = xstrdup(scur_text(&c, 1));
		(*count)++;
	}
	return scur_close(&c);
}

/* Reads (member_id, org_name, year, place_name) rows ordered by member,
 * year, name, place into x->orgs. */
static enum err load_orgs(struct ldbc *x, struct store *s, const char *sql, bool work)
{
	struct scur c;
	store_query(s, &c, sql, 0, NULL);
	while (scur_next(&c)) {
		uint32_t i = person_of(x, scur_int(&c, 0));
		if (i == IDMAP_NONE)
			continue;
		struct ldbc_person *p = &x->p[i];
		uint32_t *first = work ? &p->work0 : &p->study0,
		         *count = work ? &p->nwork : &p->nstudy;
		if (*count == 0)
			*first = (uint32_t)x->n_orgs;
		x->orgs = xgrow(x->orgs, &x->cap_orgs, x->n_orgs + 1, sizeof *x->orgs);
		x->orgs[x->n_orgs++] = (struct ldbc_org){xstrdup(scur_text(&c, 1)), scur_int(&c, 2),
		                                         xstrdup(scur_text(&c, 3))};
		(*count)++;
	}
	return scur_close(&c);
}

static int by_first(const void *a, const void *b, void *arg)
{
	const struct ldbc_person *p = arg;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	int c = strcmp(p[i].first, p[j].first);
	return c ? c : i < j ? -1 : i > j;
}

static void build_names(struct ldbc *x)
{
	x->by_name = xmalloc(((size_t)x->n + 1) * sizeof *x->by_name);
	for (uint32_t i = 0; i < x->n; i++)
		x->by_name[i] = i;
	qsort_r(x->by_name, x->n, sizeof *x->by_name, by_first, x->p);
	x->name_start = xmalloc(((size_t)x->n + 2) * sizeof *x->name_start);
	uint32_t groups = 0;
	for (uint32_t i = 0; i < x->n; i++)
		if (i == 0 || strcmp(x->p[x->by_name[i]].first, x->p[x->by_name[i - 1]].first))
			x->name_start[groups++] = i;
	x->name_start[groups] = x->n;
	x->name_cap = 16;
	while (x->name_cap < (size_t)groups * 2)
		x->name_cap *= 2;
	x->name_slot = xmalloc(x->name_cap * sizeof *x->name_slot);
	memset(x->name_slot, 0xff, x->name_cap * sizeof *x->name_slot);
	for (uint32_t k = 0; k < groups; k++) {
		size_t j =
		    (size_t)str_hash(x->p[x->by_name[x->name_start[k]]].first) & (x->name_cap - 1);
		while (x->name_slot[j] != IDMAP_NONE)
			j = (j + 1) & (x->name_cap - 1);
		x->name_slot[j] = k;
	}
}

enum err ldbc_open(struct ldbc **out, struct store *s, struct fail *f)
{
	struct ldbc *x = xcalloc(1, sizeof *x);
	idmap_init(&x->ids);
	idmap_init(&x->weights);
	int64_t max_member = 0;
	enum err e = store_int(s, &max_member,
	                       "SELECT coalesce(max(member_id), 0) FROM ldbc_persons", 0, NULL);
	if (e)
		goto fail;
	x->n_members = (uint32_t)max_member + 1;
	x->by_member = xmalloc((size_t)x->n_members * sizeof *x->by_member);
	memset(x->by_member, 0xff, (size_t)x->n_members * sizeof *x->by_member);
	struct scur c;
	size_t cap = 0;
	store_query(s, &c,
	            "SELECT member_id, ldbc_id, first_name, last_name, gender, birthday, "
	            "creation_date, browser_used, location_ip, city_name FROM ldbc_persons "
	            "ORDER BY member_id",
	            0, NULL);
	while (scur_next(&c)) {
		x->p = xgrow(x->p, &cap, (size_t)x->n + 1, sizeof *x->p);
		struct ldbc_person *p = &x->p[x->n];
		memset(p, 0, sizeof *p);
		p->member = (uint32_t)scur_int(&c, 0);
		p->id = scur_int(&c, 1);
		p->first = xstrdup(scur_text(&c, 2));
		p->last = xstrdup(scur_text(&c, 3));
		p->gender = xstrdup(scur_text(&c, 4));
		p->birthday = scur_int(&c, 5);
		p->created = scur_int(&c, 6);
		p->browser = xstrdup(scur_text(&c, 7));
		p->ip = xstrdup(scur_text(&c, 8));
		p->city = xstrdup(scur_text(&c, 9));
		x->by_member[p->member] = x->n;
		idmap_put(&x->ids, p->id, x->n);
		x->n++;
	}
	if ((e = scur_close(&c)))
		goto fail;
	e = load_strs(x, s, "SELECT member_id, email FROM ldbc_emails ORDER BY member_id, ord",
	              offsetof(struct ldbc_person, email0), offsetof(struct ldbc_person, nemail));
	if (!e)
		e = load_strs(
		    x, s, "SELECT member_id, language FROM ldbc_languages ORDER BY member_id, ord",
		    offsetof(struct ldbc_person, lang0), offsetof(struct ldbc_person, nlang));
	if (!e)
		e = load_orgs(x, s,
		              "SELECT member_id, org_name, class_year, place_name FROM ldbc_study "
		              "ORDER BY member_id, class_year, org_name, place_name",
		              false);
	if (!e)
		e = load_orgs(x, s,
		              "SELECT member_id, org_name, work_from, place_name FROM ldbc_work "
		              "ORDER BY member_id, work_from, org_name, place_name",
		              true);
	if (e)
		goto fail;
	store_query(s, &c, "SELECT a, b, post_replies, comment_replies FROM ldbc_interactions", 0,
	            NULL);
	while (scur_next(&c)) {
		int64_t a = scur_int(&c, 0), b = scur_int(&c, 1);
		int64_t w = 2 * scur_int(&c, 2) + scur_int(&c, 3);
		if (a <= 0 || b <= 0 || a >= GRAPH_NONE || b >= GRAPH_NONE || a == b || w <= 0)
			continue;
		uint32_t *slot = idmap_slot(&x->weights, pair_key((uint32_t)a, (uint32_t)b), 0);
		*slot += (uint32_t)w;
	}
	if ((e = scur_close(&c)))
		goto fail;
	build_names(x);
	*out = x;
	return E_OK;
fail:
	ldbc_free(x);
	return fail_set(f, e, NULL, "loading the LDBC side structure: %s", store_errmsg(s));
}
