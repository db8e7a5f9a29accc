/* Unit tests for src/search: ranking (tier, BM25F fields, strength),
 * AND and phrase matching, stemming and accents across languages, filters,
 * facets, typeahead, paging, bad queries, put/replace/remove, equality with
 * a rebuilt index, highlight byte ranges, the fields a searcher may see
 * (matching, scores, highlights, filters, facets, typeahead), and ranking
 * with a near list (the same page as without, estimated totals). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/search.h"

#define NMEM 1200

static struct text_ctx ctx;
static struct search_index idx;
static struct search_result res;
static struct fail fl;
static int tiers[NMEM];
static bool dropped[NMEM];
static unsigned masks[NMEM];
static unsigned mask_calls;
static bool use_masks; /* query() passes mask_of */

static int tier_of(uint32_t m, void *arg)
{
	(void)arg;
	return m < NMEM ? tiers[m] : 4;
}

static bool keep_of(uint32_t m, void *arg)
{
	(void)arg;
	return m >= NMEM || !dropped[m];
}

static unsigned mask_of(uint32_t m, void *arg)
{
	(void)arg;
	mask_calls++;
	return m < NMEM ? masks[m] : SEARCH_SEE_ALL;
}

static int group_setup(void **state)
{
	(void)state;
	text_ctx_init(&ctx);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	text_ctx_release(&ctx);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	search_init(&idx);
	search_result_init(&res);
	memset(&fl, 0, sizeof fl);
	for (int i = 0; i < NMEM; i++) {
		tiers[i] = 4;
		dropped[i] = false;
		masks[i] = SEARCH_SEE_ALL;
	}
	mask_calls = 0;
	use_masks = false;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	search_result_release(&res);
	search_release(&idx);
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

struct pdoc {
	const char *name, *headline, *summary, *location, *industry;
	const char *title[4], *company[4];
	bool current[4];
	const char *edu[4], *skills[8], *langs[4];
	unsigned strength;
};

static size_t count(const char *const *v, size_t max)
{
	size_t n = 0;
	while (n < max && v[n])
		n++;
	return n;
}

static enum err put_try(struct search_index *x, uint32_t m, const struct pdoc *p)
{
	struct search_position pos[4];
	size_t np = 0;
	for (; np < 4 && (p->title[np] || p->company[np]); np++)
		pos[np] = (struct search_position){p->title[np], p->company[np], p->current[np]};
	struct search_doc d = {
	    .name = p->name,
	    .headline = p->headline,
	    .summary = p->summary,
	    .location = p->location,
	    .industry = p->industry,
	    .positions = pos,
	    .npositions = np,
	    .education = p->edu,
	    .neducation = count(p->edu, 4),
	    .skills = p->skills,
	    .nskills = count(p->skills, 8),
	    .languages = p->langs,
	    .nlanguages = count(p->langs, 4),
	    .strength = p->strength,
	};
	return search_put(x, &ctx, m, &d, &fl);
}

static void put(uint32_t m, const struct pdoc *p)
{
	enum err e = put_try(&idx, m, p);
	if (e)
		fail_msg("put %u: %s (%s)", m, err_code(e), fl.detail ? fl.detail : "");
}

static struct search_query query(const char *q, unsigned langs)
{
	struct search_query sq = {
	    .q = q,
	    .qlen = strlen(q),
	    .langs = langs,
	    .tier = tier_of,
	    .keep = keep_of,
	    .limit = 100,
	    .fields = use_masks ? mask_of : NULL,
	};
	return sq;
}

static enum err run_q(const struct search_query *sq)
{
	memset(&fl, 0, sizeof fl);
	return search_query(&idx, &ctx, sq, &res, &fl);
}

static enum err run(const char *q, unsigned langs)
{
	struct search_query sq = query(q, langs);
	return run_q(&sq);
}

/* Asserts the hits are exactly want[0..n), in order. */
static void expect(const char *q, unsigned langs, const uint32_t *want, size_t n)
{
	enum err e = run(q, langs);
	if (e)
		fail_msg("query '%s': %s (%s)", q, err_code(e), fl.detail);
	char got[512] = "";
	size_t len = 0;
	for (size_t i = 0; i < res.nhits && len < sizeof got - 16; i++)
		len += (size_t)snprintf(got + len, sizeof got - len, " %u", res.hits[i].member);
	if (res.nhits != n)
		fail_msg("query '%s': %zu hits (%s), want %zu", q, res.nhits, got, n);
	for (size_t i = 0; i < n; i++)
		if (res.hits[i].member != want[i])
			fail_msg("query '%s': hit %zu is %u (%s), want %u", q, i,
			         res.hits[i].member, got, want[i]);
	assert_int_equal(res.total, n);
}

#define EXPECT(q, langs, ...)                                                                      \
	do {                                                                                       \
		const uint32_t want_[] = {__VA_ARGS__};                                            \
		expect(q, langs, want_, sizeof want_ / sizeof want_[0]);                           \
	} while (0)
#define EXPECT_NONE(q, langs) expect(q, langs, NULL, 0)

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Asserts the set of hits is want[0..n) (sorted), whatever the order. */
static void expect_set(const char *q, unsigned langs, const uint32_t *want, size_t n)
{
	enum err e = run(q, langs);
	if (e)
		fail_msg("query '%s': %s (%s)", q, err_code(e), fl.detail);
	uint32_t got[64] = {0};
	assert_true(res.nhits <= 64);
	for (size_t i = 0; i < res.nhits; i++)
		got[i] = res.hits[i].member;
	qsort(got, res.nhits, sizeof *got, u32_cmp);
	if (res.nhits != n)
		fail_msg("query '%s': %zu hits, want %zu", q, res.nhits, n);
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("query '%s': hit set differs at %zu: %u, want %u", q, i, got[i],
			         want[i]);
	assert_int_equal(res.total, n);
}

#define EXPECT_SET(q, langs, ...)                                                                  \
	do {                                                                                       \
		const uint32_t want_[] = {__VA_ARGS__};                                            \
		expect_set(q, langs, want_, sizeof want_ / sizeof want_[0]);                       \
	} while (0)

static const unsigned SV = 1u << LANG_SV, FI = 1u << LANG_FI, NO = 1u << LANG_NO;

/* ---- ranking ------------------------------------------------------------ */

static void tiers_come_first(void **state)
{
	(void)state;
	for (uint32_t m = 1; m <= 6; m++)
		put(m, &(struct pdoc){.name = "Some One", .headline = "Lean consultant"});
	tiers[1] = 4;
	tiers[2] = 0;
	tiers[3] = 2;
	tiers[4] = 1;
	tiers[5] = -1; /* private or blocked: never shown */
	tiers[6] = 3;
	EXPECT("lean consultant", 0, 2, 4, 3, 6, 1);
	assert_int_equal(res.hits[0].tier, 0);
	assert_int_equal(res.hits[4].tier, 4);
	/* relevance never lifts a hit over a better tier */
	put(7, &(struct pdoc){.name = "Lean Consultant", .headline = "Lean consultant, lean"});
	tiers[7] = 1;
	EXPECT("lean consultant", 0, 2, 7, 4, 3, 6, 1);
}

static void name_and_headline_outweigh_summary(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.name = "Per Svensson",
	                      .headline = "Project manager",
	                      .summary = "Lean is how I work with my teams every day."});
	put(2, &(struct pdoc){.name = "Eva Berg", .headline = "Lean coach"});
	put(3, &(struct pdoc){.name = "Lean Holm", .headline = "Carpenter"});
	put(4, &(struct pdoc){.name = "Ola Dahl", .headline = "Carpenter", .skills = {"Lean"}});
	EXPECT("lean", 0, 3, 2, 4, 1);
	assert_true(res.hits[0].score > res.hits[1].score);
	assert_true(res.hits[1].score > res.hits[2].score);
	assert_true(res.hits[2].score > res.hits[3].score);
	assert_int_equal(res.hits[0].fields, 1u << SF_NAME);
	assert_int_equal(res.hits[1].fields, 1u << SF_HEADLINE);
	assert_int_equal(res.hits[3].fields, 1u << SF_SUMMARY);
}

static void relevance_then_strength_then_member(void **state)
{
	(void)state;
	put(10, &(struct pdoc){.headline = "Agile coach", .strength = 50});
	put(11, &(struct pdoc){.headline = "Agile coach", .strength = 90});
	put(12, &(struct pdoc){.headline = "Agile coach", .strength = 50});
	put(13, &(struct pdoc){.headline = "Agile agile coach", .strength = 10});
	/* more matches in the same field score higher; equal scores go by
	 * strength, then by member number */
	EXPECT("agile", 0, 13, 11, 10, 12);
	assert_true(res.hits[0].score > res.hits[1].score);
	assert_true(res.hits[1].score == res.hits[2].score);
	assert_int_equal(res.hits[1].strength, 90);
	/* a rare word weighs more than a common one */
	put(14, &(struct pdoc){.headline = "Agile", .summary = "Kanban"});
	put(15, &(struct pdoc){.headline = "Kanban", .summary = "Agile"});
	EXPECT("agile kanban", 0, 15, 14);
}

