/* profile — load, validate, store and score member profiles. */
#include "social/profile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "base/clock.h"

const char *const profile_visibilities[] = {"public", "members", "network", "private", NULL};
const char *const member_kinds[] = {"basic", "premium", "recruiter", "admin", NULL};

static void position_release(struct position *p)
{
	free(p->title), free(p->company), free(p->from), free(p->to);
	memset(p, 0, sizeof *p);
}

static void strs_release(struct dlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(((char **)l->items)[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void profile_release(struct profile *p)
{
	free(p->handle), free(p->display_name), free(p->email), free(p->kind), free(p->visibility);
	free(p->headline), free(p->summary), free(p->location), free(p->industry);
	position_release(&p->position);
	struct position *pp = p->past_positions.items;
	for (size_t i = 0; i < p->past_positions.n; i++)
		position_release(&pp[i]);
	free(pp);
	struct education *ed = p->education.items;
	for (size_t i = 0; i < p->education.n; i++)
		free(ed[i].school), free(ed[i].degree), free(ed[i].field);
	free(ed);
	strs_release(&p->skills);
	strs_release(&p->languages);
	memset(p, 0, sizeof *p);
}

static char *dup_or_null(struct scur *c, int col)
{
	return scur_null(c, col) ? NULL : xstrdup(scur_text(c, col));
}

static void push(struct dlist *l, const void *item, size_t size)
{
	l->items = xrealloc(l->items, (l->n + 1) * size);
	memcpy((char *)l->items + l->n * size, item, size);
	l->n++;
}

enum err profile_load(struct store *s, int64_t id, struct profile *out)
{
	memset(out, 0, sizeof *out);
	struct scur c;
	enum err e =
	    store_query(s, &c,
	                "SELECT id, handle, display_name, email, kind, visibility, headline, "
	                "summary, location, industry, created_at, updated_at "
	                "FROM members WHERE id = $1",
	                SARGS(SA_I(id)));
	if (!e && scur_next(&c)) {
		out->id = scur_int(&c, 0);
		out->handle = xstrdup(scur_text(&c, 1));
		out->display_name = xstrdup(scur_text(&c, 2));
		out->email = xstrdup(scur_text(&c, 3));
		out->kind = xstrdup(scur_text(&c, 4));
		out->visibility = xstrdup(scur_text(&c, 5));
		out->headline = xstrdup(scur_text(&c, 6));
		out->summary = xstrdup(scur_text(&c, 7));
		out->location = xstrdup(scur_text(&c, 8));
		out->industry = xstrdup(scur_text(&c, 9));
		out->created_at = scur_int(&c, 10);
		out->updated_at = scur_int(&c, 11);
	} else if (!c.err) {
		c.err = E_NOT_FOUND;
	}
	e = scur_close(&c);
	if (e)
		return e;

	store_query(s, &c,
	            "SELECT title, company, date_from, date_to FROM positions "
	            "WHERE member_id = $1 ORDER BY ord",
	            SARGS(SA_I(id)));
	while (scur_next(&c)) {
		struct position p = {xstrdup(scur_text(&c, 0)), xstrdup(scur_text(&c, 1)),
		                     dup_or_null(&c, 2), dup_or_null(&c, 3)};
		if (!p.to && !out->position.title)
			out->position = p;
		else
			push(&out->past_positions, &p, sizeof p);
	}
	if ((e = scur_close(&c)))
		goto fail;
	store_query(s, &c,
	            "SELECT school, degree, field, year_from, year_to FROM education "
	            "WHERE member_id = $1 ORDER BY ord",
	            SARGS(SA_I(id)));
	while (scur_next(&c)) {
		struct education ed = {xstrdup(scur_text(&c, 0)), xstrdup(scur_text(&c, 1)),
		                       xstrdup(scur_text(&c, 2)), scur_int(&c, 3), scur_int(&c, 4)};
		push(&out->education, &ed, sizeof ed);
	}
	if ((e = scur_close(&c)))
		goto fail;
	store_query(s, &c, "SELECT name FROM skills WHERE member_id = $1 ORDER BY ord",
	            SARGS(SA_I(id)));
	while (scur_next(&c)) {
		char *v = xstrdup(scur_text(&c, 0));
		push(&out->skills, &v, sizeof v);
	}
	if ((e = scur_close(&c)))
		goto fail;
	store_query(s, &c, "SELECT code FROM languages WHERE member_id = $1 ORDER BY ord",
	            SARGS(SA_I(id)));
	while (scur_next(&c)) {
		char *v = xstrdup(scur_text(&c, 0));
		push(&out->languages, &v, sizeof v);
	}
	if ((e = scur_close(&c)))
		goto fail;
	return E_OK;
fail:
	profile_release(out);
	return e;
}

enum err profile_id_by_handle(struct store *s, const char *handle, int64_t *id)
{
	return store_int(s, id, "SELECT id FROM members WHERE handle = $1", SARGS(SA_T(handle)));
}

bool handle_valid(const char *h)
{
	size_t n = strlen(h);
	if (n < HANDLE_MIN || n > HANDLE_MAX || !islower((unsigned char)h[0]) || h[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)h[i];
		if (!(islower(c) || isdigit(c) || c == '-'))
			return false;
		if (c == '-' && h[i + 1] == '-')
			return false;
	}
	return true;
}

/* "YYYY" or "YYYY-MM", year 1900..2100. */
static bool date_valid(const char *d)
{
	if (!d)
		return true;
	size_t n = strlen(d);
	if (n != 4 && n != 7)
		return false;
	for (size_t i = 0; i < 4; i++)
		if (!isdigit((unsigned char)d[i]))
			return false;
	int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	if (y < 1900 || y > 2100)
		return false;
	if (n == 7) {
		if (d[4] != '-' || !isdigit((unsigned char)d[5]) || !isdigit((unsigned char)d[6]))
			return false;
		int m = (d[5] - '0') * 10 + (d[6] - '0');
		if (m < 1 || m > 12)
			return false;
	}
	return true;
}

static bool lang_code_valid(const char *c)
{
	size_t n = strlen(c);
	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)c[i]))
			return false;
	return true;
}

