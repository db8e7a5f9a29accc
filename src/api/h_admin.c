/* h_admin — operator endpoints: list members, change an account's kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/decode.h"
#include "api/handlers.h"
#include "api/paging.h"
#include "social/account.h"
#include "social/profile.h"

enum err h_admin_members(struct ctx *c)
{
	struct page pg;
	enum err e = page_parse(c, &pg);
	if (e)
		return e;
	struct scur q;
	store_query(c->st, &q,
	            "SELECT id, handle, display_name, email, kind, created_at FROM members "
	            "WHERE id > $1 ORDER BY id LIMIT $2",
	            SARGS(SA_I(pg.after), SA_I(pg.limit + 1)));
	ctx_json(c, 200);
	jw_key(&c->w, "members");
	jw_arr(&c->w);
	int64_t n = 0, last = 0;
	bool more = false;
	while (scur_next(&q)) {
		if (n == pg.limit) {
			more = true;
			break;
		}
		last = scur_int(&q, 0);
		jw_obj(&c->w);
		jw_kstr(&c->w, "handle", scur_text(&q, 1));
		jw_kstr(&c->w, "display_name", scur_text(&q, 2));
		jw_kstr(&c->w, "email", scur_text(&q, 3));
		jw_kstr(&c->w, "kind", scur_text(&q, 4));
		jw_kint(&c->w, "created_at", scur_int(&q, 5));
		jw_end(&c->w);
		n++;
	}
	if ((e = scur_close(&q)))
		return fail_set(&c->fail, e, NULL, NULL);
	jw_end(&c->w);
	page_next_json(c, more, last);
	jw_end(&c->w);
	return E_OK;
}

struct kind_body {
	char *kind;
};
static const struct field kind_fields[] = {
    {"kind", F_ENUM, offsetof(struct kind_body, kind), FD_REQUIRED, .max = 10,
     .choices = member_kinds},
    FD_END,
};

enum err h_admin_kind(struct ctx *c)
{
	struct kind_body b = {0};
	int64_t id = 0;
	enum err e = decode_body(c->req->body, c->req->body_len, kind_fields, &b, NULL, &c->fail);
	if (!e && (e = profile_id_by_handle(c->st, c->params[0], &id)))
		fail_set(&c->fail, e, "handle", e == E_NOT_FOUND ? "no such member" : NULL);
	if (!e)
		e = account_set_kind(c->st, id, b.kind, &c->fail);
	if (!e) {
		ctx_json(c, 200);
		jw_kstr(&c->w, "handle", c->params[0]);
		jw_kstr(&c->w, "kind", b.kind);
		jw_end(&c->w);
	}
	decode_free(kind_fields, &b);
	return e;
}

/* Rebuilds the indexes from the store and compares them with the live ones.
 * Writers are held off (write_mu) so both see the same commits. */
enum err h_admin_check(struct ctx *c)
{
	struct graph g;
	struct search_index x;
	struct text_ctx tc;
	uint8_t *vis = NULL;
	uint32_t n_vis = 0;
	graph_init(&g);
	search_init(&x);
	text_ctx_init(&tc);
	pthread_mutex_lock(&c->t->write_mu);
	enum err e = ties_load_graph(c->st, &g, &c->fail);
	if (!e)
		e = ties_load_search(c->st, &x, &tc, &vis, &n_vis, &c->fail);
	struct buf gwhy, swhy;
	buf_init(&gwhy, 4096);
	buf_init(&swhy, 4096);
	bool gequal = false, sequal = false;
	if (!e) {
		pthread_rwlock_rdlock(&c->t->index_lock);
		gequal = graph_equal(&c->t->graph, &g, &gwhy);
		sequal = search_equal(&c->t->search, &x, &swhy);
		for (uint32_t i = 0; sequal && i < n_vis && i < c->t->n_vis; i++)
			if (vis[i] != c->t->vis[i]) {
				sequal = false;
				buf_addf(&swhy, "member %u: visibility differs", i);
			}
		pthread_rwlock_unlock(&c->t->index_lock);
	}
	pthread_mutex_unlock(&c->t->write_mu);
	if (!e) {
		struct search_stats st;
		search_stats_get(&x, &st);
		ctx_json(c, 200);
		jw_key(&c->w, "graph");
		jw_obj(&c->w);
		jw_kbool(&c->w, "equal", gequal);
		jw_kint(&c->w, "members", graph_size(&g));
		jw_kint(&c->w, "connections", (int64_t)graph_edge_count(&g));
		if (!gequal)
			jw_kstr(&c->w, "difference", gwhy.p ? gwhy.p : "");
		jw_end(&c->w);
		jw_key(&c->w, "search");
		jw_obj(&c->w);
		jw_kbool(&c->w, "equal", sequal);
		jw_kint(&c->w, "profiles", st.docs);
		if (!sequal)
			jw_kstr(&c->w, "difference", swhy.p ? swhy.p : "");
		jw_end(&c->w);
		jw_end(&c->w);
	}
	buf_release(&gwhy);
	buf_release(&swhy);
	free(vis);
	text_ctx_release(&tc);
	search_release(&x);
	graph_release(&g);
	return e;
}