/* ---- matching ----------------------------------------------------------- */

static void all_words_must_match(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.headline = "Lean consultant"});
	put(2, &(struct pdoc){.headline = "Lean engineer"});
	put(3, &(struct pdoc){.headline = "Consultant"});
	put(4, &(struct pdoc){.headline = "Lean", .title = {"Senior consultant"}});
	EXPECT_SET("lean consultant", 0, 1, 4);
	EXPECT_SET("consultant lean", 0, 1, 4);
	EXPECT("lean", 0, 4, 1, 2); /* the shortest headline first */
	EXPECT_NONE("lean consultant engineer", 0);
	EXPECT_NONE("lean nosuchword", 0);
	assert_false(res.more);
}

static void phrases_match_in_order_within_one_item(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.headline = "Project manager at Volvo"});
	put(2, &(struct pdoc){.headline = "Manager of project teams"});
	put(3, &(struct pdoc){.headline = "Carpenter", .skills = {"Project", "Manager"}});
	put(4, &(struct pdoc){.headline = "Project", .summary = "manager"});
	put(5, &(struct pdoc){.title = {"Project", "Manager"}});
	put(6, &(struct pdoc){.headline = "Senior project managers"});
	EXPECT_SET("\"project manager\"", 0, 1, 6);
	EXPECT_SET("project manager", 0, 1, 2, 3, 4, 5, 6);
	EXPECT_SET("\xe2\x80\x9cproject manager\xe2\x80\x9d", 0, 1, 6); /* “...” */
	EXPECT_NONE("\"manager project\"", 0);
	EXPECT("\"project manager\" volvo", 0, 1);
	EXPECT("\"manager of project\"", 0, 2);
}

static void words_match_across_forms_and_languages(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.headline = "Konsulter inom lean", .langs = {"sv"}});
	put(2, &(struct pdoc){.headline = "Insinöörit", .langs = {"fi"}});
	put(3, &(struct pdoc){.headline = "Consultants", .location = "Malmö"});
	put(4, &(struct pdoc){.headline = "Konsulenter", .location = "Tromsø", .langs = {"nb"}});
	put(5, &(struct pdoc){.headline = "Ingenjörer", .langs = {"sv"}});
	EXPECT("konsult", SV, 1);
	EXPECT("konsulterna", SV, 1);
	EXPECT("insinööri", FI, 2);
	EXPECT("insinoori", FI, 2); /* typed without accents */
	EXPECT("consultant", 0, 3);
	EXPECT("malmo", 0, 3);
	EXPECT("MALMÖ", 0, 3);
	EXPECT("konsulent", NO, 4);
	EXPECT("tromso", 0, 4);
	EXPECT("ingenjor", SV, 5);
	EXPECT("ingenjör", SV, 5);
	/* stop words of the searcher's language are dropped */
	put(6, &(struct pdoc){.headline = "Lean-konsult", .langs = {"sv"}});
	EXPECT_SET("konsult inom lean", SV, 1, 6);
	EXPECT("inom", SV, 1); /* alone it is a word like any other */
	EXPECT_SET("konsult lean", SV, 1, 6);
	EXPECT_NONE("\"konsult lean\"", SV); /* phrases keep their stop words */
	EXPECT("\"konsult inom lean\"", SV, 1);
	EXPECT("\"lean konsult\"", SV, 6);
}

static void names_are_not_stemmed(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.name = "Ann Lind", .langs = {"sv"}});
	put(2, &(struct pdoc){.name = "Anna Berg", .langs = {"sv"}});
	put(3, &(struct pdoc){.name = "Åsa Öberg"});
	EXPECT("anna", SV, 2);
	EXPECT("ann", SV, 1);
	EXPECT("asa oberg", 0, 3);
}

/* ---- filters and facets ------------------------------------------------- */

static void filters_narrow_the_hits(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.headline = "Developer",
	                      .title = {"Developer", "Intern"},
	                      .company = {"Volvo Cars", "Spotify"},
	                      .current = {true, false},
	                      .location = "Malmö",
	                      .industry = "Automotive",
	                      .skills = {"C", "Rust"},
	                      .langs = {"sv", "de"}});
	put(2, &(struct pdoc){.headline = "Developer",
	                      .title = {"Developer", "Developer"},
	                      .company = {"Spotify", "Volvo Cars"},
	                      .current = {true, false},
	                      .location = "Göteborg",
	                      .industry = "Music",
	                      .skills = {"Rust"},
	                      .langs = {"sv"}});
	put(3, &(struct pdoc){.headline = "Developer", .location = "malmo", .skills = {"Go"}});
	struct search_query q = query("developer", 0);
	q.filter[SX_COMPANY] = "volvo cars";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 1);
	assert_int_equal(res.hits[0].member, 1);
	q.filter[SX_COMPANY] = NULL;
	q.filter[SX_PAST_COMPANY] = "VOLVO CARS";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 1);
	assert_int_equal(res.hits[0].member, 2);
	q.filter[SX_PAST_COMPANY] = NULL;
	q.filter[SX_LOCATION] = "Malmo";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 2);
	assert_int_equal(res.hits[0].member, 1);
	assert_int_equal(res.hits[1].member, 3);
	q.filter[SX_INDUSTRY] = "automotive";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 1);
	assert_int_equal(res.hits[0].member, 1);
	q.filter[SX_LOCATION] = q.filter[SX_INDUSTRY] = NULL;
	q.filter[SX_SKILL] = "rust";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 2);
	q.filter[SX_SKILL] = "Rus"; /* exact values, not prefixes */
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 0);
	q.filter[SX_SKILL] = NULL;
	q.filter[SX_LANGUAGE] = "DE";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 1);
	assert_int_equal(res.hits[0].member, 1);
	q.filter[SX_LANGUAGE] = "nosuchvalue";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 0);
	q.filter[SX_LANGUAGE] = "\xff";
	assert_int_equal(run_q(&q), E_BAD_QUERY);
	/* the caller's predicate */
	q.filter[SX_LANGUAGE] = NULL;
	dropped[2] = true;
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 2);
	assert_int_equal(res.hits[0].member, 1);
	assert_int_equal(res.hits[1].member, 3);
}

static void facets_count_the_whole_visible_set(void **state)
{
	(void)state;
	/* 30 developers: 12 at Volvo, 8 at Spotify, 10 nowhere; one hidden */
	for (uint32_t m = 0; m < 30; m++) {
		const char *co = m < 12 ? (m % 2 ? "Volvo" : "VOLVO") : m < 20 ? "Spotify" : NULL;
		const char *loc = m % 3 == 0 ? "Malmö" : m % 3 == 1 ? "Lund" : "Ystad";
		put(m, &(struct pdoc){.headline = "Developer",
		                      .title = {"Developer"},
		                      .company = {co},
		                      .current = {true},
		                      .location = loc});
	}
	put(40, &(struct pdoc){.headline = "Developer",
	                       .title = {"Dev"},
	                       .company = {"Ikea"},
	                       .current = {false},
	                       .location = "Malmo"});
	tiers[13] = -1;
	struct search_query q = query("developer", 0);
	q.limit = 5;
	q.nfacets = 5;
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 5);
	assert_int_equal(res.total, 30);
	assert_int_equal(res.ncompanies, 2);                  /* Ikea is a past company */
	assert_string_equal(res.companies[0].value, "VOLVO"); /* as member 0 wrote it */
	assert_int_equal(res.companies[0].count, 12);
	assert_string_equal(res.companies[1].value, "Spotify");
	assert_int_equal(res.companies[1].count, 7); /* 13 is hidden */
	assert_int_equal(res.nlocations, 3);
	assert_string_equal(res.locations[0].value, "Malmö");
	assert_int_equal(res.locations[0].count, 11);
	assert_int_equal(res.locations[1].count, 10);
	assert_int_equal(res.locations[2].count, 9); /* Lund: 13 is hidden */
	assert_string_equal(res.locations[1].value, "Ystad");
	assert_string_equal(res.locations[2].value, "Lund");
	/* the top value only */
	q.nfacets = 1;
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.ncompanies, 1);
	assert_int_equal(res.nlocations, 1);
	assert_int_equal(res.companies[0].count, 12);
	/* counts restart at zero on every query */
	q.filter[SX_COMPANY] = "spotify";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.ncompanies, 1);
	assert_int_equal(res.companies[0].count, 7);
	/* when member 0 leaves, the display comes from the next lowest member */
	search_remove(&idx, &ctx, 0);
	q.filter[SX_COMPANY] = NULL;
	q.nfacets = 2;
	assert_int_equal(run_q(&q), E_OK);
	assert_string_equal(res.companies[0].value, "Volvo");
	assert_int_equal(res.companies[0].count, 11);
	q.nfacets = SEARCH_MAX_FACETS + 1;
	assert_int_equal(run_q(&q), E_BAD_QUERY);
	assert_string_equal(fl.field, "nfacets");
}

/* ---- paging ------------------------------------------------------------- */

