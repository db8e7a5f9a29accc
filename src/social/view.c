/* view — the viewer's view of a member. */
#include "social/view.h"

#include <string.h>

void view_compute(struct ties *t, struct store *s, struct graph_scratch *gs, int64_t viewer,
                  int64_t member, struct member_view *v)
{
	memset(v, 0, sizeof *v);
	v->viewer = viewer;
	v->member = member;
	v->degree = GRAPH_OUT;
	if (!viewer)
		return;
	uint32_t a = (uint32_t)viewer, b = (uint32_t)member;
	v->degree = graph_degree(&t->graph, gs, a, b);
	if (v->degree == 0)
		return;
	v->mutual = graph_mutual_count(&t->graph, a, b);
	v->connected = v->degree == 1;
	v->following = graph_follows(&t->graph, a, b);
	v->blocked = graph_blocked(&t->graph, a, b);
	if (v->connected)
		return;
	struct scur c;
	store_query(s, &c,
	            "SELECT id, sender FROM invitations WHERE status IN ('pending', 'ignored') AND "
	            "((sender = $1 AND recipient = $2) OR (sender = $2 AND recipient = $1)) "
	            "ORDER BY id LIMIT 1",
	            SARGS(SA_I(viewer), SA_I(member)));
	if (scur_next(&c)) {
		v->invitation_id = scur_int(&c, 0);
		v->invited_by_viewer = scur_int(&c, 1) == viewer;
	}
	scur_close(&c);
}

void view_json(const struct member_view *v, struct jw *w)
{
	jw_key(w, "degree");
	if (v->degree >= 0 && v->degree <= 3)
		jw_int(w, v->degree);
	else
		jw_null(w);
	jw_kint(w, "mutual_count", v->mutual);
	jw_key(w, "actions");
	jw_arr(w);
	if (v->viewer && v->degree == 0) {
		jw_str(w, "edit");
	} else if (v->viewer && v->blocked) {
		jw_str(w, "unblock");
	} else if (v->viewer) {
		if (v->connected)
			jw_str(w, "message");
		else if (!v->invitation_id)
			jw_str(w, "connect");
		else
			jw_str(w, v->invited_by_viewer ? "withdraw" : "accept");
		jw_str(w, v->following ? "unfollow" : "follow");
		if (v->connected)
			jw_str(w, "disconnect");
		jw_str(w, "block");
	}
	jw_end(w);
	jw_key(w, "invitation_id");
	if (v->invitation_id)
		jw_int(w, v->invitation_id);
	else
		jw_null(w);
}

enum err card_json(struct ties *t, struct store *s, struct graph_scratch *gs, int64_t viewer,
                   int64_t member, struct jw *w)
{
	struct scur c;
	store_query(s, &c, "SELECT handle, display_name, headline FROM members WHERE id = $1",
	            SARGS(SA_I(member)));
	enum err e = E_NOT_FOUND;
	if (scur_next(&c)) {
		jw_obj(w);
		jw_kstr(w, "handle", scur_text(&c, 0));
		jw_kstr(w, "display_name", scur_text(&c, 1));
		jw_kstr(w, "headline", scur_text(&c, 2));
		e = E_OK;
	}
	enum err ce = scur_close(&c);
	if (e)
		return ce ? ce : e;
	struct member_view v;
	view_compute(t, s, gs, viewer, member, &v);
	view_json(&v, w);
	jw_end(w);
	return ce;
}
