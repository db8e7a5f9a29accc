/* text — words for search: languages, a tokenizer over UTF-8, normalisation
 * (NFKC + case fold), accent folding and Snowball stemming, and the one
 * function that turns text into index terms (text_terms), used alike for
 * profile text and for queries so that both sides always agree.
 *
 * Term keys (the design every caller relies on):
 *   - A word is a run of Unicode letters, marks and digits; anything else
 *     separates words.  Words are numbered 0, 1, 2 ... (their position) and
 *     carry their byte range in the source, for phrases and highlights.
 *   - normalised(w) = NFKC + Unicode case fold of w ("ÅSA" -> "åsa").
 *   - fold(x) = accent folding of a normalised string: combining marks
 *     U+0300..U+036F dropped after canonical decomposition (å->a, ä->a,
 *     ö->o, é->e, ü->u), plus letters that do not decompose: ø->o, æ->ae,
 *     œ->oe, ð->d, þ->th, ł->l, đ->d, ħ->h, ı->i, ŧ->t (ß is already "ss").
 *   - The surface key of w is fold(normalised(w)).
 *   - For every language L asked for, the stem keys of w are
 *     fold(stem_L(normalised(w))) and fold(stem_L(fold(normalised(w)))):
 *     the Nordic stemmers need å/ä/ö/ø to find their suffixes, so the first
 *     stems the accented word; the second is what a query typed without
 *     accents produces, so a document indexes both and "insinoorit" still
 *     meets "insinöörit".
 *   - All keys share ONE key space (no language tag): a word matches a query
 *     word when any of their keys are equal.  Stems of different languages
 *     meeting on the same key mostly join forms of the same loan word
 *     (konsult, konsulent, consult); the cost is some extra recall.  Callers
 *     that must not stem (names) pass langs = 0 and get the surface key only.
 *   - Keys are at most TEXT_KEY_MAX bytes and words are cut after
 *     TEXT_WORD_MAX code points before any of this, identically on both sides.
 *
 * A struct text_ctx holds the stemmers and scratch buffers.  Snowball
 * stemmers are not thread-safe: give every thread (or every caller that may
 * run concurrently) its own context.  Everything else here is reentrant. */
#ifndef TIES_TEXT_TEXT_H
#define TIES_TEXT_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

/* ---- languages ---------------------------------------------------------- */

enum lang { LANG_EN, LANG_SV, LANG_DA, LANG_NO, LANG_FI, LANG__COUNT };

#define LANG_BIT(l) (1u << (l))
#define LANG_ALL    ((1u << LANG__COUNT) - 1u)

/* Maps a language code to a language: en, sv, da, no/nb/nn, fi and their
 * ISO 639-2 forms (eng, swe, dan, nor/nob/nno, fin), case-insensitive, with
 * or without a region ("sv-SE", "fi_FI").  Returns false (and leaves *out
 * alone) for anything else. */
bool lang_from_code(const char *code, enum lang *out);
/* The two-letter code of l ("no" for Norwegian); "" for an invalid l. */
const char *lang_code(enum lang l);
/* True when the folded key k[0..n) is a stop word (och, and, inom, ja ...)
 * in any language of the mask.  Queries drop stop words; indexes keep them. */
bool text_stopword(unsigned langs, const char *k, size_t n);

/* ---- UTF-8 and words ---------------------------------------------------- */

#define TEXT_WORD_MAX 48  /* code points of a word that count for its keys */
#define TEXT_KEY_MAX  128 /* bytes of a key, at most */

/* True when s[0..n) is well-formed UTF-8 (no overlongs, surrogates, or code
 * points past U+10FFFF; NUL bytes are allowed). */
bool text_valid_utf8(const char *s, size_t n);

/* One word of a text: byte range [start, end) and position (0, 1, ...). */
struct text_span {
	size_t start, end;
	uint32_t pos;
};

