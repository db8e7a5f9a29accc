/* query — people search over the index: parse the query, walk the
 * candidates that hold every word (leapfrog intersection over sorted
 * posting lists, galloping), keep those that pass the filters, the phrases
 * and the caller's visibility (tier, keep, and the fields the searcher may
 * see), count facets, keep the best offset + limit in a bounded heap, then
 * highlight the page.
 *
 * Two walks when the caller passes `near` (the members that may be in
 * tiers 0 and 1): first the intersection with near, ranked into the heap;
 * if that fills the heap with members of tiers below SEARCH_NEAR_TIERS, no
 * other member can enter it, and the second walk (every match, in member
 * order, near members counted but not ranked again) only counts, stopping
 * after count_max visible matches (or count_max * SEARCH_COUNT_STEPS cursor
 * moves) with total and facets extrapolated from the share of the driving
 * posting list walked.  Otherwise the second walk ranks every other match
 * too, and everything is exact.  (When the driving list is no longer than
 * count_max, the first walk is skipped: the second one would count every
 * match anyway.)
 *
 * Cost: per member walked, the leapfrog, its postings, keep(), tier() and
 * fields(); BM25F only for members that can still enter the heap.  No
 * allocation per candidate: scratch lives in the caller's search_result and
 * grows to the largest query seen. */
#include "search/priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* BM25F parameters (see search.h): field weight and length normalisation. */
static const double field_w[SF__COUNT] = {
    [SF_NAME] = 3.0,  [SF_HEADLINE] = 2.5, [SF_SUMMARY] = 1.0,
    [SF_TITLE] = 2.0, [SF_COMPANY] = 1.5,  [SF_EDUCATION] = 1.0,
    [SF_SKILL] = 1.5, [SF_LOCATION] = 1.0, [SF_INDUSTRY] = 1.0,
};
static const double field_b[SF__COUNT] = {
    [SF_NAME] = 0.3,  [SF_HEADLINE] = 0.5, [SF_SUMMARY] = 0.75,
    [SF_TITLE] = 0.3, [SF_COMPANY] = 0.3,  [SF_EDUCATION] = 0.3,
    [SF_SKILL] = 0.3, [SF_LOCATION] = 0.3, [SF_INDUSTRY] = 0.3,
};
#define BM25_K1 1.2

/* ---- results ------------------------------------------------------------ */

void search_result_init(struct search_result *r)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->strs, 0);
}

void search_result_release(struct search_result *r)
{
	free(r->hits);
	free(r->hls);
	buf_release(&r->strs);
	struct search_scratch *s = r->s;
	if (s) {
		for (unsigned i = 0; i < SEARCH_MAX_QUERY_WORDS; i++)
			free(s->w[i].fp);
		free(s->heap);
		for (unsigned i = 0; i < 2; i++) {
			free(s->count[i]);
			free(s->touched[i]);
		}
		free(s->match);
		buf_release(&s->tmp);
		buf_release(&s->doc);
		free(s);
	}
	memset(r, 0, sizeof *r);
}

struct search_scratch *scratch_get(struct search_result *r)
{
	if (!r->s) {
		r->s = xcalloc(1, sizeof *r->s);
		buf_init(&r->s->tmp, 0);
		buf_init(&r->s->doc, 0);
	}
	return r->s;
}

void result_hits(struct search_result *r, size_t n)
{
	r->hits = xgrow(r->hits, &r->hcap, n, sizeof *r->hits);
}

void result_hl(struct search_result *r, const struct search_hl *h)
{
	r->hls = xgrow(r->hls, &r->hlcap, r->nhls + 1, sizeof *r->hls);
	r->hls[r->nhls++] = *h;
}

static void result_reset(struct search_result *r)
{
	r->nhits = r->nhls = 0;
	r->total = 0;
	r->more = false;
	r->total_estimated = r->facets_estimated = false;
	r->next = 0;
	r->ncompanies = r->nlocations = 0;
	buf_reset(&r->strs);
}

/* ---- parsing ------------------------------------------------------------ */

static bool is_quote(int32_t cp)
{
	return cp == '"' || cp == 0x201c || cp == 0x201d || cp == 0x201e || cp == 0xab ||
	       cp == 0xbb;
}