static enum err position_validate(const struct position *p, const char *field, bool current,
                                  struct fail *f)
{
	if (!date_valid(p->from))
		return fail_set(f, E_BAD_FIELD, field, "%s.from: use YYYY or YYYY-MM", field);
	if (!date_valid(p->to))
		return fail_set(f, E_BAD_FIELD, field, "%s.to: use YYYY or YYYY-MM", field);
	if (current && p->to)
		return fail_set(f, E_BAD_FIELD, field, "%s.to: the current position has no end",
		                field);
	if (p->from && p->to && strcmp(p->from, p->to) > 0)
		return fail_set(f, E_BAD_FIELD, field, "%s: ends before it starts", field);
	return E_OK;
}

enum err profile_validate(const struct profile *p, struct fail *f)
{
	if (p->handle && !handle_valid(p->handle))
		return fail_set(f, E_BAD_FIELD, "handle",
		                "handle: 3-40 characters a-z, 0-9 and single hyphens, "
		                "starting with a letter");
	if (p->position.title) {
		enum err e = position_validate(&p->position, "position", true, f);
		if (e)
			return e;
	}
	const struct position *pp = p->past_positions.items;
	for (size_t i = 0; i < p->past_positions.n; i++) {
		static _Thread_local char name[40];
		snprintf(name, sizeof name, "past_positions[%zu]", i);
		enum err e = position_validate(&pp[i], name, false, f);
		if (e)
			return e;
	}
	const struct education *ed = p->education.items;
	for (size_t i = 0; i < p->education.n; i++) {
		if (ed[i].from && ed[i].to && ed[i].from > ed[i].to)
			return fail_set(f, E_BAD_FIELD, "education",
			                "education[%zu]: ends before it starts", i);
	}
	char **sk = p->skills.items;
	for (size_t i = 0; i < p->skills.n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcasecmp(sk[i], sk[j]) == 0)
				return fail_set(f, E_BAD_FIELD, "skills",
				                "skills: \"%s\" is listed twice", sk[i]);
	char **lg = p->languages.items;
	for (size_t i = 0; i < p->languages.n; i++) {
		if (!lang_code_valid(lg[i]))
			return fail_set(f, E_BAD_FIELD, "languages",
			                "languages[%zu]: use an ISO 639 code such as en, sv, fi",
			                i);
		for (size_t j = 0; j < i; j++)
			if (strcmp(lg[i], lg[j]) == 0)
				return fail_set(f, E_BAD_FIELD, "languages",
				                "languages: \"%s\" is listed twice", lg[i]);
	}
	return E_OK;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

enum err profile_store(struct store *s, const struct profile *p)
{
	enum err e = store_exec(
	    s,
	    "UPDATE members SET display_name = $2, handle = $3, visibility = $4, headline = $5, "
	    "summary = $6, location = $7, industry = $8, updated_at = $9 WHERE id = $1",
	    SARGS(SA_I(p->id), SA_T(p->display_name), SA_T(p->handle), SA_T(p->visibility),
	          SA_T(nz(p->headline)), SA_T(nz(p->summary)), SA_T(nz(p->location)),
	          SA_T(nz(p->industry)), SA_I(clock_now_ms())));
	if (e)
		return e;
	e = store_exec(s, "DELETE FROM positions WHERE member_id = $1", SARGS(SA_I(p->id)));
	int64_t ord = 0;
	if (!e && p->position.title)
		e = store_exec(s,
		               "INSERT INTO positions(member_id, ord, title, company, date_from, "
		               "date_to) VALUES ($1, $2, $3, $4, $5, NULL)",
		               SARGS(SA_I(p->id), SA_I(ord++), SA_T(p->position.title),
		                     SA_T(nz(p->position.company)), SA_T(p->position.from)));
	const struct position *pp = p->past_positions.items;
	for (size_t i = 0; !e && i < p->past_positions.n; i++)
		e = store_exec(s,
		               "INSERT INTO positions(member_id, ord, title, company, date_from, "
		               "date_to) VALUES ($1, $2, $3, $4, $5, $6)",
		               SARGS(SA_I(p->id), SA_I(ord++), SA_T(pp[i].title),
		                     SA_T(nz(pp[i].company)), SA_T(pp[i].from),
		                     /* a past position always has an end: "" when unknown */
		                     SA_T(pp[i].to ? pp[i].to : "")));
	if (!e)
		e = store_exec(s, "DELETE FROM education WHERE member_id = $1", SARGS(SA_I(p->id)));
	const struct education *ed = p->education.items;
	for (size_t i = 0; !e && i < p->education.n; i++)
		e = store_exec(s,
		               "INSERT INTO education(member_id, ord, school, degree, field, "
		               "year_from, year_to) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		               SARGS(SA_I(p->id), SA_I((int64_t)i), SA_T(ed[i].school),
		                     SA_T(nz(ed[i].degree)), SA_T(nz(ed[i].field)),
		                     ed[i].from ? SA_I(ed[i].from) : SA_NIL,
		                     ed[i].to ? SA_I(ed[i].to) : SA_NIL));
	if (!e)
		e = store_exec(s, "DELETE FROM skills WHERE member_id = $1", SARGS(SA_I(p->id)));
	char **sk = p->skills.items;
	for (size_t i = 0; !e && i < p->skills.n; i++)
		e = store_exec(s, "INSERT INTO skills(member_id, ord, name) VALUES ($1, $2, $3)",
		               SARGS(SA_I(p->id), SA_I((int64_t)i), SA_T(sk[i])));
	if (!e)
		e = store_exec(s, "DELETE FROM languages WHERE member_id = $1", SARGS(SA_I(p->id)));
	char **lg = p->languages.items;
	for (size_t i = 0; !e && i < p->languages.n; i++)
		e = store_exec(s, "INSERT INTO languages(member_id, ord, code) VALUES ($1, $2, $3)",
		               SARGS(SA_I(p->id), SA_I((int64_t)i), SA_T(lg[i])));
	return e;
}

