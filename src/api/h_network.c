/* h_network — invitations, connections, mutual connections, paths, network
 * size, follows, blocks, settings and notifications. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/decode.h"
#include "api/handlers.h"
#include "api/paging.h"
#include "base/clock.h"
#include "social/network.h"
#include "social/view.h"

/* ---- helpers ------------------------------------------------------------------ */

static enum err param_member(struct ctx *c, int64_t *id)
{
	return net_find(c->t, c->st, ctx_viewer(c), c->params[0], id, &c->fail);
}

static enum err param_id(struct ctx *c, int64_t *id)
{
	char *end;
	long long v = strtoll(c->params[0], &end, 10);
	if (*end || v <= 0)
		return fail_set(&c->fail, E_NOT_FOUND, "id", "no such invitation");
	*id = v;
	return E_OK;
}

/* Writes "key": [cards of ids[from .. from+limit)], "next_cursor". */
static enum err cards_page(struct ctx *c, const char *key, const uint32_t *ids, uint32_t n,
                           const struct page *pg)
{
	jw_key(&c->w, key);
	jw_arr(&c->w);
	uint64_t from = (uint64_t)pg->after, to = from + (uint64_t)pg->limit;
	for (uint64_t i = from; i < n && i < to; i++) {
		enum err e = card_json(c->t, c->st, c->gs, ctx_viewer(c), ids[i], &c->w);
		if (e && e != E_NOT_FOUND)
			return fail_set(&c->fail, e, NULL, NULL);
	}
	jw_end(&c->w);
	page_next_json(c, to < n, (int64_t)to);
	return E_OK;
}

/* ---- invitations ------------------------------------------------------------ */

struct invite_body {
	char *to, *note;
	bool confirm_without_note;
};
static const struct field invite_fields[] = {
    {"to", F_STR, offsetof(struct invite_body, to), FD_REQUIRED, .max = 64, .min = 1},
    {"note", F_STR, offsetof(struct invite_body, note), FD_NULLABLE, .max = NOTE_MAX},
    {"confirm_without_note", F_BOOL, offsetof(struct invite_body, confirm_without_note), 0,
     .max = 0},
    FD_END,
};

static void invitation_json(struct ctx *c, int64_t id, const char *side, int64_t other,
                            const char *note, int64_t created_at, const char *status)
{
	jw_obj(&c->w);
	jw_kint(&c->w, "id", id);
	jw_key(&c->w, side);
	if (card_json(c->t, c->st, c->gs, ctx_viewer(c), other, &c->w))
		jw_null(&c->w);
	jw_kstr(&c->w, "note", note);
	jw_kint(&c->w, "created_at", created_at);
	jw_kstr(&c->w, "status", status);
	jw_end(&c->w);
}

static void connected_json(struct ctx *c, int64_t other, int status)
{
	ctx_json(c, status);
	jw_kbool(&c->w, "connected", true);
	jw_key(&c->w, "member");
	ctx_read_begin(c);
	card_json(c->t, c->st, c->gs, ctx_viewer(c), other, &c->w);
	ctx_read_end(c);
	jw_end(&c->w);
}

enum err h_invite(struct ctx *c)
{
	struct invite_body b = {0};
	enum err e = decode_body(c->req->body, c->req->body_len, invite_fields, &b, NULL, &c->fail);
	int64_t to = 0;
	if (!e && (e = net_find(c->t, c->st, ctx_viewer(c), b.to, &to, &c->fail)))
		c->fail.field = "to";
	struct invite_result r;
	if (!e)
		e = net_invite(c->t, c->st, c->sess.member, to, b.note, b.confirm_without_note, &r,
		               &c->retry_after_ms, &c->fail);
	if (!e && r.connected) {
		connected_json(c, to, 200);
	} else if (!e) {
		ctx_json(c, 201);
		jw_key(&c->w, "invitation");
		ctx_read_begin(c);
		invitation_json(c, r.invitation_id, "to", to, b.note && *b.note ? b.note : NULL,
		                clock_now_ms(), "pending");
		ctx_read_end(c);
		jw_end(&c->w);
	}
	decode_free(invite_fields, &b);
	return e;
}

