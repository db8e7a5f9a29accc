/* h_search — people search and name typeahead.  Hits are cards (degree,
 * mutual connections, actions) with the matched fields and highlights:
 * the field's text, HTML-escaped, with <mark> around the matched words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/handlers.h"
#include "api/paging.h"
#include "social/people.h"
#include "social/profile.h"
#include "social/view.h"

static void escape_html(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, s[i]);
		}
	}
}

/* The text of field f, item `item`, of profile p (NULL when absent). */
static const char *field_text(const struct profile *p, const struct search_doc *d,
                              enum search_field f, unsigned item)
{
	switch (f) {
	case SF_NAME:
		return p->display_name;
	case SF_HEADLINE:
		return p->headline;
	case SF_SUMMARY:
		return p->summary;
	case SF_LOCATION:
		return p->location;
	case SF_INDUSTRY:
		return p->industry;
	case SF_TITLE:
		return item < d->npositions ? d->positions[item].title : NULL;
	case SF_COMPANY:
		return item < d->npositions ? d->positions[item].company : NULL;
	case SF_EDUCATION:
		return item < d->neducation ? d->education[item] : NULL;
	case SF_SKILL:
		return item < d->nskills ? d->skills[item] : NULL;
	default:
		return NULL;
	}
}

/* Writes "highlights": {field: "text with <mark>word</mark>", ...}; for
 * multi-valued fields the matched items joined with " · ". */
static void highlights_json(struct ctx *c, const struct search_result *r,
                            const struct search_hit *h, const struct profile *p)
{
	struct search_doc d;
	struct people_doc_mem mem;
	people_doc(p, &d, &mem);
	jw_key(&c->w, "highlights");
	jw_obj(&c->w);
	struct buf b;
	buf_init(&b, 64 * 1024);
	for (int f = 0; f < SF__COUNT; f++) {
		buf_reset(&b);
		int last_item = -1;
		for (unsigned item = 0; item < 256; item++) {
			const char *text = NULL;
			size_t at = 0;
			bool any = false;
			for (uint32_t k = h->hl; k < h->hl + h->nhl; k++) {
				const struct search_hl *hl = &r->hls[k];
				if (hl->field != f || hl->item != item)
					continue;
				if (!text)
					text = field_text(p, &d, (enum search_field)f, item);
				size_t len = text ? strlen(text) : 0;
				if (!text || hl->end > len || hl->start < at || hl->start > hl->end)
					continue;
				if (!any && last_item >= 0)
					buf_adds(&b, " · ");
				any = true;
				escape_html(&b, text + at, hl->start - at);
				buf_adds(&b, "<mark>");
				escape_html(&b, text + hl->start, hl->end - hl->start);
				buf_adds(&b, "</mark>");
				at = hl->end;
			}
			if (any) {
				escape_html(&b, text + at, strlen(text) - at);
				last_item = (int)item;
			}
		}
		if (b.n)
			jw_kstr(&c->w, search_field_name((enum search_field)f), b.p);
	}
	buf_release(&b);
	jw_end(&c->w);
	people_doc_release(&mem);
}

static void hits_json(struct ctx *c, bool with_highlights)
{
	const struct search_result *r = &c->rd->res;
	jw_arr(&c->w);
	for (size_t i = 0; i < r->nhits; i++) {
		const struct search_hit *h = &r->hits[i];
		struct profile p;
		if (profile_load(c->st, h->member, &p))
			continue;
		jw_obj(&c->w);
		jw_kstr(&c->w, "handle", p.handle);
		jw_kstr(&c->w, "display_name", p.display_name);
		jw_kstr(&c->w, "headline", p.headline);
		struct member_view v;
		view_compute(c->t, c->st, c->gs, c->sess.member, h->member, &v);
		view_json(&v, &c->w);
		if (with_highlights) {
			jw_key(&c->w, "matched");
			jw_arr(&c->w);
			for (int f = 0; f < SF__COUNT; f++)
				if (h->fields & (1u << f))
					jw_str(&c->w, search_field_name((enum search_field)f));
			jw_end(&c->w);
			highlights_json(c, r, h, &p);
		}
		jw_end(&c->w);
		profile_release(&p);
	}
	jw_end(&c->w);
}