/* Appends the ASCII folding of UTF-8 s (lower case, accents dropped, letters
 * without a decomposition spelled out) to out, other characters as '-'. */
static void ascii_fold(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
	                                    UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE |
	                                        UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	if (len < 0) {
		out[0] = '\0';
		return;
	}
	static const struct {
		utf8proc_int32_t cp;
		const char *ascii;
	} special[] = {{0xf8, "o"},  {0xe6, "ae"},  {0xdf, "ss"}, {0xf0, "d"}, {0xfe, "th"},
	               {0x142, "l"}, {0x153, "oe"}, {0x111, "d"}, {0x131, "i"}};
	utf8proc_ssize_t i = 0;
	while (i < len && n + 3 < cap) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(folded + i, len - i, &cp);
		if (k <= 0)
			break;
		i += k;
		const char *rep = NULL;
		for (size_t j = 0; j < sizeof special / sizeof special[0]; j++)
			if (special[j].cp == cp)
				rep = special[j].ascii;
		if (rep) {
			for (; *rep && n + 1 < cap; rep++)
				out[n++] = *rep;
		} else if (cp < 0x80 && isalnum(cp)) {
			out[n++] = (char)cp;
		} else if (n > 0 && out[n - 1] != '-') {
			out[n++] = '-';
		}
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	free(folded);
}

