/* index — building the people-search index: put, remove, equality and
 * statistics (design in search.h, layouts in priv.h).
 *
 * Invariants kept by put/remove:
 *   - terms[t] lists exactly the (member, fp) pairs the term walk of every
 *     stored document yields for key t, sorted; df counts distinct members.
 *   - vals[k].lists[v] is the sorted set of members with a value of kind k
 *     whose key is v; display[v] is that value as written by the lowest
 *     numbered member holding it (first such item), so it does not depend
 *     on the order of edits.
 *   - nlists[w] is the sorted set of members with name word w; nsorted holds
 *     every name word id ever seen, in string order.  The name word
 *     NAME_TWICE + w lists the members whose name holds w more than once.
 *   - ndocs and flen_sum are the count and field-length sums of the stored
 *     documents.
 *   - fac[m] holds the first current company and the location of m's stored
 *     document (DICT_NONE each when m has none).
 *   - words holds every word of every stored document, as written (and the
 *     words of documents since replaced: its ids are never reused, so it
 *     only grows, with the vocabulary rather than with the documents).
 * A document is removed by walking its stored copy again, turned back into
 * plain text, which yields the same keys as when it was put (the text
 * functions are deterministic). */
#include "search/priv.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "base/mem.h"

const char *search_field_name(enum search_field f)
{
	static const char *const names[SF__COUNT] = {
	    "name",      "headline", "summary",  "title",    "company",
	    "education", "skill",    "location", "industry",
	};
	return (unsigned)f < SF__COUNT ? names[f] : "";
}

/* ---- sorted arrays ------------------------------------------------------ */

