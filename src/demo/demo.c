/* demo — the demo data generator (see demo.h for the contract).
 *
 * Two stages, each with its own random streams derived from the seed:
 *  1. members: member i draws from a stream seeded by (seed, i) only, so a
 *     profile never depends on n_members or on the other members (handles
 *     do, through namesakes earlier in the list);
 *  2. the network: members are grouped by team and office, office, team
 *     across offices, organisation, city and school; each member draws a few
 *     partners in each group (most in the smallest), account-facing staff
 *     of the vendor draw from their customers, and a few hubs collect 100+
 *     connections.  Follows and invitations come last, avoiding connected
 *     pairs.
 * Dates are relative to a fixed demo "today" (DEMO_YEAR-DEMO_MONTH), never to
 * the clock, so the data is the same every day. */
#include "demo/demo.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/mem.h"
#include "demo/demo_words.h"

#define DEMO_YEAR  2026
#define DEMO_MONTH 3

/* ---- randomness ----------------------------------------------------------- */

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static struct rng rng_for(uint64_t seed, uint64_t stream, uint64_t i)
{
	struct rng r = {seed ^ (stream * 0xd1b54a32d192ed03ull)};
	r.s ^= next(&r) + i * 0x9e3779b97f4a7c15ull;
	next(&r);
	return r;
}

/* Uniform in [0, n); 0 when n is 0. */
static uint32_t below(struct rng *r, size_t n)
{
	return (uint32_t)(((next(r) >> 32) * (uint64_t)n) >> 32);
}

static bool chance(struct rng *r, double p)
{
	return (double)(next(r) >> 11) * 0x1.0p-53 < p;
}

/* Uniform in [lo, hi]. */
static int range(struct rng *r, int lo, int hi)
{
	return lo + (int)below(r, (size_t)(hi - lo + 1));
}

static const char *pick(struct rng *r, const struct dw_list *l)
{
	return l->n ? l->v[below(r, l->n)] : NULL;
}

static size_t pick_w(struct rng *r, const unsigned *w, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i];
	unsigned x = below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ---- sets ------------------------------------------------------------------ */

/* Open-addressing set of non-zero 64-bit keys. */
struct kset {
	uint64_t *k;
	size_t cap, n;
};

static size_t kslot(const struct kset *s, uint64_t key)
{
	uint64_t h = key * 0x9e3779b97f4a7c15ull;
	size_t i = (size_t)(h >> 17) & (s->cap - 1);
	while (s->k[i] && s->k[i] != key)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static bool kset_has(const struct kset *s, uint64_t key)
{
	return s->cap && s->k[kslot(s, key)] == key;
}

/* Adds key; false if it was there already. */
static bool kset_add(struct kset *s, uint64_t key)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct kset t = {xcalloc(s->cap ? s->cap * 2 : 64, sizeof(uint64_t)),
		                 s->cap ? s->cap * 2 : 64, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (s->k[i])
				t.k[kslot(&t, s->k[i])] = s->k[i];
		t.n = s->n;
		free(s->k);
		*s = t;
	}
	size_t i = kslot(s, key);
	if (s->k[i] == key)
		return false;
	s->k[i] = key;
	s->n++;
	return true;
}

static uint64_t fnv(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h | 1;
}

static uint64_t pair_key(uint32_t a, uint32_t b)
{
	uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
	return ((uint64_t)lo << 32 | hi) + 1;
}

/* ---- text ------------------------------------------------------------------ */

struct vars {
	const char *title, *company, *city, *topic, *skill, *first;
	int since, years;
};

static void put(struct buf *b, const char *key, size_t n, const struct vars *v)
{
	static const char *const names[] = {"title", "company", "city", "topic", "skill", "first"};
	const char *vals[] = {v->title, v->company, v->city, v->topic, v->skill, v->first};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], key, n)) {
			buf_adds(b, vals[i] ? vals[i] : "");
			return;
		}
	if (n == 5 && !memcmp(key, "since", 5))
		buf_addf(b, "%d", v->since);
	else if (n == 5 && !memcmp(key, "years", 5))
		buf_addf(b, "%d", v->years);
	else
		buf_add(b, key - 1, n + 2);
}

/* Appends template t with {name} placeholders filled from v. */
static void expand(struct buf *b, const char *t, const struct vars *v)
{
	while (*t) {
		const char *lb = strchr(t, '{');
		const char *rb = lb ? strchr(lb, '}') : NULL;
		if (!rb) {
			buf_adds(b, t);
			return;
		}
		buf_add(b, t, (size_t)(lb - t));
		put(b, lb + 1, (size_t)(rb - lb - 1), v);
		t = rb + 1;
	}
}

static char *expand_dup(const char *t, const struct vars *v)
{
	struct buf b;
	buf_init(&b, 4096);
	expand(&b, t, v);
	return buf_detach(&b, NULL);
}