static enum err invitations_list(struct ctx *c, bool received)
{
	struct page pg;
	enum err e = page_parse(c, &pg);
	if (e)
		return e;
	const char *inc = ctx_query(c, "include_ignored");
	bool ignored = inc && (!strcmp(inc, "true") || !strcmp(inc, "1"));
	/* The sender sees an ignored invitation as pending: ignoring is the
	 * recipient's private choice. */
	const char *sql_received =
	    "SELECT id, sender, note, created_at, status FROM invitations WHERE recipient = $1 "
	    "AND (status = 'pending' OR (status = 'ignored' AND $2 = 1)) AND id > $3 "
	    "ORDER BY id LIMIT $4";
	const char *sql_sent =
	    "SELECT id, recipient, note, created_at, 'pending' FROM invitations WHERE sender = $1 "
	    "AND status IN ('pending', 'ignored') AND $2 = $2 AND id > $3 ORDER BY id LIMIT $4";
	struct scur q;
	store_query(
	    c->st, &q, received ? sql_received : sql_sent,
	    SARGS(SA_I(c->sess.member), SA_I(ignored ? 1 : 0), SA_I(pg.after), SA_I(pg.limit + 1)));
	ctx_json(c, 200);
	jw_key(&c->w, "invitations");
	jw_arr(&c->w);
	ctx_read_begin(c);
	int64_t n = 0, last = 0;
	bool more = false;
	while (scur_next(&q)) {
		if (n++ == pg.limit) {
			more = true;
			break;
		}
		last = scur_int(&q, 0);
		invitation_json(c, last, received ? "from" : "to", scur_int(&q, 1),
		                scur_null(&q, 2) ? NULL : scur_text(&q, 2), scur_int(&q, 3),
		                scur_text(&q, 4));
	}
	ctx_read_end(c);
	if ((e = scur_close(&q)))
		return fail_set(&c->fail, e, NULL, NULL);
	jw_end(&c->w);
	page_next_json(c, more, last);
	jw_end(&c->w);
	return E_OK;
}

enum err h_invitations_received(struct ctx *c)
{
	return invitations_list(c, true);
}
enum err h_invitations_sent(struct ctx *c)
{
	return invitations_list(c, false);
}

static enum err invitation_act(struct ctx *c, enum invitation_act act)
{
	int64_t id = 0, other = 0;
	enum err e = param_id(c, &id);
	if (!e)
		e = net_invitation_act(c->t, c->st, c->sess.member, id, act, &other, &c->fail);
	if (e)
		return e;
	if (act == INV_ACCEPT)
		connected_json(c, other, 200);
	else
		ctx_no_content(c);
	return E_OK;
}

enum err h_invitation_accept(struct ctx *c)
{
	return invitation_act(c, INV_ACCEPT);
}
enum err h_invitation_decline(struct ctx *c)
{
	return invitation_act(c, INV_DECLINE);
}
enum err h_invitation_ignore(struct ctx *c)
{
	return invitation_act(c, INV_IGNORE);
}
enum err h_invitation_withdraw(struct ctx *c)
{
	return invitation_act(c, INV_WITHDRAW);
}

/* ---- connections --------------------------------------------------------------- */