/* Decodes one code point of valid UTF-8; returns its length. */
static size_t cp_at(const char *s, size_t n, size_t i, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t k = p[0] < 0x80 ? 1 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (k > n - i)
		k = n - i;
	int32_t v = k == 1 ? p[0] : p[0] & (0x3f >> (k - 1));
	for (size_t j = 1; j < k; j++)
		v = v << 6 | (p[j] & 0x3f);
	*cp = v;
	return k;
}

static void on_qterm(const struct text_term *t, void *arg)
{
	struct search_scratch *s = arg;
	if (!s->seg_any || t->pos != s->seg_last) {
		if (!s->seg_any)
			s->seg_w0 = t->pos; /* first word's position in the segment */
		struct qword *w = &s->w[s->nw++];
		w->src.nk = 0;
		w->src.size = 0;
		w->off = t->pos - s->seg_w0;
		w->stop = false;
		w->used = true;
		w->nfp = 0;
		s->seg_any = true;
		s->seg_last = t->pos;
	}
	struct qword *w = &s->w[s->nw - 1];
	if (t->surface)
		w->stop = text_stopword(s->langs, t->key, t->len);
	uint32_t id = dict_find(&s->x->keys, t->key, t->len);
	if (id == DICT_NONE || !s->x->terms[id].n)
		return;
	const struct search_term *term = &s->x->terms[id];
	struct qkey *k = &w->src.k[w->src.nk++];
	k->m = term_m(term);
	k->fp = term_fp(term);
	k->n = term->n;
	k->cur = 0;
	k->df = term->df;
	k->surface = t->surface;
	w->src.size += term->n;
}

static void segment(struct search_scratch *s, struct text_ctx *ctx, const char *p, size_t n,
                    bool phrase)
{
	unsigned w0 = s->nw;
	s->seg_any = false;
	text_terms(ctx, p, n, s->langs, on_qterm, s, NULL);
	if (s->nw == w0)
		return;
	if (phrase) {
		s->e[s->ne++] = (struct qelem){.w0 = w0, .nw = s->nw - w0, .phrase = true};
		return;
	}
	for (unsigned i = w0; i < s->nw; i++) {
		s->w[i].off = 0;
		s->e[s->ne++] = (struct qelem){.w0 = i, .nw = 1};
	}
}

/* Splits q into words and elements (words and quoted phrases) with their
 * posting lists; drops stop words unless only stop words are left. */
static enum err parse(struct search_scratch *s, const struct search_index *x, struct text_ctx *ctx,
                      const char *q, size_t n, unsigned langs, struct fail *f)
{
	enum err e = E_BAD_QUERY;
	s->x = x;
	s->langs = langs;
	s->nw = s->ne = 0;
	if (!q || !n) {
		fail_set(f, e, "q", "the query is empty");
		goto out;
	}
	if (n > SEARCH_MAX_QUERY_BYTES) {
		fail_set(f, e, "q", "the query is longer than %d bytes", SEARCH_MAX_QUERY_BYTES);
		goto out;
	}
	if (!text_valid_utf8(q, n)) {
		fail_set(f, e, "q", "the query is not valid UTF-8");
		goto out;
	}
	struct text_tok tok;
	struct text_span sp;
	unsigned words = 0, quotes = 0;
	text_tok_init(&tok, q, n);
	while (text_tok_next(&tok, &sp))
		words++;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += cp_at(q, n, i, &cp);
		quotes += is_quote(cp);
	}
	if (words > SEARCH_MAX_QUERY_WORDS) {
		fail_set(f, e, "q", "the query has more than %d words", SEARCH_MAX_QUERY_WORDS);
		goto out;
	}
	if (quotes % 2) {
		fail_set(f, e, "q", "the query has an unbalanced quote");
		goto out;
	}
	bool inq = false;
	size_t start = 0;
	for (size_t i = 0; i <= n;) {
		int32_t cp = 0;
		size_t k = i < n ? cp_at(q, n, i, &cp) : 1;
		if (i == n || is_quote(cp)) {
			segment(s, ctx, q + start, i - start, inq);
			inq = !inq;
			start = i + k;
		}
		i += k;
	}
	if (!s->ne) {
		fail_set(f, e, "q", "the query has no words");
		goto out;
	}
	bool content = false;
	for (unsigned i = 0; i < s->ne; i++)
		content |= s->e[i].phrase || !s->w[s->e[i].w0].stop;
	for (unsigned i = 0; i < s->ne && content; i++) {
		struct qelem *el = &s->e[i];
		if (!el->phrase && s->w[el->w0].stop) {
			el->dropped = true;
			s->w[el->w0].used = false;
		}
	}
	e = E_OK;