/* ASCII folds of the letters the name pools use. */
static const struct {
	const char *u, *a;
} folds[] = {
    {"å", "a"},  {"ä", "a"}, {"á", "a"}, {"à", "a"}, {"â", "a"},  {"ã", "a"}, {"ą", "a"},
    {"æ", "ae"}, {"ö", "o"}, {"ø", "o"}, {"ó", "o"}, {"ò", "o"},  {"ô", "o"}, {"é", "e"},
    {"è", "e"},  {"ê", "e"}, {"ë", "e"}, {"ę", "e"}, {"ü", "u"},  {"ú", "u"}, {"ù", "u"},
    {"û", "u"},  {"í", "i"}, {"ì", "i"}, {"î", "i"}, {"ï", "i"},  {"ñ", "n"}, {"ń", "n"},
    {"ç", "c"},  {"ć", "c"}, {"ł", "l"}, {"ś", "s"}, {"ź", "z"},  {"ż", "z"}, {"ß", "ss"},
    {"ý", "y"},  {"Å", "a"}, {"Ä", "a"}, {"Á", "a"}, {"Æ", "ae"}, {"Ö", "o"}, {"Ø", "o"},
    {"Ó", "o"},  {"É", "e"}, {"Ü", "u"}, {"Ł", "l"}, {"Ś", "s"},  {"Ż", "z"}, {"Ź", "z"},
    {"Í", "i"},  {"Ñ", "n"}, {"Ç", "c"},
};

/* Appends s folded to [a-z0-9-]: letters lowercased and stripped of
 * diacritics, spaces and hyphens as one '-', anything else dropped. */
static void fold(struct buf *b, const char *s)
{
	while (*s) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				buf_addc(b, (char)(c - 'A' + 'a'));
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				buf_addc(b, (char)c);
			else if ((c == ' ' || c == '-') && b->n && b->p[b->n - 1] != '-')
				buf_addc(b, '-');
			s++;
			continue;
		}
		size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++)
			if (strlen(folds[i].u) == len && !strncmp(s, folds[i].u, len)) {
				buf_adds(b, folds[i].a);
				break;
			}
		for (size_t i = 0; i < len && *s; i++)
			s++;
	}
}

/* The name of city c as text in language l: its local name when it has one
 * and l is not English, else the part of "City, Country" before the comma. */
static void city_name(char *out, size_t cap, int c, enum dw_lang l)
{
	const char *location = dw_cities[c].location;
	if (l != DW_EN && dw_cities[c].local)
		location = dw_cities[c].local;
	const char *comma = strchr(location, ',');
	size_t n = comma ? (size_t)(comma - location) : strlen(location);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, location, n);
	out[n] = '\0';
}

/* ---- members ---------------------------------------------------------------- */

/* What the generator knows about a member beyond the profile. */
struct who {
	int company, city, team, role, origin, school; /* school -1 = none */
	enum dw_lang writes;
	double social; /* scales how many connections the member makes */
	int exp;       /* years of experience */
	int since;     /* the year the current position started */
};

static const char *const visibilities[] = {"public", "members", "network", "private"};

/* "YYYY-MM"; year in 1000..9999, month in 1..12 by construction. */
static void set_date(char out[8], int year, int month)
{
	out[0] = (char)('0' + year / 1000 % 10);
	out[1] = (char)('0' + year / 100 % 10);
	out[2] = (char)('0' + year / 10 % 10);
	out[3] = (char)('0' + year % 10);
	out[4] = '-';
	out[5] = (char)('0' + month / 10 % 10);
	out[6] = (char)('0' + month % 10);
	out[7] = '\0';
}

/* Skills are unique ignoring ASCII case (as profile validation wants). */
static bool has_skill(const struct demo_member *m, const char *s)
{
	for (size_t i = 0; i < m->n_skills; i++)
		if (!strcasecmp(m->skills[i], s))
			return true;
	return false;
}

static bool has_lang(const struct demo_member *m, const char *s)
{
	for (size_t i = 0; i < m->n_languages; i++)
		if (!strcmp(m->languages[i], s))
			return true;
	return false;
}

static void add_lang(struct demo_member *m, const char *s)
{
	if (!has_lang(m, s))
		m->languages[m->n_languages++] = s;
}

static const char *role_title(const struct who *w, int role, enum dw_lang tl)
{
	return dw_teams[w->team].roles[role].title[tl];
}

static int pick_role(struct rng *r, const struct dw_team *t, int max_level)
{
	unsigned w[16];
	size_t n = t->n_roles < 16 ? t->n_roles : 16;
	unsigned total = 0;
	int lowest = 3;
	for (size_t i = 0; i < n; i++)
		lowest = t->roles[i].level < lowest ? t->roles[i].level : lowest;
	if (max_level < lowest)
		max_level = lowest;
	for (size_t i = 0; i < n; i++) {
		w[i] = t->roles[i].level <= max_level ? t->roles[i].weight : 0;
		total += w[i];
	}
	if (!total)
		return 0;
	return (int)pick_w(r, w, n);
}

/* A school of the member's origin; *school is its index in that list. */
static const char *pick_school(struct rng *r, int origin, int *school)
{
	const struct dw_list *l = &dw_origins[origin].schools;
	*school = (int)below(r, l->n);
	return l->v[*school];
}

