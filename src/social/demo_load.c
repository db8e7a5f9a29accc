/* demo_load — demo data into the store. */
#include "social/demo_load.h"

#include <stdlib.h>
#include <string.h>

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
	if ((e = store_event(s, "demo.loaded", 0, 0, 0, NULL, NULL)))
		goto rollback;
	if ((e = store_commit(s))) {
		fail_set(f, e, NULL, NULL);
		goto free_ids;
	}
	out->loaded = true;
	out->members = d.n_members;
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
	if (!e && count == 0)
		e = demo_load(s, 0, DEMO_DEFAULT_SEED, out, f);
	else if (e)
		fail_set(f, e, NULL, NULL);
	store_pool_put(t->pool, s);
	return e;
}