out:
	return e;
}

/* ---- matching ----------------------------------------------------------- */

static uint32_t src_next(struct qsrc *q, uint32_t target)
{
	uint32_t best = NO_MEMBER;
	for (unsigned i = 0; i < q->nk; i++) {
		struct qkey *k = &q->k[i];
		k->cur = gallop(k->m, k->n, k->cur, target);
		if (k->cur < k->n && k->m[k->cur] < best)
			best = k->m[k->cur];
	}
	return best;
}

/* The smallest member >= target in every source, or NO_MEMBER. */
static uint32_t leapfrog(struct search_scratch *s, uint32_t target)
{
	unsigned agree = 0, i = 0;
	uint32_t cur = target;
	for (;;) {
		uint32_t v = src_next(s->src[i], cur);
		s->steps++;
		if (v == NO_MEMBER)
			return NO_MEMBER;
		if (v == cur) {
			agree++;
		} else {
			cur = v;
			agree = 1;
		}
		if (agree == s->nsrc)
			return cur;
		if (++i == s->nsrc)
			i = 0;
	}
}

static int fp_cmp(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	return (x > y) - (x < y);
}

static void sort_unique(uint16_t *v, size_t *n)
{
	if (*n > 24) {
		qsort(v, *n, sizeof *v, fp_cmp);
	} else {
		for (size_t i = 1; i < *n; i++) {
			uint16_t t = v[i];
			size_t j = i;
			for (; j > 0 && v[j - 1] > t; j--)
				v[j] = v[j - 1];
			v[j] = t;
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (!k || v[k - 1] != v[i])
			v[k++] = v[i];
	*n = k;
}

static bool fp_has(const uint16_t *v, size_t n, uint16_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x;
}

/* Gathers each used word's (field, position)s in member; `fresh` searches
 * the lists, otherwise the cursors stand at the member.  False when a word
 * has none (a query stem only met a name). */
static bool collect(struct search_scratch *s, uint32_t member, bool fresh)
{
	for (unsigned i = 0; i < s->nw; i++) {
		struct qword *w = &s->w[i];
		if (!w->used)
			continue;
		w->nfp = 0;
		unsigned from = 0;
		for (unsigned j = 0; j < w->src.nk; j++) {
			const struct qkey *k = &w->src.k[j];
			uint32_t at = fresh ? lower_bound(k->m, k->n, member) : k->cur;
			uint32_t end = at;
			while (end < k->n && k->m[end] == member)
				end++;
			if (end == at)
				continue;
			w->fp = xgrow(w->fp, &w->fpcap, w->nfp + (end - at), sizeof *w->fp);
			from += w->nfp > 0;
			for (; at < end; at++) {
				uint16_t fp = k->fp[at];
				if (FP_FIELD(fp) == SF_NAME && !k->surface)
					continue;
				w->fp[w->nfp++] = fp;
			}
		}
		if (!w->nfp)
			return false;
		if (from)
			sort_unique(w->fp, &w->nfp);
	}
	return true;
}

/* True when the phrase el starts at fp0 (a position of its first word). */
static bool phrase_at(const struct search_scratch *s, const struct qelem *el, uint16_t fp0)
{
	for (unsigned j = 1; j < el->nw; j++) {
		const struct qword *w = &s->w[el->w0 + j];
		unsigned pos = FP_POS(fp0) + w->off;
		if (pos >= POS_LIMIT || !fp_has(w->fp, w->nfp, FP(FP_FIELD(fp0), pos)))
			return false;
	}
	return true;
}

/* Term frequencies of el per field of the mask `see` in the collected
 * member; false if 0. */
static bool element_tf(struct search_scratch *s, struct qelem *el, uint16_t *fields, unsigned see)
{
	const struct qword *w0 = &s->w[el->w0];
	uint32_t total = 0;
	memset(el->tf, 0, sizeof el->tf);
	for (size_t i = 0; i < w0->nfp; i++) {
		uint16_t fp = w0->fp[i];
		if (!(see >> FP_FIELD(fp) & 1u) || (el->nw > 1 && !phrase_at(s, el, fp)))
			continue;
		el->tf[FP_FIELD(fp)]++;
		*fields |= (uint16_t)(1u << FP_FIELD(fp));
		total++;
	}
	return total > 0;
}

static double bm25f(const struct search_index *x, const struct search_scratch *s, uint32_t member,
                    const double *avg)
{
	const struct search_member *m = &x->mem[member];
	double score = 0;
	for (unsigned i = 0; i < s->ne; i++) {
		const struct qelem *el = &s->e[i];
		if (el->dropped)
			continue;
		double wtf = 0;
		for (unsigned f = 0; f < SF__COUNT; f++)
			if (el->tf[f])
				wtf += field_w[f] * el->tf[f] /
				       (1.0 - field_b[f] + field_b[f] * m->flen[f] / avg[f]);
		score += el->idf * wtf * (BM25_K1 + 1.0) / (BM25_K1 + wtf);
	}
	return score;
}

/* ---- ranking ------------------------------------------------------------ */

static bool better(const struct cand *a, const struct cand *b)
{
	if (a->tier != b->tier)
		return a->tier < b->tier;
	if (a->score != b->score)
		return a->score > b->score;
	if (a->strength != b->strength)
		return a->strength > b->strength;
	return a->member < b->member;
}

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	return better(a, b) ? -1 : better(b, a) ? 1 : 0;
}

/* The heap keeps the best `cap` candidates with the worst at the root. */
static void heap_push(struct cand *h, size_t *n, size_t cap, const struct cand *c)
{
	size_t i;
	if (*n < cap) {
		i = (*n)++;
		h[i] = *c;
		while (i) {
			size_t p = (i - 1) / 2;
			if (!better(&h[p], &h[i]))
				break;
			struct cand t = h[p];
			h[p] = h[i];
			h[i] = t;
			i = p;
		}
		return;
	}
	if (!better(c, &h[0]))
		return;
	h[0] = *c;
	i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < *n && better(&h[w], &h[l]))
			w = l;
		if (r < *n && better(&h[w], &h[r]))
			w = r;
		if (w == i)
			break;
		struct cand t = h[w];
		h[w] = h[i];
		h[i] = t;
		i = w;
	}
}