static void gen_positions(struct rng *r, struct demo_member *m, struct who *w, enum dw_lang tl)
{
	const struct dw_company *co = &dw_companies[w->company];
	int level = dw_teams[w->team].roles[w->role].level;
	int start_year = DEMO_YEAR - w->exp;
	int n_past = w->exp < 3 ? range(r, 0, 1) : range(r, 0, 3);
	m->positions = xcalloc((size_t)n_past + 1, sizeof *m->positions);

	struct demo_position *p = &m->positions[0];
	int back = range(r, 0, w->exp < 12 ? w->exp : 12);
	int y = DEMO_YEAR - back, mo = range(r, 1, 12);
	if (y >= DEMO_YEAR) {
		y = DEMO_YEAR;
		mo = range(r, 1, DEMO_MONTH - 1);
	}
	p->title = role_title(w, w->role, tl);
	p->company = co->name;
	set_date(p->from, y, mo);
	w->since = y;
	m->n_positions = 1;

	for (int k = 0; k < n_past; k++) {
		/* this one ends the month before the previous one started */
		int ey = y, em = mo - 1;
		if (em == 0) {
			ey--;
			em = 12;
		}
		int months = range(r, 10, 60);
		int sy = ey - months / 12, sm = em - months % 12;
		if (sm <= 0) {
			sy--;
			sm += 12;
		}
		if (sy < start_year)
			break;
		struct demo_position *q = &m->positions[m->n_positions++];
		level = level > 0 && chance(r, 0.6) ? level - 1 : level;
		q->title = role_title(w, pick_role(r, &dw_teams[w->team], level), tl);
		double u = (double)below(r, 1000) / 1000.0;
		if (u < 0.35)
			q->company = co->name;
		else if (u < 0.6)
			q->company = dw_companies[below(r, dw_n_companies)].name;
		else
			q->company = pick(r, &dw_past_companies);
		set_date(q->from, sy, sm);
		set_date(q->to, ey, em);
		y = sy;
		mo = sm;
	}
}

static void gen_education(struct rng *r, struct demo_member *m, struct who *w)
{
	const struct dw_team *t = &dw_teams[w->team];
	const struct dw_origin *o = &dw_origins[w->origin];
	bool two = chance(r, 0.3);
	bool phd = w->team == T_RESEARCH && dw_teams[w->team].roles[w->role].level >= 1;
	size_t n = 1 + (two || phd);
	m->education = xcalloc(n, sizeof *m->education);
	m->n_education = n;

	int end = DEMO_YEAR - w->exp - (int)below(r, 2);
	int school;
	const char *school_name = pick_school(r, w->origin, &school);
	w->school = school;

	struct demo_education *e = &m->education[0];
	e->school = school_name;
	e->field = pick(r, &t->fields);
	if (phd) {
		e->degree = "PhD";
		e->from_year = end - 4;
	} else if (o->degrees.n && chance(r, 0.45)) {
		e->degree = pick(r, &o->degrees);
		e->from_year = end - 5;
	} else {
		e->degree = two ? "Master of Science (MSc)" : pick(r, &dw_degrees);
		e->from_year = end - (two ? 2 : range(r, 3, 5));
	}
	e->to_year = end;
	if (n == 2) {
		struct demo_education *f = &m->education[1];
		f->school = chance(r, 0.6) ? school_name : pick(r, &o->schools);
		f->degree = phd ? "Master of Science (MSc)" : "Bachelor of Science (BSc)";
		f->field = chance(r, 0.7) ? e->field : pick(r, &t->fields);
		f->to_year = e->from_year;
		f->from_year = f->to_year - (phd ? 5 : 3);
	}
}

static void gen_skills(struct rng *r, struct demo_member *m, const struct who *w)
{
	const struct dw_team *t = &dw_teams[w->team];
	size_t want = (size_t)range(r, 3, 10);
	m->skills = xcalloc(want, sizeof *m->skills);
	for (int tries = 0; m->n_skills < want && tries < 100; tries++) {
		double u = (double)below(r, 1000) / 1000.0;
		const char *s;
		if (u < 0.7)
			s = pick(r, &t->skills);
		else if (u < 0.85 || !dw_local_skills[w->writes].n)
			s = pick(r, &dw_general_skills);
		else
			s = pick(r, &dw_local_skills[w->writes]);
		if (!has_skill(m, s))
			m->skills[m->n_skills++] = s;
	}
}

static void gen_languages(struct rng *r, struct demo_member *m, const struct who *w)
{
	m->languages = xcalloc(8, sizeof *m->languages); /* own, en and at most six more */
	add_lang(m, m->lang);
	add_lang(m, "en");
	const char *city_lang = dw_origins[dw_cities[w->city].origin].lang;
	if (w->origin == O_FI && chance(r, 0.35))
		add_lang(m, "sv");
	if ((w->origin == O_SV || w->origin == O_NO || w->origin == O_DA) && chance(r, 0.25)) {
		static const char *const scand[] = {"sv", "no", "da"};
		add_lang(m, scand[below(r, 3)]);
	}
	if (w->origin >= O_EN && chance(r, 0.4))
		add_lang(m, city_lang);
	if (chance(r, 0.2))
		add_lang(m, "de");
	if (chance(r, 0.08))
		add_lang(m, "fr");
	if (chance(r, 0.04))
		add_lang(m, "es");
}