enum err handle_derive(struct store *s, const char *display_name, char *out)
{
	/* Room for "-9999" after the base. */
	char base[HANDLE_MAX - 4];
	ascii_fold(display_name, base, sizeof base);
	/* A handle starts with a letter and has at least HANDLE_MIN characters. */
	if (!base[0] || !islower((unsigned char)base[0]) || strlen(base) < HANDLE_MIN) {
		char tmp[sizeof base];
		snprintf(tmp, sizeof tmp, "member-%.*s", (int)(sizeof base - 8), base);
		size_t n = strlen(tmp);
		while (n > 0 && tmp[n - 1] == '-')
			tmp[--n] = '\0';
		memcpy(base, tmp, n + 1);
	}
	for (unsigned k = 1; k < 10000; k++) {
		if (k == 1)
			snprintf(out, HANDLE_MAX + 1, "%.*s", (int)sizeof base - 1, base);
		else
			snprintf(out, HANDLE_MAX + 1, "%.*s-%u", (int)sizeof base - 1, base,
			         k % 10000);
		int64_t id;
		enum err e = profile_id_by_handle(s, out, &id);
		if (e == E_NOT_FOUND)
			return E_OK;
		if (e)
			return e;
	}
	return E_HANDLE_TAKEN;
}

/* What makes a profile strong, in points summing to 100. */
static const struct {
	const char *field;
	int points;
	const char *hint;
} strength_items[] = {
    {"headline", 15, "Add a headline: what you are known for, in one line."},
    {"summary", 15, "Write a summary of at least 100 characters: who you help and how."},
    {"position", 15, "Add your current position and company."},
    {"past_positions", 10, "Add a past position."},
    {"education", 10, "Add your education."},
    {"skills", 15, "List at least 3 skills (5 points for each, up to 3)."},
    {"location", 5, "Add your location so people near you find you."},
    {"industry", 5, "Add your industry."},
    {"languages", 10, "List the languages you work in; search matches you in them."},
};

