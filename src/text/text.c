/* text — tokenizer, normalisation, accent folding, stemming and term keys
 * (the design is in text.h).  Per word the pipeline is:
 *   cut to TEXT_WORD_MAX code points -> NFKD + case fold (utf8proc) ->
 *   surface key = fold of those code points; normalised = NFC of them ->
 *   stems of normalised and of the surface key, each folded.
 * No allocation per word: code points and keys live in the text_ctx. */
#include "text/text.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/mem.h"

#define DECOMPOSE_OPTS (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STABLE)
#define NKEYS          (1 + 2 * LANG__COUNT)

static const char *const stemmer_names[LANG__COUNT] = {"english", "swedish", "danish", "norwegian",
                                                       "finnish"};

/* ---- UTF-8 -------------------------------------------------------------- */

/* Decodes the code point at s[i..n); returns its length, or 0 if invalid. */
static size_t next_cp(const char *s, size_t n, size_t i, int32_t *cp)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	utf8proc_int32_t v;
	utf8proc_ssize_t k =
	    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &v);
	if (k <= 0)
		return 0;
	*cp = v;
	return (size_t)k;
}

bool text_valid_utf8(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		int32_t cp;
		size_t k = next_cp(s, n, i, &cp);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

static bool is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

void text_tok_init(struct text_tok *t, const char *s, size_t n)
{
	memset(t, 0, sizeof *t);
	t->s = s;
	t->n = n;
}

bool text_tok_next(struct text_tok *t, struct text_span *w)
{
	bool got = false;
	size_t start = 0;
	bool in = false;
	while (t->i < t->n) {
		int32_t cp;
		size_t k = next_cp(t->s, t->n, t->i, &cp);
		if (!k) {
			t->bad = true;
			t->i = t->n;
			goto out;
		}
		if (is_word_cp(cp)) {
			if (!in) {
				in = true;
				start = t->i;
			}
		} else if (in) {
			break;
		}
		t->i += k;
	}
	if (in) {
		w->start = start;
		w->end = t->i;
		w->pos = t->pos++;
		got = true;
	}
out:
	return got;
}

/* ---- folding ------------------------------------------------------------ */

/* Writes the accent folding of one (decomposed, case-folded) code point to
 * d (at most 4 bytes); returns the byte count (0 = dropped). */
static size_t fold_cp(int32_t cp, char *d)
{
	const char *rep = NULL;
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp >= 0x300 && cp <= 0x36f)
		return 0;
	switch (cp) {
	case 0xf8: /* ø */
		rep = "o";
		break;
	case 0xe6: /* æ */
		rep = "ae";
		break;
	case 0x153: /* œ */
		rep = "oe";
		break;
	case 0xf0:  /* ð */
	case 0x111: /* đ */
		rep = "d";
		break;
	case 0xfe: /* þ */
		rep = "th";
		break;
	case 0x142: /* ł */
		rep = "l";
		break;
	case 0x127: /* ħ */
		rep = "h";
		break;
	case 0x131: /* ı */
		rep = "i";
		break;
	case 0x167: /* ŧ */
		rep = "t";
		break;
	case 0xdf: /* ß (case folding already makes it "ss"; kept for safety) */
		rep = "ss";
		break;
	default:
		break;
	}
	if (rep) {
		size_t k = strlen(rep);
		memcpy(d, rep, k);
		return k;
	}
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)d);
}

/* Folds code points into dst (capacity cap, NUL-terminated), cutting at a
 * code point boundary; returns the length. */
static size_t fold_cps(const int32_t *cp, size_t n, char *dst, size_t cap)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		char tmp[8];
		size_t k = fold_cp(cp[i], tmp);
		if (len + k + 1 > cap)
			break;
		memcpy(dst + len, tmp, k);
		len += k;
	}
	dst[len] = '\0';
	return len;
}

/* NFKD + case fold of s[0..n) (valid UTF-8) into ctx->cp; returns the count
 * of code points.  Leaves room for utf8proc_reencode() (one more entry). */