enum err h_connections(struct ctx *c)
{
	struct page pg;
	enum err e = page_parse(c, &pg);
	if (e)
		return e;
	const char *sort = ctx_query(c, "sort");
	if (sort && strcmp(sort, "name") && strcmp(sort, "recent"))
		return fail_set(&c->fail, E_BAD_QUERY, "sort", "sort: name or recent");
	bool recent = sort && !strcmp(sort, "recent");
	const char *q = ctx_query(c, "q");
	if (q && strlen(q) > 100)
		return fail_set(&c->fail, E_BAD_QUERY, "q", "q: at most 100 characters");
	/* q is matched literally: LIKE's wildcards in it are escaped */
	char like[512];
	size_t n = 0;
	like[n++] = '%';
	for (const char *p = q ? q : ""; *p && n < sizeof like - 4; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			like[n++] = '\\';
		like[n++] = *p;
	}
	like[n++] = '%';
	like[n] = '\0';
	static const char *const sql[] = {
	    "SELECT m.id, c.created_at FROM connections c JOIN members m "
	    "ON m.id = CASE WHEN c.a = $1 THEN c.b ELSE c.a END "
	    "WHERE (c.a = $1 OR c.b = $1) AND (m.display_name LIKE $2 ESCAPE '\\' OR m.headline "
	    "LIKE $2 ESCAPE '\\') "
	    "ORDER BY m.display_name, m.id LIMIT $3 OFFSET $4",
	    "SELECT m.id, c.created_at FROM connections c JOIN members m "
	    "ON m.id = CASE WHEN c.a = $1 THEN c.b ELSE c.a END "
	    "WHERE (c.a = $1 OR c.b = $1) AND (m.display_name LIKE $2 ESCAPE '\\' OR m.headline "
	    "LIKE $2 ESCAPE '\\') "
	    "ORDER BY c.created_at DESC, m.id LIMIT $3 OFFSET $4",
	};
	int64_t total = 0;
	e = store_int(c->st, &total,
	              "SELECT count(*) FROM connections c JOIN members m "
	              "ON m.id = CASE WHEN c.a = $1 THEN c.b ELSE c.a END "
	              "WHERE (c.a = $1 OR c.b = $1) AND (m.display_name LIKE $2 ESCAPE '\\' OR "
	              "m.headline LIKE $2 ESCAPE '\\')",
	              SARGS(SA_I(c->sess.member), SA_T(like)));
	if (e)
		return fail_set(&c->fail, e, NULL, NULL);
	struct scur cur;
	store_query(c->st, &cur, sql[recent],
	            SARGS(SA_I(c->sess.member), SA_T(like), SA_I(pg.limit), SA_I(pg.after)));
	ctx_json(c, 200);
	jw_kint(&c->w, "total", total);
	jw_key(&c->w, "connections");
	jw_arr(&c->w);
	ctx_read_begin(c);
	while (scur_next(&cur)) {
		/* card_json closes its object; reopen-free: write the card then
		 * its connection date beside it through a wrapper object. */
		size_t mark = c->resp->body.n;
		if (card_json(c->t, c->st, c->gs, c->sess.member, scur_int(&cur, 0), &c->w))
			continue;
		/* Splice "connected_at" into the card just written. */
		if (c->resp->body.n > mark && c->resp->body.p[c->resp->body.n - 1] == '}') {
			c->resp->body.n--;
			buf_addf(&c->resp->body, ",\"connected_at\":%lld}",
			         (long long)scur_int(&cur, 1));
		}
	}
	ctx_read_end(c);
	if ((e = scur_close(&cur)))
		return fail_set(&c->fail, e, NULL, NULL);
	jw_end(&c->w);
	page_next_json(c, pg.after + pg.limit < total, pg.after + pg.limit);
	jw_end(&c->w);
	return E_OK;
}

enum err h_disconnect(struct ctx *c)
{
	int64_t other = 0;
	enum err e = param_member(c, &other);
	if (!e)
		e = net_disconnect(c->t, c->st, c->sess.member, other, &c->fail);
	if (!e)
		ctx_no_content(c);
	return e;
}

enum err h_mutual(struct ctx *c)
{
	struct page pg;
	int64_t other = 0;
	enum err e = page_parse(c, &pg);
	if (!e)
		e = param_member(c, &other);
	if (e)
		return e;
	ctx_read_begin(c);
	uint32_t n = graph_mutual_count(&c->t->graph, (uint32_t)c->sess.member, (uint32_t)other);
	uint32_t *ids = xcalloc(n + 1, sizeof *ids);
	graph_mutual(&c->t->graph, (uint32_t)c->sess.member, (uint32_t)other, ids, n);
	ctx_json(c, 200);
	jw_kint(&c->w, "count", n);
	e = cards_page(c, "members", ids, n, &pg);
	jw_end(&c->w);
	ctx_read_end(c);
	free(ids);
	return e;
}