/* A tokenizer over s[0..n).  text_tok_next() returns the next word, or false
 * at the end of the text or at invalid UTF-8; in the latter case `bad` is
 * set (sticky) and the words already returned stay valid. */
struct text_tok {
	const char *s;
	size_t n, i;
	uint32_t pos;
	bool bad;
};

void text_tok_init(struct text_tok *t, const char *s, size_t n);
bool text_tok_next(struct text_tok *t, struct text_span *w);

/* ---- context ------------------------------------------------------------ */

struct sb_stemmer;
struct text_cache;

struct text_ctx {
	struct sb_stemmer *stem[LANG__COUNT];
	struct text_cache *cache; /* keys of recent words, made on first use */
	size_t cache_slots;
	int32_t *cp; /* code point scratch */
	size_t cpcap;
	char norm[TEXT_KEY_MAX * 4 + 8]; /* normalised word */
	size_t nnorm;
	char keys[1 + 2 * LANG__COUNT][TEXT_KEY_MAX];
	size_t klen[1 + 2 * LANG__COUNT];
};

/* Cache slots of a new context: 144 bytes each, about 0.6 MB. */
#define TEXT_CACHE_DEFAULT 4096

/* Creates the five stemmers.  Aborts when libstemmer cannot (out of memory
 * or a libstemmer built without these languages: nothing would work). */
void text_ctx_init(struct text_ctx *ctx);
/* Sets the size of the word-key cache (rounded up to a power of two, at most
 * 1 << 24 slots of 144 bytes).  Words repeat: the context that builds an
 * index in bulk should have a large one (65536 slots, 9 MB); a context for
 * queries does well with the default. */
void text_ctx_cache(struct text_ctx *ctx, size_t slots);
void text_ctx_release(struct text_ctx *ctx);

/* ---- normalisation ------------------------------------------------------ */

/* Appends NFKC + case fold of s[0..n) to out.  E_BAD_UTF8 on invalid input
 * (out unchanged).  out->over is the caller's to check. */
enum err text_normalise(struct text_ctx *ctx, const char *s, size_t n, struct buf *out);
/* Appends fold(normalised(s[0..n))) to out: the form typeahead prefixes and
 * exact values are compared in ("Malmö" and "MALMO" both give "malmo").
 * Non-word characters are kept.  E_BAD_UTF8 on invalid input. */
enum err text_fold(struct text_ctx *ctx, const char *s, size_t n, struct buf *out);
/* Appends the surface keys of the words of s[0..n) separated by one space:
 * the canonical form of an exact value ("Volvo Cars, AB" -> "volvo cars ab")
 * and of a name for sorting.  E_BAD_UTF8 on invalid input. */
enum err text_key(struct text_ctx *ctx, const char *s, size_t n, struct buf *out);
/* Appends fold(stem_lang(normalised(word))) to out (for tests and tools).
 * E_BAD_UTF8 on invalid input. */
enum err text_stem(struct text_ctx *ctx, enum lang lang, const char *word, size_t n,
                   struct buf *out);

/* ---- terms -------------------------------------------------------------- */

/* One key of one word, as passed to a text_terms() callback.  `key` points
 * into the context and is valid during the callback only. */
struct text_term {
	const char *key;
	size_t len;
	bool surface;      /* this key is the word's surface key */
	uint32_t pos;      /* word position in the text, from 0 */
	size_t start, end; /* the word's bytes in the text */
};

/* Calls cb once for each distinct key of each word of s[0..n), the surface
 * key first, then the stem keys of every language in `langs` (0 = surface
 * only).  A word whose surface key is empty (a lone mark) still takes a
 * position but yields no key.  *nwords (when not NULL) receives the number of
 * words.  Returns E_BAD_UTF8 for invalid input, having called cb for none of
 * it (the whole text is checked first). */
enum err text_terms(struct text_ctx *ctx, const char *s, size_t n, unsigned langs,
                    void (*cb)(const struct text_term *t, void *arg), void *arg, uint32_t *nwords);

#endif