/* ---- facets ------------------------------------------------------------- */

static void facet_prep(struct search_scratch *s, unsigned i, size_t n)
{
	if (n <= s->ccap[i])
		return;
	size_t old = s->ccap[i];
	s->count[i] = xgrow(s->count[i], &s->ccap[i], n, sizeof *s->count[i]);
	memset(s->count[i] + old, 0, (s->ccap[i] - old) * sizeof *s->count[i]);
}

static void facet_add(struct search_scratch *s, unsigned i, uint32_t id)
{
	s->count[i][id]++;
	if (s->count[i][id] == 1) {
		s->touched[i] =
		    xgrow(s->touched[i], &s->tcap[i], s->ntouched[i] + 1, sizeof *s->touched[i]);
		s->touched[i][s->ntouched[i]++] = id;
	}
}

/* Top k values of facet i (count desc, key asc) into out, counts times
 * `scale` (1 when exact); resets counts.  Stores string offsets into
 * r->strs in off[]. */
static size_t facet_top(const struct search_values *v, struct search_scratch *s, unsigned i,
                        size_t k, double scale, struct search_facet *out, size_t *off,
                        struct search_result *r)
{
	uint32_t top[SEARCH_MAX_FACETS];
	size_t n = 0;
	const uint32_t *cnt = s->count[i];
	for (size_t t = 0; t < s->ntouched[i]; t++) {
		uint32_t id = s->touched[i][t];
		size_t j = n;
		while (j > 0 &&
		       (cnt[top[j - 1]] < cnt[id] ||
		        (cnt[top[j - 1]] == cnt[id] && dict_cmp(&v->keys, top[j - 1], id) > 0)))
			j--;
		if (j >= k)
			continue;
		size_t last = n < k ? n : k - 1;
		memmove(top + j + 1, top + j, (last - j) * sizeof *top);
		top[j] = id;
		if (n < k)
			n++;
	}
	for (size_t j = 0; j < n; j++) {
		const char *d =
		    v->display[top[j]] ? v->display[top[j]] : dict_str(&v->keys, top[j], NULL);
		off[j] = r->strs.n;
		buf_add(&r->strs, d, strlen(d) + 1);
		double c = scale * cnt[top[j]] + 0.5;
		out[j].count = c >= UINT32_MAX ? UINT32_MAX : (uint32_t)c;
	}
	for (size_t t = 0; t < s->ntouched[i]; t++)
		s->count[i][s->touched[i][t]] = 0;
	s->ntouched[i] = 0;
	return n;
}