enum err h_path(struct ctx *c)
{
	int64_t other = 0;
	enum err e = param_member(c, &other);
	if (e)
		return e;
	ctx_read_begin(c);
	uint32_t path[4];
	int hops =
	    graph_path(&c->t->graph, c->gs, (uint32_t)c->sess.member, (uint32_t)other, 3, path, 4);
	/* A path through someone hidden from the viewer is not shown. */
	for (int i = 1; hops > 0 && i < hops; i++)
		if (graph_blocked_either(&c->t->graph, (uint32_t)c->sess.member, path[i]))
			hops = -2;
	ctx_json(c, 200);
	jw_key(&c->w, "degree");
	int degree = graph_degree(&c->t->graph, c->gs, (uint32_t)c->sess.member, (uint32_t)other);
	if (degree <= 3)
		jw_int(&c->w, degree);
	else
		jw_null(&c->w);
	jw_key(&c->w, "path");
	if (hops >= 0) {
		jw_arr(&c->w);
		for (int i = 0; i <= hops; i++)
			card_json(c->t, c->st, c->gs, c->sess.member, path[i], &c->w);
		jw_end(&c->w);
	} else {
		jw_null(&c->w);
	}
	jw_end(&c->w);
	ctx_read_end(c);
	return E_OK;
}

enum err h_network_size(struct ctx *c)
{
	uint64_t n1 = 0, n2 = 0, n3 = 0;
	ctx_read_begin(c);
	graph_network_size(&c->t->graph, c->gs, (uint32_t)c->sess.member, &n1, &n2, &n3);
	ctx_read_end(c);
	ctx_json(c, 200);
	jw_kint(&c->w, "first", (int64_t)n1);
	jw_kint(&c->w, "second", (int64_t)n2);
	jw_kint(&c->w, "third", (int64_t)n3);
	jw_end(&c->w);
	return E_OK;
}

/* ---- follows and blocks --------------------------------------------------------- */

static enum err follow(struct ctx *c, bool on)
{
	int64_t other = 0;
	enum err e = param_member(c, &other);
	if (!e)
		e = net_follow(c->t, c->st, c->sess.member, other, on, &c->fail);
	if (!e)
		ctx_no_content(c);
	return e;
}

enum err h_follow(struct ctx *c)
{
	return follow(c, true);
}
enum err h_unfollow(struct ctx *c)
{
	return follow(c, false);
}

static enum err follow_list(struct ctx *c, bool followers)
{
	struct page pg;
	enum err e = page_parse(c, &pg);
	if (e)
		return e;
	ctx_read_begin(c);
	uint32_t me = (uint32_t)c->sess.member;
	uint32_t n = followers ? graph_followers(&c->t->graph, me, NULL, 0)
	                       : graph_followees(&c->t->graph, me, NULL, 0);
	uint32_t *ids = xcalloc(n + 1, sizeof *ids);
	if (followers)
		graph_followers(&c->t->graph, me, ids, n);
	else
		graph_followees(&c->t->graph, me, ids, n);
	ctx_json(c, 200);
	jw_kint(&c->w, "total", n);
	e = cards_page(c, "members", ids, n, &pg);
	jw_end(&c->w);
	ctx_read_end(c);
	free(ids);
	return e;
}

enum err h_followers(struct ctx *c)
{
	return follow_list(c, true);
}
enum err h_following(struct ctx *c)
{
	return follow_list(c, false);
}

static enum err block(struct ctx *c, bool on)
{
	int64_t other = 0;
	/* Looked up without the block filter: the blocker must be able to name
	 * the member to unblock them. */
	enum err e = net_find(c->t, c->st, 0, c->params[0], &other, &c->fail);
	if (!e && !on) {
		pthread_rwlock_rdlock(&c->t->index_lock);
		bool mine = graph_blocked(&c->t->graph, (uint32_t)c->sess.member, (uint32_t)other);
		pthread_rwlock_unlock(&c->t->index_lock);
		if (!mine)
			e = fail_set(&c->fail, E_NOT_FOUND, "handle",
			             "you have not blocked this member");
	}
	if (!e)
		e = net_block(c->t, c->st, c->sess.member, other, on, &c->fail);
	if (!e)
		ctx_no_content(c);
	return e;
}

