/* h_profile — reading and editing profiles, and profile strength. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/decode.h"
#include "api/handlers.h"
#include "social/policy.h"
#include "social/profile.h"
#include "social/view.h"

static const struct field position_fields[] = {
    {"title", F_STR, offsetof(struct position, title), FD_REQUIRED, .max = PROFILE_SHORT_MAX,
     .min = 1},
    {"company", F_STR, offsetof(struct position, company), 0, .max = PROFILE_SHORT_MAX},
    {"from", F_STR, offsetof(struct position, from), FD_NULLABLE, .max = 7},
    {"to", F_STR, offsetof(struct position, to), FD_NULLABLE, .max = 7},
    FD_END,
};

static const struct field education_fields[] = {
    {"school", F_STR, offsetof(struct education, school), FD_REQUIRED, .max = PROFILE_SHORT_MAX,
     .min = 1},
    {"degree", F_STR, offsetof(struct education, degree), 0, .max = PROFILE_SHORT_MAX},
    {"field", F_STR, offsetof(struct education, field), 0, .max = PROFILE_SHORT_MAX},
    {"from", F_INT, offsetof(struct education, from), FD_NULLABLE, .lo = 1900, .hi = 2100},
    {"to", F_INT, offsetof(struct education, to), FD_NULLABLE, .lo = 1900, .hi = 2100},
    FD_END,
};

/* The editable fields of a profile: PATCH /api/v1/me/profile. */
static const struct field profile_fields[] = {
    {"display_name", F_STR, offsetof(struct profile, display_name), 0, .max = PROFILE_NAME_MAX,
     .min = 1},
    {"handle", F_STR, offsetof(struct profile, handle), 0, .max = HANDLE_MAX, .min = 1},
    {"visibility", F_ENUM, offsetof(struct profile, visibility), 0, .max = 10,
     .choices = profile_visibilities},
    {"headline", F_STR, offsetof(struct profile, headline), 0, .max = PROFILE_HEADLINE_MAX},
    {"summary", F_STR, offsetof(struct profile, summary), 0, .max = PROFILE_SUMMARY_MAX},
    {"location", F_STR, offsetof(struct profile, location), 0, .max = PROFILE_SHORT_MAX},
    {"industry", F_STR, offsetof(struct profile, industry), 0, .max = PROFILE_SHORT_MAX},
    {"position", F_OBJ, offsetof(struct profile, position), FD_NULLABLE, .sub = position_fields,
     .sub_size = sizeof(struct position)},
    {"past_positions", F_OBJS, offsetof(struct profile, past_positions), 0,
     .max_items = PROFILE_POSITIONS_MAX, .sub = position_fields,
     .sub_size = sizeof(struct position)},
    {"education", F_OBJS, offsetof(struct profile, education), 0,
     .max_items = PROFILE_EDUCATION_MAX, .sub = education_fields,
     .sub_size = sizeof(struct education)},
    {"skills", F_STRS, offsetof(struct profile, skills), 0, .max = PROFILE_SKILL_MAX,
     .max_items = PROFILE_SKILLS_MAX},
    {"languages", F_STRS, offsetof(struct profile, languages), 0, .max = 3,
     .max_items = PROFILE_LANGUAGES_MAX},
    FD_END,
};

static void own_profile_json(struct ctx *c, const struct profile *p)
{
	profile_json(p, true, true, &c->w);
	jw_key(&c->w, "profile_strength");
	profile_strength_json(p, &c->w);
}

enum err h_me(struct ctx *c)
{
	struct profile p;
	enum err e = profile_load(c->st, c->sess.member, &p);
	if (e)
		return fail_set(&c->fail, e, NULL, NULL);
	ctx_json(c, 200);
	own_profile_json(c, &p);
	jw_end(&c->w);
	profile_release(&p);
	return E_OK;
}

enum err h_strength(struct ctx *c)
{
	struct profile p;
	enum err e = profile_load(c->st, c->sess.member, &p);
	if (e)
		return fail_set(&c->fail, e, NULL, NULL);
	c->resp->status = 200;
	profile_strength_json(&p, &c->w);
	profile_release(&p);
	return E_OK;
}

enum err h_patch_profile(struct ctx *c)
{
	struct profile p, patch = {0};
	uint64_t present = 0;
	bool locked = false;
	enum err e = profile_load(c->st, c->sess.member, &p);
	if (e)
		return fail_set(&c->fail, e, NULL, NULL);
	e = decode_body(c->req->body, c->req->body_len, profile_fields, &patch, &present, &c->fail);
	if (e)
		goto out;
	decode_swap_present(profile_fields, present, &p, &patch);
	if ((e = profile_validate(&p, &c->fail)))
		goto out;
	pthread_mutex_lock(&c->t->write_mu);
	locked = true;
	if ((e = store_begin(c->st))) {
		fail_set(&c->fail, e, NULL, NULL);
		goto out;
	}
	e = profile_store(c->st, &p);
	if (e == E_CONFLICT)
		e = fail_set(&c->fail, E_HANDLE_TAKEN, "handle", "handle: \"%s\" is taken",
		             p.handle);
	if (!e)
		e = store_event(c->st, "profile.updated", p.id, p.id, 0, NULL, NULL);
	if (e) {
		store_rollback(c->st);
		if (!c->fail.err)
			fail_set(&c->fail, e, NULL, NULL);
		goto out;
	}
	if ((e = store_commit(c->st))) {
		fail_set(&c->fail, e, NULL, NULL);
		goto out;
	}
	ties_profile_changed(c->t, c->st, p.id);
	ctx_json(c, 200);
	own_profile_json(c, &p);
	jw_end(&c->w);
out:
	if (locked)
		pthread_mutex_unlock(&c->t->write_mu);
	decode_free(profile_fields, &patch);
	/* patch now holds the replaced values that decode_free released, plus
	 * the untouched members it never owned (all NULL). */
	profile_release(&p);
	return e;
}

enum err h_profile(struct ctx *c)
{
	int64_t id = 0;
	enum err e = profile_id_by_handle(c->st, c->params[0], &id);
	if (e)
		return fail_set(&c->fail, e, "handle", e == E_NOT_FOUND ? "no such member" : NULL);
	struct profile p;
	if ((e = profile_load(c->st, id, &p)))
		return fail_set(&c->fail, e, NULL, NULL);
	struct viewer v = {ctx_viewer(c), c->authed && strcmp(c->sess.kind, "admin") == 0};
	struct member_view mv;
	ctx_read_begin(c);
	view_compute(c->t, c->st, c->gs, v.member, id, &mv);
	bool blocked =
	    v.member && graph_blocked_either(&c->t->graph, (uint32_t)v.member, (uint32_t)id);
	enum profile_view view = policy_profile_view(&v, id, p.visibility, mv.degree, blocked);
	if (view == VIEW_NONE) {
		ctx_read_end(c);
		profile_release(&p);
		return fail_set(&c->fail, E_NOT_FOUND, "handle", "no such member");
	}
	ctx_json(c, 200);
	profile_json(&p, view == VIEW_FULL, v.member == id, &c->w);
	jw_kstr(&c->w, "view", view == VIEW_FULL ? "full" : "card");
	view_json(&mv, &c->w);
	ctx_read_end(c);
	jw_end(&c->w);
	profile_release(&p);
	return E_OK;
}