/* ---- highlights --------------------------------------------------------- */

static void add_match(struct search_scratch *s, uint16_t fp)
{
	s->match = xgrow(s->match, &s->matchcap, s->nmatch + 1, sizeof *s->match);
	s->match[s->nmatch++] = fp;
}

/* Highlights h's matches in the fields of the mask `see`. */
static void highlight(const struct search_index *x, struct search_scratch *s,
                      struct search_result *r, struct search_hit *h, unsigned see)
{
	h->hl = (uint32_t)r->nhls;
	h->nhl = 0;
	s->nmatch = 0;
	if (!collect(s, h->member, true))
		return;
	for (unsigned i = 0; i < s->ne; i++) {
		const struct qelem *el = &s->e[i];
		if (el->dropped)
			continue;
		const struct qword *w0 = &s->w[el->w0];
		for (size_t j = 0; j < w0->nfp; j++) {
			if (!(see >> FP_FIELD(w0->fp[j]) & 1u) ||
			    (el->nw > 1 && !phrase_at(s, el, w0->fp[j])))
				continue;
			for (unsigned k = 0; k < el->nw; k++)
				add_match(s, FP(FP_FIELD(w0->fp[j]),
				                FP_POS(w0->fp[j]) + s->w[el->w0 + k].off));
		}
	}
	sort_unique(s->match, &s->nmatch);
	struct posctr pc = {{0}};
	struct blob_it it;
	struct item item;
	blob_plain(x, &x->mem[h->member], &s->doc);
	items_begin(&s->doc, &it);
	while (blob_next(&it, &item)) {
		if (item.kind >= SF__COUNT)
			continue;
		struct text_tok tok;
		struct text_span sp;
		uint32_t base = pc.base[item.kind], nw = 0;
		text_tok_init(&tok, item.s, item.len);
		while (text_tok_next(&tok, &sp)) {
			nw++;
			uint32_t pos = base + sp.pos;
			if (pos < POS_LIMIT && fp_has(s->match, s->nmatch, FP(item.kind, pos))) {
				struct search_hl hl = {(uint8_t)item.kind, (uint8_t)item.idx,
				                       (uint32_t)sp.start, (uint32_t)sp.end};
				result_hl(r, &hl);
				h->nhl++;
			}
		}
		pc.base[item.kind] += nw + 1;
	}
}

/* ---- the query ---------------------------------------------------------- */

static double idf(uint32_t n, uint32_t df)
{
	return log(1.0 + ((double)n - df + 0.5) / ((double)df + 0.5));
}

/* The field a filter kind reads: when the searcher may not see it, the
 * filter does not match. */
static const unsigned filter_see[SX__COUNT] = {
    [SX_COMPANY] = 1u << SF_COMPANY,   [SX_PAST_COMPANY] = 1u << SF_COMPANY,
    [SX_LOCATION] = 1u << SF_LOCATION, [SX_INDUSTRY] = 1u << SF_INDUSTRY,
    [SX_SKILL] = 1u << SF_SKILL,       [SX_LANGUAGE] = SEARCH_SEE_LANGUAGES,
};

/* Adds the filter sources; *none when a filter matches nobody. */
static enum err filters(const struct search_index *x, struct text_ctx *ctx,
                        const struct search_query *q, struct search_scratch *s, bool *none,
                        struct fail *f)
{
	enum err e = E_OK;
	s->nfilt = 0;
	s->need = 0;
	for (unsigned k = 0; k < SX__COUNT; k++) {
		const char *v = q->filter[k];
		if (!v || !*v)
			continue;
		s->need |= filter_see[k];
		size_t n = strlen(v);
		if (n > SEARCH_MAX_VALUE || !text_valid_utf8(v, n)) {
			e = fail_set(f, E_BAD_QUERY, "filter",
			             "a filter value is not valid UTF-8 or too long");
			goto out;
		}
		buf_reset(&s->tmp);
		text_key(ctx, v, n, &s->tmp);
		uint32_t id =
		    s->tmp.n ? dict_find(&x->vals[k].keys, s->tmp.p, s->tmp.n) : DICT_NONE;
		if (id == DICT_NONE || !x->vals[k].lists[id].n) {
			*none = true;
			continue;
		}
		struct qsrc *src = &s->filt[s->nfilt++];
		const struct search_mlist *l = &x->vals[k].lists[id];
		src->nk = 1;
		src->size = l->n;
		src->k[0] = (struct qkey){.m = l->m, .n = l->n};
		s->src[s->nsrc++] = src;
	}
out:
	return e;
}