enum err h_block(struct ctx *c)
{
	return block(c, true);
}
enum err h_unblock(struct ctx *c)
{
	return block(c, false);
}

enum err h_blocks(struct ctx *c)
{
	ctx_read_begin(c);
	uint32_t n = 0;
	const uint32_t *ids = graph_blocks(&c->t->graph, (uint32_t)c->sess.member, &n);
	ctx_json(c, 200);
	jw_key(&c->w, "members");
	jw_arr(&c->w);
	for (uint32_t i = 0; i < n; i++) {
		struct scur q;
		store_query(c->st, &q, "SELECT handle, display_name FROM members WHERE id = $1",
		            SARGS(SA_I(ids[i])));
		if (scur_next(&q)) {
			jw_obj(&c->w);
			jw_kstr(&c->w, "handle", scur_text(&q, 0));
			jw_kstr(&c->w, "display_name", scur_text(&q, 1));
			jw_end(&c->w);
		}
		scur_close(&q);
	}
	jw_end(&c->w);
	jw_end(&c->w);
	ctx_read_end(c);
	return E_OK;
}

/* ---- settings -------------------------------------------------------------------- */

struct settings_body {
	char *auto_accept;
	int64_t auto_accept_below;
};
static const struct field settings_fields[] = {
    {"auto_accept", F_ENUM, offsetof(struct settings_body, auto_accept), 0, .max = 10,
     .choices = auto_accept_modes},
    {"auto_accept_below", F_INT, offsetof(struct settings_body, auto_accept_below), 0, .lo = 1,
     .hi = GRAPH_MAX_CONNECTIONS},
    FD_END,
};

static enum err settings_json(struct ctx *c)
{
	struct scur q;
	store_query(c->st, &q, "SELECT auto_accept, auto_accept_below FROM members WHERE id = $1",
	            SARGS(SA_I(c->sess.member)));
	if (scur_next(&q)) {
		ctx_json(c, 200);
		jw_kstr(&c->w, "auto_accept", scur_text(&q, 0));
		jw_kint(&c->w, "auto_accept_below", scur_int(&q, 1));
		jw_end(&c->w);
	}
	enum err e = scur_close(&q);
	return e ? fail_set(&c->fail, e, NULL, NULL) : E_OK;
}

enum err h_settings(struct ctx *c)
{
	return settings_json(c);
}

enum err h_settings_patch(struct ctx *c)
{
	struct settings_body b = {0};
	uint64_t present = 0;
	enum err e =
	    decode_body(c->req->body, c->req->body_len, settings_fields, &b, &present, &c->fail);
	if (!e) {
		struct scur q;
		store_query(c->st, &q,
		            "SELECT auto_accept, auto_accept_below FROM members WHERE id = $1",
		            SARGS(SA_I(c->sess.member)));
		char mode[16] = "off";
		int64_t below = 200;
		if (scur_next(&q)) {
			snprintf(mode, sizeof mode, "%s", scur_text(&q, 0));
			below = scur_int(&q, 1);
		}
		scur_close(&q);
		if (present & 1)
			snprintf(mode, sizeof mode, "%s", b.auto_accept);
		if (present & 2)
			below = b.auto_accept_below;
		e = net_set_auto_accept(c->t, c->st, c->sess.member, mode, below, &c->fail);
	}
	decode_free(settings_fields, &b);
	return e ? e : settings_json(c);
}

/* ---- notifications ----------------------------------------------------------------- */

