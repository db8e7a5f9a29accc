/* Unit tests for src/text: languages, UTF-8 validity, the tokenizer,
 * normalisation, accent folding, stemming in the five languages and the
 * term keys shared by the index and queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static struct text_ctx ctx;

static int setup(void **state)
{
	(void)state;
	text_ctx_init(&ctx);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	text_ctx_release(&ctx);
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

#define MAXT 64

struct terms {
	size_t n;
	char key[MAXT][TEXT_KEY_MAX + 1];
	bool surface[MAXT];
	uint32_t pos[MAXT];
	size_t start[MAXT], end[MAXT];
};

static void on_term(const struct text_term *t, void *arg)
{
	struct terms *c = arg;
	assert_true(c->n < MAXT);
	memcpy(c->key[c->n], t->key, t->len);
	c->key[c->n][t->len] = '\0';
	c->surface[c->n] = t->surface;
	c->pos[c->n] = t->pos;
	c->start[c->n] = t->start;
	c->end[c->n] = t->end;
	c->n++;
}

static struct terms terms_of(const char *s, unsigned langs)
{
	struct terms c;
	memset(&c, 0, sizeof c);
	assert_int_equal(text_terms(&ctx, s, strlen(s), langs, on_term, &c, NULL), E_OK);
	return c;
}

static bool has_key(const struct terms *c, const char *k)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->key[i], k) == 0)
			return true;
	return false;
}

/* True when some key of word a equals some key of word b (the match rule). */
static bool words_meet(const char *a, unsigned la, const char *b, unsigned lb)
{
	struct terms x = terms_of(a, la), y = terms_of(b, lb);
	for (size_t i = 0; i < x.n; i++)
		if (has_key(&y, x.key[i]))
			return true;
	return false;
}

static void assert_fold(const char *in, const char *want)
{
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(text_fold(&ctx, in, strlen(in), &b), E_OK);
	assert_string_equal(b.p, want);
	buf_release(&b);
}

static void assert_stem(enum lang l, const char *word, const char *want)
{
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(text_stem(&ctx, l, word, strlen(word), &b), E_OK);
	char got[64];
	snprintf(got, sizeof got, "%s", b.p);
	buf_release(&b);
	if (strcmp(got, want) != 0)
		fail_msg("stem_%s(%s) = \"%s\", want \"%s\"", lang_code(l), word, got, want);
}

static void assert_same_stem(enum lang l, const char *a, const char *b)
{
	struct buf x, y;
	buf_init(&x, 0);
	buf_init(&y, 0);
	assert_int_equal(text_stem(&ctx, l, a, strlen(a), &x), E_OK);
	assert_int_equal(text_stem(&ctx, l, b, strlen(b), &y), E_OK);
	char sx[64], sy[64];
	snprintf(sx, sizeof sx, "%s", x.p);
	snprintf(sy, sizeof sy, "%s", y.p);
	buf_release(&x);
	buf_release(&y);
	if (strcmp(sx, sy) != 0)
		fail_msg("%s: %s -> %s but %s -> %s", lang_code(l), a, sx, b, sy);
}

/* ---- tests -------------------------------------------------------------- */

static void languages_from_codes(void **state)
{
	(void)state;
	enum lang l = LANG_FI;
	assert_true(lang_from_code("en", &l));
	assert_int_equal(l, LANG_EN);
	assert_true(lang_from_code("SV", &l));
	assert_int_equal(l, LANG_SV);
	assert_true(lang_from_code("sv-FI", &l));
	assert_int_equal(l, LANG_SV);
	assert_true(lang_from_code("da", &l));
	assert_int_equal(l, LANG_DA);
	assert_true(lang_from_code("nb", &l));
	assert_int_equal(l, LANG_NO);
	assert_true(lang_from_code("nn_NO", &l));
	assert_int_equal(l, LANG_NO);
	l = LANG_EN;
	assert_true(lang_from_code("no", &l));
	assert_int_equal(l, LANG_NO);
	assert_true(lang_from_code("fin", &l));
	assert_int_equal(l, LANG_FI);
	l = LANG_SV;
	assert_false(lang_from_code("de", &l));
	assert_false(lang_from_code("", &l));
	assert_false(lang_from_code("s", &l));
	assert_false(lang_from_code("svenska", &l));
	assert_false(lang_from_code(NULL, &l));
	assert_int_equal(l, LANG_SV); /* untouched on failure */
	assert_string_equal(lang_code(LANG_NO), "no");
	assert_string_equal(lang_code(LANG_FI), "fi");
	assert_string_equal(lang_code((enum lang)9), "");
}