static void pages_and_the_depth_limit(void **state)
{
	(void)state;
	for (uint32_t m = 0; m < 1100; m++)
		put(m, &(struct pdoc){.headline = "Engineer", .strength = m % 101});
	struct search_query q = query("engineer", 0);
	q.limit = 100;
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 1100);
	assert_int_equal(res.nhits, 100);
	assert_true(res.more);
	assert_int_equal(res.next, 100);
	uint32_t last = res.hits[99].member;
	uint8_t last_strength = res.hits[99].strength;
	q.offset = res.next;
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 100);
	/* page 2 continues page 1: strength descending, then member */
	assert_true(res.hits[0].strength < last_strength ||
	            (res.hits[0].strength == last_strength && res.hits[0].member > last));
	q.offset = 950;
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 50); /* cut at 1000 deep */
	assert_false(res.more);
	q.offset = 900;
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 100);
	assert_false(res.more);
	q.offset = SEARCH_MAX_DEPTH;
	assert_int_equal(run_q(&q), E_BAD_QUERY);
	assert_string_equal(fl.field, "offset");
	q.offset = 0;
	q.limit = 101;
	assert_int_equal(run_q(&q), E_BAD_QUERY);
	assert_string_equal(fl.field, "limit");
	q.limit = 0;
	assert_int_equal(run_q(&q), E_BAD_QUERY);
	/* a short list ends without more */
	q = query("engineer", 0);
	q.limit = 7;
	q.filter[SX_LOCATION] = "nowhere";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 0);
	assert_false(res.more);
}

static void bad_queries_are_rejected(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.headline = "Lean consultant"});
	const char *bad[] = {
	    "",
	    "   ",
	    "!!! ...",
	    "\"lean consultant",
	    "lean \xe2\x80\x9c consultant",
	    "lean \xc0\xaf",
	    "lean \xed\xa0\x80",
	    "a b c d e f g h i j k l m n o p q",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&fl, 0, sizeof fl);
		if (run(bad[i], 0) != E_BAD_QUERY)
			fail_msg("query %zu '%s' was accepted", i, bad[i]);
		assert_string_equal(fl.field, "q");
		assert_non_null(fl.detail);
		assert_int_equal(res.nhits, 0);
	}
	char big[SEARCH_MAX_QUERY_BYTES + 2];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(run(big, 0), E_BAD_QUERY);
	big[SEARCH_MAX_QUERY_BYTES] = '\0'; /* exactly 200 bytes: fine */
	assert_int_equal(run(big, 0), E_OK);
	assert_int_equal(run("a b c d e f g h i j k l m n o p", 0), E_OK); /* 16 words */
	assert_int_equal(run("\"\" lean", 0), E_OK); /* an empty phrase is nothing */
	assert_int_equal(res.nhits, 1);
}

/* ---- updates ------------------------------------------------------------ */

static void put_replaces_and_remove_removes(void **state)
{
	(void)state;
	put(5, &(struct pdoc){.name = "Kim Ek", .headline = "Lean coach", .location = "Lund"});
	put(6, &(struct pdoc){.name = "Bo Ek", .headline = "Lean coach"});
	EXPECT("lean", 0, 5, 6);
	put(5, &(struct pdoc){.name = "Kim Ek", .headline = "Agile coach", .location = "Malmö"});
	EXPECT("lean", 0, 6);
	EXPECT("agile", 0, 5);
	EXPECT("coach", 0, 5, 6);
	struct search_query q = query("coach", 0);
	q.filter[SX_LOCATION] = "lund";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 0);
	q.filter[SX_LOCATION] = "malmö";
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 1);
	assert_true(search_has(&idx, 5));
	search_remove(&idx, &ctx, 5);
	assert_false(search_has(&idx, 5));
	EXPECT_NONE("agile", 0);
	EXPECT("coach", 0, 6);
	search_remove(&idx, &ctx, 5); /* again: nothing */
	search_remove(&idx, &ctx, 999);
	search_remove(&idx, &ctx, 6);
	struct search_stats st;
	search_stats_get(&idx, &st);
	assert_int_equal(st.docs, 0);
	assert_int_equal(st.postings, 0);
	assert_int_equal(st.terms, 0);
	assert_int_equal(st.values, 0);
	assert_int_equal(st.name_words, 0);
	EXPECT_NONE("coach", 0);
}

static void bad_documents_leave_the_index_alone(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.headline = "Lean coach"});
	assert_int_equal(put_try(&idx, 1, &(struct pdoc){.headline = "bad \xff"}), E_BAD_UTF8);
	assert_string_equal(fl.field, "headline");
	assert_int_equal(put_try(&idx, 1, &(struct pdoc){.headline = "x", .strength = 101}),
	                 E_BAD_FIELD);
	assert_int_equal(put_try(&idx, 1, &(struct pdoc){.title = {"ok", "b\xc3"}}), E_BAD_UTF8);
	assert_string_equal(fl.field, "positions.title");
	assert_int_equal(put_try(&idx, UINT32_MAX, &(struct pdoc){.headline = "x"}), E_BAD_FIELD);
	const char *many[SEARCH_MAX_ITEMS + 1];
	for (size_t i = 0; i <= SEARCH_MAX_ITEMS; i++)
		many[i] = "skill";
	struct search_doc d = {.skills = many, .nskills = SEARCH_MAX_ITEMS + 1};
	assert_int_equal(search_put(&idx, &ctx, 1, &d, &fl), E_TOO_MANY);
	char *longv = malloc(SEARCH_MAX_VALUE + 2);
	memset(longv, 'a', SEARCH_MAX_VALUE + 1);
	longv[SEARCH_MAX_VALUE + 1] = '\0';
	struct search_doc dl = {.summary = longv};
	assert_int_equal(search_put(&idx, &ctx, 1, &dl, &fl), E_TOO_LONG);
	free(longv);
	EXPECT("lean", 0, 1);
}

static void long_fields_index_their_first_words(void **state)
{
	(void)state;
	/* 5000 words: positions past 1 << SEARCH_POS_BITS are not indexed */
	size_t n = 5000 * 5 + 8;
	char *text = malloc(n);
	size_t k = 0;
	for (int i = 0; i < 5000; i++) {
		memcpy(text + k, "lean ", 5);
		k += 5;
	}
	memcpy(text + k, "needle", 7);
	put(1, &(struct pdoc){.headline = "Coach", .summary = text});
	EXPECT("lean", 0, 1);
	assert_int_equal(res.hits[0].nhl, 1u << SEARCH_POS_BITS);
	EXPECT_NONE("needle", 0);
	EXPECT("\"lean lean lean\"", 0, 1);
	search_remove(&idx, &ctx, 1);
	EXPECT_NONE("lean", 0);
	free(text);
}

/* ---- equality with a rebuilt index -------------------------------------- */

static uint64_t rng = 88172645463325252ull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const words[] = {
    "lean",     "konsult",    "konsulter", "consultant", "insinööri", "Malmö",   "Tromsø",
    "project",  "manager",    "agile",     "coach",      "Volvo",     "Spotify", "engineer",
    "ingenjör", "utvecklare", "och",       "of",         "the",       "Ærø",     "data",
};
static const char *const names[] = {"Anna", "Anders", "Lind", "Berg", "Åsa", "Östlund", "Kim"};
static const char *const langs[] = {"sv", "fi", "no", "da", "de"};

static void random_doc(struct pdoc *p, char bufs[6][128])
{
	memset(p, 0, sizeof *p);
	for (int f = 0; f < 6; f++) {
		size_t n = 0, k = 1 + rnd(5);
		bufs[f][0] = '\0';
		/* mostly one space between words, as stored most compactly */
		static const char *const gaps[] = {" ", " ", " ", ", ", "  ", " – ", "/"};
		for (size_t i = 0; i < k; i++)
			n += (size_t)snprintf(bufs[f] + n, 128 - n, "%s%s", i ? gaps[rnd(7)] : "",
			                      f == 0 ? names[rnd(7)] : words[rnd(21)]);
		if (rnd(4) == 0)
			snprintf(bufs[f] + n, 128 - n, "%s", rnd(2) ? "." : " (x) ");
	}
	p->name = bufs[0];
	p->headline = bufs[1];
	p->summary = rnd(2) ? bufs[2] : NULL;
	p->title[0] = bufs[3];
	p->company[0] = words[rnd(21)];
	p->current[0] = rnd(2);
	p->title[1] = bufs[4];
	p->company[1] = words[rnd(21)];
	p->skills[0] = words[rnd(21)];
	p->skills[1] = words[rnd(21)];
	p->location = rnd(3) ? words[rnd(21)] : NULL;
	p->industry = bufs[5];
	p->langs[0] = langs[rnd(5)];
	p->strength = rnd(101);
}