/* One query's state while walking. */
struct qrun {
	const struct search_index *x;
	const struct search_query *q;
	struct search_scratch *s;
	size_t depth;
	double avg[SF__COUNT];
	uint32_t near_seen; /* visible matches among near (the first walk) */
};

/* Whether m, at the cursors of every source, is a visible match; fills c
 * but for its score and strength (see consider()).  Leaves the elements'
 * term frequencies for bm25f().  `rank`: c will be offered to the heap. */
static bool eval(struct qrun *qr, uint32_t m, bool rank, struct cand *c)
{
	struct search_scratch *s = qr->s;
	const struct search_query *q = qr->q;
	uint16_t fields = 0;
	/* read later (facets, score): cache misses in a large index, which the
	 * work below can hide */
	if (rank)
		__builtin_prefetch(&qr->x->mem[m]);
	__builtin_prefetch(&qr->x->fac[m]);
	if (!collect(s, m, false))
		return false;
	for (unsigned i = 0; i < s->ne; i++)
		if (!s->e[i].dropped && !element_tf(s, &s->e[i], &fields, SEARCH_SEE_ALL))
			return false;
	if (q->keep && !q->keep(m, q->keep_arg))
		return false;
	int tier = q->tier ? q->tier(m, q->tier_arg) : 4;
	if (tier < 0)
		return false;
	unsigned see = SEARCH_SEE_ALL;
	if (q->fields) {
		see = q->fields(m, q->fields_arg) & SEARCH_SEE_ALL;
		if ((see & s->need) != s->need)
			return false;
		if (fields & ~see) { /* again, in the visible fields only */
			fields = 0;
			for (unsigned i = 0; i < s->ne; i++)
				if (!s->e[i].dropped && !element_tf(s, &s->e[i], &fields, see))
					return false;
		}
	}
	*c = (struct cand){.member = m, .tier = tier, .fields = fields, .see = (uint16_t)see};
	return true;
}

/* Offers the evaluated candidate c to the heap. */
static void consider(struct qrun *qr, struct cand *c)
{
	struct search_scratch *s = qr->s;
	if (s->nheap == qr->depth && c->tier > s->heap[0].tier)
		return;
	c->strength = qr->x->mem[c->member].strength;
	c->score = bm25f(qr->x, s, c->member, qr->avg);
	heap_push(s->heap, &s->nheap, qr->depth, c);
}

/* Counts the evaluated candidate c in the facets. */
static void count_facets(struct qrun *qr, const struct cand *c)
{
	const struct search_fac *fc = &qr->x->fac[c->member];
	if (c->see & 1u << SF_COMPANY && fc->cur0 != DICT_NONE) {
		facet_add(qr->s, 0, fc->cur0 & ~FAC_MORE);
		if (fc->cur0 & FAC_MORE) {
			const struct search_member *mm = &qr->x->mem[c->member];
			for (unsigned i = 1; i < mm->ncur; i++)
				facet_add(qr->s, 0, blob_cur_at(mm, i));
		}
	}
	if (c->see & 1u << SF_LOCATION && fc->loc != DICT_NONE)
		facet_add(qr->s, 1, fc->loc);
}

static void rewind_sources(struct search_scratch *s)
{
	for (unsigned i = 0; i < s->nsrc; i++)
		for (unsigned k = 0; k < s->src[i]->nk; k++)
			s->src[i]->k[k].cur = 0;
}

/* Puts the smallest source first: it drives the intersection. */
static void sort_sources(struct search_scratch *s)
{
	for (unsigned i = 1; i < s->nsrc; i++)
		for (unsigned j = i; j > 0 && s->src[j - 1]->size > s->src[j]->size; j--) {
			struct qsrc *t = s->src[j];
			s->src[j] = s->src[j - 1];
			s->src[j - 1] = t;
		}
}

