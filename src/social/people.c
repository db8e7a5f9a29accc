/* people — people search rules over the search and network indexes. */
#include "social/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"

uint8_t vis_from_name(const char *v)
{
	return !strcmp(v, "members")   ? VIS_MEMBERS
	       : !strcmp(v, "network") ? VIS_NETWORK
	       : !strcmp(v, "private") ? VIS_PRIVATE
	                               : VIS_PUBLIC;
}

void people_doc(const struct profile *p, struct search_doc *d, struct people_doc_mem *mem)
{
	memset(d, 0, sizeof *d);
	size_t npos = (p->position.title ? 1 : 0) + p->past_positions.n;
	mem->positions = xcalloc(npos + 1, sizeof *mem->positions);
	size_t k = 0;
	if (p->position.title)
		mem->positions[k++] =
		    (struct search_position){p->position.title, p->position.company, true};
	const struct position *pp = p->past_positions.items;
	for (size_t i = 0; i < p->past_positions.n; i++)
		mem->positions[k++] = (struct search_position){pp[i].title, pp[i].company, false};
	/* education: "school, degree, field" as one item */
	const struct education *ed = p->education.items;
	mem->education = xcalloc(p->education.n + 1, sizeof *mem->education);
	for (size_t i = 0; i < p->education.n; i++) {
		struct buf b;
		buf_init(&b, 1024);
		buf_adds(&b, ed[i].school);
		if (ed[i].degree && *ed[i].degree)
			buf_addf(&b, ", %s", ed[i].degree);
		if (ed[i].field && *ed[i].field)
			buf_addf(&b, ", %s", ed[i].field);
		mem->education[i] = buf_detach(&b, NULL);
	}
	mem->skills = NULL;
	d->name = p->display_name;
	d->headline = p->headline;
	d->summary = p->summary;
	d->location = p->location;
	d->industry = p->industry;
	d->positions = mem->positions;
	d->npositions = npos;
	d->education = (const char *const *)mem->education;
	d->neducation = p->education.n;
	d->skills = (const char *const *)p->skills.items;
	d->nskills = p->skills.n;
	d->languages = (const char *const *)p->languages.items;
	d->nlanguages = p->languages.n;
	d->strength = (unsigned)profile_strength(p);
}

void people_doc_release(struct people_doc_mem *mem)
{
	free(mem->positions);
	for (size_t i = 0; mem->education && mem->education[i]; i++)
		free(mem->education[i]);
	free(mem->education);
	memset(mem, 0, sizeof *mem);
}

/* ---- bulk load --------------------------------------------------------------- */

struct load {
	struct search_index *x;
	struct text_ctx *tc;
	uint8_t *vis;
	uint32_t n_vis;
	enum err err;
	struct fail *f;
};

static int load_one(struct profile *p, void *arg)
{
	struct load *l = arg;
	struct search_doc d;
	struct people_doc_mem mem;
	people_doc(p, &d, &mem);
	l->err = search_put(l->x, l->tc, (uint32_t)p->id, &d, l->f);
	people_doc_release(&mem);
	if ((uint64_t)p->id < l->n_vis)
		l->vis[p->id] = vis_from_name(p->visibility);
	return l->err != E_OK;
}

enum err ties_load_search(struct store *s, struct search_index *x, struct text_ctx *tc,
                          uint8_t **vis, uint32_t *n_vis, struct fail *f)
{
	int64_t max_id = 0;
	enum err e = store_int(s, &max_id, "SELECT coalesce(max(id), 0) FROM members", 0, NULL);
	if (e)
		return fail_set(f, e, NULL, "loading search: %s", store_errmsg(s));
	/* Members not (or no longer) in the store stay private: never shown. */
	*n_vis = (uint32_t)max_id + 1;
	*vis = xrealloc(*vis, *n_vis);
	memset(*vis, VIS_PRIVATE, *n_vis);
	struct load l = {x, tc, *vis, *n_vis, E_OK, f};
	e = profile_scan(s, load_one, &l);
	if (l.err)
		return l.err;
	if (e)
		return fail_set(f, e, NULL, "loading search: %s", store_errmsg(s));
	search_compact(x);
	return E_OK;
}

/* ---- the searcher's network view --------------------------------------------- */

