/* demo_load — demo data into the store. */
#include "social/demo_load.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "social/account.h"
#include "social/profile.h"

/* Builds a struct profile that borrows the demo member's strings (never
 * released with profile_release: only its arrays are ours). */
static void borrow_profile(const struct demo_member *m, int64_t id, struct profile *p)
{
	memset(p, 0, sizeof *p);
	p->id = id;
	p->handle = m->handle;
	p->display_name = m->display_name;
	p->visibility = (char *)m->visibility;
	p->headline = m->headline;
	p->summary = m->summary;
	p->location = (char *)m->location;
	p->industry = (char *)m->industry;
	size_t first_past = 0;
	if (m->n_positions && !m->positions[0].to[0]) {
		p->position = (struct position){(char *)m->positions[0].title,
		                                (char *)m->positions[0].company,
		                                (char *)m->positions[0].from, NULL};
		first_past = 1;
	}
	struct position *past = xcalloc(m->n_positions + 1, sizeof *past);
	for (size_t i = first_past; i < m->n_positions; i++)
		past[p->past_positions.n++] = (struct position){
		    (char *)m->positions[i].title, (char *)m->positions[i].company,
		    (char *)m->positions[i].from, (char *)m->positions[i].to};
	p->past_positions.items = past;
	struct education *ed = xcalloc(m->n_education + 1, sizeof *ed);
	for (size_t i = 0; i < m->n_education; i++)
		ed[i] = (struct education){(char *)m->education[i].school,
		                           (char *)m->education[i].degree,
		                           (char *)m->education[i].field, m->education[i].from_year,
		                           m->education[i].to_year};
	p->education = (struct dlist){ed, m->n_education};
	p->skills = (struct dlist){(void *)m->skills, m->n_skills};
	p->languages = (struct dlist){(void *)m->languages, m->n_languages};
}

enum err demo_load(struct store *s, size_t n, uint64_t seed, struct demo_summary *out,
                   struct fail *f)
{
	memset(out, 0, sizeof *out);
	struct demo_data d;
	demo_generate(&d, n, seed);
	/* One Argon2id hash serves every demo member: they share the documented
	 * demo password, and hashing hundreds would slow the first start. */
	char hash[PWHASH_MAX];
	enum err e = password_hash(DEMO_PASSWORD, hash);
	if (e) {
		fail_set(f, e, NULL, "cannot hash the demo password");
		goto done;
	}
	int64_t *ids = xcalloc(d.n_members + 1, sizeof *ids);
	int64_t existing = 0;
	if (store_int(s, &existing, "SELECT id FROM members WHERE email = $1",
	              SARGS(SA_T(DEMO_ASTRID_EMAIL))) == E_OK) {
		e = fail_set(f, E_CONFLICT, NULL, "the demo data is already loaded (%s exists)",
		             DEMO_ASTRID_EMAIL);
		goto free_ids;
	}
	if ((e = store_begin(s))) {
		fail_set(f, e, NULL, NULL);
		goto free_ids;
	}
	for (size_t i = 0; i < d.n_members; i++) {
		const struct demo_member *m = &d.members[i];
		struct signup in = {.email = m->email,
		                    .pw_hash = hash,
		                    .display_name = m->display_name,
		                    .handle = m->handle,
		                    .kind = m->kind};
		if ((e = account_create(s, &in, true, &ids[i], f)))
			goto rollback;
		struct profile p;
		borrow_profile(m, ids[i], &p);
		e = profile_validate(&p, f);
		if (!e)
			e = profile_store(s, &p);
		free(p.past_positions.items);
		free(p.education.items);
		if (e) {
			if (!f->err)
				fail_set(f, e, NULL, "demo member %s: %s", m->handle,
				         store_errmsg(s));
			goto rollback;
		}
	}
	/* The network, written as the domain writes it: a connection once per
	 * pair (a < b), follows only between members who are not connected,
	 * and each pending invitation with its notification. */
	int64_t now = clock_now_ms();
	for (size_t i = 0; i < d.n_connections; i++) {
		int64_t a = ids[d.connections[i][0]], b = ids[d.connections[i][1]];
		/* spread the connection dates over the past two years */
		int64_t at = now - (int64_t)((i * 7919u) % 730u) * 86400000LL;
		if ((e = store_exec(s,
		                    "INSERT INTO connections(a, b, created_at) VALUES ($1, $2, $3)",
		                    SARGS(SA_I(a < b ? a : b), SA_I(a < b ? b : a), SA_I(at)))))
			goto rollback;
	}
	for (size_t i = 0; i < d.n_follows; i++)
		if ((e = store_exec(
		         s,
		         "INSERT INTO follows(follower, followee, created_at) "
		         "VALUES ($1, $2, $3)",
		         SARGS(SA_I(ids[d.follows[i][0]]), SA_I(ids[d.follows[i][1]]), SA_I(now)))))
			goto rollback;
	for (size_t i = 0; i < d.n_invitations; i++) {
		const struct demo_invitation *inv = &d.invitations[i];
		int64_t id = 0, at = now - (int64_t)(i + 1) * 3600000LL;
		e = store_int(
		    s, &id,
		    "INSERT INTO invitations(sender, recipient, note, status, created_at) "
		    "VALUES ($1, $2, $3, 'pending', $4) RETURNING id",
		    SARGS(SA_I(ids[inv->from]), SA_I(ids[inv->to]), SA_T(inv->note), SA_I(at)));
		if (!e)
			e = store_exec(
			    s,
			    "INSERT INTO notifications(member, kind, actor, invitation, "
			    "created_at) VALUES ($1, 'invitation.received', $2, $3, $4)",
			    SARGS(SA_I(ids[inv->to]), SA_I(ids[inv->from]), SA_I(id), SA_I(at)));
		if (e)
			goto rollback;
	}
	if ((e = store_event(s, "demo.loaded", 0, 0, 0, NULL, NULL)))
		goto rollback;
	if ((e = store_commit(s))) {
		fail_set(f, e, NULL, NULL);
		goto free_ids;
	}
	out->loaded = true;
	out->members = d.n_members;
	out->connections = d.n_connections;
	out->follows = d.n_follows;
	out->invitations = d.n_invitations;
	goto free_ids;
rollback:
	store_rollback(s);
	if (!f->err)
		fail_set(f, e, NULL, NULL);
free_ids:
	free(ids);
done:
	demo_release(&d);
	return e;
}

enum err demo_load_if_empty(struct ties *t, struct demo_summary *out, struct fail *f)
{
	memset(out, 0, sizeof *out);
	struct store *s = store_pool_get(t->pool);
	int64_t count = 0;
	enum err e = store_int(s, &count, "SELECT count(*) FROM members", 0, NULL);
	if (!e && count == 0) {
		e = demo_load(s, 0, DEMO_DEFAULT_SEED, out, f);
		/* The indexes were loaded from the empty store: rebuild them. */
		if (!e) {
			pthread_mutex_lock(&t->write_mu);
			pthread_rwlock_wrlock(&t->index_lock);
			e = ties_load_graph(s, &t->graph, f);
			search_release(&t->search);
			search_init(&t->search);
			if (!e)
				e = ties_load_search(s, &t->search, &t->writer_text, &t->vis,
				                     &t->n_vis, f);
			pthread_rwlock_unlock(&t->index_lock);
			pthread_mutex_unlock(&t->write_mu);
		}
	} else if (e) {
		fail_set(f, e, NULL, NULL);
	}
	store_pool_put(t->pool, s);
	return e;
}
