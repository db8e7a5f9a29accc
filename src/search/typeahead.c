/* typeahead — members by name as the searcher types: every query word but
 * the last must equal a word of the name, the last may be a prefix of one
 * (each query word a different name word; all folded, so "malmo" and
 * "Malmö" agree).  Ranked by tier, then the folded name, then member.
 *
 * One word: the sorted name-word array gives the prefix's range of words,
 * whose member lists are scanned.  More words: the smallest member list of
 * the whole words drives, and each candidate's stored name key is checked
 * (a few byte compares).  The caller's tier() is called once per candidate
 * that could still make the list (twice for a member with two name words
 * sharing the prefix), and its fields() after a tier >= 0: a member whose
 * name the searcher may not see is left out.  At most SEARCH_TA_SCAN
 * candidates are looked at: a prefix of one or two letters in a large
 * network matches too many names to rank them all within the time a
 * keystroke allows, so the scan stops there (name words in alphabetical
 * order) and says so with `more`; each further letter narrows the set until
 * the ranking is exact. */
#include "search/priv.h"

#include <string.h>

#include "base/mem.h"

#define NAME_WORDS_MAX 64

struct taq {
	struct search_scratch *s;
	size_t last_end;
};

static void on_taword(const struct text_term *t, void *arg)
{
	struct taq *q = arg;
	struct search_scratch *s = q->s;
	if (s->nw == SEARCH_MAX_QUERY_WORDS)
		return;
	struct qword *w = &s->w[s->nw++];
	memcpy(w->key, t->key, t->len);
	w->klen = t->len;
	q->last_end = t->end;
}

/* Ranks a before b: tier, then folded name (the 8-byte prefix kept in the
 * member record decides mostly; the stored name key breaks its ties), then
 * member. */
static bool ta_better(const struct search_index *x, const struct cand *a, const struct cand *b)
{
	if (a->tier != b->tier)
		return a->tier < b->tier;
	uint64_t pa = x->mem[a->member].name8, pb = x->mem[b->member].name8;
	if (pa != pb)
		return pa < pb;
	size_t na, nb;
	const char *ka = blob_namekey(&x->mem[a->member], &na);
	const char *kb = blob_namekey(&x->mem[b->member], &nb);
	int c = memcmp(ka, kb, na < nb ? na : nb);
	if (c)
		return c < 0;
	if (na != nb)
		return na < nb;
	return a->member < b->member;
}

/* Splits a name key into words. */
static size_t split(const char *k, size_t n, const char **w, size_t *wl)
{
	size_t nw = 0, i = 0;
	while (i < n && nw < NAME_WORDS_MAX) {
		size_t j = i;
		while (j < n && k[j] != ' ')
			j++;
		w[nw] = k + i;
		wl[nw++] = j - i;
		i = j + 1;
	}
	return nw;
}

/* Matches the query words against name words w[0..nw): whole words first,
 * then the prefix, each on an unused word; fills used[]. */
static bool name_match(const struct search_scratch *s, unsigned nexact, bool prefix,
                       const char *const *w, const size_t *wl, size_t nw, bool *used)
{
	memset(used, 0, nw * sizeof *used);
	for (unsigned i = 0; i < nexact + prefix; i++) {
		const struct qword *q = &s->w[i];
		bool whole = i < nexact, found = false;
		for (size_t j = 0; j < nw && !found; j++) {
			if (used[j] || wl[j] < q->klen || (whole && wl[j] != q->klen) ||
			    memcmp(w[j], q->key, q->klen))
				continue;
			used[j] = found = true;
		}
		if (!found)
			return false;
	}
	return true;
}

struct tctx {
	const struct search_index *x;
	const struct search_ta_query *q;
	struct search_scratch *s;
	size_t limit;
	uint32_t seen; /* candidates looked at so far */
};

/* True while the scan may go on (SEARCH_TA_SCAN candidates). */
static bool budget(const struct tctx *t)
{
	return t->seen < SEARCH_TA_SCAN;
}

static void consider(struct tctx *t, uint32_t m)
{
	struct search_scratch *s = t->s;
	t->seen++;
	const struct search_member *mm = &t->x->mem[m];
	if (!mm->blob)
		return;
	for (size_t i = 0; i < s->nheap; i++)
		if (s->heap[i].member == m)
			return;
	struct cand c = {.member = m, .strength = mm->strength};
	if (s->nheap == t->limit) {
		/* before asking for the tier: even in tier 0, would it do? */
		c.tier = 0;
		if (!ta_better(t->x, &c, &s->heap[s->nheap - 1]))
			return;
	}
	if (t->q->keep && !t->q->keep(m, t->q->keep_arg))
		return;
	c.tier = t->q->tier ? t->q->tier(m, t->q->tier_arg) : 4;
	if (c.tier < 0)
		return;
	if (t->q->fields && !(t->q->fields(m, t->q->fields_arg) & 1u << SF_NAME))
		return;
	size_t j = s->nheap;
	while (j > 0 && ta_better(t->x, &c, &s->heap[j - 1]))
		j--;
	if (j >= t->limit)
		return;
	size_t last = s->nheap < t->limit ? s->nheap : t->limit - 1;
	memmove(s->heap + j + 1, s->heap + j, (last - j) * sizeof *s->heap);
	s->heap[j] = c;
	if (s->nheap < t->limit)
		s->nheap++;
}

struct hlw {
	struct search_result *r;
	struct search_hit *h;
	const bool *used;
	size_t k;
};