uint32_t lower_bound(const uint32_t *a, uint32_t n, uint32_t v)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (a[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

uint32_t gallop_on(const uint32_t *a, uint32_t n, uint32_t from, uint32_t v)
{
	/* intersections of long lists mostly move a few places: look at the
	 * next ones in turn first */
	uint32_t near = n - from > 8 ? from + 8 : n;
	for (uint32_t i = from + 1; i < near; i++)
		if (a[i] >= v)
			return i;
	if (near == n)
		return n;
	from = near - 1;
	uint32_t step = 1, lo = from, hi = from + 1;
	while (hi < n && a[hi] < v) {
		lo = hi;
		step *= 2;
		hi = n - hi > step ? hi + step : n;
	}
	/* a[lo] < v, and a[hi] >= v or hi == n */
	return lo + 1 + lower_bound(a + lo + 1, hi - lo - 1, v);
}

/* Inserts v; false if it was there already. */
static bool mlist_add(struct search_mlist *l, uint32_t v)
{
	/* appending is the common case (a rebuild goes in member order) */
	uint32_t at = !l->n || l->m[l->n - 1] < v ? l->n : lower_bound(l->m, l->n, v);
	if (at < l->n && l->m[at] == v)
		return false;
	if (l->n + 1 > l->cap) {
		size_t cap = l->cap;
		l->m = xgrow(l->m, &cap, (size_t)l->n + 1, sizeof *l->m);
		l->cap = (uint32_t)cap;
	}
	memmove(l->m + at + 1, l->m + at, (size_t)(l->n - at) * sizeof *l->m);
	l->m[at] = v;
	l->n++;
	return true;
}

/* Removes v; false if it was not there. */
static bool mlist_del(struct search_mlist *l, uint32_t v)
{
	uint32_t at = lower_bound(l->m, l->n, v);
	if (at >= l->n || l->m[at] != v)
		return false;
	memmove(l->m + at, l->m + at + 1, (size_t)(l->n - at - 1) * sizeof *l->m);
	l->n--;
	if (!l->n) {
		free(l->m);
		l->m = NULL;
		l->cap = 0;
	}
	return true;
}

/* ---- postings ----------------------------------------------------------- */

/* Moves t's entries into heap storage of capacity cap (>= n, >= 2). */
static void term_realloc(struct search_term *t, uint32_t cap)
{
	unsigned char *p = xmalloc((size_t)cap * (sizeof(uint32_t) + sizeof(uint16_t)));
	uint32_t *m = (uint32_t *)(void *)p;
	uint16_t *fp = (uint16_t *)(m + cap);
	memcpy(m, term_m(t), (size_t)t->n * sizeof *m);
	memcpy(fp, term_fp(t), (size_t)t->n * sizeof *fp);
	if (t->cap)
		free(t->u.p);
	t->u.p = p;
	t->cap = cap;
}

struct search_wpair {
	uint32_t term;
	uint16_t fp;
};

/* Adds member's k entries p[0..k).fp (sorted); the member has none yet. */
static void term_insert(struct search_term *t, uint32_t member, const struct search_wpair *p,
                        uint32_t k)
{
	if (!t->cap && !t->n && k == 1) {
		t->u.one.m = member;
		t->u.one.fp = p[0].fp;
		t->n = 1;
		t->df = 1;
		return;
	}
	if (t->n + k > t->cap) {
		uint32_t cap = t->cap ? t->cap : 2;
		while (cap < t->n + k)
			cap *= 2;
		term_realloc(t, cap);
	}
	uint32_t *m = (uint32_t *)t->u.p;
	uint16_t *f = (uint16_t *)(m + t->cap);
	uint32_t at = !t->n || m[t->n - 1] < member ? t->n : lower_bound(m, t->n, member);
	memmove(m + at + k, m + at, (size_t)(t->n - at) * sizeof *m);
	memmove(f + at + k, f + at, (size_t)(t->n - at) * sizeof *f);
	for (uint32_t i = 0; i < k; i++) {
		m[at + i] = member;
		f[at + i] = p[i].fp;
	}
	t->n += k;
	t->df++;
}

static void term_delete(struct search_term *t, uint32_t member)
{
	const uint32_t *cm = term_m(t);
	uint32_t at = lower_bound(cm, t->n, member), end = at;
	while (end < t->n && cm[end] == member)
		end++;
	if (end == at)
		return;
	t->df--;
	if (!t->cap) { /* the inline entry */
		t->n = 0;
		return;
	}
	uint32_t *m = (uint32_t *)t->u.p;
	uint16_t *f = (uint16_t *)(m + t->cap);
	memmove(m + at, m + end, (size_t)(t->n - end) * sizeof *m);
	memmove(f + at, f + end, (size_t)(t->n - end) * sizeof *f);
	t->n -= end - at;
	if (t->n == 0) {
		free(t->u.p);
		t->u.p = NULL;
		t->cap = 0;
	} else if (t->n == 1) {
		uint32_t m0 = m[0];
		uint16_t f0 = f[0];
		free(t->u.p);
		t->cap = 0;
		t->u.one.m = m0;
		t->u.one.fp = f0;
	} else if (t->cap > 16 && t->n * 4 <= t->cap) {
		term_realloc(t, t->cap / 2);
	}
}

static size_t term_bytes(const struct search_term *t)
{
	return (size_t)t->cap * (sizeof(uint32_t) + sizeof(uint16_t));
}

/* ---- stored documents --------------------------------------------------- */

static size_t cur_bytes(const struct search_member *m)
{
	return (size_t)m->ncur * sizeof(uint32_t);
}

const char *blob_namekey(const struct search_member *m, size_t *n)
{
	uint16_t k;
	memcpy(&k, m->blob + cur_bytes(m), sizeof k);
	*n = k;
	return (const char *)m->blob + cur_bytes(m) + sizeof k;
}

void items_begin(const struct buf *plain, struct blob_it *it)
{
	it->p = (const unsigned char *)plain->p;
	it->end = it->p + plain->n;
}

bool blob_next(struct blob_it *it, struct item *out)
{
	if (it->end - it->p < 4)
		return false;
	uint16_t len;
	memcpy(&len, it->p + 2, sizeof len);
	out->kind = it->p[0] & ~ITEM_CURRENT;
	out->current = (it->p[0] & ITEM_CURRENT) != 0;
	out->idx = it->p[1];
	out->s = (const char *)it->p + 4;
	out->len = len;
	it->p += 4 + (size_t)len;
	return true;
}

/* The stored form (see priv.h): items with their words as ids of x->words. */

static void put_varint(struct buf *b, uint32_t v)
{
	unsigned char c[5];
	size_t n = 0;
	while (v >= 0x80) {
		c[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	c[n++] = (unsigned char)v;
	buf_add(b, c, n);
}

static uint32_t get_varint(const unsigned char **p)
{
	uint32_t v = 0;
	for (unsigned shift = 0;; shift += 7) {
		unsigned c = *(*p)++;
		v |= (uint32_t)(c & 0x7f) << shift;
		if (c < 0x80)
			return v;
	}
}

/* Appends the plain items of `plain` to out in stored form (x->key is
 * scratch). */
static void items_store(struct search_index *x, const struct buf *plain, struct buf *out)
{
	struct buf *words = &x->key;
	int last[ITEM_LANGUAGE + 1];
	for (unsigned k = 0; k <= ITEM_LANGUAGE; k++)
		last[k] = -1;
	struct blob_it it;
	struct item item;
	items_begin(plain, &it);
	while (blob_next(&it, &item)) {
		struct text_tok tok;
		struct text_span sp;
		uint32_t nw = 0;
		size_t at = 0;
		buf_reset(words);
		text_tok_init(&tok, item.s, item.len);
		while (text_tok_next(&tok, &sp)) {
			size_t glen = sp.start - at;
			bool plain_gap = nw == 0 ? glen == 0 : glen == 1 && item.s[at] == ' ';
			uint32_t id =
			    dict_intern(&x->words, item.s + sp.start, sp.end - sp.start, NULL);
			put_varint(words, id << 1 | (plain_gap ? 0u : 1u));
			if (!plain_gap) {
				put_varint(words, (uint32_t)glen);
				buf_add(words, item.s + at, glen);
			}
			at = sp.end;
			nw++;
		}
		bool tail = at < item.len;
		bool seq = (int)item.idx == last[item.kind] + 1;
		last[item.kind] = (int)item.idx;
		buf_addc(out, (char)(item.kind | (item.current ? ITEM_CURRENT : 0u) |
		                     (seq ? 0u : ITEM_IDX) | (tail ? ITEM_TAIL : 0u)));
		if (!seq)
			buf_addc(out, (char)item.idx);
		put_varint(out, nw);
		buf_add(out, words->p, words->n);
		if (tail) {
			put_varint(out, (uint32_t)(item.len - at));
			buf_add(out, item.s + at, item.len - at);
		}
		out->over |= words->over;
	}
}

/* Appends m's items to out in plain form. */
static void items_load(const struct search_index *x, const struct search_member *m, struct buf *out)
{
	int last[ITEM_LANGUAGE + 1];
	for (unsigned k = 0; k <= ITEM_LANGUAGE; k++)
		last[k] = -1;
	size_t kn;
	const unsigned char *p = (const unsigned char *)blob_namekey(m, &kn) + kn;
	const unsigned char *end = m->blob + m->blen;
	while (p < end) {
		unsigned head = *p++;
		unsigned kind = head & ITEM_KIND;
		unsigned idx = head & ITEM_IDX ? *p++ : (unsigned)(last[kind] + 1);
		last[kind] = (int)idx;
		uint32_t nw = get_varint(&p);
		size_t at = out->n;
		unsigned char h[4] = {(unsigned char)(kind | (head & ITEM_CURRENT)),
		                      (unsigned char)idx};
		buf_add(out, h, sizeof h);
		for (uint32_t i = 0; i < nw; i++) {
			uint32_t v = get_varint(&p);
			if (v & 1u) {
				uint32_t glen = get_varint(&p);
				buf_add(out, p, glen);
				p += glen;
			} else if (i) {
				buf_addc(out, ' ');
			}
			size_t wn;
			const char *w = dict_str(&x->words, v >> 1, &wn);
			buf_add(out, w, wn);
		}
		if (head & ITEM_TAIL) {
			uint32_t tlen = get_varint(&p);
			buf_add(out, p, tlen);
			p += tlen;
		}
		uint16_t len = (uint16_t)(out->n - at - sizeof h);
		if (!out->over)
			memcpy(out->p + at + 2, &len, sizeof len);
	}
}

void blob_plain(const struct search_index *x, const struct search_member *m, struct buf *out)
{
	buf_reset(out);
	items_load(x, m, out);
}

static void item_put(struct buf *b, unsigned kind, size_t idx, bool current, const char *s)
{
	if (!s || !*s)
		return;
	size_t n = strlen(s);
	unsigned char h[4] = {(unsigned char)(kind | (current ? ITEM_CURRENT : 0)),
	                      (unsigned char)idx};
	uint16_t len = (uint16_t)n;
	memcpy(h + 2, &len, sizeof len);
	buf_add(b, h, sizeof h);
	buf_add(b, s, n);
}

/* The filter kind an item feeds, or -1. */
static int item_filter(const struct item *it)
{
	switch (it->kind) {
	case SF_COMPANY:
		return it->current ? SX_COMPANY : SX_PAST_COMPANY;
	case SF_LOCATION:
		return SX_LOCATION;
	case SF_INDUSTRY:
		return SX_INDUSTRY;
	case SF_SKILL:
		return SX_SKILL;
	case ITEM_LANGUAGE:
		return SX_LANGUAGE;
	default:
		return -1;
	}
}

/* ---- validation --------------------------------------------------------- */

static enum err check_str(const char *s, const char *field, struct fail *f)
{
	enum err e = E_OK;
	if (!s)
		goto out;
	size_t n = strlen(s);
	if (n > SEARCH_MAX_VALUE) {
		e = fail_set(f, E_TOO_LONG, field, "%s is longer than %u bytes", field,
		             SEARCH_MAX_VALUE);
		goto out;
	}
	if (!text_valid_utf8(s, n))
		e = fail_set(f, E_BAD_UTF8, field, NULL);
out:
	return e;
}

static enum err check_list(const char *const *v, size_t n, const char *field, struct fail *f)
{
	enum err e = E_OK;
	if (n > SEARCH_MAX_ITEMS) {
		e = fail_set(f, E_TOO_MANY, field, "more than %u %s", SEARCH_MAX_ITEMS, field);
		goto out;
	}
	if (n && !v) {
		e = fail_set(f, E_BAD_FIELD, field, "%s is missing", field);
		goto out;
	}
	for (size_t i = 0; i < n && !e; i++)
		e = check_str(v[i], field, f);
out:
	return e;
}

static enum err check_doc(uint32_t member, const struct search_doc *d, struct fail *f)
{
	enum err e = E_OK;
	if (member == NO_MEMBER) {
		e = fail_set(f, E_BAD_FIELD, "member", "member number out of range");
		goto out;
	}
	if (d->strength > SEARCH_MAX_STRENGTH) {
		e = fail_set(f, E_BAD_FIELD, "strength", "strength is 0..100");
		goto out;
	}
	const struct {
		const char *s, *field;
	} one[] = {
	    {d->name, "name"},         {d->headline, "headline"}, {d->summary, "summary"},
	    {d->location, "location"}, {d->industry, "industry"},
	};
	for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
		e = check_str(one[i].s, one[i].field, f);
		if (e)
			goto out;
	}
	if (d->npositions > SEARCH_MAX_ITEMS) {
		e = fail_set(f, E_TOO_MANY, "positions", "more than %u positions",
		             SEARCH_MAX_ITEMS);
		goto out;
	}
	if (d->npositions && !d->positions) {
		e = fail_set(f, E_BAD_FIELD, "positions", "positions is missing");
		goto out;
	}
	for (size_t i = 0; i < d->npositions; i++) {
		e = check_str(d->positions[i].title, "positions.title", f);
		if (!e)
			e = check_str(d->positions[i].company, "positions.company", f);
		if (e)
			goto out;
	}
	e = check_list(d->education, d->neducation, "education", f);
	if (!e)
		e = check_list(d->skills, d->nskills, "skills", f);
	if (!e)
		e = check_list(d->languages, d->nlanguages, "languages", f);
out:
	return e;
}

/* ---- walking a stored document into postings ---------------------------- */

struct twalk {
	struct search_index *x;
	uint32_t base;
	unsigned field;
	bool add; /* intern new keys (put) or only find them (remove) */
};

static void grow_terms(struct search_index *x)
{
	if (x->keys.n <= x->tcap)
		return;
	size_t old = x->tcap;
	x->terms = xgrow(x->terms, &x->tcap, x->keys.n, sizeof *x->terms);
	memset(x->terms + old, 0, (x->tcap - old) * sizeof *x->terms);
}

static void on_term(const struct text_term *t, void *arg)
{
	struct twalk *w = arg;
	struct search_index *x = w->x;
	uint32_t pos = w->base + t->pos;
	if (pos >= POS_LIMIT)
		return;
	uint32_t id = w->add ? dict_intern(&x->keys, t->key, t->len, NULL)
	                     : dict_find(&x->keys, t->key, t->len);
	if (id == DICT_NONE)
		return;
	x->pairs = xgrow(x->pairs, &x->pcap, x->npairs + 1, sizeof *x->pairs);
	x->pairs[x->npairs++] = (struct search_wpair){id, FP(w->field, pos)};
}

static int pair_cmp(const void *a, const void *b)
{
	const struct search_wpair *p = a, *q = b;
	if (p->term != q->term)
		return p->term < q->term ? -1 : 1;
	return (p->fp > q->fp) - (p->fp < q->fp);
}

/* Fills x->pairs with the sorted, distinct (term, fp) pairs of a document's
 * plain items, stemmed in langs; field lengths go to flen. */
static void walk_terms(struct search_index *x, struct text_ctx *ctx, const struct buf *plain,
                       unsigned langs, bool add, uint16_t *flen)
{
	struct twalk w = {.x = x, .add = add};
	struct posctr pc = {{0}};
	uint32_t len[SF__COUNT] = {0};
	struct blob_it it;
	struct item item;
	x->npairs = 0;
	items_begin(plain, &it);
	while (blob_next(&it, &item)) {
		if (item.kind >= SF__COUNT)
			continue;
		uint32_t nw = 0;
		w.field = item.kind;
		w.base = pc.base[item.kind];
		text_terms(ctx, item.s, item.len, item.kind == SF_NAME ? 0 : langs, on_term, &w,
		           &nw);
		pc.base[item.kind] += nw + 1;
		len[item.kind] += nw;
	}
	if (add)
		grow_terms(x);
	qsort(x->pairs, x->npairs, sizeof *x->pairs, pair_cmp);
	size_t k = 0;
	for (size_t i = 0; i < x->npairs; i++)
		if (!k || pair_cmp(&x->pairs[k - 1], &x->pairs[i]))
			x->pairs[k++] = x->pairs[i];
	x->npairs = k;
	for (unsigned f = 0; f < SF__COUNT; f++)
		flen[f] = len[f] > UINT16_MAX ? UINT16_MAX : (uint16_t)len[f];
}

/* ---- values and names --------------------------------------------------- */

static void grow_values(struct search_values *v)
{
	if (v->keys.n <= v->cap)
		return;
	size_t old = v->cap, cap = v->cap;
	v->lists = xgrow(v->lists, &cap, v->keys.n, sizeof *v->lists);
	cap = old;
	v->display = xgrow(v->display, &cap, v->keys.n, sizeof *v->display);
	v->cap = cap;
	memset(v->lists + old, 0, (cap - old) * sizeof *v->lists);
	memset(v->display + old, 0, (cap - old) * sizeof *v->display);
}

/* The value key of s[0..n) into b (reset first); false when it has no words. */
static bool value_key(struct text_ctx *ctx, const char *s, size_t n, struct buf *b)
{
	buf_reset(b);
	text_key(ctx, s, n, b);
	if (b->n > DICT_MAX_LEN)
		b->n = DICT_MAX_LEN;
	return b->n > 0 && !b->over;
}

/* Adds member to the value of kind k with key b; returns the value id. */
static uint32_t value_add(struct search_values *v, const struct buf *key, const struct item *it,
                          uint32_t member)
{
	uint32_t id = dict_intern(&v->keys, key->p, key->n, NULL);
	grow_values(v);
	if (mlist_add(&v->lists[id], member) && v->lists[id].m[0] == member) {
		free(v->display[id]);
		v->display[id] = xstrndup(it->s, it->len);
	}
	return id;
}

/* Sets the display of value id from the first matching item of the lowest
 * member holding it. */
static void value_redisplay(struct search_index *x, struct text_ctx *ctx, int kind, uint32_t id)
{
	struct search_values *v = &x->vals[kind];
	free(v->display[id]);
	v->display[id] = NULL;
	if (!v->lists[id].n)
		return;
	size_t klen;
	const char *k = dict_str(&v->keys, id, &klen);
	const struct search_member *m = &x->mem[v->lists[id].m[0]];
	struct buf b, plain;
	buf_init(&b, 0);
	buf_init(&plain, 0);
	blob_plain(x, m, &plain);
	struct blob_it it;
	struct item item;
	items_begin(&plain, &it);
	while (blob_next(&it, &item)) {
		if (item_filter(&item) != kind || !value_key(ctx, item.s, item.len, &b))
			continue;
		if (b.n == klen && memcmp(b.p, k, klen) == 0) {
			v->display[id] = xstrndup(item.s, item.len);
			break;
		}
	}
	buf_release(&b);
	buf_release(&plain);
}

static void value_del(struct search_index *x, struct text_ctx *ctx, int kind, const struct buf *key,
                      uint32_t member)
{
	struct search_values *v = &x->vals[kind];
	uint32_t id = dict_find(&v->keys, key->p, key->n);
	if (id == DICT_NONE)
		return;
	bool first = v->lists[id].n && v->lists[id].m[0] == member;
	if (mlist_del(&v->lists[id], member) && first)
		value_redisplay(x, ctx, kind, id);
}

struct nwalk {
	struct search_index *x;
	uint32_t member;
	bool add;
};

/* The id of name word key[0..n), added when new (and kept in nsorted). */
static uint32_t name_intern(struct search_index *x, const char *key, size_t n)
{
	bool added;
	uint32_t id = dict_intern(&x->names, key, n, &added);
	if (added) {
		size_t old = x->nlcap;
		x->nlists = xgrow(x->nlists, &x->nlcap, x->names.n, sizeof *x->nlists);
		memset(x->nlists + old, 0, (x->nlcap - old) * sizeof *x->nlists);
		/* keep nsorted in string order */
		size_t lo = 0, hi = x->nsorted_n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (dict_cmp(&x->names, x->nsorted[mid], id) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		x->nsorted =
		    xgrow(x->nsorted, &x->nsorted_cap, x->nsorted_n + 1, sizeof *x->nsorted);
		memmove(x->nsorted + lo + 1, x->nsorted + lo,
		        (x->nsorted_n - lo) * sizeof *x->nsorted);
		x->nsorted[lo] = id;
		x->nsorted_n++;
	}
	return id;
}

static void on_name(const struct text_term *t, void *arg)
{
	struct nwalk *w = arg;
	struct search_index *x = w->x;
	char twice[NAME_TWICE_MAX];
	size_t tn = 1 + t->len;
	twice[0] = NAME_TWICE;
	memcpy(twice + 1, t->key, t->len);
	if (!w->add) {
		uint32_t id = dict_find(&x->names, t->key, t->len);
		/* the list lost the member at the word's first occurrence */
		if (id != DICT_NONE && !mlist_del(&x->nlists[id], w->member)) {
			id = dict_find(&x->names, twice, tn);
			if (id != DICT_NONE)
				mlist_del(&x->nlists[id], w->member);
		}
		return;
	}
	uint32_t id = name_intern(x, t->key, t->len);
	if (!mlist_add(&x->nlists[id], w->member)) { /* a word the name repeats */
		id = name_intern(x, twice, tn);
		mlist_add(&x->nlists[id], w->member);
	}
}

/* Adds (add) or removes member's name words and filter values, from its
 * plain items. */
static void walk_values(struct search_index *x, struct text_ctx *ctx, uint32_t member,
                        const struct buf *plain, bool add)
{
	struct blob_it it;
	struct item item;
	items_begin(plain, &it);
	while (blob_next(&it, &item)) {
		if (item.kind == SF_NAME) {
			struct nwalk w = {x, member, add};
			text_terms(ctx, item.s, item.len, 0, on_name, &w, NULL);
		}
		int k = item_filter(&item);
		if (k < 0 || !value_key(ctx, item.s, item.len, &x->key))
			continue;
		if (add)
			value_add(&x->vals[k], &x->key, &item, member);
		else
			value_del(x, ctx, k, &x->key, member);
	}
}

/* ---- put and remove ----------------------------------------------------- */

void search_init(struct search_index *x)
{
	memset(x, 0, sizeof *x);
	dict_init(&x->keys);
	dict_init(&x->names);
	dict_init(&x->words);
	for (unsigned k = 0; k < SX__COUNT; k++)
		dict_init(&x->vals[k].keys);
	buf_init(&x->tmp, 0);
	buf_init(&x->key, 0);
	buf_init(&x->plain, 0);
	buf_init(&x->stored, 0);
}

void search_release(struct search_index *x)
{
	for (size_t t = 0; t < x->keys.n; t++)
		if (x->terms[t].cap)
			free(x->terms[t].u.p);
	free(x->terms);
	dict_release(&x->keys);
	for (size_t i = 0; i < x->mcap; i++)
		free(x->mem[i].blob);
	free(x->mem);
	free(x->fac);
	free(x->heads);
	dict_release(&x->words);
	for (unsigned k = 0; k < SX__COUNT; k++) {
		struct search_values *v = &x->vals[k];
		for (size_t i = 0; i < v->keys.n; i++) {
			free(v->lists[i].m);
			free(v->display[i]);
		}
		free(v->lists);
		free(v->display);
		dict_release(&v->keys);
	}
	for (size_t i = 0; i < x->names.n; i++)
		free(x->nlists[i].m);
	free(x->nlists);
	free(x->nsorted);
	dict_release(&x->names);
	free(x->pairs);
	buf_release(&x->tmp);
	buf_release(&x->key);
	buf_release(&x->plain);
	buf_release(&x->stored);
	memset(x, 0, sizeof *x);
}

static void mlist_trim(struct search_mlist *l)
{
	if (l->n && l->n < l->cap) {
		l->m = xrealloc(l->m, (size_t)l->n * sizeof *l->m);
		l->cap = l->n;
	}
}

void search_compact(struct search_index *x)
{
	for (size_t t = 0; t < x->keys.n; t++) {
		struct search_term *p = &x->terms[t];
		if (p->cap && p->n >= 2 && p->n < p->cap)
			term_realloc(p, p->n);
	}
	for (unsigned k = 0; k < SX__COUNT; k++)
		for (size_t i = 0; i < x->vals[k].keys.n; i++)
			mlist_trim(&x->vals[k].lists[i]);
	for (size_t i = 0; i < x->names.n; i++)
		mlist_trim(&x->nlists[i]);
#ifdef __GLIBC__
	/* the lists' growth and trimming freed much memory amid the heap, which
	 * glibc would keep: give its pages back to the system */
	malloc_trim(0);
#endif
}

bool search_has(const struct search_index *x, uint32_t member)
{
	return member < x->mcap && x->mem[member].blob;
}

void search_remove(struct search_index *x, struct text_ctx *ctx, uint32_t member)
{
	if (!search_has(x, member))
		return;
	struct search_member *m = &x->mem[member];
	uint16_t flen[SF__COUNT];
	blob_plain(x, m, &x->plain);
	walk_terms(x, ctx, &x->plain, m->langs, false, flen);
	for (size_t i = 0; i < x->npairs; i++)
		if (!i || x->pairs[i].term != x->pairs[i - 1].term)
			term_delete(&x->terms[x->pairs[i].term], member);
	walk_values(x, ctx, member, &x->plain, false);
	for (unsigned f = 0; f < SF__COUNT; f++)
		x->flen_sum[f] -= m->flen[f];
	x->ndocs--;
	free(m->blob);
	memset(m, 0, sizeof *m);
	x->fac[member] = (struct search_fac){DICT_NONE, DICT_NONE};
	x->heads[member] = 0;
}

/* Serialises d's items into x->tmp. */
static void doc_items(struct search_index *x, const struct search_doc *d)
{
	struct buf *b = &x->tmp;
	buf_reset(b);
	item_put(b, SF_NAME, 0, false, d->name);
	item_put(b, SF_HEADLINE, 0, false, d->headline);
	item_put(b, SF_SUMMARY, 0, false, d->summary);
	for (size_t i = 0; i < d->npositions; i++)
		item_put(b, SF_TITLE, i, d->positions[i].current, d->positions[i].title);
	for (size_t i = 0; i < d->npositions; i++)
		item_put(b, SF_COMPANY, i, d->positions[i].current, d->positions[i].company);
	for (size_t i = 0; i < d->neducation; i++)
		item_put(b, SF_EDUCATION, i, false, d->education[i]);
	for (size_t i = 0; i < d->nskills; i++)
		item_put(b, SF_SKILL, i, false, d->skills[i]);
	item_put(b, SF_LOCATION, 0, false, d->location);
	item_put(b, SF_INDUSTRY, 0, false, d->industry);
	for (size_t i = 0; i < d->nlanguages; i++)
		item_put(b, ITEM_LANGUAGE, i, false, d->languages[i]);
}

enum err search_put(struct search_index *x, struct text_ctx *ctx, uint32_t member,
                    const struct search_doc *d, struct fail *f)
{
	enum err e = check_doc(member, d, f);
	if (e)
		goto out;
	if (member >= x->mcap) {
		size_t old = x->mcap;
		x->mem = xgrow(x->mem, &x->mcap, (size_t)member + 1, sizeof *x->mem);
		memset(x->mem + old, 0, (x->mcap - old) * sizeof *x->mem);
		x->fac = xrealloc(x->fac, x->mcap * sizeof *x->fac);
		x->heads = xrealloc(x->heads, x->mcap * sizeof *x->heads);
		for (size_t i = old; i < x->mcap; i++) {
			x->fac[i] = (struct search_fac){DICT_NONE, DICT_NONE};
			x->heads[i] = 0;
		}
	}
	doc_items(x, d);
	buf_reset(&x->stored);
	if (!x->tmp.over)
		items_store(x, &x->tmp, &x->stored);
	if (x->tmp.over || x->stored.over || x->stored.n > UINT32_MAX / 2) {
		e = fail_set(f, E_TOO_LONG, "document", "the document is too large to index");
		goto out;
	}
	search_remove(x, ctx, member); /* uses neither x->tmp, x->stored nor d */

	unsigned langs = LANG_BIT(LANG_EN);
	for (size_t i = 0; i < d->nlanguages; i++) {
		enum lang l;
		if (lang_from_code(d->languages[i], &l))
			langs |= LANG_BIT(l);
	}
	/* current companies and location first: they go into the record */
	uint32_t cur[SEARCH_MAX_ITEMS] = {0};
	unsigned ncur = 0;
	uint32_t loc = DICT_NONE;
	struct blob_it it = {(const unsigned char *)x->tmp.p,
	                     (const unsigned char *)x->tmp.p + x->tmp.n};
	struct item item;
	while (blob_next(&it, &item)) {
		int k = item_filter(&item);
		if ((k != SX_COMPANY && k != SX_LOCATION) ||
		    !value_key(ctx, item.s, item.len, &x->key))
			continue;
		uint32_t id = dict_intern(&x->vals[k].keys, x->key.p, x->key.n, NULL);
		grow_values(&x->vals[k]);
		if (k == SX_LOCATION) {
			loc = id;
			continue;
		}
		bool dup = false;
		for (unsigned i = 0; i < ncur && !dup; i++)
			dup = cur[i] == id;
		if (!dup)
			cur[ncur++] = id;
	}
	buf_reset(&x->key);
	if (d->name)
		text_key(ctx, d->name, strlen(d->name), &x->key);
	uint16_t klen = x->key.n > UINT16_MAX ? UINT16_MAX : (uint16_t)x->key.n;

	struct search_member *m = &x->mem[member];
	m->blen = (uint32_t)(ncur * sizeof(uint32_t) + sizeof klen + klen + x->stored.n);
	m->blob = xmalloc(m->blen);
	memcpy(m->blob, cur, ncur * sizeof(uint32_t));
	memcpy(m->blob + ncur * sizeof(uint32_t), &klen, sizeof klen);
	if (klen)
		memcpy(m->blob + ncur * sizeof(uint32_t) + sizeof klen, x->key.p, klen);
	if (x->stored.n)
		memcpy(m->blob + ncur * sizeof(uint32_t) + sizeof klen + klen, x->stored.p,
		       x->stored.n);
	m->ncur = (uint8_t)ncur;
	x->fac[member].cur0 = !ncur ? DICT_NONE : ncur > 1 ? cur[0] | FAC_MORE : cur[0];
	x->fac[member].loc = loc;
	m->name8 = m->name16 = 0;
	for (unsigned i = 0; i < 8; i++) {
		m->name8 = m->name8 << 8 | (i < klen ? (unsigned char)x->key.p[i] : 0u);
		m->name16 = m->name16 << 8 | (i + 8 < klen ? (unsigned char)x->key.p[i + 8] : 0u);
	}
	x->heads[member] = name_heads(x->key.p, klen);
	m->langs = (uint8_t)langs;
	m->strength = (uint8_t)d->strength;

	walk_terms(x, ctx, &x->tmp, langs, true, m->flen);
	for (size_t i = 0, j; i < x->npairs; i = j) {
		for (j = i; j < x->npairs && x->pairs[j].term == x->pairs[i].term; j++)
			;
		term_insert(&x->terms[x->pairs[i].term], member, x->pairs + i, (uint32_t)(j - i));
	}
	walk_values(x, ctx, member, &x->tmp, true);
	for (unsigned fl = 0; fl < SF__COUNT; fl++)
		x->flen_sum[fl] += m->flen[fl];
	x->ndocs++;
out:
	return e;
}

/* ---- equality ----------------------------------------------------------- */

static bool mlist_eq(const struct search_mlist *a, const struct search_mlist *b)
{
	return a->n == b->n && (!a->n || memcmp(a->m, b->m, a->n * sizeof *a->m) == 0);
}

static bool values_eq(const struct search_values *a, const struct search_values *b,
                      const char *what, struct buf *why)
{
	size_t na = 0, nb = 0;
	for (uint32_t id = 0; id < b->keys.n; id++)
		nb += b->lists[id].n > 0;
	for (uint32_t id = 0; id < a->keys.n; id++) {
		if (!a->lists[id].n)
			continue;
		na++;
		size_t n;
		const char *k = dict_str(&a->keys, id, &n);
		uint32_t j = dict_find(&b->keys, k, n);
		if (j == DICT_NONE || !mlist_eq(&a->lists[id], &b->lists[j])) {
			if (why)
				buf_addf(why, "%s \"%s\": members differ", what, k);
			return false;
		}
		if (a->display && strcmp(a->display[id] ? a->display[id] : "",
		                         b->display[j] ? b->display[j] : "")) {
			if (why)
				buf_addf(why, "%s \"%s\": display differs", what, k);
			return false;
		}
	}
	if (na != nb) {
		if (why)
			buf_addf(why, "%s: %zu values against %zu", what, na, nb);
		return false;
	}
	return true;
}

/* Compares member i of a and b; pa and pb are scratch for their plain
 * items (word ids differ between indexes, the text does not). */
static bool member_eq(const struct search_index *a, const struct search_index *b, uint32_t i,
                      struct buf *pa, struct buf *pb, struct buf *why)
{
	const struct search_member *p = i < a->mcap ? &a->mem[i] : NULL;
	const struct search_member *q = i < b->mcap ? &b->mem[i] : NULL;
	bool hp = p && p->blob, hq = q && q->blob;
	bool ok = false;
	if (hp != hq)
		goto out;
	if (!hp) {
		ok = true;
		goto out;
	}
	size_t kp, kq;
	const char *np = blob_namekey(p, &kp), *nq = blob_namekey(q, &kq);
	if (p->ncur != q->ncur || p->strength != q->strength || p->langs != q->langs ||
	    p->name8 != q->name8 || p->name16 != q->name16 || a->heads[i] != b->heads[i] ||
	    memcmp(p->flen, q->flen, sizeof p->flen) || kp != kq || memcmp(np, nq, kp))
		goto out;
	blob_plain(a, p, pa);
	blob_plain(b, q, pb);
	if (pa->n != pb->n || memcmp(pa->p, pb->p, pa->n))
		goto out;
	for (unsigned c = 0; c < p->ncur; c++) {
		size_t n1, n2;
		const char *s1 = dict_str(&a->vals[SX_COMPANY].keys, blob_cur_at(p, c), &n1);
		const char *s2 = dict_str(&b->vals[SX_COMPANY].keys, blob_cur_at(q, c), &n2);
		if (n1 != n2 || memcmp(s1, s2, n1))
			goto out;
	}
	uint32_t la = a->fac[i].loc, lb = b->fac[i].loc;
	if ((la == DICT_NONE) != (lb == DICT_NONE))
		goto out;
	if (la != DICT_NONE && strcmp(dict_str(&a->vals[SX_LOCATION].keys, la, NULL),
	                              dict_str(&b->vals[SX_LOCATION].keys, lb, NULL)))
		goto out;
	ok = true;
out:
	if (!ok && why)
		buf_addf(why, "member %u: documents differ", i);
	return ok;
}

bool search_equal(const struct search_index *a, const struct search_index *b, struct buf *why)
{
	bool ok = false;
	if (a->ndocs != b->ndocs) {
		if (why)
			buf_addf(why, "%u documents against %u", a->ndocs, b->ndocs);
		goto out;
	}
	if (memcmp(a->flen_sum, b->flen_sum, sizeof a->flen_sum)) {
		if (why)
			buf_addf(why, "field length sums differ");
		goto out;
	}
	size_t mn = a->mcap > b->mcap ? a->mcap : b->mcap;
	struct buf pa, pb;
	buf_init(&pa, 0);
	buf_init(&pb, 0);
	bool same = true;
	for (size_t i = 0; i < mn && same; i++)
		same = member_eq(a, b, (uint32_t)i, &pa, &pb, why);
	buf_release(&pa);
	buf_release(&pb);
	if (!same)
		goto out;
	size_t na = 0, nb = 0;
	for (uint32_t t = 0; t < b->keys.n; t++)
		nb += b->terms[t].n > 0;
	for (uint32_t t = 0; t < a->keys.n; t++) {
		const struct search_term *p = &a->terms[t];
		if (!p->n)
			continue;
		na++;
		size_t n;
		const char *k = dict_str(&a->keys, t, &n);
		uint32_t u = dict_find(&b->keys, k, n);
		const struct search_term *q = u == DICT_NONE ? NULL : &b->terms[u];
		if (!q || q->n != p->n || q->df != p->df ||
		    memcmp(term_m(p), term_m(q), p->n * sizeof(uint32_t)) ||
		    memcmp(term_fp(p), term_fp(q), p->n * sizeof(uint16_t))) {
			if (why)
				buf_addf(why, "term \"%s\": postings differ", k);
			goto out;
		}
	}
	if (na != nb) {
		if (why)
			buf_addf(why, "%zu terms against %zu", na, nb);
		goto out;
	}
	static const char *const kinds[SX__COUNT] = {"company",  "past company", "location",
	                                             "industry", "skill",        "language"};
	for (unsigned k = 0; k < SX__COUNT; k++)
		if (!values_eq(&a->vals[k], &b->vals[k], kinds[k], why))
			goto out;
	struct search_values na_ = {.keys = a->names, .lists = a->nlists};
	struct search_values nb_ = {.keys = b->names, .lists = b->nlists};
	if (!values_eq(&na_, &nb_, "name word", why))
		goto out;
	ok = true;
out:
	return ok;
}

/* ---- statistics --------------------------------------------------------- */

void search_stats_get(const struct search_index *x, struct search_stats *st)
{
	memset(st, 0, sizeof *st);
	st->docs = x->ndocs;
	for (size_t t = 0; t < x->keys.n; t++) {
		st->terms += x->terms[t].n > 0;
		st->postings += x->terms[t].n;
		st->bytes_postings += term_bytes(&x->terms[t]);
	}
	st->bytes_postings += x->tcap * sizeof *x->terms;
	st->bytes_docs =
	    x->mcap * (sizeof *x->mem + sizeof *x->fac + sizeof *x->heads) + dict_bytes(&x->words);
	for (size_t i = 0; i < x->mcap; i++)
		st->bytes_docs += x->mem[i].blen;
	st->bytes_dicts = dict_bytes(&x->keys) + dict_bytes(&x->names) +
	                  x->nlcap * sizeof *x->nlists + x->nsorted_cap * sizeof *x->nsorted;
	for (size_t i = 0; i < x->names.n; i++) {
		st->name_words += x->nlists[i].n > 0;
		st->bytes_dicts += x->nlists[i].cap * sizeof(uint32_t);
	}
	for (unsigned k = 0; k < SX__COUNT; k++) {
		const struct search_values *v = &x->vals[k];
		st->bytes_dicts +=
		    dict_bytes(&v->keys) + v->cap * (sizeof *v->lists + sizeof *v->display);
		for (size_t i = 0; i < v->keys.n; i++) {
			st->values += v->lists[i].n > 0;
			st->bytes_dicts += v->lists[i].cap * sizeof(uint32_t);
			if (v->display[i])
				st->bytes_dicts += strlen(v->display[i]) + 1;
		}
	}
	st->bytes_total = st->bytes_postings + st->bytes_docs + st->bytes_dicts;
}