enum err h_notifications(struct ctx *c)
{
	struct page pg;
	enum err e = page_parse(c, &pg);
	if (e)
		return e;
	int64_t unread = 0;
	if ((e = store_int(
	         c->st, &unread,
	         "SELECT count(*) FROM notifications WHERE member = $1 AND read_at IS NULL",
	         SARGS(SA_I(c->sess.member)))))
		return fail_set(&c->fail, e, NULL, NULL);
	int64_t pending = 0;
	if ((e = store_int(
	         c->st, &pending,
	         "SELECT count(*) FROM invitations WHERE recipient = $1 AND status = 'pending'",
	         SARGS(SA_I(c->sess.member)))))
		return fail_set(&c->fail, e, NULL, NULL);
	/* Newest first; the cursor is the last id sent. */
	struct scur q;
	store_query(c->st, &q,
	            "SELECT id, kind, actor, invitation, created_at, read_at IS NOT NULL "
	            "FROM notifications WHERE member = $1 AND ($2 = 0 OR id < $2) "
	            "ORDER BY id DESC LIMIT $3",
	            SARGS(SA_I(c->sess.member), SA_I(pg.after), SA_I(pg.limit + 1)));
	ctx_json(c, 200);
	jw_kint(&c->w, "unread", unread);
	jw_kint(&c->w, "pending_invitations", pending);
	jw_key(&c->w, "notifications");
	jw_arr(&c->w);
	ctx_read_begin(c);
	int64_t n = 0, last = 0;
	bool more = false;
	while (scur_next(&q)) {
		if (n++ == pg.limit) {
			more = true;
			break;
		}
		last = scur_int(&q, 0);
		jw_obj(&c->w);
		jw_kint(&c->w, "id", last);
		jw_kstr(&c->w, "kind", scur_text(&q, 1));
		jw_key(&c->w, "actor");
		if (card_json(c->t, c->st, c->gs, c->sess.member, scur_int(&q, 2), &c->w))
			jw_null(&c->w);
		jw_key(&c->w, "invitation_id");
		if (scur_null(&q, 3))
			jw_null(&c->w);
		else
			jw_int(&c->w, scur_int(&q, 3));
		jw_kint(&c->w, "created_at", scur_int(&q, 4));
		jw_kbool(&c->w, "read", scur_int(&q, 5) != 0);
		jw_end(&c->w);
	}
	ctx_read_end(c);
	if ((e = scur_close(&q)))
		return fail_set(&c->fail, e, NULL, NULL);
	jw_end(&c->w);
	page_next_json(c, more, last);
	jw_end(&c->w);
	return E_OK;
}

struct read_body {
	struct dlist ids; /* int64_t */
};
static const struct field read_fields[] = {
    {"ids", F_INTS, offsetof(struct read_body, ids), 0, .max_items = 1000, .lo = 1,
     .hi = INT64_MAX},
    FD_END,
};

/* {"ids": [1, 2]} marks those notifications read; {} (or no body) marks all. */
enum err h_notifications_read(struct ctx *c)
{
	struct read_body b = {0};
	uint64_t present = 0;
	enum err e = c->req->body_len ? decode_body(c->req->body, c->req->body_len, read_fields, &b,
	                                            &present, &c->fail)
	                              : E_OK;
	int64_t now = clock_now_ms();
	if (!e && (e = store_begin(c->st)))
		fail_set(&c->fail, e, NULL, NULL);
	if (!e && !present) {
		e = store_exec(c->st,
		               "UPDATE notifications SET read_at = $2 WHERE member = $1 "
		               "AND read_at IS NULL",
		               SARGS(SA_I(c->sess.member), SA_I(now)));
	} else if (!e) {
		const int64_t *ids = b.ids.items;
		for (size_t i = 0; !e && i < b.ids.n; i++)
			e = store_exec(c->st,
			               "UPDATE notifications SET read_at = $3 WHERE member = $1 "
			               "AND id = $2 AND read_at IS NULL",
			               SARGS(SA_I(c->sess.member), SA_I(ids[i]), SA_I(now)));
	}
	if (!e)
		e = store_event(c->st, "notifications.read", c->sess.member, c->sess.member, 0,
		                NULL, NULL);
	if (e && !c->fail.err) {
		store_rollback(c->st);
		fail_set(&c->fail, e, NULL, NULL);
	} else if (!e && (e = store_commit(c->st))) {
		fail_set(&c->fail, e, NULL, NULL);
	}
	if (!e)
		ctx_no_content(c);
	decode_free(read_fields, &b);
	return e;
}