static char *gen_headline(struct rng *r, const struct demo_member *m, const struct who *w,
                          enum dw_lang tl, const char *title)
{
	const struct dw_team *t = &dw_teams[w->team];
	struct vars v = {.title = title, .company = m->company};
	struct buf b;
	buf_init(&b, 1024);
	double u = (double)below(r, 1000) / 1000.0;
	if (u < 0.4)
		expand(&b, dw_title_at[tl], &v);
	else if (u < 0.65 && tl == DW_EN)
		buf_addf(&b, "%s | %s", title, pick(r, &t->taglines));
	else if (u < 0.82)
		buf_adds(&b, t->headline[tl]);
	else
		buf_adds(&b, title);
	if (b.n > DEMO_HEADLINE_MAX) {
		buf_reset(&b);
		buf_adds(&b, title);
	}
	return buf_detach(&b, NULL);
}

static char *gen_summary(struct rng *r, const struct demo_member *m, const struct who *w)
{
	const struct dw_team *t = &dw_teams[w->team];
	enum dw_lang sl = w->writes != DW_EN && chance(r, 0.35) ? w->writes : DW_EN;
	char city[64];
	city_name(city, sizeof city, w->city, sl);
	struct vars v = {
	    .title = m->n_positions ? m->positions[0].title : NULL,
	    .company = m->company,
	    .city = city,
	    .topic = t->topic[sl],
	    .skill = m->n_skills ? m->skills[0] : pick(r, &t->skills),
	    .since = w->since,
	    .years = w->exp < 2 ? 2 : w->exp,
	};
	const char *s[3];
	size_t n = (size_t)range(r, 1, 3);
	s[0] = pick(r, &dw_open[sl]);
	s[1] = sl == DW_EN ? pick(r, &t->sentences) : pick(r, &dw_middle[sl]);
	s[2] = pick(r, &dw_close[sl]);
	if (n == 1 && sl == DW_EN && chance(r, 0.5))
		s[0] = s[1];

	struct buf b;
	buf_init(&b, 4096);
	for (size_t i = 0; i < n; i++) {
		size_t before = b.n;
		if (i)
			buf_addc(&b, ' ');
		expand(&b, s[i], &v);
		if (b.n > DEMO_SUMMARY_MAX) {
			b.n = before;
			b.p[b.n] = '\0';
			break;
		}
	}
	return buf_detach(&b, NULL);
}

static enum dw_origin_id pick_origin(struct rng *r, int city)
{
	enum dw_origin_id local = dw_cities[city].origin;
	double u = (double)below(r, 1000) / 1000.0;
	if (u < 0.85)
		return local;
	if (u < 0.9) {
		enum dw_origin_id o = (enum dw_origin_id)below(r, 4); /* O_SV .. O_FI */
		return o;
	}
	static const unsigned w[] = {3, 2, 2, 1, 1, 1, 2}; /* O_EN .. O_HI */
	return (enum dw_origin_id)(O_EN + (int)pick_w(r, w, sizeof w / sizeof w[0]));
}

static void gen_member(struct demo_member *m, struct who *w, size_t i, uint64_t seed)
{
	struct rng r = rng_for(seed, 1, i);
	unsigned cw[32];
	for (size_t c = 0; c < dw_n_companies && c < 32; c++)
		cw[c] = dw_companies[c].weight;
	w->company = (int)pick_w(&r, cw, dw_n_companies < 32 ? dw_n_companies : 32);
	const struct dw_company *co = &dw_companies[w->company];
	w->city = co->offices[pick_w(&r, co->office_w, (size_t)co->n_offices)];
	w->team = co->teams[pick_w(&r, co->team_w, (size_t)co->n_teams)];
	w->role = pick_role(&r, &dw_teams[w->team], 3);
	w->origin = pick_origin(&r, w->city);
	w->writes = dw_origins[w->origin].writes;
	w->school = -1;
	w->social = 0.35 + (double)below(&r, 1000) / 1000.0 * 1.3;
	int level = dw_teams[w->team].roles[w->role].level;
	static const int exp_lo[] = {0, 2, 6, 12}, exp_hi[] = {3, 12, 20, 30};
	w->exp = range(&r, exp_lo[level], exp_hi[level]);
	w->since = DEMO_YEAR - (w->exp < 12 ? w->exp : 12);

	const struct dw_origin *o = &dw_origins[w->origin];
	bool female = chance(&r, 0.5);
	m->first_name = pick(&r, female ? &o->female : &o->male);
	m->last_name = pick(&r, &o->last);
	struct buf b;
	buf_init(&b, 256);
	buf_addf(&b, "%s %s", m->first_name, m->last_name);
	m->display_name = buf_detach(&b, NULL);
	m->lang = o->lang;
	m->location = dw_cities[w->city].location;
	m->industry = co->industry;
	m->company = co->name;
	m->company_kind = co->kind;

	/* Local titles for people who work in their own country, now and then. */
	bool at_home = dw_cities[w->city].origin == (enum dw_origin_id)w->origin;
	enum dw_lang tl = w->writes != DW_EN && at_home && chance(&r, 0.35) ? w->writes : DW_EN;

	/* Completeness: a few bare profiles, and gaps here and there. */
	bool bare = i % 50 == 3 || chance(&r, 0.03);
	bool no_summary = bare || chance(&r, 0.18);
	bool no_skills = bare || chance(&r, 0.1);
	bool no_education = bare || chance(&r, 0.12);
	if (!bare)
		gen_positions(&r, m, w, tl);
	if (!no_education)
		gen_education(&r, m, w);
	if (!no_skills)
		gen_skills(&r, m, w);
	gen_languages(&r, m, w);
	m->headline = gen_headline(&r, m, w, tl, role_title(w, w->role, tl));
	m->summary = no_summary ? NULL : gen_summary(&r, m, w);

	double u = (double)below(&r, 1000) / 1000.0;
	m->visibility = visibilities[0];
	if (i % 101 == 17 || u < 0.012)
		m->visibility = visibilities[3];
	else if (i % 103 == 29 || u < 0.03)
		m->visibility = visibilities[2];
	else if (i % 107 == 41 || u < 0.05)
		m->visibility = visibilities[1];

	const struct dw_role *role = &dw_teams[w->team].roles[w->role];
	if (role->recruiter)
		m->kind = "recruiter";
	else if (chance(&r, role->level >= 3 ? 0.4 : 0.08))
		m->kind = "premium";
	else
		m->kind = "basic";
}

