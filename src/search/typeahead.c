/* typeahead — members by name as the searcher types: every query word but
 * the last must equal a word of the name, the last may be a prefix of one
 * (each query word a different name word; all folded, so "malmo" and
 * "Malmö" agree).  Ranked by tier, then the folded name, then member.
 *
 * One word: the sorted name-word array gives the prefix's range of words,
 * whose member lists are scanned.  More words: the smallest member list of
 * the whole words drives, in member order, intersected first with the
 * smaller of the next whole word's list and the union of the lists of the
 * prefix's range through a bitmap of members in the result's scratch (see
 * multi()), so that a common first name costs a bit operation a member
 * rather than a look at each stored name; the members of both are checked
 * against their stored name key (a few byte compares) when the sets alone
 * do not settle the match.  The caller's tier() is called once per candidate
 * that could still make the list (twice for a member with two name words
 * sharing the prefix), and its fields() after a tier >= 0: a member whose
 * name the searcher may not see is left out.  At most SEARCH_TA_SCAN
 * candidates are looked at: a prefix of one or two letters in a large
 * network matches too many names to rank them all within the time a
 * keystroke allows, so the scan stops there (name words in alphabetical
 * order) and says so with `more`; each further letter narrows the set until
 * the ranking is exact.
 *
 * With the caller's near list (its 1st and 2nd degree), when the scan
 * could not see every candidate (the sum of the prefix range's lists, or
 * the smallest whole word's list, is over SEARCH_TA_SCAN), the near
 * members are tested first, each against its stored name key, and ranked
 * (near0, the 1st degree, before the rest, which are skipped when near0
 * fills the list with tier 0; the name_heads() sketch kept per member spares
 * most of them the read of their stored name); if they fill the list with
 * tiers below SEARCH_NEAR_TIERS nothing else can enter it and the scan is
 * skipped; otherwise the scan runs as before,
 * passing over near members (already tested, not counted), and rejecting
 * the others by name against a tier of SEARCH_NEAR_TIERS before asking
 * for it. */
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

/* Ranks a before b: tier, then folded name (the 16-byte prefix kept in the
 * member record decides mostly; the stored name key breaks its ties), then
 * member. */