/* The first walk: the matches among q->near, ranked. */
static void walk_near(struct qrun *qr)
{
	struct search_scratch *s = qr->s;
	const struct search_query *q = qr->q;
	struct qsrc *ns = &s->nearsrc;
	ns->nk = 1;
	ns->size = q->nnear;
	ns->k[0] = (struct qkey){.m = q->near, .n = (uint32_t)q->nnear};
	s->src[s->nsrc++] = ns;
	sort_sources(s);
	struct cand c;
	for (uint32_t target = 0;;) {
		uint32_t m = leapfrog(s, target);
		if (m == NO_MEMBER)
			break;
		target = m + 1;
		if (eval(qr, m, true, &c)) {
			qr->near_seen++;
			consider(qr, &c);
		}
	}
	unsigned k = 0;
	for (unsigned i = 0; i < s->nsrc; i++)
		if (s->src[i] != ns)
			s->src[k++] = s->src[i];
	s->nsrc = k;
	rewind_sources(s);
}

/* The most members a source can hold. */
static uint64_t src_most(const struct qsrc *d)
{
	uint64_t most = 0;
	for (unsigned k = 0; k < d->nk; k++)
		most += d->k[k].fp ? d->k[k].df : d->k[k].n;
	return most;
}

/* An estimate of all visible matches from the `counted` ones before member
 * m, by the share of the driving list walked (at least what was counted
 * and what the near walk saw, at most the driving list's members). */
static uint32_t estimate(const struct qrun *qr, uint32_t counted)
{
	const struct qsrc *d = qr->s->src[0];
	uint64_t walked = 0, all = 0, most = src_most(d);
	for (unsigned k = 0; k < d->nk; k++) {
		walked += d->k[k].cur;
		all += d->k[k].n;
	}
	double est = walked ? (double)counted * (double)all / (double)walked : (double)counted;
	if (est > (double)most)
		est = (double)most;
	if (est > (double)qr->x->ndocs)
		est = (double)qr->x->ndocs;
	if (est > UINT32_MAX)
		est = UINT32_MAX;
	if (est < qr->near_seen)
		est = qr->near_seen;
	return est < counted ? counted : (uint32_t)(est + 0.5);
}

enum err check_members(const uint32_t *v, size_t n, const char *field, struct fail *f)
{
	if (n && !v)
		return fail_set(f, E_BAD_QUERY, field, "%s is missing", field);
	for (size_t i = 1; i < n; i++)
		if (v[i - 1] >= v[i])
			return fail_set(f, E_BAD_QUERY, field, "%s is not sorted and distinct",
			                field);
	return E_OK;
}