static size_t decompose(struct text_ctx *ctx, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	if (i == n) { /* ASCII: NFKD is the identity, case folding is tolower */
		if (n + 1 > ctx->cpcap)
			ctx->cp = xgrow(ctx->cp, &ctx->cpcap, n + 1, sizeof *ctx->cp);
		for (i = 0; i < n; i++) {
			int32_t c = (unsigned char)s[i];
			ctx->cp[i] = c >= 'A' && c <= 'Z' ? c + 32 : c;
		}
		return n;
	}
	for (;;) {
		utf8proc_ssize_t r =
		    utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, ctx->cp,
		                       (utf8proc_ssize_t)ctx->cpcap, DECOMPOSE_OPTS);
		if (r < 0) /* cannot happen for valid UTF-8 */
			return 0;
		if ((size_t)r < ctx->cpcap)
			return (size_t)r;
		ctx->cp = xgrow(ctx->cp, &ctx->cpcap, (size_t)r + 1, sizeof *ctx->cp);
	}
}

/* Composes the code points in ctx->cp (NFC) and encodes them as UTF-8 in
 * place; returns the byte length (the bytes are at (char *)ctx->cp). */
static size_t recompose(struct text_ctx *ctx, size_t n)
{
	utf8proc_ssize_t r =
	    utf8proc_reencode(ctx->cp, (utf8proc_ssize_t)n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	return r < 0 ? 0 : (size_t)r;
}

/* Length of the longest prefix of s[0..n) (valid UTF-8) of at most max code
 * points and at most maxbytes bytes. */
static size_t cut(const char *s, size_t n, size_t max, size_t maxbytes)
{
	size_t i = 0, cps = 0;
	while (i < n && cps < max) {
		int32_t cp;
		size_t k = next_cp(s, n, i, &cp);
		if (!k || i + k > maxbytes)
			break;
		i += k;
		cps++;
	}
	return i;
}

/* fold(decompose(s)) into dst; returns the length. */
static size_t fold_utf8(struct text_ctx *ctx, const char *s, size_t n, char *dst, size_t cap)
{
	size_t r = decompose(ctx, s, n);
	return fold_cps(ctx->cp, r, dst, cap);
}

/* ---- context ------------------------------------------------------------ */

void text_ctx_init(struct text_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	for (unsigned l = 0; l < LANG__COUNT; l++) {
		ctx->stem[l] = sb_stemmer_new(stemmer_names[l], "UTF_8");
		if (!ctx->stem[l]) {
			fprintf(stderr, "ties: libstemmer has no %s stemmer\n", stemmer_names[l]);
			abort();
		}
	}
	ctx->cache_slots = TEXT_CACHE_DEFAULT;
	ctx->cpcap = 4 * TEXT_WORD_MAX;
	ctx->cp = xmalloc(ctx->cpcap * sizeof *ctx->cp);
}

void text_ctx_cache(struct text_ctx *ctx, size_t slots)
{
	size_t n = 1;
	while (n < slots && n < ((size_t)1 << 24))
		n *= 2;
	free(ctx->cache);
	ctx->cache = NULL;
	ctx->cache_slots = n;
}

void text_ctx_release(struct text_ctx *ctx)
{
	for (unsigned l = 0; l < LANG__COUNT; l++)
		if (ctx->stem[l])
			sb_stemmer_delete(ctx->stem[l]);
	free(ctx->cp);
	free(ctx->cache);
	memset(ctx, 0, sizeof *ctx);
}

/* Stems s[0..n) with the stemmer of l and folds the stem into dst. */
static size_t stem_fold(struct text_ctx *ctx, unsigned l, const char *s, size_t n, char *dst,
                        size_t cap)
{
	const sb_symbol *r = sb_stemmer_stem(ctx->stem[l], (const sb_symbol *)s, (int)n);
	if (!r) {
		fprintf(stderr, "ties: out of memory in the stemmer\n");
		abort();
	}
	int len = sb_stemmer_length(ctx->stem[l]);
	/* the stem lives in the stemmer until its next call: fold it now */
	return fold_utf8(ctx, (const char *)r, len < 0 ? 0 : (size_t)len, dst, cap);
}

/* Computes the keys of one word (valid UTF-8) into ctx->keys; returns the
 * number of distinct keys (0 when the surface key is empty). */
static size_t compute_keys(struct text_ctx *ctx, const char *w, size_t n, unsigned langs)
{
	size_t nk = 0;
	n = cut(w, n, TEXT_WORD_MAX, n);
	size_t r = decompose(ctx, w, n);
	ctx->klen[0] = fold_cps(ctx->cp, r, ctx->keys[0], TEXT_KEY_MAX);
	if (!ctx->klen[0])
		goto out;
	nk = 1;
	if (!(langs & LANG_ALL))
		goto out;
	size_t b = recompose(ctx, r);
	const char *nf = (const char *)ctx->cp;
	if (b >= sizeof ctx->norm)
		b = cut(nf, b, SIZE_MAX, sizeof ctx->norm - 1);
	memcpy(ctx->norm, nf, b);
	ctx->norm[b] = '\0';
	ctx->nnorm = b;
	/* a word without accents stems the same both ways: once is enough */
	int passes = ctx->nnorm == ctx->klen[0] && memcmp(ctx->norm, ctx->keys[0], b) == 0 ? 1 : 2;
	for (unsigned l = 0; l < LANG__COUNT; l++) {
		if (!(langs & LANG_BIT(l)))
			continue;
		for (int pass = 0; pass < passes; pass++) {
			const char *src = pass ? ctx->keys[0] : ctx->norm;
			size_t srcn = pass ? ctx->klen[0] : ctx->nnorm;
			size_t k = stem_fold(ctx, l, src, srcn, ctx->keys[nk], TEXT_KEY_MAX);
			bool dup = k == 0;
			for (size_t j = 0; j < nk && !dup; j++)
				dup = ctx->klen[j] == k &&
				      memcmp(ctx->keys[j], ctx->keys[nk], k) == 0;
			if (!dup)
				ctx->klen[nk++] = k;
		}
	}
out:
	return nk;
}

/* The key cache: words repeat (Zipf), stemming them again does not pay.
 * Direct-mapped on (word bytes, langs); a miss computes and overwrites. */
#define CACHE_WORD 32
#define CACHE_KEYS 96

struct text_cache {
	uint8_t used, wlen, langs, nk;
	uint8_t klen[NKEYS];
	char word[CACHE_WORD];
	char keys[CACHE_KEYS];
};

static uint32_t hash_word(const char *s, size_t n, unsigned langs)
{
	uint32_t h = 2166136261u ^ langs;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h ^ (h >> 15);
}

static size_t word_keys(struct text_ctx *ctx, const char *w, size_t n, unsigned langs)
{
	langs &= LANG_ALL;
	if (n > CACHE_WORD)
		return compute_keys(ctx, w, n, langs);
	if (!ctx->cache)
		ctx->cache = xcalloc(ctx->cache_slots, sizeof *ctx->cache);
	struct text_cache *c = &ctx->cache[hash_word(w, n, langs) & (ctx->cache_slots - 1)];
	if (c->used && c->wlen == n && c->langs == langs && memcmp(c->word, w, n) == 0) {
		size_t off = 0;
		for (size_t i = 0; i < c->nk; i++) {
			memcpy(ctx->keys[i], c->keys + off, c->klen[i]);
			ctx->keys[i][c->klen[i]] = '\0';
			ctx->klen[i] = c->klen[i];
			off += c->klen[i];
		}
		return c->nk;
	}
	size_t nk = compute_keys(ctx, w, n, langs);
	size_t total = 0;
	for (size_t i = 0; i < nk; i++)
		total += ctx->klen[i];
	if (total > CACHE_KEYS)
		return nk;
	c->used = 1;
	c->wlen = (uint8_t)n;
	c->langs = (uint8_t)langs;
	c->nk = (uint8_t)nk;
	memcpy(c->word, w, n);
	size_t off = 0;
	for (size_t i = 0; i < nk; i++) {
		c->klen[i] = (uint8_t)ctx->klen[i];
		memcpy(c->keys + off, ctx->keys[i], ctx->klen[i]);
		off += ctx->klen[i];
	}
	return nk;
}

/* ---- public ------------------------------------------------------------- */

enum err text_normalise(struct text_ctx *ctx, const char *s, size_t n, struct buf *out)
{
	enum err e = E_BAD_UTF8;
	if (!text_valid_utf8(s, n))
		goto out;
	size_t r = decompose(ctx, s, n);
	size_t b = recompose(ctx, r);
	buf_add(out, ctx->cp, b);
	e = E_OK;
out:
	return e;
}

enum err text_fold(struct text_ctx *ctx, const char *s, size_t n, struct buf *out)
{
	enum err e = E_BAD_UTF8;
	if (!text_valid_utf8(s, n))
		goto out;
	size_t r = decompose(ctx, s, n);
	for (size_t i = 0; i < r; i++) {
		char tmp[8];
		size_t k = fold_cp(ctx->cp[i], tmp);
		buf_add(out, tmp, k);
	}
	e = E_OK;
out:
	return e;
}

enum err text_key(struct text_ctx *ctx, const char *s, size_t n, struct buf *out)
{
	enum err e = E_BAD_UTF8;
	if (!text_valid_utf8(s, n))
		goto out;
	struct text_tok t;
	struct text_span w;
	bool first = true;
	text_tok_init(&t, s, n);
	while (text_tok_next(&t, &w)) {
		if (!word_keys(ctx, s + w.start, w.end - w.start, 0))
			continue;
		if (!first)
			buf_addc(out, ' ');
		buf_add(out, ctx->keys[0], ctx->klen[0]);
		first = false;
	}
	e = E_OK;
out:
	return e;
}

enum err text_stem(struct text_ctx *ctx, enum lang lang, const char *word, size_t n,
                   struct buf *out)
{
	enum err e = E_BAD_UTF8;
	if ((unsigned)lang >= LANG__COUNT) {
		e = E_INTERNAL;
		goto out;
	}
	if (!text_valid_utf8(word, n))
		goto out;
	n = cut(word, n, TEXT_WORD_MAX, n);
	size_t r = decompose(ctx, word, n);
	size_t b = recompose(ctx, r);
	if (b >= sizeof ctx->norm)
		b = cut((const char *)ctx->cp, b, SIZE_MAX, sizeof ctx->norm - 1);
	memcpy(ctx->norm, ctx->cp, b);
	size_t k = stem_fold(ctx, (unsigned)lang, ctx->norm, b, ctx->keys[0], TEXT_KEY_MAX);
	buf_add(out, ctx->keys[0], k);
	e = E_OK;
out:
	return e;
}

enum err text_terms(struct text_ctx *ctx, const char *s, size_t n, unsigned langs,
                    void (*cb)(const struct text_term *t, void *arg), void *arg, uint32_t *nwords)
{
	enum err e = E_BAD_UTF8;
	uint32_t count = 0;
	if (!text_valid_utf8(s, n))
		goto out;
	struct text_tok t;
	struct text_span w;
	text_tok_init(&t, s, n);
	while (text_tok_next(&t, &w)) {
		count++;
		size_t nk = word_keys(ctx, s + w.start, w.end - w.start, langs);
		for (size_t i = 0; i < nk; i++) {
			struct text_term term = {
			    .key = ctx->keys[i],
			    .len = ctx->klen[i],
			    .surface = i == 0,
			    .pos = w.pos,
			    .start = w.start,
			    .end = w.end,
			};
			cb(&term, arg);
		}
	}
	e = E_OK;
out:
	if (nwords)
		*nwords = count;
	return e;
}