/* Member 0, the documented demo account. */
static void gen_astrid(struct demo_member *m, struct who *w)
{
	const struct dw_company *co = &dw_companies[0];
	memset(w, 0, sizeof *w);
	w->company = 0;
	w->city = co->offices[0]; /* Stockholm */
	w->team = T_CONSULT;
	w->role = 0; /* Lean Consultant */
	w->origin = O_SV;
	w->writes = DW_SV;
	w->school = 1; /* Chalmers, in the Swedish school list */
	w->social = 1.6;
	w->exp = 14;
	w->since = 2021;

	m->first_name = "Astrid";
	m->last_name = "Lindqvist";
	m->display_name = xstrdup(DEMO_ASTRID_NAME);
	m->lang = "sv";
	m->location = dw_cities[w->city].location;
	m->industry = co->industry;
	m->company = co->name;
	m->company_kind = co->kind;
	m->visibility = "public";
	m->kind = "premium";
	m->headline = xstrdup("Head of Lean Transformation at Nordvik Systems – helping factories "
	                      "cut lead times");
	m->summary = xstrdup(
	    "I help manufacturers cut lead times by turning lean principles into daily habits, "
	    "and into software that people on the shop floor actually use. Before Nordvik "
	    "Systems I was a production engineer at Fjällstål in Borlänge, so I know what a "
	    "stopped line costs. Jag svarar gärna på frågor om lean och "
	    "verksamhetsutveckling – på svenska eller engelska.");

	static const struct {
		const char *title, *company, *from, *to;
	} pos[] = {
	    {"Head of Lean Transformation", "Nordvik Systems", "2021-04", ""},
	    {"Lean Consultant", "Nordvik Systems", "2016-09", "2021-03"},
	    {"Produktionstekniker", "Fjällstål AB", "2012-08", "2016-08"},
	};
	m->n_positions = sizeof pos / sizeof pos[0];
	m->positions = xcalloc(m->n_positions, sizeof *m->positions);
	for (size_t k = 0; k < m->n_positions; k++) {
		m->positions[k].title = pos[k].title;
		m->positions[k].company = pos[k].company;
		snprintf(m->positions[k].from, sizeof m->positions[k].from, "%s", pos[k].from);
		snprintf(m->positions[k].to, sizeof m->positions[k].to, "%s", pos[k].to);
	}

	m->n_education = 2;
	m->education = xcalloc(2, sizeof *m->education);
	m->education[0] = (struct demo_education){"Stockholm School of Economics", "Executive MBA",
	                                          "Leadership and Strategy", 2019, 2021};
	m->education[1] =
	    (struct demo_education){"Chalmers University of Technology", "Civilingenjör",
	                            "Industrial Engineering and Management", 2007, 2012};

	static const char *const skills[] = {
	    "Lean",
	    "Value stream mapping",
	    "Verksamhetsutveckling",
	    "Six Sigma",
	    "Kanban",
	    "Change management",
	    "Project management",
	    "Facilitation",
	    "Continuous improvement",
	};
	m->n_skills = sizeof skills / sizeof skills[0];
	m->skills = xcalloc(m->n_skills, sizeof *m->skills);
	for (size_t k = 0; k < m->n_skills; k++)
		m->skills[k] = skills[k];

	m->languages = xcalloc(3, sizeof *m->languages);
	m->languages[0] = "sv";
	m->languages[1] = "en";
	m->languages[2] = "de";
	m->n_languages = 3;
}