static void live_equals_rebuilt(void **state)
{
	(void)state;
	enum { N = 150, OPS = 1500 };
	static struct pdoc docs[N];
	static char text[N][6][128];
	static bool live[N];
	memset(live, 0, sizeof live);
	for (int op = 0; op < OPS; op++) {
		uint32_t m = rnd(N);
		if (rnd(5) == 0) {
			search_remove(&idx, &ctx, m);
			live[m] = false;
		} else {
			random_doc(&docs[m], text[m]);
			put(m, &docs[m]);
			live[m] = true;
		}
	}
	struct search_index b;
	search_init(&b);
	for (uint32_t m = 0; m < N; m++)
		if (live[m])
			assert_int_equal(put_try(&b, m, &docs[m]), E_OK);
	search_compact(&b);
	struct buf why;
	buf_init(&why, 0);
	if (!search_equal(&idx, &b, &why))
		fail_msg("live != rebuilt: %s", why.p);
	assert_true(search_equal(&b, &idx, NULL));
	/* and they answer alike */
	const char *qs[] = {"lean", "konsult", "\"project manager\"", "malmo coach", "anna"};
	struct search_result rb;
	search_result_init(&rb);
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		struct search_query q = query(qs[i], SV | FI);
		q.nfacets = 3;
		assert_int_equal(search_query(&idx, &ctx, &q, &res, &fl), E_OK);
		assert_int_equal(search_query(&b, &ctx, &q, &rb, &fl), E_OK);
		assert_int_equal(res.total, rb.total);
		assert_int_equal(res.nhits, rb.nhits);
		assert_int_equal(res.nhls, rb.nhls);
		for (size_t h = 0; h < res.nhits; h++) {
			assert_int_equal(res.hits[h].member, rb.hits[h].member);
			assert_true(res.hits[h].score == rb.hits[h].score);
		}
		assert_int_equal(res.ncompanies, rb.ncompanies);
		for (size_t c = 0; c < res.ncompanies; c++)
			assert_string_equal(res.companies[c].value, rb.companies[c].value);
	}
	search_result_release(&rb);
	/* a difference is found and named */
	uint32_t m = 0;
	while (live[m])
		m++;
	put(m, &(struct pdoc){.headline = "extra"});
	buf_reset(&why);
	assert_false(search_equal(&idx, &b, &why));
	assert_true(why.n > 0);
	search_remove(&idx, &ctx, m);
	assert_true(search_equal(&idx, &b, NULL));
	uint32_t v = 0;
	while (!live[v])
		v++;
	docs[v].strength = (docs[v].strength + 1) % 101;
	put(v, &docs[v]);
	assert_false(search_equal(&idx, &b, NULL));
	buf_release(&why);
	search_release(&b);
}

/* ---- highlights --------------------------------------------------------- */

static bool hl_is(const struct search_hl *h, unsigned field, unsigned item, const char *text,
                  const char *word)
{
	return h->field == field && h->item == item && h->end - h->start == strlen(word) &&
	       memcmp(text + h->start, word, strlen(word)) == 0;
}

static void highlights_point_at_the_words(void **state)
{
	(void)state;
	const char *headline = "Senior Lean Consultant";
	const char *summary = "Works with lean methods in Malmö and lean startups.";
	put(1, &(struct pdoc){.name = "Åsa Lean",
	                      .headline = headline,
	                      .summary = summary,
	                      .title = {"Developer", "Lean coach"},
	                      .company = {"Spotify", "Volvo"},
	                      .location = "Malmö"});
	assert_int_equal(run("lean", 0), E_OK);
	assert_int_equal(res.nhits, 1);
	const struct search_hit *h = &res.hits[0];
	assert_int_equal(h->fields, (1u << SF_NAME) | (1u << SF_HEADLINE) | (1u << SF_SUMMARY) |
	                                (1u << SF_TITLE));
	assert_int_equal(h->nhl, 5);
	const struct search_hl *hl = res.hls + h->hl;
	assert_true(hl_is(&hl[0], SF_NAME, 0, "Åsa Lean", "Lean"));
	assert_int_equal(hl[0].start, 5); /* "Å" is two bytes */
	assert_true(hl_is(&hl[1], SF_HEADLINE, 0, headline, "Lean"));
	assert_true(hl_is(&hl[2], SF_SUMMARY, 0, summary, "lean"));
	assert_int_equal(hl[2].start, 11);
	assert_true(hl_is(&hl[3], SF_SUMMARY, 0, summary, "lean"));
	assert_int_equal(hl[3].start, 38);
	assert_true(hl_is(&hl[4], SF_TITLE, 1, "Lean coach", "Lean")); /* the 2nd position */

	/* accents folded in the query, bytes of the original in the range */
	assert_int_equal(run("malmo", 0), E_OK);
	h = &res.hits[0];
	assert_int_equal(h->nhl, 2);
	hl = res.hls + h->hl;
	assert_true(hl_is(&hl[0], SF_SUMMARY, 0, summary, "Malmö"));
	assert_int_equal(hl[0].end - hl[0].start, 6);
	assert_true(hl_is(&hl[1], SF_LOCATION, 0, "Malmö", "Malmö"));

	/* a phrase lights its words, only where the phrase is */
	assert_int_equal(run("\"lean startups\"", 0), E_OK);
	h = &res.hits[0];
	assert_int_equal(h->nhl, 2);
	hl = res.hls + h->hl;
	assert_true(hl_is(&hl[0], SF_SUMMARY, 0, summary, "lean"));
	assert_int_equal(hl[0].start, 38);
	assert_true(hl_is(&hl[1], SF_SUMMARY, 0, summary, "startups"));

	/* stems light the inflected word; a second hit's ranges follow */
	put(2, &(struct pdoc){.headline = "Consultants and coaches"});
	assert_int_equal(run("consultant", 0), E_OK);
	assert_int_equal(res.nhits, 2);
	for (size_t i = 0; i < 2; i++) {
		h = &res.hits[i];
		assert_int_equal(h->nhl, 1);
		const char *text = h->member == 1 ? headline : "Consultants and coaches";
		const char *word = h->member == 1 ? "Consultant" : "Consultants";
		assert_true(hl_is(&res.hls[h->hl], SF_HEADLINE, 0, text, word));
	}
}

static void stored_text_comes_back_byte_for_byte(void **state)
{
	(void)state;
	/* documents are stored as word ids with the bytes between the words:
	 * highlights and facet values must still be the member's own bytes */
	const char *company = "  Volvo\tCars,  AB (publ). ";
	const char *summary = "—Lean!\n\nlean  lean… (lean)";
	const char *title = "Lean-coach / léan";
	put(7, &(struct pdoc){.name = "Ann O'Brien-Lean",
	                      .headline = "!!! ...",
	                      .summary = summary,
	                      .title = {NULL, title},
	                      .company = {company, NULL},
	                      .current = {true},
	                      .location = "—Malmö—",
	                      .skills = {"C++", "lean"}});
	/* a lower member holds the same values, written otherwise: it gives
	 * them their display until it goes, and member 7's stored document is
	 * read back for it */
	put(3, &(struct pdoc){.headline = "Carpenter",
	                      .company = {"VOLVO CARS AB PUBL"},
	                      .current = {true},
	                      .location = "malmo"});
	struct search_query q = query("lean", 0);
	q.nfacets = 3;
	assert_int_equal(run_q(&q), E_OK);
	assert_string_equal(res.companies[0].value, "VOLVO CARS AB PUBL");
	assert_string_equal(res.locations[0].value, "malmo");
	search_remove(&idx, &ctx, 3);
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 1);
	assert_string_equal(res.companies[0].value, company);
	assert_string_equal(res.locations[0].value, "—Malmö—");
	const struct search_hit *h = &res.hits[0];
	const struct search_hl *hl = res.hls + h->hl;
	/* name, 4 in the summary, 2 in the title (item 1), 1 skill (item 1) */
	assert_int_equal(h->nhl, 8);
	assert_true(hl_is(&hl[0], SF_NAME, 0, "Ann O'Brien-Lean", "Lean"));
	assert_int_equal(hl[0].start, 12);
	static const unsigned sum_at[] = {3, 10, 16, 25};
	for (int i = 0; i < 4; i++) {
		assert_true(hl_is(&hl[1 + i], SF_SUMMARY, 0, summary, i ? "lean" : "Lean"));
		assert_int_equal(hl[1 + i].start, sum_at[i]);
	}
	assert_true(hl_is(&hl[5], SF_TITLE, 1, title, "Lean"));
	assert_true(hl_is(&hl[6], SF_TITLE, 1, title, "léan"));
	assert_int_equal(hl[6].start, 13);
	assert_true(hl_is(&hl[7], SF_SKILL, 1, "lean", "lean"));
	/* and a replaced document leaves nothing behind */
	put(7, &(struct pdoc){.name = "Ann", .headline = "Coach"});
	EXPECT_NONE("lean", 0);
	EXPECT_NONE("volvo", 0);
	EXPECT("coach", 0, 7);
	struct search_stats st;
	search_stats_get(&idx, &st);
	assert_int_equal(st.values, 0);
}

/* ---- fields the searcher may not see ------------------------------------ */

static const unsigned CARD = SEARCH_SEE_CARD;

