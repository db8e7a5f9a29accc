/* test_demo — the demo data generator: determinism, the documented demo
 * account, the invariants demo.h promises (handles, emails, UTF-8, lengths,
 * pairs in range and without duplicates), and that the data looks like a
 * network (languages, completeness, degrees, hubs, invitations). */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "demo/demo.h"

/* ---- helpers ---------------------------------------------------------------- */

/* Strict UTF-8: no overlongs, no surrogates, nothing past U+10FFFF. */
static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

static void check_text(const char *s, size_t max)
{
	assert_non_null(s);
	assert_true(utf8_valid(s));
	assert_true(strlen(s) > 0);
	assert_true(strlen(s) <= max);
}

static bool handle_ok(const char *h)
{
	size_t n = strlen(h);
	if (n < 3 || n > 40 || h[0] < 'a' || h[0] > 'z' || h[n - 1] == '-' || strstr(h, "--"))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((h[i] >= 'a' && h[i] <= 'z') || (h[i] >= '0' && h[i] <= '9') || h[i] == '-'))
			return false;
	return true;
}

static bool date_ok(const char *s)
{
	if (strlen(s) != 7 || s[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return false;
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	return month >= 1 && month <= 12 && strcmp(s, "1950-01") >= 0 && strcmp(s, "2026-03") <= 0;
}

static bool in(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t upair(uint32_t a, uint32_t b)
{
	return a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
}

static bool sorted_has(const uint64_t *v, size_t n, uint64_t key)
{
	return bsearch(&key, v, n, sizeof *v, cmp_u64) != NULL;
}

/* Every invariant demo.h promises, for any size and seed. */
static void check_data(const struct demo_data *d)
{
	static const char *const vis[] = {"public", "members", "network", "private"};
	static const char *const kinds[] = {"basic", "premium", "recruiter"};
	static const char *const ckinds[] = {"vendor", "customer", "partner", "university"};
	size_t n = d->n_members;
	const char **handles = calloc(n ? n : 1, sizeof *handles);
	const char **emails = calloc(n ? n : 1, sizeof *emails);
	assert_non_null(handles);
	assert_non_null(emails);

	for (size_t i = 0; i < n; i++) {
		const struct demo_member *m = &d->members[i];
		check_text(m->display_name, 100);
		check_text(m->first_name, 100);
		check_text(m->last_name, 100);
		assert_true(handle_ok(m->handle));
		check_text(m->email, 60);
		if (i > 0) {
			char want[64];
			snprintf(want, sizeof want, "%s@demo.ties", m->handle);
			assert_string_equal(m->email, want);
		}
		handles[i] = m->handle;
		emails[i] = m->email;
		check_text(m->headline, DEMO_HEADLINE_MAX);
		if (m->summary)
			check_text(m->summary, DEMO_SUMMARY_MAX);
		check_text(m->location, 100);
		check_text(m->industry, 100);
		check_text(m->company, 100);
		assert_true(in(m->visibility, vis, 4));
		assert_true(in(m->kind, kinds, 3));
		assert_true(in(m->company_kind, ckinds, 4));

		for (size_t k = 0; k < m->n_positions; k++) {
			const struct demo_position *p = &m->positions[k];
			check_text(p->title, 100);
			check_text(p->company, 100);
			assert_true(date_ok(p->from));
			if (k == 0) {
				assert_string_equal(p->to, "");
				assert_string_equal(p->company, m->company);
			} else {
				assert_true(date_ok(p->to));
				assert_true(strcmp(p->from, p->to) <= 0);
				/* most recent first, no overlap */
				assert_true(strcmp(p->to, m->positions[k - 1].from) < 0);
			}
		}
		for (size_t k = 0; k < m->n_education; k++) {
			const struct demo_education *e = &m->education[k];
			check_text(e->school, 100);
			check_text(e->degree, 100);
			check_text(e->field, 100);
			assert_true(e->from_year >= 1950);
			assert_true(e->from_year < e->to_year);
			assert_true(e->to_year <= 2026);
		}
		if (m->n_skills)
			assert_true(m->n_skills >= 3 && m->n_skills <= 10);
		for (size_t k = 0; k < m->n_skills; k++) {
			check_text(m->skills[k], 80);
			for (size_t j = 0; j < k; j++)
				assert_true(strcasecmp(m->skills[j], m->skills[k]) != 0);
		}
		assert_true(m->n_languages >= 1);
		assert_string_equal(m->languages[0], m->lang);
		for (size_t k = 0; k < m->n_languages; k++) {
			const char *l = m->languages[k];
			assert_int_equal(strlen(l), 2);
			assert_true(l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z');
			for (size_t j = 0; j < k; j++)
				assert_string_not_equal(m->languages[j], l);
		}
		assert_true(in("en", m->languages, m->n_languages));
	}
	qsort(handles, n, sizeof *handles, cmp_str);
	qsort(emails, n, sizeof *emails, cmp_str);
	for (size_t i = 1; i < n; i++) {
		assert_string_not_equal(handles[i - 1], handles[i]);
		assert_string_not_equal(emails[i - 1], emails[i]);
	}
	free(handles);
	free(emails);

	/* connections: a < b, in range, unique */
	uint64_t *edges = calloc(d->n_connections + 1, sizeof *edges);
	assert_non_null(edges);
	for (size_t k = 0; k < d->n_connections; k++) {
		uint32_t a = d->connections[k][0], b = d->connections[k][1];
		assert_true(a < b);
		assert_true(b < n);
		edges[k] = upair(a, b);
	}
	qsort(edges, d->n_connections, sizeof *edges, cmp_u64);
	for (size_t k = 1; k < d->n_connections; k++)
		assert_true(edges[k - 1] != edges[k]);

	/* follows: in range, no self, unique, never between connected members */
	uint64_t *fol = calloc(d->n_follows + 1, sizeof *fol);
	assert_non_null(fol);
	for (size_t k = 0; k < d->n_follows; k++) {
		uint32_t a = d->follows[k][0], b = d->follows[k][1];
		assert_true(a < n && b < n);
		assert_true(a != b);
		assert_false(sorted_has(edges, d->n_connections, upair(a, b)));
		fol[k] = (uint64_t)a << 32 | b;
	}
	qsort(fol, d->n_follows, sizeof *fol, cmp_u64);
	for (size_t k = 1; k < d->n_follows; k++)
		assert_true(fol[k - 1] != fol[k]);
	free(fol);

	/* invitations: in range, no self, not connected, one per pair either way */
	uint64_t *inv = calloc(d->n_invitations + 1, sizeof *inv);
	assert_non_null(inv);
	for (size_t k = 0; k < d->n_invitations; k++) {
		const struct demo_invitation *v = &d->invitations[k];
		assert_true(v->from < n && v->to < n);
		assert_true(v->from != v->to);
		assert_false(sorted_has(edges, d->n_connections, upair(v->from, v->to)));
		if (v->note)
			check_text(v->note, 300);
		inv[k] = upair(v->from, v->to);
	}
	qsort(inv, d->n_invitations, sizeof *inv, cmp_u64);
	for (size_t k = 1; k < d->n_invitations; k++)
		assert_true(inv[k - 1] != inv[k]);
	free(inv);
	free(edges);
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool member_eq(const struct demo_member *a, const struct demo_member *b)
{
	if (!str_eq(a->display_name, b->display_name) || !str_eq(a->email, b->email) ||
	    !str_eq(a->handle, b->handle) || !str_eq(a->headline, b->headline) ||
	    !str_eq(a->summary, b->summary) || !str_eq(a->location, b->location) ||
	    !str_eq(a->industry, b->industry) || !str_eq(a->visibility, b->visibility) ||
	    !str_eq(a->kind, b->kind) || !str_eq(a->lang, b->lang) ||
	    !str_eq(a->company, b->company) || a->n_positions != b->n_positions ||
	    a->n_education != b->n_education || a->n_skills != b->n_skills ||
	    a->n_languages != b->n_languages)
		return false;
	for (size_t k = 0; k < a->n_positions; k++)
		if (!str_eq(a->positions[k].title, b->positions[k].title) ||
		    !str_eq(a->positions[k].company, b->positions[k].company) ||
		    strcmp(a->positions[k].from, b->positions[k].from) ||
		    strcmp(a->positions[k].to, b->positions[k].to))
			return false;
	for (size_t k = 0; k < a->n_education; k++)
		if (!str_eq(a->education[k].school, b->education[k].school) ||
		    !str_eq(a->education[k].degree, b->education[k].degree) ||
		    !str_eq(a->education[k].field, b->education[k].field) ||
		    a->education[k].from_year != b->education[k].from_year ||
		    a->education[k].to_year != b->education[k].to_year)
			return false;
	for (size_t k = 0; k < a->n_skills; k++)
		if (strcmp(a->skills[k], b->skills[k]))
			return false;
	for (size_t k = 0; k < a->n_languages; k++)
		if (strcmp(a->languages[k], b->languages[k]))
			return false;
	return true;
}

static bool data_eq(const struct demo_data *a, const struct demo_data *b)
{
	if (a->n_members != b->n_members || a->n_connections != b->n_connections ||
	    a->n_follows != b->n_follows || a->n_invitations != b->n_invitations)
		return false;
	for (size_t i = 0; i < a->n_members; i++)
		if (!member_eq(&a->members[i], &b->members[i]))
			return false;
	if (memcmp(a->connections, b->connections, a->n_connections * sizeof *a->connections) ||
	    memcmp(a->follows, b->follows, a->n_follows * sizeof *a->follows))
		return false;
	for (size_t k = 0; k < a->n_invitations; k++)
		if (a->invitations[k].from != b->invitations[k].from ||
		    a->invitations[k].to != b->invitations[k].to ||
		    !str_eq(a->invitations[k].note, b->invitations[k].note))
			return false;
	return true;
}

static size_t *degrees(const struct demo_data *d)
{
	size_t *deg = calloc(d->n_members + 1, sizeof *deg);
	assert_non_null(deg);
	for (size_t k = 0; k < d->n_connections; k++) {
		deg[d->connections[k][0]]++;
		deg[d->connections[k][1]]++;
	}
	return deg;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_invariants_default(void **state)
{
	(void)state;
	struct demo_data d;
	demo_generate(&d, 0, DEMO_DEFAULT_SEED);
	assert_int_equal(d.n_members, DEMO_DEFAULT_MEMBERS);
	check_data(&d);
	demo_release(&d);
}

static void test_invariants_many_seeds_and_sizes(void **state)
{
	(void)state;
	static const size_t sizes[] = {1, 2, 3, 7, 50, 400, 1500};
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
		for (uint64_t seed = 0; seed < 3; seed++) {
			struct demo_data d;
			demo_generate(&d, sizes[s], seed * 7919 + 1);
			assert_int_equal(d.n_members, sizes[s]);
			check_data(&d);
			demo_release(&d);
		}
}

static void test_member_zero(void **state)
{
	(void)state;
	struct demo_data d;
	demo_generate(&d, 400, 12345);
	const struct demo_member *a = &d.members[0];
	assert_string_equal(a->display_name, DEMO_ASTRID_NAME);
	assert_string_equal(a->display_name, "Astrid Lindqvist");
	assert_string_equal(a->email, "astrid@demo.ties");
	assert_string_equal(a->email, DEMO_ASTRID_EMAIL);
	assert_string_equal(a->handle, "astrid-lindqvist");
	assert_string_equal(a->handle, DEMO_ASTRID_HANDLE);
	assert_string_equal(DEMO_PASSWORD, "demo-password-2026");
	assert_string_equal(a->visibility, "public");
	assert_string_equal(a->company, "Nordvik Systems");
	/* complete profile */
	assert_non_null(a->summary);
	assert_true(a->n_positions >= 2);
	assert_string_equal(a->positions[0].to, "");
	assert_true(a->n_education >= 1);
	assert_true(a->n_skills >= 5);
	assert_true(a->n_languages >= 2);
	/* well connected, and with invitations waiting */
	size_t *deg = degrees(&d);
	assert_true(deg[0] >= 100);
	size_t incoming = 0, outgoing = 0;
	for (size_t k = 0; k < d.n_invitations; k++) {
		incoming += d.invitations[k].to == 0;
		outgoing += d.invitations[k].from == 0;
	}
	assert_true(incoming >= 3);
	assert_true(outgoing >= 1);
	free(deg);

	/* the same whatever the seed or size */
	struct demo_data e;
	demo_generate(&e, 1, 99);
	assert_int_equal(e.n_members, 1);
	assert_int_equal(e.n_connections, 0);
	assert_int_equal(e.n_invitations, 0);
	assert_true(member_eq(&d.members[0], &e.members[0]));
	demo_release(&e);
	demo_release(&d);
}

static void test_determinism(void **state)
{
	(void)state;
	struct demo_data a, b, c;
	demo_generate(&a, 400, 42);
	demo_generate(&b, 400, 42);
	demo_generate(&c, 400, 43);
	assert_true(data_eq(&a, &b));
	assert_false(data_eq(&a, &c));
	/* different seeds differ in the members too, not only in the network */
	size_t same = 0;
	for (size_t i = 1; i < a.n_members; i++)
		same += member_eq(&a.members[i], &c.members[i]);
	assert_true(same < a.n_members / 10);
	demo_release(&a);
	demo_release(&b);
	demo_release(&c);
}

static void test_prefix_stable(void **state)
{
	(void)state;
	struct demo_data small, big;
	demo_generate(&small, 120, 7);
	demo_generate(&big, 400, 7);
	for (size_t i = 0; i < small.n_members; i++)
		assert_true(member_eq(&small.members[i], &big.members[i]));
	demo_release(&small);
	demo_release(&big);
}

static void test_network_shape(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 4; seed++) {
		struct demo_data d;
		demo_generate(&d, 400, seed);
		size_t *deg = degrees(&d);
		size_t hubs = 0, isolated = 0;
		for (size_t i = 0; i < d.n_members; i++) {
			hubs += deg[i] >= 100;
			isolated += deg[i] == 0;
		}
		double avg = 2.0 * (double)d.n_connections / (double)d.n_members;
		assert_true(avg >= 15 && avg <= 30);
		assert_true(hubs >= 3);
		assert_true(isolated < d.n_members / 50);
		assert_true(d.n_follows >= d.n_members / 2);
		assert_true(d.n_invitations >= 10);

		/* colleagues are denser than strangers: most connections stay inside an
		 * organisation, but not all */
		size_t inside = 0;
		for (size_t k = 0; k < d.n_connections; k++)
			inside += !strcmp(d.members[d.connections[k][0]].company,
			                  d.members[d.connections[k][1]].company);
		assert_true(inside > d.n_connections / 2);
		assert_true(inside < d.n_connections);

		/* notes: personal ones, none at all, and stock texts */
		size_t with = 0, without = 0, stock = 0;
		for (size_t k = 0; k < d.n_invitations; k++) {
			const char *note = d.invitations[k].note;
			with += note != NULL;
			without += note == NULL;
			stock += note && (strstr(note, "professional network") ||
			                  strstr(note, "professionella nätverk") ||
			                  strstr(note, "profesjonelle nettverk") ||
			                  strstr(note, "professionelle netværk") ||
			                  strstr(note, "ammatilliseen verkostooni"));
		}
		assert_true(with > without);
		assert_true(without >= 1);
		assert_true(stock >= 1);
		assert_true(with > stock);
		free(deg);
		demo_release(&d);
	}
}

static void test_languages_and_variety(void **state)
{
	(void)state;
	static const char *const five[] = {"en", "sv", "no", "da", "fi"};
	static const char *const vis[] = {"public", "members", "network", "private"};
	struct demo_data d;
	demo_generate(&d, 400, DEMO_DEFAULT_SEED);
	for (size_t l = 0; l < 5; l++) {
		size_t own = 0;
		for (size_t i = 0; i < d.n_members; i++)
			own += !strcmp(d.members[i].lang, five[l]);
		assert_true(own >= 3);
	}
	size_t public = 0;
	for (size_t v = 0; v < 4; v++) {
		size_t c = 0;
		for (size_t i = 0; i < d.n_members; i++)
			c += !strcmp(d.members[i].visibility, vis[v]);
		assert_true(c >= 1);
		if (v == 0)
		public = c;
	}
	assert_true(public > d.n_members * 8 / 10);

	/* diacritics in names and places, folded away in handles */
	size_t nordic_letters = 0, folded = 0;
	for (size_t i = 0; i < d.n_members; i++) {
		const struct demo_member *m = &d.members[i];
		bool special = strpbrk(m->display_name, "\xc3") != NULL;
		nordic_letters += special;
		folded += special && handle_ok(m->handle);
	}
	assert_true(nordic_letters >= 20);
	assert_int_equal(folded, nordic_letters);

	/* namesakes get -2, -3 ... */
	struct demo_data big;
	demo_generate(&big, 3000, 5);
	size_t suffixed = 0;
	for (size_t i = 0; i < big.n_members; i++) {
		const char *h = big.members[i].handle;
		const char *dash = strrchr(h, '-');
		suffixed += dash && dash[1] >= '2' && dash[1] <= '9';
	}
	assert_true(suffixed >= 1);
	demo_release(&big);
	demo_release(&d);
}

static void test_completeness_spread(void **state)
{
	(void)state;
	struct demo_data d;
	demo_generate(&d, 400, DEMO_DEFAULT_SEED);
	size_t score_seen[6] = {0};
	size_t no_summary = 0, no_skills = 0, no_positions = 0, complete = 0;
	for (size_t i = 0; i < d.n_members; i++) {
		const struct demo_member *m = &d.members[i];
		int score = (m->summary != NULL) + (m->n_skills > 0) + (m->n_education > 0) +
		            (m->n_positions > 0) + (m->n_positions > 1);
		score_seen[score]++;
		no_summary += !m->summary;
		no_skills += !m->n_skills;
		no_positions += !m->n_positions;
		complete += score == 5;
	}
	assert_true(no_summary >= 10);
	assert_true(no_skills >= 5);
	assert_true(no_positions >= 3);
	assert_true(complete >= 40);
	size_t distinct = 0;
	for (int s = 0; s < 6; s++)
		distinct += score_seen[s] > 0;
	assert_true(distinct >= 4);
	/* most profiles are reasonably filled in */
	assert_true(score_seen[4] + score_seen[5] + score_seen[3] > d.n_members / 2);
	demo_release(&d);
}

static void test_release_is_safe(void **state)
{
	(void)state;
	struct demo_data d;
	memset(&d, 0, sizeof d);
	demo_release(&d);
	demo_generate(&d, 30, 1);
	demo_release(&d);
	demo_release(&d);
	assert_null(d.members);
	assert_int_equal(d.n_members, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_invariants_default),
	    cmocka_unit_test(test_invariants_many_seeds_and_sizes),
	    cmocka_unit_test(test_member_zero),
	    cmocka_unit_test(test_determinism),
	    cmocka_unit_test(test_prefix_stable),
	    cmocka_unit_test(test_network_shape),
	    cmocka_unit_test(test_languages_and_variety),
	    cmocka_unit_test(test_completeness_spread),
	    cmocka_unit_test(test_release_is_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