static void nv_clear(struct netview *nv, uint32_t n)
{
	size_t words = ((size_t)n + 63) / 64;
	if (n > nv->n) {
		for (int i = 0; i < 4; i++)
			nv->bits[i] = xrealloc(nv->bits[i], words * sizeof(uint64_t));
		nv->n = n;
	}
	for (int i = 0; i < 4; i++)
		memset(nv->bits[i], 0, words * sizeof(uint64_t));
}

static inline bool bit(const uint64_t *b, uint32_t m)
{
	return (b[m >> 6] >> (m & 63)) & 1;
}
static inline void set(uint64_t *b, uint32_t m)
{
	b[m >> 6] |= 1ull << (m & 63);
}

/* Builds (or reuses) viewer's 1st and 2nd-degree bitmaps and near list in
 * rd; the 3rd degree is decided per member on demand (degree_of).  The near
 * list comes out of the bitmaps in member order, already sorted: a heavy
 * searcher's 2nd degree runs to hundreds of thousands, too many to sort. */
static void netview_for(struct ties *t, struct reader *rd, uint32_t viewer)
{
	struct netview *nv = &rd->nv;
	uint32_t n = graph_size(&t->graph);
	if (nv->valid && nv->viewer == viewer && nv->version == t->graph.version && nv->n >= n)
		return;
	nv_clear(nv, n);
	uint32_t n1 = 0;
	const uint32_t *f1 = viewer < n ? graph_connections(&t->graph, viewer, &n1) : NULL;
	for (uint32_t i = 0; i < n1; i++)
		set(nv->bits[0], f1[i]);
	/* near (bits[1]): the 1st, and whoever they know, but the viewer */
	uint64_t *b1 = nv->bits[0], *b2 = nv->bits[1];
	for (uint32_t i = 0; i < n1; i++) {
		uint32_t k = 0;
		if (i + 4 < n1)
			__builtin_prefetch(graph_connections(&t->graph, f1[i + 4], &k));
		const uint32_t *f = graph_connections(&t->graph, f1[i], &k);
		for (uint32_t j = 0; j < k; j++)
			set(b2, f[j]);
	}
	if (viewer < n)
		b2[viewer >> 6] &= ~(1ull << (viewer & 63));
	size_t words = ((size_t)n + 63) / 64, nnear = 0;
	for (size_t w = 0; w < words; w++) {
		b2[w] |= b1[w];
		nnear += (size_t)__builtin_popcountll(b2[w]);
	}
	/* near = 1st + 2nd degree, ascending (the search ranks them first) */
	nv->near = xgrow(nv->near, &nv->near_cap, nnear + 1, sizeof *nv->near);
	size_t k = 0;
	for (size_t w = 0; w < words; w++) {
		uint64_t x = b2[w];
		while (x) {
			nv->near[k++] = (uint32_t)(w * 64 + (unsigned)__builtin_ctzll(x));
			x &= x - 1;
		}
	}
	nv->nnear = k;
	nv->viewer = viewer;
	nv->version = t->graph.version;
	nv->valid = true;
}

struct tiering {
	struct ties *t;
	struct netview *nv;
	uint32_t viewer;
	int degree; /* filter: 0 any */
};

/* m's degree from the viewer: 1st and 2nd from the bitmaps; "3rd" when one
 * of m's connections is near (a connection of a 1st would be 2nd itself, so
 * only the 2nd decide), decided on first asking and remembered (bits[2]
 * decided, bits[3] is 3rd) — building the whole 3rd degree up front
 * would read ~20,000 lists at a million members, where a query asks about a
 * few thousand candidates. */
static int degree_of(const struct graph *g, struct netview *nv, uint32_t m)
{
	if (m >= nv->n)
		return 4;
	if (bit(nv->bits[0], m))
		return 1;
	if (bit(nv->bits[1], m))
		return 2;
	if (!bit(nv->bits[2], m)) {
		set(nv->bits[2], m);
		uint32_t k = 0;
		const uint32_t *f = graph_connections(g, m, &k);
		for (uint32_t j = 0; j < k; j++)
			if (bit(nv->bits[1], f[j])) {
				set(nv->bits[3], m);
				break;
			}
	}
	return bit(nv->bits[3], m) ? 3 : 4;
}