static void on_hlword(const struct text_term *t, void *arg)
{
	struct hlw *w = arg;
	if (w->k < NAME_WORDS_MAX && w->used[w->k]) {
		struct search_hl hl = {SF_NAME, 0, (uint32_t)t->start, (uint32_t)t->end};
		result_hl(w->r, &hl);
		w->h->nhl++;
	}
	w->k++;
}

enum err search_typeahead(const struct search_index *x, struct text_ctx *ctx,
                          const struct search_ta_query *q, struct search_result *r, struct fail *f)
{
	enum err e = E_BAD_QUERY;
	r->nhits = r->nhls = 0;
	r->total = 0;
	r->more = false;
	r->next = 0;
	r->ncompanies = r->nlocations = 0;
	struct search_scratch *s = scratch_get(r);
	s->nw = 0;
	s->nheap = 0;
	if (q->limit < 1 || q->limit > SEARCH_MAX_TA) {
		fail_set(f, e, "limit", "limit is 1..%d", SEARCH_MAX_TA);
		goto out;
	}
	if (!q->q || !q->qlen) {
		fail_set(f, e, "q", "the query is empty");
		goto out;
	}
	if (q->qlen > SEARCH_MAX_QUERY_BYTES || !text_valid_utf8(q->q, q->qlen)) {
		fail_set(f, e, "q", "the query is not valid UTF-8 or longer than %d bytes",
		         SEARCH_MAX_QUERY_BYTES);
		goto out;
	}
	struct taq tq = {s, 0};
	uint32_t nwords = 0;
	text_terms(ctx, q->q, q->qlen, 0, on_taword, &tq, &nwords);
	if (nwords > SEARCH_MAX_QUERY_WORDS) {
		fail_set(f, e, "q", "the query has more than %d words", SEARCH_MAX_QUERY_WORDS);
		goto out;
	}
	if (!s->nw) {
		fail_set(f, e, "q", "the query has no words");
		goto out;
	}
	e = E_OK;
	bool prefix = tq.last_end == q->qlen;
	unsigned nexact = s->nw - prefix;
	struct tctx t = {x, q, s, q->limit, 0};
	s->heap = xgrow(s->heap, &s->heapcap, SEARCH_MAX_TA, sizeof *s->heap);
	if (!nexact) {
		const struct qword *p = &s->w[0];
		size_t lo = 0, hi = x->nsorted_n;
		while (lo < hi) { /* first word >= the prefix */
			size_t mid = lo + (hi - lo) / 2, n;
			const char *w = dict_str(&x->names, x->nsorted[mid], &n);
			int c = memcmp(w, p->key, n < p->klen ? n : p->klen);
			if (c < 0 || (c == 0 && n < p->klen))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < x->nsorted_n; i++) {
			size_t n;
			uint32_t id = x->nsorted[i];
			const char *w = dict_str(&x->names, id, &n);
			if (n < p->klen || memcmp(w, p->key, p->klen))
				break;
			const struct search_mlist *l = &x->nlists[id];
			for (uint32_t j = 0; j < l->n && budget(&t); j++)
				consider(&t, l->m[j]);
			if (!budget(&t))
				break;
		}
	} else {
		const struct search_mlist *drive = NULL;
		for (unsigned i = 0; i < nexact; i++) {
			uint32_t id = dict_find(&x->names, s->w[i].key, s->w[i].klen);
			const struct search_mlist *l = id == DICT_NONE ? NULL : &x->nlists[id];
			if (!l || !l->n)
				goto done;
			if (!drive || l->n < drive->n)
				drive = l;
		}
		if (!drive)
			goto done;
		for (uint32_t j = 0; j < drive->n && budget(&t); j++) {
			const struct search_member *mm = &x->mem[drive->m[j]];
			const char *w[NAME_WORDS_MAX];
			size_t wl[NAME_WORDS_MAX], nk;
			bool used[NAME_WORDS_MAX];
			const char *k = blob_namekey(mm, &nk);
			size_t nw = split(k, nk, w, wl);
			if (name_match(s, nexact, prefix, w, wl, nw, used))
				consider(&t, drive->m[j]);
		}
	}
done:
	result_hits(r, s->nheap);
	for (size_t i = 0; i < s->nheap; i++) {
		const struct cand *c = &s->heap[i];
		struct search_hit *h = &r->hits[i];
		*h = (struct search_hit){.member = c->member,
		                         .tier = c->tier,
		                         .strength = c->strength,
		                         .fields = 1u << SF_NAME,
		                         .hl = (uint32_t)r->nhls};
		const struct search_member *mm = &x->mem[c->member];
		const char *w[NAME_WORDS_MAX];
		size_t wl[NAME_WORDS_MAX];
		bool used[NAME_WORDS_MAX];
		size_t nk;
		const char *k = blob_namekey(mm, &nk);
		size_t nw = split(k, nk, w, wl);
		if (!name_match(s, nexact, prefix, w, wl, nw, used))
			continue;
		struct blob_it it;
		struct item item;
		blob_plain(x, mm, &s->doc);
		items_begin(&s->doc, &it);
		while (blob_next(&it, &item)) {
			if (item.kind != SF_NAME)
				continue;
			struct hlw hw = {r, h, used, 0};
			text_terms(ctx, item.s, item.len, 0, on_hlword, &hw, NULL);
		}
	}
	r->nhits = s->nheap;
	r->total = (uint32_t)s->nheap;
	r->more = !budget(&t);
out:
	return e;
}