static void utf8_validity(void **state)
{
	(void)state;
	assert_true(text_valid_utf8("", 0));
	assert_true(text_valid_utf8("Malmö Tromsø Åbo", strlen("Malmö Tromsø Åbo")));
	assert_true(text_valid_utf8("\xf0\x9f\x98\x80", 4)); /* emoji */
	assert_true(text_valid_utf8("a\0b", 3));
	assert_false(text_valid_utf8("\xc0\xaf", 2));         /* overlong '/' */
	assert_false(text_valid_utf8("\xe0\x80\xaf", 3));     /* overlong */
	assert_false(text_valid_utf8("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(text_valid_utf8("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(text_valid_utf8("Malm\xc3", 5));         /* cut short */
	assert_false(text_valid_utf8("\x80", 1));             /* lone continuation */
	assert_false(text_valid_utf8("ab\xff", 3));
}

static void tokenizer_positions_and_offsets(void **state)
{
	(void)state;
	const char *s = "Anna-Karin Lind, C++ & 2024! Malmö är fin";
	struct text_tok t;
	struct text_span w;
	const char *want[] = {"Anna", "Karin", "Lind", "C", "2024", "Malmö", "är", "fin"};
	size_t n = 0;
	text_tok_init(&t, s, strlen(s));
	while (text_tok_next(&t, &w)) {
		assert_true(n < 8);
		assert_int_equal(w.pos, n);
		assert_int_equal(w.end - w.start, strlen(want[n]));
		assert_memory_equal(s + w.start, want[n], strlen(want[n]));
		n++;
	}
	assert_int_equal(n, 8);
	assert_false(t.bad);

	/* byte offsets count bytes, not characters: "ö" is two bytes */
	const char *m = "Malmö är fin";
	text_tok_init(&t, m, strlen(m));
	assert_true(text_tok_next(&t, &w));
	assert_int_equal(w.start, 0);
	assert_int_equal(w.end, 6);
	assert_true(text_tok_next(&t, &w));
	assert_int_equal(w.start, 7);
	assert_int_equal(w.end, 10);
	assert_true(text_tok_next(&t, &w));
	assert_int_equal(w.start, 11);
	assert_int_equal(w.end, 14);
	assert_int_equal(w.pos, 2);
	assert_false(text_tok_next(&t, &w));

	/* a combining mark stays inside its word */
	const char *d = "Malmo\xcc\x88 x";
	text_tok_init(&t, d, strlen(d));
	assert_true(text_tok_next(&t, &w));
	assert_int_equal(w.end, 7);

	/* invalid UTF-8 stops the tokenizer and says so */
	const char *bad = "good \xc0\xaf evil";
	text_tok_init(&t, bad, strlen(bad));
	assert_true(text_tok_next(&t, &w));
	assert_int_equal(w.end, 4);
	assert_false(text_tok_next(&t, &w));
	assert_true(t.bad);

	/* only separators: no words */
	text_tok_init(&t, " ,.;-!? ", 8);
	assert_false(text_tok_next(&t, &w));
	assert_false(t.bad);
}

static void normalisation_and_case_folding(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	const char *in = "ÄNGELHOLM Östen ÅSA ﬁne Straße";
	assert_int_equal(text_normalise(&ctx, in, strlen(in), &b), E_OK);
	assert_string_equal(b.p, "ängelholm östen åsa fine strasse");
	buf_reset(&b);
	/* NFD input composes: o + U+0308 becomes ö */
	assert_int_equal(text_normalise(&ctx, "Malmo\xcc\x88", 7, &b), E_OK);
	assert_string_equal(b.p, "malmö");
	buf_reset(&b);
	/* full-width letters are compatibility forms */
	assert_int_equal(text_normalise(&ctx, "\xef\xbc\xa1\xef\xbd\x82", 6, &b), E_OK);
	assert_string_equal(b.p, "ab");
	buf_reset(&b);
	assert_int_equal(text_normalise(&ctx, "\xff", 1, &b), E_BAD_UTF8);
	assert_int_equal(b.n, 0);
	buf_release(&b);
}

static void accent_folding(void **state)
{
	(void)state;
	assert_fold("Malmö", "malmo");
	assert_fold("MALMÖ", "malmo");
	assert_fold("Malmo\xcc\x88", "malmo");
	assert_fold("Tromsø", "tromso");
	assert_fold("TROMSØ", "tromso");
	assert_fold("Ærø", "aero");
	assert_fold("Åsa Ängel Östen", "asa angel osten");
	assert_fold("Hämeenlinna Jyväskylä", "hameenlinna jyvaskyla");
	assert_fold("Þórshöfn", "thorshofn");
	assert_fold("Łódź", "lodz");
	assert_fold("Œuvre", "oeuvre");
	assert_fold("Straße", "strasse");
	assert_fold("Ðorđe", "dorde");
	assert_fold("René Müller", "rene muller");
	assert_fold("a-b, c", "a-b, c"); /* non-letters are kept */
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(text_fold(&ctx, "x\xed\xa0\x80", 4, &b), E_BAD_UTF8);
	buf_release(&b);
}

static void exact_value_keys(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(text_key(&ctx, "Volvo Cars, AB", 14, &b), E_OK);
	assert_string_equal(b.p, "volvo cars ab");
	buf_reset(&b);
	const char *s = "  MALMÖ  ";
	assert_int_equal(text_key(&ctx, s, strlen(s), &b), E_OK);
	assert_string_equal(b.p, "malmo");
	buf_reset(&b);
	assert_int_equal(text_key(&ctx, "--", 2, &b), E_OK);
	assert_int_equal(b.n, 0);
	buf_release(&b);
}

static void stemming_english(void **state)
{
	(void)state;
	assert_stem(LANG_EN, "consultants", "consult");
	assert_same_stem(LANG_EN, "consultants", "consultant");
	assert_same_stem(LANG_EN, "consulting", "consultant");
	assert_same_stem(LANG_EN, "engineers", "engineering");
	assert_same_stem(LANG_EN, "Managers", "management");
	assert_same_stem(LANG_EN, "developers", "developer");
}

static void stemming_swedish(void **state)
{
	(void)state;
	assert_stem(LANG_SV, "konsulter", "konsult");
	assert_same_stem(LANG_SV, "konsulter", "konsult");
	assert_same_stem(LANG_SV, "konsulten", "konsult");
	assert_same_stem(LANG_SV, "konsulterna", "konsult");
	/* the stem keeps ö until folding: ingenjör -> ingenjor */
	assert_stem(LANG_SV, "ingenjörer", "ingenjor");
	assert_same_stem(LANG_SV, "Ingenjörer", "ingenjör");
	assert_same_stem(LANG_SV, "projektledare", "projektledaren");
}

static void stemming_danish_norwegian(void **state)
{
	(void)state;
	assert_stem(LANG_DA, "konsulenter", "konsulent");
	assert_same_stem(LANG_DA, "konsulenter", "konsulent");
	assert_same_stem(LANG_DA, "konsulenten", "konsulent");
	assert_same_stem(LANG_DA, "ingeniører", "ingeniør");
	assert_stem(LANG_DA, "ingeniør", "ingenior");
	assert_stem(LANG_NO, "konsulenter", "konsulent");
	assert_same_stem(LANG_NO, "konsulenter", "konsulent");
	assert_same_stem(LANG_NO, "ingeniører", "ingeniør");
	assert_same_stem(LANG_NO, "utviklere", "utvikleren");
	assert_same_stem(LANG_DA, "udviklere", "udvikler");
}

static void stemming_finnish(void **state)
{
	(void)state;
	assert_same_stem(LANG_FI, "insinöörit", "insinööri");
	assert_stem(LANG_FI, "insinöörit", "insinoor");
	assert_same_stem(LANG_FI, "konsultit", "konsultti");
	assert_same_stem(LANG_FI, "johtajat", "johtaja");
	assert_same_stem(LANG_FI, "kehittäjät", "kehittäjä");
}

static void terms_of_a_word(void **state)
{
	(void)state;
	struct terms c = terms_of("Konsulter", LANG_BIT(LANG_SV));
	assert_true(c.n >= 2);
	assert_string_equal(c.key[0], "konsulter");
	assert_true(c.surface[0]);
	assert_true(has_key(&c, "konsult"));
	for (size_t i = 1; i < c.n; i++) {
		assert_false(c.surface[i]);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(c.key[i], c.key[j]); /* distinct */
	}
	/* langs = 0: the surface key only (names) */
	c = terms_of("Konsulter", 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.key[0], "konsulter");

	/* positions and byte ranges of every key of a word */
	c = terms_of("Lean-konsult i Malmö", LANG_BIT(LANG_SV));
	size_t seen_malmo = 0;
	for (size_t i = 0; i < c.n; i++) {
		if (strcmp(c.key[i], "malmo") == 0) {
			seen_malmo++;
			assert_int_equal(c.pos[i], 3);
			assert_int_equal(c.start[i], 15);
			assert_int_equal(c.end[i], 21);
		}
		if (strcmp(c.key[i], "lean") == 0)
			assert_int_equal(c.pos[i], 0);
	}
	assert_int_equal(seen_malmo, 1); /* stem == surface: one key */
	uint32_t nw = 0;
	assert_int_equal(text_terms(&ctx, "a, b; c", 7, LANG_ALL, on_term, &c, &nw), E_OK);
	assert_int_equal(nw, 3);
}

static void queries_meet_documents(void **state)
{
	(void)state;
	unsigned sv = LANG_BIT(LANG_EN) | LANG_BIT(LANG_SV);
	unsigned da = LANG_BIT(LANG_EN) | LANG_BIT(LANG_DA);
	unsigned no = LANG_BIT(LANG_EN) | LANG_BIT(LANG_NO);
	unsigned fi = LANG_BIT(LANG_EN) | LANG_BIT(LANG_FI);
	unsigned en = LANG_BIT(LANG_EN);
	/* forms of one word */
	assert_true(words_meet("consultants", en, "consultant", en));
	assert_true(words_meet("konsulter", sv, "konsult", sv));
	assert_true(words_meet("konsulenter", da, "konsulent", da));
	assert_true(words_meet("konsulenter", no, "konsulent", no));
	assert_true(words_meet("insinöörit", fi, "insinööri", fi));
	/* accents typed or not */
	assert_true(words_meet("Malmö", sv, "malmo", sv));
	assert_true(words_meet("Tromsø", no, "Tromso", no));
	assert_true(words_meet("insinöörit", fi, "insinoorit", fi));
	assert_true(words_meet("insinööri", fi, "insinoorit", fi));
	assert_true(words_meet("ingenjörer", sv, "ingenjor", sv));
	assert_true(words_meet("ingeniører", da, "ingenior", da));
	/* the Norwegian stemmer leaves "rådgivere" -> "rådgiver" but "rådgiver"
	 * -> "rådgiv": the shared key space still joins them */
	assert_true(words_meet("rådgivere", no, "rådgiver", no));
	assert_true(words_meet("rådgiver", no, "radgivere", no));
	/* and words that must stay apart */
	assert_false(words_meet("konsult", sv, "ingenjör", sv));
	assert_false(words_meet("Anna", 0, "Ann", 0));
	assert_false(words_meet("lean", en, "clean", en));
}

static void long_words_are_cut(void **state)
{
	(void)state;
	char a[200], b[200];
	memset(a, 'x', 120);
	memcpy(b, a, 120);
	a[120] = 'a';
	b[120] = 'b';
	a[121] = b[121] = '\0';
	struct terms c = terms_of(a, 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(strlen(c.key[0]), TEXT_WORD_MAX);
	assert_true(words_meet(a, LANG_ALL, b, LANG_ALL));
	/* many ligatures expand under NFKC but keys stay bounded */
	char lig[4 * 60 + 1];
	for (int i = 0; i < 60; i++)
		memcpy(lig + 3 * i, "\xef\xac\x83", 3); /* U+FB03 ffi */
	lig[180] = '\0';
	c = terms_of(lig, LANG_ALL);
	assert_true(c.n >= 1);
	for (size_t i = 0; i < c.n; i++)
		assert_true(strlen(c.key[i]) < TEXT_KEY_MAX);
}

static void invalid_utf8_is_rejected(void **state)
{
	(void)state;
	struct terms c;
	memset(&c, 0, sizeof c);
	const char *s = "valid words then \xe0\x80\xaf";
	uint32_t nw = 99;
	assert_int_equal(text_terms(&ctx, s, strlen(s), LANG_ALL, on_term, &c, &nw), E_BAD_UTF8);
	assert_int_equal(c.n, 0); /* nothing emitted before the check */
	assert_int_equal(nw, 0);
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(text_key(&ctx, "\xc3", 1, &b), E_BAD_UTF8);
	assert_int_equal(text_stem(&ctx, LANG_SV, "\xc3\x28", 2, &b), E_BAD_UTF8);
	buf_release(&b);
}

static void stop_words(void **state)
{
	(void)state;
	unsigned sv = LANG_BIT(LANG_SV), en = LANG_BIT(LANG_EN);
	assert_true(text_stopword(sv, "inom", 4));
	assert_true(text_stopword(sv, "och", 3));
	assert_true(text_stopword(sv, "pa", 2)); /* "på", folded */
	assert_false(text_stopword(en, "inom", 4));
	assert_true(text_stopword(en, "of", 2));
	assert_false(text_stopword(en, "it", 2)); /* IT is a trade */
	assert_false(text_stopword(LANG_ALL, "konsult", 7));
	assert_true(text_stopword(LANG_BIT(LANG_NO), "innen", 5));
	assert_true(text_stopword(LANG_BIT(LANG_FI), "ja", 2));
	assert_false(text_stopword(0, "och", 3));
}

static void cache_gives_the_same_keys(void **state)
{
	(void)state;
	/* the same word twice and interleaved with other languages */
	struct terms a = terms_of("insinöörit konsulter insinöörit", LANG_BIT(LANG_FI));
	struct terms b = terms_of("insinöörit", LANG_BIT(LANG_SV));
	struct terms c = terms_of("insinöörit", LANG_BIT(LANG_FI));
	assert_true(has_key(&a, "insinoor"));
	assert_true(has_key(&c, "insinoor"));
	(void)b;
	size_t first = 0, last = 0;
	for (size_t i = 0; i < a.n; i++) {
		first += a.pos[i] == 0;
		last += a.pos[i] == 2;
	}
	assert_int_equal(first, last);
	assert_int_equal(first, c.n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(languages_from_codes),
	    cmocka_unit_test(utf8_validity),
	    cmocka_unit_test(tokenizer_positions_and_offsets),
	    cmocka_unit_test(normalisation_and_case_folding),
	    cmocka_unit_test(accent_folding),
	    cmocka_unit_test(exact_value_keys),
	    cmocka_unit_test(stemming_english),
	    cmocka_unit_test(stemming_swedish),
	    cmocka_unit_test(stemming_danish_norwegian),
	    cmocka_unit_test(stemming_finnish),
	    cmocka_unit_test(terms_of_a_word),
	    cmocka_unit_test(queries_meet_documents),
	    cmocka_unit_test(long_words_are_cut),
	    cmocka_unit_test(invalid_utf8_is_rejected),
	    cmocka_unit_test(stop_words),
	    cmocka_unit_test(cache_gives_the_same_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