static void hidden_fields_do_not_match(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.name = "Kim Ek",
	                      .headline = "Carpenter",
	                      .summary = "Secret lean expertise, project manager at heart"});
	put(2, &(struct pdoc){.name = "Bo Ek", .headline = "Lean coach"});
	put(3, &(struct pdoc){.name = "Lean Berg", .headline = "Carpenter", .skills = {"Lean"}});
	use_masks = true;
	EXPECT("lean", 0, 3, 2, 1);
	masks[1] = CARD;
	masks[3] = CARD;
	/* a word found only in a hidden field does not make a hit */
	EXPECT("lean", 0, 3, 2);
	assert_int_equal(res.hits[0].fields, 1u << SF_NAME); /* not the hidden skill */
	EXPECT_NONE("carpenter lean expertise", 0);
	EXPECT_NONE("\"project manager\"", 0);
	EXPECT("carpenter", 0, 1, 3); /* visible words still match */
	masks[1] = CARD | 1u << SF_SUMMARY;
	EXPECT("carpenter lean expertise", 0, 1);
	EXPECT("\"project manager\"", 0, 1);
	/* the mask is asked only about members that otherwise match */
	mask_calls = 0;
	EXPECT("expertise", 0, 1);
	assert_int_equal(mask_calls, 1);
	/* the caller may ask not to be asked */
	use_masks = false;
	masks[1] = 0;
	EXPECT("expertise", 0, 1);
}

static void hidden_fields_neither_score_nor_light(void **state)
{
	(void)state;
	const char *headline = "Lean coach";
	put(1, &(struct pdoc){.headline = headline, .summary = "Lean, lean and lean again."});
	put(2, &(struct pdoc){.headline = headline});
	put(3, &(struct pdoc){.headline = "Carpenter", .summary = "lean"}); /* df, avg alike */
	use_masks = true;
	EXPECT("lean", 0, 1, 2, 3);
	assert_true(res.hits[0].score > res.hits[1].score);
	assert_int_equal(res.hits[0].nhl, 4);
	masks[1] = CARD;
	EXPECT("lean", 0, 1, 2, 3); /* 1 and 2 score alike: member number */
	assert_true(res.hits[0].score == res.hits[1].score);
	const struct search_hit *h = &res.hits[0];
	assert_int_equal(h->fields, 1u << SF_HEADLINE);
	assert_int_equal(h->nhl, 1);
	assert_true(hl_is(&res.hls[h->hl], SF_HEADLINE, 0, headline, "Lean"));
	/* nothing visible matched: no highlight either */
	masks[3] = CARD;
	EXPECT("lean", 0, 1, 2);
}

static void hidden_fields_do_not_filter(void **state)
{
	(void)state;
	const struct pdoc p = {.headline = "Developer",
	                       .title = {"Developer", "Intern"},
	                       .company = {"Volvo Cars", "Spotify"},
	                       .current = {true, false},
	                       .location = "Malmö",
	                       .industry = "Automotive",
	                       .skills = {"Rust"},
	                       .langs = {"sv"}};
	put(1, &p);
	use_masks = true;
	static const struct {
		int kind;
		const char *value;
		unsigned bit;
	} cases[] = {
	    {SX_COMPANY, "volvo cars", 1u << SF_COMPANY},
	    {SX_PAST_COMPANY, "spotify", 1u << SF_COMPANY},
	    {SX_LOCATION, "malmo", 1u << SF_LOCATION},
	    {SX_INDUSTRY, "automotive", 1u << SF_INDUSTRY},
	    {SX_SKILL, "rust", 1u << SF_SKILL},
	    {SX_LANGUAGE, "sv", SEARCH_SEE_LANGUAGES},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct search_query q = query("developer", 0);
		q.filter[cases[i].kind] = cases[i].value;
		masks[1] = SEARCH_SEE_ALL;
		assert_int_equal(run_q(&q), E_OK);
		if (res.total != 1)
			fail_msg("filter %zu does not match with every field visible", i);
		masks[1] = SEARCH_SEE_ALL & ~cases[i].bit;
		assert_int_equal(run_q(&q), E_OK);
		if (res.total != 0)
			fail_msg("filter %zu matches through a hidden field", i);
		/* the bare word query still finds the member */
		q.filter[cases[i].kind] = NULL;
		assert_int_equal(run_q(&q), E_OK);
		assert_int_equal(res.total, 1);
	}
}

static void hidden_fields_are_not_counted_in_facets(void **state)
{
	(void)state;
	for (uint32_t m = 0; m < 10; m++)
		put(m, &(struct pdoc){.headline = "Developer",
		                      .company = {m < 6 ? "Volvo" : "Ikea"},
		                      .current = {true},
		                      .location = m < 3 ? "Lund" : "Malmö"});
	use_masks = true;
	struct search_query q = query("developer", 0);
	q.nfacets = 5;
	for (uint32_t m = 0; m < 5; m++)
		masks[m] = CARD; /* four Volvo and three Lund members hide */
	masks[9] = SEARCH_SEE_ALL & ~(1u << SF_LOCATION);
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.total, 10); /* they match by their headline */
	assert_int_equal(res.ncompanies, 2);
	assert_string_equal(res.companies[0].value, "Ikea");
	assert_int_equal(res.companies[0].count, 4);
	assert_string_equal(res.companies[1].value, "Volvo");
	assert_int_equal(res.companies[1].count, 1);
	assert_int_equal(res.nlocations, 1); /* Lund is never visible */
	assert_string_equal(res.locations[0].value, "Malmö");
	assert_int_equal(res.locations[0].count, 4);
}

/* ---- ranking with a near list ------------------------------------------- */

/* The hits and paging of two results agree. */
static void same_page(const struct search_result *a, const struct search_result *b,
                      const char *what)
{
	if (a->nhits != b->nhits)
		fail_msg("%s: %zu hits against %zu", what, a->nhits, b->nhits);
	for (size_t i = 0; i < a->nhits; i++) {
		const struct search_hit *x = &a->hits[i], *y = &b->hits[i];
		if (x->member != y->member || x->tier != y->tier || x->score != y->score ||
		    x->fields != y->fields || x->nhl != y->nhl)
			fail_msg("%s: hit %zu is %u (tier %d), want %u (tier %d)", what, i,
			         x->member, x->tier, y->member, y->tier);
	}
	assert_int_equal(a->next, b->next);
	assert_int_equal(a->more, b->more);
}

static void near_ranks_the_same_page(void **state)
{
	(void)state;
	enum { N = 1000 };
	static const char *const pool[] = {"lean", "agile", "coach", "engineer", "rare", "manager"};
	char text[64];
	for (uint32_t m = 0; m < N; m++) {
		/* "lean" in most profiles, "rare" in few */
		size_t k = 0;
		text[0] = '\0';
		for (size_t w = 0; w < 6; w++)
			if (rnd(100) < (w == 0 ? 70u : w == 4 ? 2u : 30u))
				k += (size_t)snprintf(text + k, sizeof text - k, "%s ", pool[w]);
		put(m, &(struct pdoc){.headline = text,
		                      .company = {rnd(2) ? "Volvo" : "Ikea"},
		                      .current = {true},
		                      .location = rnd(3) ? "Lund" : "Malmö",
		                      .strength = rnd(4) * 30});
	}
	struct search_result exact;
	search_result_init(&exact);
	uint32_t near[N];
	const char *qs[] = {"lean", "coach", "lean agile", "rare", "\"lean agile\"", "manager"};
	unsigned nest = 0, nfilled = 0;
	for (int round = 0; round < 40; round++) {
		/* tiers 0 and 1 are in near, with some others; a few hidden */
		size_t nn = 0;
		uint32_t share = 1 + rnd(round < 20 ? 20 : 300);
		for (uint32_t m = 0; m < N; m++) {
			uint32_t r = rnd(1000);
			tiers[m] = r < share / 4 ? 0
			           : r < share   ? 1
			           : r < 980     ? 3 + (int)(r % 2)
			                         : -1;
			masks[m] = rnd(10) ? SEARCH_SEE_ALL : CARD;
			if (tiers[m] == 0 || tiers[m] == 1 || rnd(50) == 0)
				near[nn++] = m;
		}
		const char *qtext = qs[rnd(6)];
		struct search_query q = query(qtext, 0);
		q.fields = mask_of;
		q.nfacets = 3;
		q.limit = 1 + rnd(30);
		q.offset = rnd(4) ? 0 : rnd(60);
		assert_int_equal(search_query(&idx, &ctx, &q, &exact, &fl), E_OK);
		assert_false(exact.total_estimated);
		assert_false(exact.facets_estimated);
		q.near = near;
		q.nnear = nn;
		q.count_max = 20 + rnd(200);
		assert_int_equal(run_q(&q), E_OK);
		char what[96];
		snprintf(what, sizeof what, "round %d '%s' (near %zu)", round, qtext, nn);
		same_page(&res, &exact, what);
		/* estimated only when near filled the page and the matches go on */
		uint32_t depth = q.offset + q.limit;
		bool filled = exact.nhits == q.limit && exact.hits[exact.nhits - 1].tier < 2;
		nfilled += filled;
		if (res.total_estimated) {
			nest++;
			assert_true(filled);
			assert_true(exact.total >= q.count_max);
			assert_true(res.total > depth);
			/* a prefix of uniform data: the estimate is near the truth */
			assert_true(res.total * 3 > exact.total && res.total < exact.total * 3);
			assert_true(res.facets_estimated);
			assert_int_equal(res.ncompanies, exact.ncompanies);
		} else {
			assert_false(res.facets_estimated);
			assert_int_equal(res.total, exact.total);
			assert_int_equal(res.ncompanies, exact.ncompanies);
			for (size_t c = 0; c < res.ncompanies; c++)
				assert_int_equal(res.companies[c].count, exact.companies[c].count);
			for (size_t c = 0; c < res.nlocations; c++)
				assert_int_equal(res.locations[c].count, exact.locations[c].count);
		}
		if (filled && exact.total > q.count_max && exact.total > depth)
			assert_true(res.total_estimated);
	}
	/* both ways were taken, and the near walk was not always enough */
	assert_true(nest >= 5);
	assert_true(nfilled < 35);
	search_result_release(&exact);
}