static int item_points(const struct profile *p, size_t i)
{
	int full = strength_items[i].points;
	switch (i) {
	case 0:
		return p->headline && *p->headline ? full : 0;
	case 1:
		return !p->summary                 ? 0
		       : strlen(p->summary) >= 100 ? full
		       : *p->summary               ? full / 3
		                                   : 0;
	case 2:
		return p->position.title ? full : 0;
	case 3:
		return p->past_positions.n ? full : 0;
	case 4:
		return p->education.n ? full : 0;
	case 5:
		return (int)(p->skills.n >= 3 ? 3 : p->skills.n) * 5;
	case 6:
		return p->location && *p->location ? full : 0;
	case 7:
		return p->industry && *p->industry ? full : 0;
	case 8:
		return p->languages.n ? full : 0;
	}
	return 0;
}

int profile_strength(const struct profile *p)
{
	int total = 0;
	for (size_t i = 0; i < sizeof strength_items / sizeof strength_items[0]; i++)
		total += item_points(p, i);
	return total;
}

void profile_strength_json(const struct profile *p, struct jw *w)
{
	jw_obj(w);
	jw_kint(w, "strength", profile_strength(p));
	jw_key(w, "missing");
	jw_arr(w);
	for (size_t i = 0; i < sizeof strength_items / sizeof strength_items[0]; i++) {
		int got = item_points(p, i);
		if (got >= strength_items[i].points)
			continue;
		jw_obj(w);
		jw_kstr(w, "field", strength_items[i].field);
		jw_kint(w, "points", strength_items[i].points - got);
		jw_kstr(w, "hint", strength_items[i].hint);
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "warnings");
	jw_arr(w);
	if (p->visibility && strcmp(p->visibility, "private") == 0) {
		jw_obj(w);
		jw_kstr(w, "field", "visibility");
		jw_kstr(w, "hint",
		        "Your profile is private: nobody can find you in search or see your "
		        "profile, so nobody can invite or recommend you. Most members choose "
		        "public.");
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

static void position_json(const struct position *p, struct jw *w)
{
	jw_obj(w);
	jw_kstr(w, "title", p->title);
	jw_kstr(w, "company", p->company);
	jw_kstr(w, "from", p->from);
	if (!p->to || *p->to)
		jw_kstr(w, "to", p->to);
	else
		jw_kstr(w, "to", NULL);
	jw_end(w);
}

static void strs_json(const struct dlist *l, struct jw *w)
{
	jw_arr(w);
	for (size_t i = 0; i < l->n; i++)
		jw_str(w, ((char **)l->items)[i]);
	jw_end(w);
}

void profile_json(const struct profile *p, bool full, bool with_private, struct jw *w)
{
	jw_kstr(w, "handle", p->handle);
	jw_kstr(w, "display_name", p->display_name);
	jw_kstr(w, "headline", p->headline);
	if (with_private) {
		jw_kstr(w, "email", p->email);
		jw_kstr(w, "kind", p->kind);
		jw_kstr(w, "visibility", p->visibility);
	}
	if (!full)
		return;
	jw_kstr(w, "summary", p->summary);
	jw_kstr(w, "location", p->location);
	jw_kstr(w, "industry", p->industry);
	jw_key(w, "position");
	if (p->position.title)
		position_json(&p->position, w);
	else
		jw_null(w);
	jw_key(w, "past_positions");
	jw_arr(w);
	const struct position *pp = p->past_positions.items;
	for (size_t i = 0; i < p->past_positions.n; i++)
		position_json(&pp[i], w);
	jw_end(w);
	jw_key(w, "education");
	jw_arr(w);
	const struct education *ed = p->education.items;
	for (size_t i = 0; i < p->education.n; i++) {
		jw_obj(w);
		jw_kstr(w, "school", ed[i].school);
		jw_kstr(w, "degree", ed[i].degree);
		jw_kstr(w, "field", ed[i].field);
		jw_key(w, "from");
		ed[i].from ? jw_int(w, ed[i].from) : jw_null(w);
		jw_key(w, "to");
		ed[i].to ? jw_int(w, ed[i].to) : jw_null(w);
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "skills");
	strs_json(&p->skills, w);
	jw_key(w, "languages");
	strs_json(&p->languages, w);
	jw_kint(w, "strength", profile_strength(p));
}

/* One ordered cursor of a list table, with its current row's member. */
struct lane {
	struct scur c;
	bool has;
	int64_t member;
};

static void lane_next(struct lane *l)
{
	l->has = scur_next(&l->c);
	l->member = l->has ? scur_int(&l->c, 0) : 0;
}

enum err profile_scan(struct store *s, int (*fn)(struct profile *p, void *arg), void *arg)
{
	struct scur m;
	struct lane pos, edu, sk, lg;
	store_query(s, &m,
	            "SELECT id, handle, display_name, email, kind, visibility, headline, summary, "
	            "location, industry, created_at, updated_at FROM members ORDER BY id",
	            0, NULL);
	store_query(s, &pos.c,
	            "SELECT member_id, title, company, date_from, date_to FROM positions "
	            "ORDER BY member_id, ord",
	            0, NULL);
	store_query(s, &edu.c,
	            "SELECT member_id, school, degree, field, year_from, year_to FROM education "
	            "ORDER BY member_id, ord",
	            0, NULL);
	store_query(s, &sk.c, "SELECT member_id, name FROM skills ORDER BY member_id, ord", 0,
	            NULL);
	store_query(s, &lg.c, "SELECT member_id, code FROM languages ORDER BY member_id, ord", 0,
	            NULL);
	lane_next(&pos), lane_next(&edu), lane_next(&sk), lane_next(&lg);
	int stop = 0;
	while (!stop && scur_next(&m)) {
		struct profile p = {0};
		p.id = scur_int(&m, 0);
		p.handle = xstrdup(scur_text(&m, 1));
		p.display_name = xstrdup(scur_text(&m, 2));
		p.email = xstrdup(scur_text(&m, 3));
		p.kind = xstrdup(scur_text(&m, 4));
		p.visibility = xstrdup(scur_text(&m, 5));
		p.headline = xstrdup(scur_text(&m, 6));
		p.summary = xstrdup(scur_text(&m, 7));
		p.location = xstrdup(scur_text(&m, 8));
		p.industry = xstrdup(scur_text(&m, 9));
		p.created_at = scur_int(&m, 10);
		p.updated_at = scur_int(&m, 11);
		/* rows of members that no longer exist cannot be: they cascade */
		for (; pos.has && pos.member <= p.id; lane_next(&pos)) {
			if (pos.member < p.id)
				continue;
			struct position x = {xstrdup(scur_text(&pos.c, 1)),
			                     xstrdup(scur_text(&pos.c, 2)), dup_or_null(&pos.c, 3),
			                     dup_or_null(&pos.c, 4)};
			if (!x.to && !p.position.title)
				p.position = x;
			else
				push(&p.past_positions, &x, sizeof x);
		}
		for (; edu.has && edu.member <= p.id; lane_next(&edu)) {
			if (edu.member < p.id)
				continue;
			struct education x = {xstrdup(scur_text(&edu.c, 1)),
			                      xstrdup(scur_text(&edu.c, 2)),
			                      xstrdup(scur_text(&edu.c, 3)), scur_int(&edu.c, 4),
			                      scur_int(&edu.c, 5)};
			push(&p.education, &x, sizeof x);
		}
		for (; sk.has && sk.member <= p.id; lane_next(&sk)) {
			if (sk.member < p.id)
				continue;
			char *v = xstrdup(scur_text(&sk.c, 1));
			push(&p.skills, &v, sizeof v);
		}
		for (; lg.has && lg.member <= p.id; lane_next(&lg)) {
			if (lg.member < p.id)
				continue;
			char *v = xstrdup(scur_text(&lg.c, 1));
			push(&p.languages, &v, sizeof v);
		}
		stop = fn(&p, arg);
		profile_release(&p);
	}
	enum err e = scur_close(&m);
	enum err e2 = scur_close(&pos.c), e3 = scur_close(&edu.c), e4 = scur_close(&sk.c),
	         e5 = scur_close(&lg.c);
	return e ? e : e2 ? e2 : e3 ? e3 : e4 ? e4 : e5;
}