/* Gives m its handle and email, unique among those in `taken`. */
static void name_member(struct demo_member *m, size_t i, struct kset *taken)
{
	struct buf b;
	buf_init(&b, 256);
	fold(&b, m->first_name);
	if (b.n && b.p[b.n - 1] != '-')
		buf_addc(&b, '-');
	fold(&b, m->last_name);
	while (b.n && b.p[b.n - 1] == '-')
		b.p[--b.n] = '\0';
	if (b.n > 28) {
		b.n = 28;
		while (b.p[b.n - 1] == '-')
			b.n--;
		b.p[b.n] = '\0';
	}
	if (b.n < 3 || b.p[0] < 'a' || b.p[0] > 'z') {
		struct buf c;
		buf_init(&c, 256);
		buf_addf(&c, "member-%s", b.p ? b.p : "");
		buf_release(&b);
		b = c;
	}
	size_t base = b.n;
	for (unsigned k = 2; !kset_add(taken, fnv(b.p)); k++) {
		b.n = base;
		buf_addf(&b, "-%u", k);
	}
	m->handle = buf_detach(&b, NULL);
	buf_init(&b, 256);
	if (i == 0)
		buf_adds(&b, DEMO_ASTRID_EMAIL);
	else
		buf_addf(&b, "%s@%s", m->handle, DEMO_EMAIL_DOMAIN);
	m->email = buf_detach(&b, NULL);
}

/* ---- the network ------------------------------------------------------------ */

struct net {
	struct demo_data *d;
	struct who *who;
	struct kset edges, follows, invited;
	size_t cap_edges, cap_follows, cap_inv;
	uint32_t *deg;
};

static bool connected(const struct net *g, uint32_t a, uint32_t b)
{
	return kset_has(&g->edges, pair_key(a, b));
}

static bool link_pair(struct net *g, uint32_t a, uint32_t b)
{
	if (a == b || !kset_add(&g->edges, pair_key(a, b)))
		return false;
	struct demo_data *d = g->d;
	d->connections =
	    xgrow(d->connections, &g->cap_edges, d->n_connections + 1, sizeof *d->connections);
	d->connections[d->n_connections][0] = a < b ? a : b;
	d->connections[d->n_connections][1] = a < b ? b : a;
	d->n_connections++;
	g->deg[a]++;
	g->deg[b]++;
	return true;
}

/* Members sorted by a key; for each member the range of its group. */
struct groups {
	uint32_t *order, *lo, *hi;
};