static void near_estimates_total_and_facets(void **state)
{
	(void)state;
	/* 1000 engineers, a tenth of them at Volvo and in Lund */
	for (uint32_t m = 0; m < 1000; m++)
		put(m, &(struct pdoc){.headline = "Engineer",
		                      .company = {m % 10 ? "Ikea" : "Volvo"},
		                      .current = {true},
		                      .location = m % 10 ? "Malmö" : "Lund"});
	uint32_t near[100];
	for (uint32_t i = 0; i < 100; i++) {
		near[i] = i * 10 + 3;
		tiers[near[i]] = 1;
	}
	struct search_query q = query("engineer", 0);
	q.limit = 20;
	q.nfacets = 2;
	q.near = near;
	q.nnear = 100;
	q.count_max = 200;
	assert_int_equal(run_q(&q), E_OK);
	assert_int_equal(res.nhits, 20);
	for (size_t i = 0; i < 20; i++) {
		assert_int_equal(res.hits[i].tier, 1);
		assert_int_equal(res.hits[i].member, near[i]); /* equal scores: member order */
	}
	assert_true(res.total_estimated);
	assert_true(res.facets_estimated);
	assert_true(res.more);
	assert_int_equal(res.next, 20);
	assert_true(res.total >= 950 && res.total <= 1050);
	assert_string_equal(res.companies[0].value, "Ikea");
	assert_true(res.companies[0].count >= 850 && res.companies[0].count <= 950);
	assert_true(res.companies[1].count >= 80 && res.companies[1].count <= 120);
	assert_string_equal(res.locations[1].value, "Lund");
	/* the page deeper than near reaches: everything is walked, exactly */
	q.offset = 90;
	assert_int_equal(run_q(&q), E_OK);
	assert_false(res.total_estimated);
	assert_int_equal(res.total, 1000);
	assert_int_equal(res.hits[9].member, near[99]);
	assert_int_equal(res.hits[10].tier, 4);
	assert_int_equal(res.hits[10].member, 0);
	/* with no cap worth the name, exact again */
	q.offset = 0;
	q.count_max = 5000;
	assert_int_equal(run_q(&q), E_OK);
	assert_false(res.total_estimated);
	assert_int_equal(res.total, 1000);
	assert_int_equal(res.companies[1].count, 100);
	/* near must be sorted and distinct */
	near[5] = near[4];
	assert_int_equal(run_q(&q), E_BAD_QUERY);
	assert_string_equal(fl.field, "near");
	near[5] = 1;
	assert_int_equal(run_q(&q), E_BAD_QUERY);
	q.near = NULL;
	assert_int_equal(run_q(&q), E_BAD_QUERY);
}

/* ---- typeahead ---------------------------------------------------------- */

static enum err ta(const char *q, uint32_t limit)
{
	struct search_ta_query t = {
	    .q = q, .qlen = strlen(q), .tier = tier_of, .keep = keep_of, .limit = limit};
	memset(&fl, 0, sizeof fl);
	return search_typeahead(&idx, &ctx, &t, &res, &fl);
}

static void expect_ta(const char *q, const uint32_t *want, size_t n)
{
	enum err e = ta(q, 10);
	if (e)
		fail_msg("typeahead '%s': %s", q, err_code(e));
	if (res.nhits != n)
		fail_msg("typeahead '%s': %zu hits, want %zu", q, res.nhits, n);
	for (size_t i = 0; i < n; i++)
		if (res.hits[i].member != want[i])
			fail_msg("typeahead '%s': hit %zu is %u, want %u", q, i, res.hits[i].member,
			         want[i]);
}

#define EXPECT_TA(q, ...)                                                                          \
	do {                                                                                       \
		const uint32_t want_[] = {__VA_ARGS__};                                            \
		expect_ta(q, want_, sizeof want_ / sizeof want_[0]);                               \
	} while (0)

static void typeahead_by_name_prefix(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.name = "Anna Lind", .headline = "Lean coach"});
	put(2, &(struct pdoc){.name = "Anders Berg"});
	put(3, &(struct pdoc){.name = "Anna Berg"});
	put(4, &(struct pdoc){.name = "Åsa Östlund"});
	put(5, &(struct pdoc){.name = "Annabel Lee"});
	put(6, &(struct pdoc){.name = "Lars Andersson"});
	put(7, &(struct pdoc){.name = "Hidden Anna"});
	put(8, &(struct pdoc){.name = "Bo Lean", .headline = "Anna fan"}); /* not a name */
	tiers[7] = -1;
	/* tier first, then the folded name */
	EXPECT_TA("an", 2, 3, 1, 5, 6);
	tiers[6] = 0;
	EXPECT_TA("an", 6, 2, 3, 1, 5);
	EXPECT_TA("lind", 1);
	EXPECT_TA("anna l", 1);
	EXPECT_TA("Anna B", 3);
	EXPECT_TA("anna ", 3, 1);     /* a finished word is whole: not Annabel */
	expect_ta("anna a", NULL, 0); /* the second word must be another word */
	EXPECT_TA("ostl", 4);
	EXPECT_TA("ÖST", 4);
	EXPECT_TA("asa", 4);
	EXPECT_TA("berg an", 2, 3);
	expect_ta("zz", NULL, 0);
	expect_ta("nobody an", NULL, 0);
	/* limit */
	assert_int_equal(ta("a", 2), E_OK);
	assert_int_equal(res.nhits, 2);
	assert_int_equal(res.hits[0].member, 6);
	/* highlights: the matched name words */
	assert_int_equal(ta("berg an", 10), E_OK);
	const struct search_hit *h = &res.hits[1]; /* Anna Berg */
	assert_int_equal(h->member, 3);
	assert_int_equal(h->nhl, 2);
	assert_true(hl_is(&res.hls[h->hl], SF_NAME, 0, "Anna Berg", "Anna"));
	assert_true(hl_is(&res.hls[h->hl + 1], SF_NAME, 0, "Anna Berg", "Berg"));
	assert_int_equal(ta("ös", 10), E_OK);
	assert_int_equal(res.nhits, 1);
	h = &res.hits[0];
	assert_true(hl_is(&res.hls[h->hl], SF_NAME, 0, "Åsa Östlund", "Östlund"));
	/* names that change or go */
	put(3, &(struct pdoc){.name = "Anna Holm"});
	expect_ta("anna b", NULL, 0);
	EXPECT_TA("holm", 3);
	search_remove(&idx, &ctx, 3);
	expect_ta("holm", NULL, 0);
	/* bad input */
	assert_int_equal(ta("", 10), E_BAD_QUERY);
	assert_int_equal(ta("--", 10), E_BAD_QUERY);
	assert_int_equal(ta("an\xff", 10), E_BAD_QUERY);
	assert_int_equal(ta("an", 0), E_BAD_QUERY);
	assert_int_equal(ta("an", SEARCH_MAX_TA + 1), E_BAD_QUERY);
}

static void typeahead_leaves_out_hidden_names(void **state)
{
	(void)state;
	put(1, &(struct pdoc){.name = "Anna Lind"});
	put(2, &(struct pdoc){.name = "Anna Berg"});
	put(3, &(struct pdoc){.name = "Anders Holm"});
	masks[2] = SEARCH_SEE_ALL & ~(1u << SF_NAME);
	masks[3] = CARD;
	struct search_ta_query t = {
	    .q = "an", .qlen = 2, .tier = tier_of, .fields = mask_of, .limit = 10};
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_OK);
	assert_int_equal(res.nhits, 2);
	assert_int_equal(res.hits[0].member, 3);
	assert_int_equal(res.hits[1].member, 1);
	t.q = "anna b";
	t.qlen = 6;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_OK);
	assert_int_equal(res.nhits, 0);
	t.fields = NULL;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_OK);
	assert_int_equal(res.nhits, 1);
}

