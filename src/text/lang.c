/* lang — language codes and the small stop-word lists queries drop.
 * Stop words are stored folded (as surface keys), so "på" is "pa" and
 * "för" is "for".  The lists are deliberately short: only words that never
 * carry meaning in a people search ("konsult inom lean", "head of sales").
 * "it" is not an English stop word here: it is mostly "IT". */
#include "text/text.h"

#include <string.h>
#include <strings.h>

static const struct {
	const char *code;
	enum lang lang;
} codes[] = {
    {"en", LANG_EN},  {"eng", LANG_EN}, {"sv", LANG_SV}, {"swe", LANG_SV}, {"da", LANG_DA},
    {"dan", LANG_DA}, {"no", LANG_NO},  {"nb", LANG_NO}, {"nn", LANG_NO},  {"nor", LANG_NO},
    {"nob", LANG_NO}, {"nno", LANG_NO}, {"fi", LANG_FI}, {"fin", LANG_FI},
};

bool lang_from_code(const char *code, enum lang *out)
{
	bool ok = false;
	if (!code)
		goto out;
	size_t n = strcspn(code, "-_");
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		if (strlen(codes[i].code) == n && strncasecmp(codes[i].code, code, n) == 0) {
			*out = codes[i].lang;
			ok = true;
			goto out;
		}
	}
out:
	return ok;
}

const char *lang_code(enum lang l)
{
	static const char *const names[LANG__COUNT] = {"en", "sv", "da", "no", "fi"};
	return (unsigned)l < LANG__COUNT ? names[l] : "";
}

/* Folded stop words per language, NULL-terminated. */
static const char *const stop_en[] = {
    "a",  "an", "and", "are", "as",  "at", "be",   "by",     "for",    "from", "in",
    "is", "of", "on",  "or",  "the", "to", "with", "within", "inside", NULL,
};
static const char *const stop_sv[] = {
    "och",  "i",  "pa",   "av",  "for", "med", "som", "en", "ett",   "att",  "ar",
    "till", "om", "inom", "hos", "vid", "den", "det", "de", "eller", "fran", NULL,
};
static const char *const stop_da[] = {
    "og", "i",   "pa",  "af",  "for", "med", "som",   "en",  "et",       "at",    "er", "til",
    "om", "hos", "ved", "den", "det", "de",  "eller", "fra", "indenfor", "inden", NULL,
};
static const char *const stop_no[] = {
    "og",  "i",  "pa",  "av",  "for", "med", "som", "en",    "et",  "ei",    "at",       "er",
    "til", "om", "hos", "ved", "den", "det", "de",  "eller", "fra", "innen", "innenfor", NULL,
};
static const char *const stop_fi[] = {
    "ja", "tai", "seka", "on", "ovat", "ei", "se", "etta", "kun", "myos", NULL,
};

static const char *const *const stops[LANG__COUNT] = {stop_en, stop_sv, stop_da, stop_no, stop_fi};

bool text_stopword(unsigned langs, const char *k, size_t n)
{
	for (unsigned l = 0; l < LANG__COUNT; l++) {
		if (!(langs & LANG_BIT(l)))
			continue;
		for (const char *const *w = stops[l]; *w; w++)
			if (strlen(*w) == n && memcmp(*w, k, n) == 0)
				return true;
	}
	return false;
}