struct keyed {
	uint64_t key;
	uint32_t i;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void groups_build(struct groups *gr, const uint64_t *keys, size_t n)
{
	struct keyed *k = xcalloc(n, sizeof *k);
	for (size_t i = 0; i < n; i++)
		k[i] = (struct keyed){keys[i], (uint32_t)i};
	qsort(k, n, sizeof *k, cmp_keyed);
	gr->order = xcalloc(n, sizeof *gr->order);
	gr->lo = xcalloc(n, sizeof *gr->lo);
	gr->hi = xcalloc(n, sizeof *gr->hi);
	for (size_t s = 0; s < n;) {
		size_t e = s;
		while (e < n && k[e].key == k[s].key)
			e++;
		for (size_t j = s; j < e; j++) {
			gr->order[j] = k[j].i;
			gr->lo[k[j].i] = (uint32_t)s;
			gr->hi[k[j].i] = (uint32_t)e;
		}
		s = e;
	}
	free(k);
}

static void groups_release(struct groups *gr)
{
	free(gr->order);
	free(gr->lo);
	free(gr->hi);
}

/* A count with expectation x: floor(x), plus one with probability frac(x). */
static unsigned draws(struct rng *r, double x)
{
	unsigned c = (unsigned)x;
	return c + chance(r, x - (double)c);
}

enum level { G_TEAM_OFFICE, G_OFFICE, G_COMPANY_TEAM, G_COMPANY, G_CITY, G_SCHOOL, G__COUNT };

/* Expected connections a member makes in each group (before `social`). */
static const double level_target[G__COUNT] = {10, 6, 4, 3, 2, 1.5};

static uint64_t group_key(const struct who *w, enum level l, size_t i)
{
	switch (l) {
	case G_TEAM_OFFICE:
		return (uint64_t)w->company << 16 | (uint64_t)w->city << 8 | (uint64_t)w->team;
	case G_OFFICE:
		return (uint64_t)w->company << 8 | (uint64_t)w->city;
	case G_COMPANY_TEAM:
		return (uint64_t)w->company << 8 | (uint64_t)w->team;
	case G_COMPANY:
		return (uint64_t)w->company;
	case G_CITY:
		return (uint64_t)w->city;
	case G_SCHOOL:
		if (w->school < 0)
			return (uint64_t)1 << 40 | i;
		return (uint64_t)w->origin << 8 | (uint64_t)w->school;
	case G__COUNT:
		break;
	}
	return 0;
}

static uint32_t from_group(struct rng *r, const struct groups *gr, uint32_t i)
{
	return gr->order[gr->lo[i] + below(r, gr->hi[i] - gr->lo[i])];
}

/* A random member of company c (the group of member `any` of c in G_COMPANY). */
static bool company_member(struct rng *r, const struct groups *gr, const int32_t *first_of, int c,
                           uint32_t *out)
{
	if (first_of[c] < 0)
		return false;
	*out = from_group(r, gr, (uint32_t)first_of[c]);
	return true;
}

static void build_connections(struct net *g, uint64_t seed)
{
	struct demo_data *d = g->d;
	size_t n = d->n_members;
	struct rng r = rng_for(seed, 2, 0);
	struct groups gr[G__COUNT];
	uint64_t *keys = xcalloc(n, sizeof *keys);
	for (int l = 0; l < G__COUNT; l++) {
		for (size_t i = 0; i < n; i++)
			keys[i] = group_key(&g->who[i], (enum level)l, i);
		groups_build(&gr[l], keys, n);
	}
	free(keys);
	int32_t first_of[64];
	for (size_t c = 0; c < 64; c++)
		first_of[c] = -1;
	for (size_t i = n; i-- > 0;)
		if (g->who[i].company < 64)
			first_of[g->who[i].company] = (int32_t)i;

	/* colleagues, neighbours and alumni */
	for (uint32_t i = 0; i < n; i++)
		for (int l = 0; l < G__COUNT; l++) {
			unsigned c = draws(&r, g->who[i].social * level_target[l] / 2);
			for (unsigned k = 0; k < c; k++)
				link_pair(g, i, from_group(&r, &gr[l], i));
		}
	for (uint32_t i = 0; i < n; i++)
		if (chance(&r, 0.6))
			link_pair(g, i, below(&r, n));

	/* customers know their account managers; partners know their peers */
	for (uint32_t i = 0; i < n; i++) {
		const struct who *w = &g->who[i];
		const char *kind = dw_companies[w->company].kind;
		bool vendor = !strcmp(kind, "vendor"), partner = !strcmp(kind, "partner");
		int want_kind_customer = 0;
		double t = 0;
		if (vendor && dw_teams[w->team].account_facing) {
			want_kind_customer = 1;
			t = 8;
		} else if (vendor && (w->team == T_ENG || w->team == T_PRODUCT)) {
			t = chance(&r, 0.3) ? 3 : 0;
		} else if (partner && w->team == T_CONSULT) {
			want_kind_customer = 1;
			t = chance(&r, 0.5) ? 4 : 0;
		} else if (!strcmp(kind, "university")) {
			t = chance(&r, 0.4) ? 2 : 0;
		}
		if (t == 0)
			continue;
		int accounts[3] = {0}, n_acc = 0;
		for (int tries = 0; n_acc < (int)(1 + below(&r, 3)) && tries < 30; tries++) {
			int c = (int)below(&r, dw_n_companies);
			const char *ck = dw_companies[c].kind;
			bool ok = want_kind_customer ? !strcmp(ck, "customer")
			          : vendor           ? !strcmp(ck, "partner")
			                             : !strcmp(ck, "vendor");
			for (int a = 0; a < n_acc; a++)
				ok = ok && accounts[a] != c;
			if (ok)
				accounts[n_acc++] = c;
		}
		unsigned c = draws(&r, w->social * t);
		for (unsigned k = 0; k < c && n_acc; k++) {
			uint32_t j;
			if (company_member(&r, &gr[G_COMPANY], first_of,
			                   accounts[below(&r, (size_t)n_acc)], &j))
				link_pair(g, i, j);
		}
	}

	/* hubs: Astrid and a few well-connected people */
	size_t n_hubs = n / 70;
	uint32_t *hubs = xcalloc(n_hubs + 1, sizeof *hubs);
	size_t nh = 0;
	hubs[nh++] = 0;
	for (int tries = 0; nh < n_hubs + 1 && tries < 10000; tries++) {
		uint32_t i = below(&r, n);
		const struct who *w = &g->who[i];
		int level = dw_teams[w->team].roles[w->role].level;
		bool fit = level >= 3 || w->team == T_SALES || w->team == T_HR || tries > 5000;
		bool dup = false;
		for (size_t h = 0; h < nh; h++)
			dup = dup || hubs[h] == i;
		if (fit && !dup)
			hubs[nh++] = i;
	}
	for (size_t h = 0; h < nh; h++) {
		uint32_t i = hubs[h];
		size_t target = h == 0 ? 150 : 100 + below(&r, 80);
		if (target > (n - 1) * 3 / 4)
			target = (n - 1) * 3 / 4;
		for (size_t tries = 0; g->deg[i] < target && tries < target * 30; tries++) {
			uint32_t j =
			    chance(&r, 0.5) ? from_group(&r, &gr[G_COMPANY], i) : below(&r, n);
			link_pair(g, i, j);
		}
	}
	free(hubs);
	for (int l = 0; l < G__COUNT; l++)
		groups_release(&gr[l]);
}

static void follow(struct net *g, uint32_t a, uint32_t b)
{
	if (a == b || connected(g, a, b) || !kset_add(&g->follows, (uint64_t)a << 32 | b))
		return;
	struct demo_data *d = g->d;
	d->follows = xgrow(d->follows, &g->cap_follows, d->n_follows + 1, sizeof *d->follows);
	d->follows[d->n_follows][0] = a;
	d->follows[d->n_follows][1] = b;
	d->n_follows++;
}

static void build_follows(struct net *g, uint64_t seed)
{
	struct demo_data *d = g->d;
	size_t n = d->n_members;
	struct rng r = rng_for(seed, 3, 0);
	/* the 32 most connected members are the ones people follow */
	uint32_t top[32];
	size_t n_top = 0;
	for (uint32_t i = 0; i < n; i++) {
		size_t k;
		if (n_top < 32)
			k = n_top++;
		else if (g->deg[i] > g->deg[top[31]])
			k = 31;
		else
			continue;
		while (k > 0 && g->deg[top[k - 1]] < g->deg[i]) {
			top[k] = top[k - 1];
			k--;
		}
		top[k] = i;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (!chance(&r, 0.6))
			continue;
		unsigned c = 1 + below(&r, 3);
		for (unsigned k = 0; k < c; k++)
			follow(g, i,
			       chance(&r, 0.6) && n_top ? top[below(&r, n_top)] : below(&r, n));
	}
	for (unsigned k = 0; k < 6 && n > 1; k++)
		follow(g, 0, below(&r, n));
}

static void invite(struct net *g, struct rng *r, uint32_t from, uint32_t to, int note_kind)
{
	struct demo_data *d = g->d;
	if (from == to || connected(g, from, to) || !kset_add(&g->invited, pair_key(from, to)))
		return;
	const struct who *wf = &g->who[from], *wt = &g->who[to];
	enum dw_lang l = wf->writes == wt->writes ? wf->writes : DW_EN;
	char city[64];
	city_name(city, sizeof city, wf->city, l);
	struct vars v = {.first = d->members[to].first_name,
	                 .company = d->members[from].company,
	                 .city = city,
	                 .topic = dw_teams[wf->team].topic[l]};
	char *note = NULL;
	if (note_kind == 0)
		note = expand_dup(pick(r, &dw_notes[l]), &v);
	else if (note_kind == 1)
		note = xstrdup(dw_stock_notes[l]);
	d->invitations =
	    xgrow(d->invitations, &g->cap_inv, d->n_invitations + 1, sizeof *d->invitations);
	d->invitations[d->n_invitations++] = (struct demo_invitation){from, to, note};
}

static void build_invitations(struct net *g, uint64_t seed)
{
	size_t n = g->d->n_members;
	struct rng r = rng_for(seed, 4, 0);
	if (n < 2)
		return;
	/* Astrid's: incoming with a note, a stock text, none, a note; one outgoing. */
	static const int astrid_notes[] = {0, 1, 2, 0};
	for (size_t k = 0, tries = 0; k < 4 && tries < 200; tries++) {
		size_t before = g->d->n_invitations;
		invite(g, &r, 1 + below(&r, n - 1), 0, astrid_notes[k]);
		k += g->d->n_invitations > before;
	}
	for (int tries = 0; tries < 200; tries++) {
		size_t before = g->d->n_invitations;
		invite(g, &r, 0, 1 + below(&r, n - 1), 0);
		if (g->d->n_invitations > before)
			break;
	}
	size_t want = g->d->n_invitations + n / 25;
	for (size_t tries = 0; g->d->n_invitations < want && tries < want * 20; tries++) {
		double u = (double)below(&r, 1000) / 1000.0;
		int note_kind = u < 0.55 ? 0 : u < 0.75 ? 1 : 2;
		invite(g, &r, below(&r, n), below(&r, n), note_kind);
	}
}

/* ---- public ------------------------------------------------------------------ */

void demo_generate(struct demo_data *d, size_t n_members, uint64_t seed)
{
	memset(d, 0, sizeof *d);
	size_t n = n_members ? n_members : DEMO_DEFAULT_MEMBERS;
	if (n > UINT32_MAX - 1)
		n = UINT32_MAX - 1;
	d->members = xcalloc(n, sizeof *d->members);
	d->n_members = n;
	struct who *who = xcalloc(n, sizeof *who);
	struct kset taken = {0};
	for (size_t i = 0; i < n; i++) {
		if (i == 0)
			gen_astrid(&d->members[0], &who[0]);
		else
			gen_member(&d->members[i], &who[i], i, seed);
		name_member(&d->members[i], i, &taken);
	}
	free(taken.k);

	struct net g = {.d = d, .who = who, .deg = xcalloc(n, sizeof(uint32_t))};
	build_connections(&g, seed);
	build_follows(&g, seed);
	build_invitations(&g, seed);
	free(g.edges.k);
	free(g.follows.k);
	free(g.invited.k);
	free(g.deg);
	free(who);
}

void demo_release(struct demo_data *d)
{
	for (size_t i = 0; i < d->n_members; i++) {
		struct demo_member *m = &d->members[i];
		free(m->display_name);
		free(m->email);
		free(m->handle);
		free(m->headline);
		free(m->summary);
		free(m->positions);
		free(m->education);
		free(m->skills);
		free(m->languages);
	}
	free(d->members);
	free(d->connections);
	free(d->follows);
	for (size_t i = 0; i < d->n_invitations; i++)
		free(d->invitations[i].note);
	free(d->invitations);
	memset(d, 0, sizeof *d);
}