static void typeahead_scan_is_bounded(void **state)
{
	(void)state;
	/* more "kim" members than one keystroke may rank: names descend as
	 * member numbers rise, so no candidate is rejected by name alone */
	enum { N = SEARCH_TA_SCAN + 100 };
	char name[32];
	for (uint32_t m = 0; m < N; m++) {
		snprintf(name, sizeof name, "Kim K%05u", N - m);
		put(m, &(struct pdoc){.name = name});
	}
	assert_int_equal(ta("kim", 5), E_OK);
	assert_int_equal(res.nhits, 5);
	assert_true(res.more); /* the scan stopped */
	assert_int_equal(res.hits[0].member, SEARCH_TA_SCAN - 1);
	/* one more letter and the set is small enough to rank exactly */
	assert_int_equal(ta("kim k00001", 5), E_OK);
	assert_false(res.more);
	assert_int_equal(res.nhits, 1);
	assert_int_equal(res.hits[0].member, N - 1);
	assert_int_equal(ta("k0000", 20), E_OK);
	assert_false(res.more);
	assert_int_equal(res.nhits, 9);
	assert_int_equal(res.hits[0].member, N - 1);
}

/* The reference typeahead: every member's name against the query words,
 * tokenised by the text functions, ranked by tier, folded name, member. */
struct ta_words {
	char w[SEARCH_MAX_QUERY_WORDS + 8][64];
	size_t n, last_end;
};

static void on_ta_word(const struct text_term *t, void *arg)
{
	struct ta_words *w = arg;
	if (w->n < sizeof w->w / sizeof w->w[0] && t->len < sizeof w->w[0]) {
		memcpy(w->w[w->n], t->key, t->len);
		w->w[w->n++][t->len] = '\0';
	}
	w->last_end = t->end;
}

struct ta_ref {
	uint32_t member;
	int tier;
	char key[128];
};

static int ta_ref_cmp(const void *pa, const void *pb)
{
	const struct ta_ref *a = pa, *b = pb;
	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	return a->member < b->member ? -1 : a->member > b->member;
}

static const char *const ta_pool[] = {"Anna",    "Ann",    "Anders", "An",  "Lind",
                                      "Lindh",   "Linnéa", "Berg",   "Åsa", "Asa",
                                      "Östlund", "Ost",    "Kim",    "Li",  "Larsson"};

static void typeahead_matches_a_plain_scan(void **state)
{
	(void)state;
	enum { N = 1100 };
	static char nm[N][128];
	static bool live[N];
	for (int round = 0; round < 2; round++) {
		for (uint32_t m = 0; m < N; m++) {
			if (round && rnd(3)) /* the second round replaces or removes a third */
				continue;
			if (round && rnd(2)) {
				search_remove(&idx, &ctx, m);
				live[m] = false;
				continue;
			}
			size_t k = 1 + rnd(4), len = 0;
			for (size_t i = 0; i < k; i++)
				len += (size_t)snprintf(nm[m] + len, sizeof nm[m] - len, "%s%s",
				                        i ? " " : "", ta_pool[rnd(15)]);
			put(m, &(struct pdoc){.name = nm[m]});
			live[m] = true;
			tiers[m] = (int)rnd(6) - 1;
			dropped[m] = !rnd(20);
		}
	}
	static struct ta_ref ref[N];
	char q[256];
	for (int i = 0; i < 600; i++) {
		/* two or three words of a live name (or of the pool), the last cut */
		uint32_t m = rnd(N);
		struct ta_words nw = {0};
		text_terms(&ctx, nm[m], strlen(nm[m]), 0, on_ta_word, &nw, NULL);
		size_t qw = 2 + rnd(2), len = 0;
		for (size_t j = 0; j < qw; j++) {
			const char *w =
			    rnd(4) && nw.n ? nw.w[rnd((uint32_t)nw.n)] : ta_pool[rnd(15)];
			size_t wl = strlen(w);
			if (j == qw - 1 && rnd(4))
				wl = 1 + rnd((uint32_t)wl); /* a prefix (bytes: may cut a letter) */
			len += (size_t)snprintf(q + len, sizeof q - len, "%s%.*s", j ? " " : "",
			                        (int)wl, w);
		}
		if (!rnd(5))
			len += (size_t)snprintf(q + len, sizeof q - len, " ");
		if (ta(q, 10) != E_OK) /* a cut letter: not UTF-8 */
			continue;
		struct ta_words qv = {0};
		text_terms(&ctx, q, len, 0, on_ta_word, &qv, NULL);
		bool prefix = qv.last_end == len;
		size_t nref = 0;
		for (uint32_t c = 0; c < N; c++) {
			if (!live[c] || dropped[c] || tiers[c] < 0)
				continue;
			struct ta_words cw = {0};
			text_terms(&ctx, nm[c], strlen(nm[c]), 0, on_ta_word, &cw, NULL);
			bool used[64] = {0}, ok = true;
			for (size_t j = 0; j < qv.n && ok; j++) {
				bool whole = j + 1 < qv.n || !prefix, found = false;
				size_t ql = strlen(qv.w[j]);
				for (size_t u = 0; u < cw.n && !found; u++)
					if (!used[u] &&
					    (whole ? strcmp(cw.w[u], qv.w[j]) == 0
					           : strncmp(cw.w[u], qv.w[j], ql) == 0))
						used[u] = found = true;
				ok = found;
			}
			if (!ok)
				continue;
			struct buf key;
			buf_init(&key, 0);
			text_key(&ctx, nm[c], strlen(nm[c]), &key);
			ref[nref] = (struct ta_ref){.member = c, .tier = tiers[c]};
			snprintf(ref[nref].key, sizeof ref[nref].key, "%s", key.p);
			buf_release(&key);
			nref++;
		}
		qsort(ref, nref, sizeof *ref, ta_ref_cmp);
		size_t want = nref < 10 ? nref : 10;
		if (res.nhits != want)
			fail_msg("typeahead '%s': %zu hits, want %zu", q, res.nhits, want);
		for (size_t j = 0; j < want; j++)
			if (res.hits[j].member != ref[j].member || res.hits[j].tier != ref[j].tier)
				fail_msg("typeahead '%s': hit %zu is %u, want %u", q, j,
				         res.hits[j].member, ref[j].member);
		assert_false(res.more);
	}
}

/* ---- typeahead with a near list ------------------------------------------ */

enum { BIG = SEARCH_TA_SCAN + 1500 };
static int btier[BIG];
static bool bdrop[BIG];
static unsigned bmask[BIG];

static int btier_of(uint32_t m, void *arg)
{
	(void)arg;
	return m < BIG ? btier[m] : 4;
}

static bool bkeep_of(uint32_t m, void *arg)
{
	(void)arg;
	return m >= BIG || !bdrop[m];
}

static unsigned bmask_of(uint32_t m, void *arg)
{
	(void)arg;
	return m < BIG ? bmask[m] : SEARCH_SEE_ALL;
}

/* With a prefix that matches more names than the scan looks at, the near
 * members (1st and 2nd degree) come first and exactly, in the order a
 * ranking of every member gives; without near the scan is bounded as
 * before. */