/* The tier of m for the searcher, or -1 when m must not appear: yourself,
 * private profiles, anyone across a block, and whoever the degree filter
 * leaves out.  Tiers: 0 1st, 1 2nd, 2 group co-members (groups come later),
 * 3 3rd, 4 everyone else. */
static int tier(uint32_t m, void *arg)
{
	const struct tiering *tg = arg;
	const struct ties *t = tg->t;
	if (m == tg->viewer || m >= t->n_vis || t->vis[m] == VIS_PRIVATE)
		return -1;
	if (graph_blocked_either(&t->graph, tg->viewer, m))
		return -1;
	int d = degree_of(&t->graph, tg->nv, m);
	if (tg->degree && (tg->degree == 3 ? d < 3 : d != tg->degree))
		return -1;
	return d == 1 ? 0 : d == 2 ? 1 : d == 3 ? 3 : 4;
}

/* What of m's profile the searcher may see, as the search index's field
 * mask: everything, or only the card (name, headline) for a profile visible
 * to its network when the searcher is outside it.  The index then matches,
 * scores, highlights, filters and counts facets on those fields alone, so a
 * hit never reveals a hidden field.  (Search needs a signed-in searcher, so
 * "members" visibility shows everything.) */
static unsigned fields(uint32_t m, void *arg)
{
	const struct tiering *tg = arg;
	const struct ties *t = tg->t;
	if (m < t->n_vis && t->vis[m] == VIS_NETWORK && degree_of(&t->graph, tg->nv, m) > 3)
		return SEARCH_SEE_CARD;
	return SEARCH_SEE_ALL;
}

unsigned people_langs(struct store *s, int64_t member)
{
	unsigned langs = 0;
	struct scur c;
	store_query(s, &c, "SELECT code FROM languages WHERE member_id = $1", SARGS(SA_I(member)));
	while (scur_next(&c)) {
		enum lang l;
		if (lang_from_code(scur_text(&c, 0), &l))
			langs |= LANG_BIT(l);
	}
	scur_close(&c);
	return langs;
}

enum err people_search(struct ties *t, struct reader *rd, int64_t viewer,
                       const struct people_query *q, struct fail *f)
{
	netview_for(t, rd, (uint32_t)viewer);
	struct tiering tg = {t, &rd->nv, (uint32_t)viewer, q->degree};
	struct search_query sq = {
	    .q = q->q,
	    .qlen = strlen(q->q),
	    .langs = q->langs,
	    .tier = tier,
	    .tier_arg = &tg,
	    .fields = fields,
	    .fields_arg = &tg,
	    .near = rd->nv.near,
	    .nnear = rd->nv.nnear,
	    .offset = q->offset,

	    .limit = q->limit,
	    .nfacets = 10,
	    /* Past 5,000 visible matches the total and facets are estimated
	     * (within a few percent); the pages themselves stay exact. */
	    .count_max = 5000,

	};
	memcpy(sq.filter, q->filter, sizeof sq.filter);
	return search_query(&t->search, &rd->text, &sq, &rd->res, f);
}

enum err people_typeahead(struct ties *t, struct reader *rd, int64_t viewer, const char *q,
                          uint32_t limit, struct fail *f)
{
	netview_for(t, rd, (uint32_t)viewer);
	struct tiering tg = {t, &rd->nv, (uint32_t)viewer, 0};
	struct search_ta_query tq = {.q = q,
	                             .qlen = strlen(q),
	                             .tier = tier,
	                             .tier_arg = &tg,
	                             .fields = fields,
	                             .fields_arg = &tg,
	                             .near = rd->nv.near,
	                             .nnear = rd->nv.nnear,
	                             .near_bits = rd->nv.bits[1],
	                             .near_bits_n = rd->nv.n,
	                             /* beyond near: 3rd or further; 2 once group
	                              * co-members (tier 2) exist */
	                             .far_tier = 3,
	                             .limit = limit};
	uint32_t n1 = 0;
	if ((uint64_t)viewer < graph_size(&t->graph))
		tq.near0 = graph_connections(&t->graph, (uint32_t)viewer, &n1);
	tq.nnear0 = n1;

	return search_typeahead(&t->search, &rd->text, &tq, &rd->res, f);
}