static void facets_json(struct ctx *c, const char *key, const struct search_facet *f, size_t n)
{
	jw_key(&c->w, key);
	jw_arr(&c->w);
	for (size_t i = 0; i < n; i++) {
		jw_obj(&c->w);
		jw_kstr(&c->w, "value", f[i].value);
		jw_kint(&c->w, "count", f[i].count);
		jw_end(&c->w);
	}
	jw_end(&c->w);
}

enum err h_search(struct ctx *c)
{
	struct people_query q = {0};
	q.q = ctx_query(c, "q");
	if (!q.q || !*q.q)
		return fail_set(&c->fail, E_BAD_QUERY, "q", "q: type what you are looking for");
	struct page pg;
	enum err e = page_parse(c, &pg);
	if (e)
		return e;
	if (pg.after >= SEARCH_MAX_DEPTH)
		return fail_set(&c->fail, E_BAD_QUERY, "cursor",
		                "cursor: results go %d deep at most", SEARCH_MAX_DEPTH);
	q.offset = (uint32_t)pg.after;
	q.limit = (uint32_t)pg.limit;
	const char *deg = ctx_query(c, "degree");
	if (deg) {
		if (!strcmp(deg, "1") || !strcmp(deg, "2") || !strcmp(deg, "3"))
			q.degree = deg[0] - '0';
		else
			return fail_set(&c->fail, E_BAD_QUERY, "degree",
			                "degree: 1, 2 or 3 (3rd and beyond)");
	}
	static const struct {
		const char *param;
		enum search_filter kind;
	} filters[] = {
	    {"company", SX_COMPANY},   {"past_company", SX_PAST_COMPANY},
	    {"location", SX_LOCATION}, {"industry", SX_INDUSTRY},
	    {"skill", SX_SKILL},       {"language", SX_LANGUAGE},
	};
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		const char *v = ctx_query(c, filters[i].param);
		if (v && strlen(v) > PROFILE_SHORT_MAX * 4)
			return fail_set(&c->fail, E_BAD_QUERY, filters[i].param, "%s: too long",
			                filters[i].param);
		q.filter[filters[i].kind] = v;
	}
	q.langs = people_langs(c->st, c->sess.member);
	ctx_read_begin(c);
	e = people_search(c->t, c->rd, c->sess.member, &q, &c->fail);
	if (e) {
		ctx_read_end(c);
		return e;
	}
	const struct search_result *r = &c->rd->res;
	ctx_json(c, 200);
	jw_kint(&c->w, "total", r->total);
	/* Past 5,000 matches the total and the facet counts are estimates
	 * ("about N"): the first pages are exact. */
	jw_kbool(&c->w, "total_estimated", r->total_estimated);
	jw_kbool(&c->w, "facets_estimated", r->facets_estimated);
	jw_key(&c->w, "hits");
	hits_json(c, true);
	jw_key(&c->w, "facets");
	jw_obj(&c->w);
	facets_json(c, "company", r->companies, r->ncompanies);
	facets_json(c, "location", r->locations, r->nlocations);
	jw_end(&c->w);
	page_next_json(c, r->more, r->next);
	jw_end(&c->w);
	ctx_read_end(c);
	return E_OK;
}

enum err h_typeahead(struct ctx *c)
{
	const char *q = ctx_query(c, "q");
	if (!q || !*q)
		return fail_set(&c->fail, E_BAD_QUERY, "q", "q: type the start of a name");
	const char *lim = ctx_query(c, "limit");
	long limit = 8;
	if (lim) {
		char *end;
		limit = strtol(lim, &end, 10);
		if (!*lim || *end || limit < 1 || limit > SEARCH_MAX_TA)
			return fail_set(&c->fail, E_BAD_QUERY, "limit", "limit: 1 to %d",
			                SEARCH_MAX_TA);
	}
	ctx_read_begin(c);
	enum err e = people_typeahead(c->t, c->rd, c->sess.member, q, (uint32_t)limit, &c->fail);
	if (!e) {
		ctx_json(c, 200);
		jw_key(&c->w, "members");
		hits_json(c, false);
		jw_end(&c->w);
	}
	ctx_read_end(c);
	return e;
}