static void typeahead_near_ranks_first_and_exactly(void **state)
{
	(void)state;
	static const char *const first[] = {"Kim", "Kimberly", "Kira", "Karl", "Mats"};
	static char nm[BIG][48];
	static struct ta_words fw[BIG]; /* each name's folded words */
	static char fkey[BIG][48];
	static bool live[BIG];
	static uint32_t near[BIG + 2];
	size_t nnear = 0;
	for (uint32_t m = 0; m < BIG; m++) {
		/* the 1st and 2nd degree where a bounded scan of "k"
		 * comes last: Mats (no K first name), a high number */
		uint32_t r = rnd(100);
		bool late = r < 3;
		snprintf(nm[m], sizeof nm[m], "%s Kx%04u%s", late ? "Mats" : first[rnd(5)],
		         late ? 2000 + rnd(1000) : rnd(3000), rnd(10) ? " Lund" : "");
		put(m, &(struct pdoc){.name = nm[m]});
		live[m] = true;
		btier[m] = r < 1 ? 0 : r < 3 ? 1 : r < 6 ? -1 : r < 16 ? 2 + (int)rnd(2) : 4;
		bdrop[m] = rnd(100) < 3;
		bmask[m] = rnd(100) < 3 ? SEARCH_SEE_ALL & ~(1u << SF_NAME) : SEARCH_SEE_ALL;
		if (btier[m] == 0 || btier[m] == 1 || rnd(100) < 5)
			near[nnear++] = m;
	}
	/* near members without a document, or beyond the index */
	for (size_t i = 0; i < nnear; i += 40) {
		search_remove(&idx, &ctx, near[i]);
		live[near[i]] = false;
	}
	near[nnear++] = BIG + 3;
	near[nnear++] = 5000000;
	/* the same as a bitmap, and the members that may be in tier 0 */
	static uint64_t near_bits[(BIG + 64 + 63) / 64];
	static uint32_t near0[BIG];
	size_t nnear0 = 0;
	for (size_t i = 0; i < nnear; i++) {
		if (near[i] < BIG + 64)
			near_bits[near[i] / 64] |= 1ull << (near[i] % 64);
		if (near[i] < BIG && btier[near[i]] == 0)
			near0[nnear0++] = near[i];
	}
	for (uint32_t m = 0; m < BIG; m++) {
		text_terms(&ctx, nm[m], strlen(nm[m]), 0, on_ta_word, &fw[m], NULL);
		struct buf key;
		buf_init(&key, 0);
		text_key(&ctx, nm[m], strlen(nm[m]), &key);
		snprintf(fkey[m], sizeof fkey[m], "%s", key.p);
		buf_release(&key);
	}
	static const char *const qs[] = {"k",        "kx",      "K",        "lund k", "lund kx00",
	                                 "lund kx1", "lund ka", "kim lund", "kim",    "kx0"};
	static const uint32_t limits[] = {1, 5, 10, 20};
	static struct ta_ref ref[BIG];
	static int rank_of[BIG];
	for (size_t qi = 0; qi < sizeof qs / sizeof qs[0]; qi++) {
		const char *q = qs[qi];
		size_t len = strlen(q);
		struct ta_words qv = {0};
		text_terms(&ctx, q, len, 0, on_ta_word, &qv, NULL);
		bool prefix = qv.last_end == len;
		size_t nref = 0;
		for (uint32_t c = 0; c < BIG; c++) {
			rank_of[c] = -1;
			if (!live[c] || bdrop[c] || btier[c] < 0 || !(bmask[c] & 1u << SF_NAME))
				continue;
			bool used[64] = {0}, ok = true;
			for (size_t j = 0; j < qv.n && ok; j++) {
				bool whole = j + 1 < qv.n || !prefix, found = false;
				size_t ql = strlen(qv.w[j]);
				for (size_t u = 0; u < fw[c].n && !found; u++)
					if (!used[u] &&
					    (whole ? strcmp(fw[c].w[u], qv.w[j]) == 0
					           : strncmp(fw[c].w[u], qv.w[j], ql) == 0))
						used[u] = found = true;
				ok = found;
			}
			if (!ok)
				continue;
			ref[nref] = (struct ta_ref){.member = c, .tier = btier[c]};
			snprintf(ref[nref].key, sizeof ref[nref].key, "%s", fkey[c]);
			nref++;
		}
		qsort(ref, nref, sizeof *ref, ta_ref_cmp);
		size_t close = 0; /* matches in tiers below SEARCH_NEAR_TIERS */
		for (size_t j = 0; j < nref; j++) {
			rank_of[ref[j].member] = (int)j;
			close += ref[j].tier < SEARCH_NEAR_TIERS;
		}
		/* near alone; then with its tier-0 members and its bitmap too */
		for (size_t li = 0; li < 2 * sizeof limits / sizeof limits[0]; li++) {
			uint32_t limit = limits[li % (sizeof limits / sizeof limits[0])];
			bool more = li >= sizeof limits / sizeof limits[0];
			struct search_ta_query t = {.q = q,
			                            .qlen = len,
			                            .tier = btier_of,
			                            .keep = bkeep_of,
			                            .fields = bmask_of,
			                            .limit = limit,
			                            .near = near,
			                            .nnear = nnear,
			                            .near0 = more ? near0 : NULL,
			                            .nnear0 = more ? nnear0 : 0,
			                            .near_bits = more ? near_bits : NULL,
			                            .near_bits_n = more ? BIG + 64 : 0};
			assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_OK);
			size_t want = nref < limit ? nref : limit;
			if (res.nhits != want)
				fail_msg("typeahead '%s' %u%s: %zu hits, want %zu", q, limit,
				         more ? " (near0)" : "", res.nhits, want);
			int prev = -1;
			for (size_t j = 0; j < res.nhits; j++) {
				const struct search_hit *h = &res.hits[j];
				/* the close ones exactly, then others in ranking order */
				if (j < close && h->member != ref[j].member)
					fail_msg("typeahead '%s' %u%s: hit %zu is %u, want %u", q,
					         limit, more ? " (near0)" : "", j, h->member,
					         ref[j].member);
				if (h->member >= BIG || rank_of[h->member] <= prev)
					fail_msg("typeahead '%s' %u: hit %zu (%u) out of order", q,
					         limit, j, h->member);
				prev = rank_of[h->member];
				assert_int_equal(h->tier, btier[h->member]);
				assert_int_equal(h->nhl, qv.n);
			}
			if (close >= limit) /* the near members were the answer */
				assert_false(res.more);
			/* without near: the scan alone, bounded as before */
			t.near = t.near0 = NULL;
			t.nnear = t.nnear0 = 0;
			t.near_bits = NULL;
			assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_OK);
			assert_int_equal(res.nhits, want);
			if (strlen(q) <= 2)
				assert_true(res.more);
		}
	}
	/* near must be sorted and distinct */
	uint32_t bad[] = {5, 3};
	struct search_ta_query t = {
	    .q = "k", .qlen = 1, .tier = btier_of, .limit = 5, .near = bad, .nnear = 2};
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_BAD_QUERY);
	bad[1] = 5;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_BAD_QUERY);
	/* and so must near0 */
	uint32_t good[] = {3, 5};
	t.near = good;
	t.near0 = bad;
	t.nnear0 = 2;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_BAD_QUERY);
	assert_string_equal(fl.field, "near0");
	t.near0 = NULL;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_BAD_QUERY);
	assert_string_equal(fl.field, "near0");
	t.near0 = good;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_OK);
	t.near = NULL;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_BAD_QUERY);
}

/* Beyond near no member has a tier below far_tier: with far_tier 3 the
 * scan passes over candidates that cannot beat the list's last one on name
 * without asking their tier (a 3rd-degree question is a list read in
 * ties), and the list is the same. */
static unsigned far_calls;

static int far_tier_of(uint32_t m, void *arg)
{
	(void)arg;
	far_calls++;
	return m % 700 == 7 ? 1 : m % 3 == 0 ? 3 : 4;
}

static void typeahead_far_tier_asks_fewer_tiers(void **state)
{
	(void)state;
	enum { N = SEARCH_TA_SCAN + 2000 };
	static uint32_t near[N];
	size_t nnear = 0;
	for (uint32_t m = 0; m < N; m++) {
		char nm[32];
		snprintf(nm, sizeof nm, "Kim Kx%05u", m);
		put(m, &(struct pdoc){.name = nm});
		if (m % 700 == 7)
			near[nnear++] = m;
	}
	struct search_ta_query t = {
	    .q = "k", .qlen = 1, .tier = far_tier_of, .limit = 20, .near = near, .nnear = nnear};
	uint32_t want[20];
	int want_tier[20];
	far_calls = 0;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_OK);
	unsigned calls = far_calls;
	assert_int_equal(res.nhits, 20);
	for (size_t i = 0; i < 20; i++) {
		want[i] = res.hits[i].member;
		want_tier[i] = res.hits[i].tier;
	}
	assert_int_equal(want_tier[0], 1);
	assert_int_equal(want_tier[nnear], 3);
	t.far_tier = 3;
	far_calls = 0;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_OK);
	assert_int_equal(res.nhits, 20);
	for (size_t i = 0; i < 20; i++) {
		assert_int_equal(res.hits[i].member, want[i]);
		assert_int_equal(res.hits[i].tier, want_tier[i]);
	}
	/* every scanned candidate was asked before; now a few dozen */
	assert_true(calls >= SEARCH_TA_SCAN);
	assert_true(far_calls < 100);
	/* out of range */
	t.far_tier = 1;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_BAD_QUERY);
	assert_string_equal(fl.field, "far_tier");
	t.far_tier = 5;
	assert_int_equal(search_typeahead(&idx, &ctx, &t, &res, &fl), E_BAD_QUERY);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(tiers_come_first),
	    T(name_and_headline_outweigh_summary),
	    T(relevance_then_strength_then_member),
	    T(all_words_must_match),
	    T(phrases_match_in_order_within_one_item),
	    T(words_match_across_forms_and_languages),
	    T(names_are_not_stemmed),
	    T(filters_narrow_the_hits),
	    T(facets_count_the_whole_visible_set),
	    T(pages_and_the_depth_limit),
	    T(bad_queries_are_rejected),
	    T(put_replaces_and_remove_removes),
	    T(bad_documents_leave_the_index_alone),
	    T(long_fields_index_their_first_words),
	    T(live_equals_rebuilt),
	    T(highlights_point_at_the_words),
	    T(stored_text_comes_back_byte_for_byte),
	    T(hidden_fields_do_not_match),
	    T(hidden_fields_neither_score_nor_light),
	    T(hidden_fields_do_not_filter),
	    T(hidden_fields_are_not_counted_in_facets),
	    T(near_ranks_the_same_page),
	    T(near_estimates_total_and_facets),
	    T(typeahead_by_name_prefix),
	    T(typeahead_leaves_out_hidden_names),
	    T(typeahead_scan_is_bounded),
	    T(typeahead_matches_a_plain_scan),
	    T(typeahead_near_ranks_first_and_exactly),
	    T(typeahead_far_tier_asks_fewer_tiers),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