enum err search_query(const struct search_index *x, struct text_ctx *ctx,
                      const struct search_query *q, struct search_result *r, struct fail *f)
{
	enum err e = E_BAD_QUERY;
	result_reset(r);
	struct search_scratch *s = scratch_get(r);
	if (q->limit < 1 || q->limit > SEARCH_MAX_PAGE) {
		fail_set(f, e, "limit", "limit is 1..%d", SEARCH_MAX_PAGE);
		goto out;
	}
	if (q->offset >= SEARCH_MAX_DEPTH) {
		fail_set(f, e, "offset", "results go at most %d deep", SEARCH_MAX_DEPTH);
		goto out;
	}
	if (q->nfacets > SEARCH_MAX_FACETS) {
		fail_set(f, e, "nfacets", "at most %d facet values", SEARCH_MAX_FACETS);
		goto out;
	}
	e = check_members(q->near, q->nnear, "near", f);
	if (e)
		goto out;
	unsigned langs = (q->langs | LANG_BIT(LANG_EN)) & LANG_ALL;
	e = parse(s, x, ctx, q->q, q->qlen, langs, f);
	if (e)
		goto out;
	bool none = false;
	s->nsrc = 0;
	for (unsigned i = 0; i < s->nw; i++) {
		struct qword *w = &s->w[i];
		if (!w->used)
			continue;
		if (!w->src.nk)
			none = true;
		uint32_t df = 0;
		for (unsigned k = 0; k < w->src.nk; k++)
			df = w->src.k[k].df > df ? w->src.k[k].df : df;
		w->idf = idf(x->ndocs, df);
		s->src[s->nsrc++] = &w->src;
	}
	e = filters(x, ctx, q, s, &none, f);
	if (e || none)
		goto out;
	for (unsigned i = 0; i < s->ne; i++) {
		struct qelem *el = &s->e[i];
		el->idf = 0;
		for (unsigned j = 0; j < el->nw; j++)
			el->idf += s->w[el->w0 + j].idf;
	}
	sort_sources(s);
	struct qrun qr = {.x = x, .q = q, .s = s};
	for (unsigned fl = 0; fl < SF__COUNT; fl++) {
		qr.avg[fl] = x->ndocs ? (double)x->flen_sum[fl] / x->ndocs : 1.0;
		if (qr.avg[fl] <= 0)
			qr.avg[fl] = 1.0;
	}
	qr.depth = (size_t)q->offset + q->limit;
	if (qr.depth > SEARCH_MAX_DEPTH)
		qr.depth = SEARCH_MAX_DEPTH;
	s->heap = xgrow(s->heap, &s->heapcap, qr.depth, sizeof *s->heap);
	s->nheap = 0;
	const struct search_values *vc = &x->vals[SX_COMPANY], *vl = &x->vals[SX_LOCATION];
	if (q->nfacets) {
		facet_prep(s, 0, vc->keys.n);
		facet_prep(s, 1, vl->keys.n);
	}
	/* the near members first: when they fill the heap with tiers no other
	 * member can have, the page is final */
	bool near = false, final = false;
	uint32_t cap = q->count_max ? q->count_max : SEARCH_COUNT_MAX;
	if (q->nnear && src_most(s->src[0]) > cap) { /* else the walk counts all anyway */
		near = true;
		walk_near(&qr);
		final = s->nheap == qr.depth && s->heap[0].tier < SEARCH_NEAR_TIERS;
	}
	uint32_t nj = 0, estimated = 0;
	struct cand c;
	s->steps = 0;
	for (uint32_t target = 0;;) {
		uint32_t m = leapfrog(s, target);
		if (m == NO_MEMBER)
			break;
		target = m + 1;
		bool in_near = false;
		if (near) {
			nj = gallop(q->near, (uint32_t)q->nnear, nj, m);
			in_near = nj < q->nnear && q->near[nj] == m;
		}
		if (!eval(&qr, m, !final, &c))
			continue;
		r->total++;
		if (q->nfacets)
			count_facets(&qr, &c);
		if (!in_near)
			consider(&qr, &c);
		if (final && (r->total >= cap || s->steps >= (uint64_t)cap * SEARCH_COUNT_STEPS) &&
		    r->total > qr.depth) {
			estimated = estimate(&qr, r->total);
			break;
		}
	}
	qsort(s->heap, s->nheap, sizeof *s->heap, cand_cmp);
	size_t nout = s->nheap > q->offset ? s->nheap - q->offset : 0;
	result_hits(r, nout);
	for (size_t i = 0; i < nout; i++) {
		const struct cand *hc = &s->heap[q->offset + i];
		struct search_hit *h = &r->hits[i];
		*h = (struct search_hit){.member = hc->member,
		                         .tier = hc->tier,
		                         .score = hc->score,
		                         .strength = hc->strength,
		                         .fields = hc->fields};
		highlight(x, s, r, h, hc->see);
	}
	r->nhits = nout;
	double scale = 1.0;
	if (estimated) {
		scale = (double)estimated / r->total;
		r->total = estimated;
		r->total_estimated = true;
		r->facets_estimated = q->nfacets > 0;
	}
	size_t reach = r->total < SEARCH_MAX_DEPTH ? r->total : SEARCH_MAX_DEPTH;
	r->next = (uint32_t)(q->offset + nout);
	r->more = r->next < reach;
	if (q->nfacets) {
		size_t oc[SEARCH_MAX_FACETS], ol[SEARCH_MAX_FACETS];
		r->ncompanies = facet_top(vc, s, 0, q->nfacets, scale, r->companies, oc, r);
		r->nlocations = facet_top(vl, s, 1, q->nfacets, scale, r->locations, ol, r);
		for (size_t i = 0; i < r->ncompanies; i++)
			r->companies[i].value = r->strs.p + oc[i];
		for (size_t i = 0; i < r->nlocations; i++)
			r->locations[i].value = r->strs.p + ol[i];
	}
out:
	if (r->s && e) {
		/* keep the facet counters zero for the next query */
		for (unsigned i = 0; i < 2; i++) {
			for (size_t t = 0; t < r->s->ntouched[i]; t++)
				r->s->count[i][r->s->touched[i][t]] = 0;
			r->s->ntouched[i] = 0;
		}
	}
	return e;
}