static bool ta_better(const struct search_index *x, const struct cand *a, const struct cand *b)
{
	if (a->tier != b->tier)
		return a->tier < b->tier;
	const struct search_member *ma = &x->mem[a->member], *mb = &x->mem[b->member];
	if (ma->name8 != mb->name8)
		return ma->name8 < mb->name8;
	if (ma->name16 != mb->name16)
		return ma->name16 < mb->name16;
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

/* The name_heads() bits every name matching the query has. */
static uint64_t heads_needed(const struct search_scratch *s, unsigned nexact, bool prefix)
{
	uint64_t need = 0;
	for (unsigned i = 0; i < nexact + prefix; i++)
		need |= head_bits(s->w[i].key, s->w[i].klen);
	return need;
}

/* Does the stored name of m (which has a document) match the query?  need:
 * heads_needed(); the sketch answers most "no"s without the stored name. */
static bool stored_name_matches(const struct search_index *x, const struct search_scratch *s,
                                uint32_t m, uint64_t need, unsigned nexact, bool prefix)
{
	if ((x->heads[m] & need) != need)
		return false;
	const char *w[NAME_WORDS_MAX];
	size_t wl[NAME_WORDS_MAX], nk;
	bool used[NAME_WORDS_MAX];
	const char *k = blob_namekey(&x->mem[m], &nk);
	size_t nw = split(k, nk, w, wl);
	return name_match(s, nexact, prefix, w, wl, nw, used);
}

struct tctx {
	const struct search_index *x;
	const struct search_ta_query *q;
	struct search_scratch *s;
	size_t limit;
	uint32_t seen; /* candidates looked at so far */
	bool neared;   /* the near members were ranked: the scan skips them */
	int far_tier;  /* the least tier of a member outside near */
};

/* True when m is one of the caller's near members. */
static bool in_near(const struct tctx *t, uint32_t m)
{
	if (t->q->near_bits)
		return m < t->q->near_bits_n && (t->q->near_bits[m >> 6] >> (m & 63) & 1);
	uint32_t n = (uint32_t)t->q->nnear;
	uint32_t i = lower_bound(t->q->near, n, m);
	return i < n && t->q->near[i] == m;
}

/* True while the scan may go on (SEARCH_TA_SCAN candidates). */
static bool budget(const struct tctx *t)
{
	return t->seen < SEARCH_TA_SCAN;
}

/* Ranks m (a member whose name matches) into the heap; floor is the best
 * tier it can have. */
static void rank(struct tctx *t, uint32_t m, int floor)
{
	struct search_scratch *s = t->s;
	const struct search_member *mm = &t->x->mem[m];
	if (!mm->blob)
		return;
	for (size_t i = 0; i < s->nheap; i++)
		if (s->heap[i].member == m)
			return;
	struct cand c = {.member = m, .strength = mm->strength};
	if (s->nheap == t->limit) {
		/* before asking for the tier: even in its best tier, would it do? */
		c.tier = floor;
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

/* A scan candidate (counted against SEARCH_TA_SCAN unless it is a near
 * member that was ranked already). */
static void consider(struct tctx *t, uint32_t m)
{
	if (t->neared && in_near(t, m))
		return;
	t->seen++;
	rank(t, m, t->neared ? t->far_tier : 0);
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

/* The range [*lo, *hi) of x->nsorted holding the name words that start
 * with p. */
static void prefix_range(const struct search_index *x, const struct qword *p, size_t *lo,
                         size_t *hi)
{
	size_t a = 0, b = x->nsorted_n;
	while (a < b) { /* first word >= the prefix */
		size_t mid = a + (b - a) / 2, n;
		const char *w = dict_str(&x->names, x->nsorted[mid], &n);
		int c = memcmp(w, p->key, n < p->klen ? n : p->klen);
		if (c < 0 || (c == 0 && n < p->klen))
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	for (; a < x->nsorted_n; a++) {
		size_t n;
		const char *w = dict_str(&x->names, x->nsorted[a], &n);
		if (n < p->klen || memcmp(w, p->key, p->klen))
			break;
	}
	*hi = a;
}

static inline void bit_set(unsigned char *b, uint32_t m)
{
	b[m >> 3] |= (unsigned char)(1u << (m & 7));
}

static inline bool bit_has(const unsigned char *b, uint32_t m)
{
	return b[m >> 3] >> (m & 7) & 1u;
}

/* Points *out at n zero bytes in b (false when b cannot hold them). */
static bool zeroed(struct buf *b, size_t n, unsigned char **out)
{
	static const unsigned char zero[4096];
	buf_reset(b);
	for (size_t i = 0; i < n; i += sizeof zero)
		buf_add(b, zero, n - i < sizeof zero ? n - i : sizeof zero);
	*out = (unsigned char *)b->p;
	return !b->over;
}

/* The name word standing for word id in a set of words (swap: a word's
 * list and the one that stands for it, or DICT_NONE). */
static uint32_t swapped(uint32_t id, const uint32_t *swap)
{
	return swap && id == swap[0] ? swap[1] : id;
}

/* Marks the members of the lists of name words ids[0..n) in bits. */
static void mark_lists(const struct search_index *x, const uint32_t *ids, size_t n,
                       const uint32_t *swap, unsigned char *bits)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t id = swapped(ids[i], swap);
		if (id == DICT_NONE)
			continue;
		const struct search_mlist *l = &x->nlists[id];
		for (uint32_t j = 0; j < l->n; j++)
			bit_set(bits, l->m[j]);
	}
}

/* Two or more query words (or one whole one).  The smallest member list of
 * the whole words drives, in member order.  The set it is intersected with
 * first, the next smallest whole word's list or the union of the lists of
 * the name words in the prefix's range, whichever is smaller, is marked in
 * a bitmap of members (the smaller of the two sides is marked, so the cost
 * is about the size of both sides, a bit operation a member); a member of
 * both is then checked against its stored name key (which also settles the
 * other whole words, and that each query word takes a different name
 * word) when there are two whole words or more.  With one whole word the
 * sets settle it: with no prefix the driver's members are the matches;
 * with a prefix whose range holds the whole word, that word's list is
 * replaced in the union by the list of members whose name repeats it
 * (NAME_TWICE).  (The stored key check looks at the first NAME_WORDS_MAX
 * words only; the sets at all.) */
static void multi(struct tctx *t, unsigned nexact, bool prefix)
{
	const struct search_index *x = t->x;
	struct search_scratch *s = t->s;
	const struct search_mlist *drive = NULL, *other = NULL;
	uint32_t ids[SEARCH_MAX_QUERY_WORDS] = {0}, oid;
	for (unsigned i = 0; i < nexact; i++) {
		uint32_t id = dict_find(&x->names, s->w[i].key, s->w[i].klen);
		const struct search_mlist *l = id == DICT_NONE ? NULL : &x->nlists[id];
		if (!l || !l->n)
			return;
		ids[i] = id;
		if (!drive || l->n < drive->n) {
			other = drive;
			drive = l;
		} else if (!other || l->n < other->n) {
			other = l;
		}
	}
	oid = other ? (uint32_t)(other - x->nlists) : DICT_NONE;
	size_t lo = 0, hi = 0;
	uint64_t psize = 0;         /* members of the prefix's range, with repeats */
	bool holds = false;         /* the range holds a whole query word */
	uint32_t twice = DICT_NONE; /* see below */
	if (prefix) {
		prefix_range(x, &s->w[nexact], &lo, &hi);
		for (size_t i = lo; i < hi; i++) {
			uint32_t id = x->nsorted[i];
			psize += x->nlists[id].n;
			for (unsigned k = 0; k < nexact && !holds; k++)
				holds = id == ids[k];
		}
		if (!psize)
			return;
	}
	bool verify = nexact > 1;
	uint64_t need = heads_needed(s, nexact, prefix);
	if (holds && !verify) {
		/* "anna a": the members of "anna" with another word in the
		 * range, or with "anna" twice; the range's union then stands
		 * for that, with the list of "anna" swapped for its repeaters' */
		char k[NAME_TWICE_MAX];
		k[0] = NAME_TWICE;
		memcpy(k + 1, s->w[0].key, s->w[0].klen);
		twice = dict_find(&x->names, k, 1 + s->w[0].klen);
		psize -= drive->n;
		psize += twice == DICT_NONE ? 0 : x->nlists[twice].n;
		if (!psize)
			return;
	}
	uint32_t swapv[2] = {ids[0], twice};
	const uint32_t *swap = holds && nexact == 1 ? swapv : NULL;
	bool byrange = prefix && (!other || psize < other->n);
	uint64_t osize = byrange ? psize : other ? other->n : 0;
	const unsigned char *pass = NULL; /* the drivers that are in the other set */
	if (osize) {
		size_t w = x->mcap / 8 + 1;
		bool markdrive = drive->n < osize;
		unsigned char *bits;
		if (!zeroed(&s->tmp, markdrive ? 2 * w : w, &bits)) {
			verify = true; /* too many members for a bitmap: check them all */
			goto walk;
		}
		if (markdrive) {
			/* the driver in the first half, the members of both in the
			 * second */
			for (uint32_t j = 0; j < drive->n; j++)
				bit_set(bits, drive->m[j]);
			unsigned char *both = bits + w;
			if (byrange) {
				for (size_t i = lo; i < hi; i++) {
					uint32_t id = swapped(x->nsorted[i], swap);
					if (id == DICT_NONE)
						continue;
					const struct search_mlist *l = &x->nlists[id];
					for (uint32_t j = 0; j < l->n; j++)
						if (bit_has(bits, l->m[j]))
							bit_set(both, l->m[j]);
				}
			} else {
				for (uint32_t j = 0; j < other->n; j++)
					if (bit_has(bits, other->m[j]))
						bit_set(both, other->m[j]);
			}
			pass = both;
		} else {
			if (byrange)
				mark_lists(x, x->nsorted + lo, hi - lo, swap, bits);
			else
				mark_lists(x, &oid, 1, NULL, bits);
			pass = bits;
		}
	}
walk:
	for (uint32_t j = 0; j < drive->n && budget(t); j++) {
		uint32_t m = drive->m[j];
		if (pass && !bit_has(pass, m))
			continue;
		if (t->neared && in_near(t, m))
			continue;
		if (verify && !stored_name_matches(x, s, m, need, nexact, prefix))
			continue;
		consider(t, m);
	}
}

/* At most how many candidates the scan would look at: over SEARCH_TA_SCAN
 * means it may stop before the end. */
static uint64_t scan_size(const struct tctx *t, unsigned nexact, bool prefix)
{
	const struct search_index *x = t->x;
	const struct search_scratch *s = t->s;
	uint64_t n = UINT64_MAX;
	for (unsigned i = 0; i < nexact; i++) {
		uint32_t id = dict_find(&x->names, s->w[i].key, s->w[i].klen);
		uint64_t k = id == DICT_NONE ? 0 : x->nlists[id].n;
		if (k < n)
			n = k;
	}
	if (!nexact && prefix) {
		size_t lo, hi;
		prefix_range(x, &s->w[0], &lo, &hi);
		n = 0;
		for (size_t i = lo; i < hi && n <= SEARCH_TA_SCAN; i++)
			n += x->nlists[x->nsorted[i]].n;
	}
	return n;
}

/* Ranks near member m, whose tier is floor or more, if its stored name
 * matches the query.  Once the list is full, a member that could not enter
 * it even in that tier is passed over on its name prefix alone. */
static void near_one(struct tctx *t, uint32_t m, int floor, uint64_t need, unsigned nexact,
                     bool prefix)
{
	const struct search_scratch *s = t->s;
	if ((t->x->heads[m] & need) != need || !t->x->mem[m].blob)
		return;
	if (s->nheap == t->limit) {
		struct cand c = {.member = m, .tier = floor};
		if (!ta_better(t->x, &c, &s->heap[s->nheap - 1]))
			return;
	}
	if (stored_name_matches(t->x, t->s, m, need, nexact, prefix))
		rank(t, m, floor);
}

/* True when the heap is full with tiers below `below`: then no member whose
 * tier cannot be below it can enter. */
static bool settled(const struct tctx *t, int below)
{
	const struct search_scratch *s = t->s;
	return s->nheap == t->limit && s->heap[s->nheap - 1].tier < below;
}

/* Tests the near members' names against the query and ranks the matches:
 * those that may be in tier 0 first, the others only when those do not fill
 * the list.  The stored name is read only when the name_heads() sketch
 * allows a match.  True when the list is full with tiers below
 * SEARCH_NEAR_TIERS: then no other member can enter it. */
static bool near_pass(struct tctx *t, unsigned nexact, bool prefix)
{
	const struct search_ta_query *q = t->q;
	size_t mcap = t->x->mcap;
	uint64_t need = heads_needed(t->s, nexact, prefix);
	t->neared = true;
	for (size_t i = 0; i < q->nnear0 && q->near0[i] < mcap; i++)
		near_one(t, q->near0[i], 0, need, nexact, prefix);
	if (q->nnear0 && settled(t, 1))
		return true;
	size_t j = 0; /* near0 members are done */
	for (size_t i = 0; i < q->nnear && q->near[i] < mcap; i++) {
		uint32_t m = q->near[i];
		while (j < q->nnear0 && q->near0[j] < m)
			j++;
		if (j < q->nnear0 && q->near0[j] == m)
			continue;
		near_one(t, m, q->nnear0 ? 1 : 0, need, nexact, prefix);
	}
	return settled(t, SEARCH_NEAR_TIERS);
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
	if (check_members(q->near, q->nnear, "near", f) ||
	    check_members(q->near0, q->nnear0, "near0", f))
		goto out;
	if (q->far_tier && (q->far_tier < SEARCH_NEAR_TIERS || q->far_tier > 4)) {
		fail_set(f, e, "far_tier", "far_tier is %d..4", SEARCH_NEAR_TIERS);
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
	struct tctx t = {
	    x, q, s, q->limit, 0, false, q->far_tier ? q->far_tier : SEARCH_NEAR_TIERS};
	s->heap = xgrow(s->heap, &s->heapcap, SEARCH_MAX_TA, sizeof *s->heap);
	if (q->nnear && scan_size(&t, nexact, prefix) > SEARCH_TA_SCAN &&
	    near_pass(&t, nexact, prefix)) {
		/* the near members settle the list */
	} else if (!nexact) {
		size_t lo, hi;
		prefix_range(x, &s->w[0], &lo, &hi);
		for (size_t i = lo; i < hi; i++) {
			uint32_t id = x->nsorted[i];
			const struct search_mlist *l = &x->nlists[id];
			for (uint32_t j = 0; j < l->n && budget(&t); j++)
				consider(&t, l->m[j]);
			if (!budget(&t))
				break;
		}
	} else {
		multi(&t, nexact, prefix);
	}
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
