/* load — `ties ldbc load`: reads an LDBC SNB data set (both layouts the
 * Interactive v1 datagen writes) into memory, checks it whole, then writes it
 * into the store in one transaction.
 *
 * Two phases, so a malformed file changes nothing: reading (every file is
 * parsed and every reference resolved; errors say "file:line: what") and
 * storing (members through account_create/profile_store like any other
 * member, plus the LDBC side tables of schema version 3).
 *
 * Layouts:
 *   CsvMergeForeign  DIR/static/{place,organisation,tag}_0_0.csv and
 *                    DIR/dynamic/person_0_0.csv (with its city), emails and
 *                    languages in their own files, posts and comments with
 *                    their creator and reply columns; ISO dates.
 *   CsvComposite     every file in DIR; emails and languages `;`-joined in
 *                    person_0_0.csv; places, creators and replies as edge
 *                    files; dates in epoch milliseconds.
 *
 * Interactions: a comment by x replying directly to a post by y counts one
 * post reply x -> y; replying to a comment by y, one comment reply.  Replies
 * to oneself are not interactions. */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/jw.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "ldbc/ldbc.h"
#include "ldbc/ldbc_int.h"
#include "social/account.h"
#include "social/profile.h"

#define PUSH(arr, n, cap, val)                                                                     \
	do {                                                                                       \
		(arr) = xgrow((arr), &(cap), (n) + 1, sizeof *(arr));                              \
		(arr)[(n)++] = (val);                                                              \
	} while (0)

struct org {
	char *name;
	int64_t place; /* place id, -1 until known */
};

struct person {
	int64_t id, birthday, created, city; /* city: place id, -1 when unknown */
	char *first, *last, *gender, *browser, *ip;
};

/* An item owned by a person: an email or language (s), a study or work
 * place (id = organisation, n = year), an interest (id = tag). */
struct item {
	uint32_t p;
	char *s;
	int64_t id, n;
};

struct knows {
	uint32_t a, b;
	int64_t at;
};

struct reply {
	int64_t comment, target;
	uint32_t line;
	uint8_t file; /* index into reply_files */
	bool to_post;
};

struct pair {
	uint32_t x, y; /* x replied to y */
	int64_t posts, comments;
};

struct loader {
	const char *dir;
	bool progress;
	struct idmap place_ix, org_ix, tag_ix, person_ix, post_ix, comment_ix, pair_ix;
	char **places, **tags;
	size_t n_places, cap_places, n_tags, cap_tags;
	struct org *orgs;
	size_t n_orgs, cap_orgs;
	struct person *persons;
	size_t n_persons, cap_persons;
	struct item *emails, *langs, *study, *work, *interests;
	size_t n_emails, cap_emails, n_langs, cap_langs, n_study, cap_study, n_work, cap_work;
	size_t n_interests, cap_interests;
	struct knows *knows;
	size_t n_knows, cap_knows;
	struct reply *replies;
	size_t n_replies, cap_replies;
	char reply_files[4][512];
	int n_reply_files;
	struct pair *pairs;
	size_t n_pairs, cap_pairs;
	size_t posts, comments, replies_between;
};

static void loader_release(struct loader *L)
{
	for (size_t i = 0; i < L->n_places; i++)
		free(L->places[i]);
	for (size_t i = 0; i < L->n_tags; i++)
		free(L->tags[i]);
	for (size_t i = 0; i < L->n_orgs; i++)
		free(L->orgs[i].name);
	for (size_t i = 0; i < L->n_persons; i++) {
		struct person *p = &L->persons[i];
		free(p->first);
		free(p->last);
		free(p->gender);
		free(p->browser);
		free(p->ip);
	}
	for (size_t i = 0; i < L->n_emails; i++)
		free(L->emails[i].s);
	for (size_t i = 0; i < L->n_langs; i++)
		free(L->langs[i].s);
	free(L->places);
	free(L->tags);
	free(L->orgs);
	free(L->persons);
	free(L->emails);
	free(L->langs);
	free(L->study);
	free(L->work);
	free(L->interests);
	free(L->knows);
	free(L->replies);
	free(L->pairs);
	struct idmap *maps[] = {&L->place_ix, &L->org_ix,     &L->tag_ix, &L->person_ix,
	                        &L->post_ix,  &L->comment_ix, &L->pair_ix};
	for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
		idmap_release(maps[i]);
}

/* "ldbc: <verb> <what>: <n>" over the previous progress line. */
static void progress(const struct loader *L, const char *verb, const char *what, size_t n)
{
	if (!L->progress)
		return;
	fprintf(stderr, "\r\033[Kldbc: %s %s: %zu", verb, what, n);
	fflush(stderr);
}

/* ---- reading ---------------------------------------------------------------- */

typedef enum err (*row_fn)(struct loader *L, struct csv *c, struct fail *f);

static enum err read_file(struct loader *L, const char *rel, const char *header, row_fn row,
                          struct fail *f)
{
	struct csv c;
	enum err e = csv_open(&c, L->dir, rel, header, f);
	if (e)
		return e;
	for (;;) {
		int r = csv_next(&c, f);
		if (r < 0) {
			e = E_BAD_FIELD;
			break;
		}
		if (r == 0)
			break;
		if ((e = row(L, &c, f)))
			break;
		if (c.lineno % 20000 == 0)
			progress(L, "reading", rel, (size_t)c.lineno);
	}
	progress(L, "reading", rel, (size_t)c.lineno);
	csv_close(&c);
	return e;
}

/* Resolves column col to a person's index. */
static enum err person_at(struct loader *L, struct csv *c, size_t col, uint32_t *p, struct fail *f)
{
	int64_t id;
	enum err e = csv_i64(c, col, &id, f);
	if (e)
		return e;
	*p = idmap_get(&L->person_ix, id);
	if (*p == IDMAP_NONE)
		return csv_bad(c, col, "unknown person", f);
	return E_OK;
}

static enum err place_row(struct loader *L, struct csv *c, struct fail *f)
{
	int64_t id;
	enum err e = csv_i64(c, 0, &id, f);
	if (e)
		return e;
	if (!idmap_put(&L->place_ix, id, (uint32_t)L->n_places))
		return csv_bad(c, 0, "duplicate place id", f);
	PUSH(L->places, L->n_places, L->cap_places, xstrdup(c->f[1]));
	return E_OK;
}

static enum err tag_row(struct loader *L, struct csv *c, struct fail *f)
{
	int64_t id;
	enum err e = csv_i64(c, 0, &id, f);
	if (e)
		return e;
	if (!idmap_put(&L->tag_ix, id, (uint32_t)L->n_tags))
		return csv_bad(c, 0, "duplicate tag id", f);
	PUSH(L->tags, L->n_tags, L->cap_tags, xstrdup(c->f[1]));
	return E_OK;
}

static enum err place_ref(struct loader *L, struct csv *c, size_t col, int64_t *out, struct fail *f)
{
	enum err e = csv_i64(c, col, out, f);
	if (!e && idmap_get(&L->place_ix, *out) == IDMAP_NONE)
		e = csv_bad(c, col, "unknown place", f);
	return e;
}

/* id|type|name|url[|place] */
static enum err org_row(struct loader *L, struct csv *c, struct fail *f)
{
	int64_t id, place = -1;
	enum err e = csv_i64(c, 0, &id, f);
	if (!e && c->ncols > 4)
		e = place_ref(L, c, 4, &place, f);
	if (e)
		return e;
	if (!idmap_put(&L->org_ix, id, (uint32_t)L->n_orgs))
		return csv_bad(c, 0, "duplicate organisation id", f);
	struct org o = {xstrdup(c->f[2]), place};
	PUSH(L->orgs, L->n_orgs, L->cap_orgs, o);
	return E_OK;
}

/* Organisation.id|Place.id */
static enum err org_place_row(struct loader *L, struct csv *c, struct fail *f)
{
	int64_t id, place;
	enum err e = csv_i64(c, 0, &id, f);
	if (!e)
		e = place_ref(L, c, 1, &place, f);
	if (e)
		return e;
	uint32_t o = idmap_get(&L->org_ix, id);
	if (o == IDMAP_NONE)
		return csv_bad(c, 0, "unknown organisation", f);
	L->orgs[o].place = place;
	return E_OK;
}

/* Splits a `;`-joined list into items of person p. */
static void push_list(struct item **arr, size_t *n, size_t *cap, uint32_t p, const char *s)
{
	while (*s) {
		size_t len = strcspn(s, ";");
		if (len > 0) {
			struct item it = {p, xstrndup(s, len), 0, 0};
			PUSH(*arr, *n, *cap, it);
		}
		s += len;
		if (*s == ';')
			s++;
	}
}

/* id|firstName|lastName|gender|birthday|creationDate|locationIP|browserUsed
 * then |place (merged) or |language|email (composite). */
static enum err person_row(struct loader *L, struct csv *c, struct fail *f)
{
	struct person p = {.city = -1};
	enum err e = csv_i64(c, 0, &p.id, f);
	if (!e)
		e = csv_date(c, 4, &p.birthday, f);
	if (!e)
		e = csv_date(c, 5, &p.created, f);
	if (!e && c->ncols == 9)
		e = place_ref(L, c, 8, &p.city, f);
	if (e)
		return e;
	if (!c->f[1][0])
		return csv_bad(c, 1, "empty first name", f);
	if (!idmap_put(&L->person_ix, p.id, (uint32_t)L->n_persons))
		return csv_bad(c, 0, "duplicate person id", f);
	p.first = xstrdup(c->f[1]);
	p.last = xstrdup(c->f[2]);
	p.gender = xstrdup(c->f[3]);
	p.ip = xstrdup(c->f[6]);
	p.browser = xstrdup(c->f[7]);
	uint32_t ix = (uint32_t)L->n_persons;
	PUSH(L->persons, L->n_persons, L->cap_persons, p);
	if (c->ncols == 10) {
		push_list(&L->langs, &L->n_langs, &L->cap_langs, ix, c->f[8]);
		push_list(&L->emails, &L->n_emails, &L->cap_emails, ix, c->f[9]);
	}
	return E_OK;
}

static enum err person_item_row(struct loader *L, struct csv *c, struct item **arr, size_t *n,
                                size_t *cap, struct fail *f)
{
	uint32_t p;
	enum err e = person_at(L, c, 0, &p, f);
	if (e)
		return e;
	if (!c->f[1][0])
		return csv_bad(c, 1, "empty", f);
	struct item it = {p, xstrdup(c->f[1]), 0, 0};
	PUSH(*arr, *n, *cap, it);
	return E_OK;
}

static enum err email_row(struct loader *L, struct csv *c, struct fail *f)
{
	return person_item_row(L, c, &L->emails, &L->n_emails, &L->cap_emails, f);
}

static enum err lang_row(struct loader *L, struct csv *c, struct fail *f)
{
	return person_item_row(L, c, &L->langs, &L->n_langs, &L->cap_langs, f);
}

/* Person.id|Place.id */
static enum err person_place_row(struct loader *L, struct csv *c, struct fail *f)
{
	uint32_t p;
	int64_t place;
	enum err e = person_at(L, c, 0, &p, f);
	if (!e)
		e = place_ref(L, c, 1, &place, f);
	if (!e)
		L->persons[p].city = place;
	return e;
}

/* Person.id|Person.id|creationDate */
static enum err knows_row(struct loader *L, struct csv *c, struct fail *f)
{
	struct knows k = {0};
	enum err e = person_at(L, c, 0, &k.a, f);
	if (!e)
		e = person_at(L, c, 1, &k.b, f);
	if (!e)
		e = csv_date(c, 2, &k.at, f);
	if (!e && k.a == k.b)
		e = csv_bad(c, 1, "a person cannot know themselves", f);
	if (!e)
		PUSH(L->knows, L->n_knows, L->cap_knows, k);
	return e;
}

/* Person.id|Organisation.id|year */
static enum err org_item_row(struct loader *L, struct csv *c, struct item **arr, size_t *n,
                             size_t *cap, struct fail *f)
{
	struct item it = {0};
	enum err e = person_at(L, c, 0, &it.p, f);
	if (!e)
		e = csv_i64(c, 1, &it.id, f);
	if (!e && idmap_get(&L->org_ix, it.id) == IDMAP_NONE)
		e = csv_bad(c, 1, "unknown organisation", f);
	if (!e)
		e = csv_i64(c, 2, &it.n, f);
	if (!e && (it.n < 0 || it.n > 9999))
		e = csv_bad(c, 2, "not a year", f);
	if (!e)
		PUSH(*arr, *n, *cap, it);
	return e;
}

static enum err study_row(struct loader *L, struct csv *c, struct fail *f)
{
	return org_item_row(L, c, &L->study, &L->n_study, &L->cap_study, f);
}

static enum err work_row(struct loader *L, struct csv *c, struct fail *f)
{
	return org_item_row(L, c, &L->work, &L->n_work, &L->cap_work, f);
}

/* Person.id|Tag.id */
static enum err interest_row(struct loader *L, struct csv *c, struct fail *f)
{
	struct item it = {0};
	enum err e = person_at(L, c, 0, &it.p, f);
	if (!e)
		e = csv_i64(c, 1, &it.id, f);
	if (!e && idmap_get(&L->tag_ix, it.id) == IDMAP_NONE)
		e = csv_bad(c, 1, "unknown tag", f);
	if (!e)
		PUSH(L->interests, L->n_interests, L->cap_interests, it);
	return e;
}

/* A message id in column id_col created by the person in column p_col. */
static enum err message(struct loader *L, struct csv *c, struct idmap *ix, size_t id_col,
                        size_t p_col, struct fail *f)
{
	int64_t id;
	uint32_t p;
	enum err e = csv_i64(c, id_col, &id, f);
	if (!e)
		e = person_at(L, c, p_col, &p, f);
	if (!e && !idmap_put(ix, id, p))
		e = csv_bad(c, id_col, "duplicate message id", f);
	return e;
}

static int reply_file(struct loader *L, const struct csv *c)
{
	for (int i = 0; i < L->n_reply_files; i++)
		if (!strcmp(L->reply_files[i], c->path))
			return i;
	snprintf(L->reply_files[L->n_reply_files], sizeof L->reply_files[0], "%s", c->path);
	return L->n_reply_files++;
}

static enum err add_reply(struct loader *L, struct csv *c, size_t comment_col, size_t target_col,
                          bool to_post, struct fail *f)
{
	struct reply r = {.to_post = to_post, .line = (uint32_t)c->lineno};
	enum err e = csv_i64(c, comment_col, &r.comment, f);
	if (!e)
		e = csv_i64(c, target_col, &r.target, f);
	if (e)
		return e;
	r.file = (uint8_t)reply_file(L, c);
	PUSH(L->replies, L->n_replies, L->cap_replies, r);
	return E_OK;
}

/* merged post: id|imageFile|creationDate|locationIP|browserUsed|language|
 * content|length|creator|Forum.id|place */
static enum err post_row(struct loader *L, struct csv *c, struct fail *f)
{
	L->posts++;
	return message(L, c, &L->post_ix, 0, 8, f);
}

/* merged comment: id|creationDate|locationIP|browserUsed|content|length|
 * creator|place|replyOfPost|replyOfComment */
static enum err comment_row(struct loader *L, struct csv *c, struct fail *f)
{
	L->comments++;
	enum err e = message(L, c, &L->comment_ix, 0, 6, f);
	if (e)
		return e;
	bool post = c->f[8][0] != '\0', comment = c->f[9][0] != '\0';
	if (post == comment)
		return csv_bad(c, 8, "a comment replies to exactly one post or comment", f);
	return add_reply(L, c, 0, post ? 8 : 9, post, f);
}

static enum err post_creator_row(struct loader *L, struct csv *c, struct fail *f)
{
	L->posts++;
	return message(L, c, &L->post_ix, 0, 1, f);
}

static enum err comment_creator_row(struct loader *L, struct csv *c, struct fail *f)
{
	L->comments++;
	return message(L, c, &L->comment_ix, 0, 1, f);
}

static enum err reply_post_row(struct loader *L, struct csv *c, struct fail *f)
{
	return add_reply(L, c, 0, 1, true, f);
}

static enum err reply_comment_row(struct loader *L, struct csv *c, struct fail *f)
{
	return add_reply(L, c, 0, 1, false, f);
}

/* Turns the reply edges into counts per ordered pair of persons. */
static enum err resolve_replies(struct loader *L, struct fail *f)
{
	for (size_t i = 0; i < L->n_replies; i++) {
		const struct reply *r = &L->replies[i];
		uint32_t x = idmap_get(&L->comment_ix, r->comment);
		uint32_t y = idmap_get(r->to_post ? &L->post_ix : &L->comment_ix, r->target);
		if (x == IDMAP_NONE || y == IDMAP_NONE)
			return fail_set(f, E_BAD_FIELD, NULL, "%s:%u: unknown %s %lld",
			                L->reply_files[r->file], r->line,
			                x == IDMAP_NONE ? "comment"
			                : r->to_post    ? "post"
			                                : "comment",
			                (long long)(x == IDMAP_NONE ? r->comment : r->target));
		if (x == y)
			continue;
		L->replies_between++;
		uint32_t *slot =
		    idmap_slot(&L->pair_ix, (int64_t)((uint64_t)x << 32 | y), (uint32_t)L->n_pairs);
		if (*slot == L->n_pairs) {
			struct pair p = {x, y, 0, 0};
			PUSH(L->pairs, L->n_pairs, L->cap_pairs, p);
		}
		if (r->to_post)
			L->pairs[*slot].posts++;
		else
			L->pairs[*slot].comments++;
	}
	return E_OK;
}

static bool exists(const char *dir, const char *rel)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *fp = fopen(path, "r");
	if (fp)
		fclose(fp);
	return fp != NULL;
}

#define KNOWS_H    "Person.id|Person.id|creationDate"
#define STUDY_H    "Person.id|Organisation.id|classYear"
#define WORK_H     "Person.id|Organisation.id|workFrom"
#define INTEREST_H "Person.id|Tag.id"

static enum err read_merged(struct loader *L, struct fail *f)
{
	static const struct {
		const char *rel, *header;
		row_fn row;
	} files[] = {
	    {"static/place_0_0.csv", "id|name|url|type|isPartOf", place_row},
	    {"static/organisation_0_0.csv", "id|type|name|url|place", org_row},
	    {"static/tag_0_0.csv", "id|name|url|hasType", tag_row},
	    {"dynamic/person_0_0.csv",
	     "id|firstName|lastName|gender|birthday|creationDate|locationIP|browserUsed|place",
	     person_row},
	    {"dynamic/person_email_emailaddress_0_0.csv", "Person.id|email", email_row},
	    {"dynamic/person_speaks_language_0_0.csv", "Person.id|language", lang_row},
	    {"dynamic/person_knows_person_0_0.csv", KNOWS_H, knows_row},
	    {"dynamic/person_studyAt_organisation_0_0.csv", STUDY_H, study_row},
	    {"dynamic/person_workAt_organisation_0_0.csv", WORK_H, work_row},
	    {"dynamic/person_hasInterest_tag_0_0.csv", INTEREST_H, interest_row},
	    {"dynamic/post_0_0.csv",
	     "id|imageFile|creationDate|locationIP|browserUsed|language|content|length|creator|"
	     "Forum.id|place",
	     post_row},
	    {"dynamic/comment_0_0.csv",
	     "id|creationDate|locationIP|browserUsed|content|length|creator|place|replyOfPost|"
	     "replyOfComment",
	     comment_row},
	};
	enum err e = E_OK;
	for (size_t i = 0; !e && i < sizeof files / sizeof files[0]; i++)
		e = read_file(L, files[i].rel, files[i].header, files[i].row, f);
	return e;
}

static enum err read_composite(struct loader *L, struct fail *f)
{
	static const struct {
		const char *rel, *header;
		row_fn row;
	} files[] = {
	    {"place_0_0.csv", "id|name|url|type", place_row},
	    {"organisation_0_0.csv", "id|type|name|url", org_row},
	    {"organisation_isLocatedIn_place_0_0.csv", "Organisation.id|Place.id", org_place_row},
	    {"tag_0_0.csv", "id|name|url", tag_row},
	    {"person_0_0.csv",
	     "id|firstName|lastName|gender|birthday|creationDate|locationIP|browserUsed|language|"
	     "email",
	     person_row},
	    {"person_isLocatedIn_place_0_0.csv", "Person.id|Place.id", person_place_row},
	    {"person_knows_person_0_0.csv", KNOWS_H, knows_row},
	    {"person_studyAt_organisation_0_0.csv", STUDY_H, study_row},
	    {"person_workAt_organisation_0_0.csv", WORK_H, work_row},
	    {"person_hasInterest_tag_0_0.csv", INTEREST_H, interest_row},
	    {"post_hasCreator_person_0_0.csv", "Post.id|Person.id", post_creator_row},
	    {"comment_hasCreator_person_0_0.csv", "Comment.id|Person.id", comment_creator_row},
	    {"comment_replyOf_post_0_0.csv", "Comment.id|Post.id", reply_post_row},
	    {"comment_replyOf_comment_0_0.csv", "Comment.id|Comment.id", reply_comment_row},
	};
	enum err e = E_OK;
	for (size_t i = 0; !e && i < sizeof files / sizeof files[0]; i++)
		e = read_file(L, files[i].rel, files[i].header, files[i].row, f);
	return e;
}

/* ---- storing ---------------------------------------------------------------- */

/* Items grouped by person, keeping their order: person p owns
 * idx[start[p] .. start[p + 1]). */
struct group {
	uint32_t *start, *idx;
};

static void group_items(struct group *g, size_t np, const struct item *v, size_t n)
{
	g->start = xcalloc(np + 2, sizeof *g->start);
	g->idx = xmalloc((n + 1) * sizeof *g->idx);
	for (size_t i = 0; i < n; i++)
		g->start[v[i].p + 2]++;
	for (size_t p = 2; p < np + 2; p++)
		g->start[p] += g->start[p - 1];
	for (size_t i = 0; i < n; i++)
		g->idx[g->start[v[i].p + 1]++] = (uint32_t)i;
}

static void group_release(struct group *g)
{
	free(g->start);
	free(g->idx);
}

static const char *place_name(const struct loader *L, int64_t id)
{
	uint32_t i = id < 0 ? IDMAP_NONE : idmap_get(&L->place_ix, id);
	return i == IDMAP_NONE ? "" : L->places[i];
}

static const struct org *org_of(const struct loader *L, int64_t id)
{
	return &L->orgs[idmap_get(&L->org_ix, id)];
}

/* Work places newest first (the newest is the current position). */
static int by_year_desc(const void *a, const void *b, void *arg)
{
	const struct item *v = arg;
	const struct item *x = &v[*(const uint32_t *)a], *y = &v[*(const uint32_t *)b];
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static bool lang_code_ok(const char *c)
{
	size_t n = strlen(c);
	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (c[i] < 'a' || c[i] > 'z')
			return false;
	return true;
}

struct groups {
	struct group emails, langs, study, work, interests;
};

/* Stores person i as a member with profile and LDBC rows; *member gets the
 * member id. */
static enum err store_person(struct store *s, const struct loader *L, const struct groups *G,
                             size_t i, int64_t *member, struct ldbc_counts *cnt, struct fail *f)
{
	const struct person *pe = &L->persons[i];
	char handle[HANDLE_MAX + 1], email[EMAIL_MAX + 1], fallback[64], name[512];
	snprintf(handle, sizeof handle, "ldbc-%lld", (long long)pe->id);
	snprintf(fallback, sizeof fallback, "%lld@ldbc.invalid", (long long)pe->id);
	snprintf(name, sizeof name, "%s%s%s", pe->first, pe->last[0] ? " " : "", pe->last);
	const uint32_t *ei = G->emails.idx + G->emails.start[i];
	size_t ne = G->emails.start[i + 1] - G->emails.start[i];
	struct fail tmp = {0};
	bool use_first = ne > 0 && email_normalise(L->emails[ei[0]].s, email, &tmp) == E_OK;
	struct signup in = {.email = use_first ? L->emails[ei[0]].s : fallback,
	                    .pw_hash = "!",
	                    .display_name = name,
	                    .handle = handle,
	                    .kind = "basic"};
	int64_t id = 0;
	memset(&tmp, 0, sizeof tmp);
	enum err e = account_create(s, &in, true, &id, &tmp);
	if (e == E_EMAIL_TAKEN && use_first) {
		in.email = fallback;
		memset(&tmp, 0, sizeof tmp);
		e = account_create(s, &in, true, &id, &tmp);
	}
	if (e) {
		if (e == E_HANDLE_TAKEN)
			return fail_set(f, E_CONFLICT, NULL,
			                "person %lld: a member with handle %s exists already",
			                (long long)pe->id, handle);
		return fail_set(f, e, NULL, "person %lld: %s", (long long)pe->id,
		                tmp.detail ? tmp.detail : err_message(e));
	}

	/* The profile: the newest work place is the current position. */
	struct profile p = {0};
	p.id = id;
	p.handle = handle;
	p.display_name = name;
	p.visibility = (char *)"public";
	p.location = (char *)place_name(L, pe->city);
	size_t nw = G->work.start[i + 1] - G->work.start[i];
	uint32_t *wi = xmalloc((nw + 1) * sizeof *wi);
	memcpy(wi, G->work.idx + G->work.start[i], nw * sizeof *wi);
	qsort_r(wi, nw, sizeof *wi, by_year_desc, L->work);
	char(*years)[8] = xcalloc(nw + 1, sizeof *years);
	struct position *past = xcalloc(nw + 1, sizeof *past);
	for (size_t k = 0; k < nw; k++) {
		const struct item *w = &L->work[wi[k]];
		snprintf(years[k], sizeof years[k], "%04lld", (long long)w->n);
		struct position pos = {(char *)"", org_of(L, w->id)->name, years[k], NULL};
		if (k == 0)
			p.position = pos;
		else
			past[p.past_positions.n++] = pos;
	}
	p.past_positions.items = past;
	size_t ns = G->study.start[i + 1] - G->study.start[i];
	struct education *ed = xcalloc(ns + 1, sizeof *ed);
	for (size_t k = 0; k < ns; k++) {
		const struct item *st = &L->study[G->study.idx[G->study.start[i] + k]];
		ed[k] =
		    (struct education){org_of(L, st->id)->name, (char *)"", (char *)"", 0, st->n};
	}
	p.education = (struct dlist){ed, ns};
	/* Interests as skills: tag names with spaces for underscores, within the
	 * profile's limits (count, length, no case-insensitive duplicates). */
	size_t nt = G->interests.start[i + 1] - G->interests.start[i];
	char **skills = xcalloc(nt + 1, sizeof *skills);
	size_t nsk = 0;
	for (size_t k = 0; k < nt; k++) {
		const struct item *it = &L->interests[G->interests.idx[G->interests.start[i] + k]];
		char *sk = xstrdup(L->tags[idmap_get(&L->tag_ix, it->id)]);
		for (char *c = sk; *c; c++)
			if (*c == '_')
				*c = ' ';
		bool dup = false;
		for (size_t j = 0; j < nsk && !dup; j++)
			dup = strcasecmp(skills[j], sk) == 0;
		if (dup || nsk >= PROFILE_SKILLS_MAX ||
		    utf8_chars(sk, strlen(sk)) > PROFILE_SKILL_MAX) {
			cnt->skills_dropped++;
			free(sk);
			continue;
		}
		skills[nsk++] = sk;
	}
	p.skills = (struct dlist){skills, nsk};
	size_t nl = G->langs.start[i + 1] - G->langs.start[i];
	char **langs = xcalloc(nl + 1, sizeof *langs);
	size_t nlg = 0;
	for (size_t k = 0; k < nl; k++) {
		char *lg = L->langs[G->langs.idx[G->langs.start[i] + k]].s;
		bool dup = false;
		for (size_t j = 0; j < nlg && !dup; j++)
			dup = strcmp(langs[j], lg) == 0;
		if (!dup && lang_code_ok(lg) && nlg < PROFILE_LANGUAGES_MAX)
			langs[nlg++] = lg;
	}
	p.languages = (struct dlist){langs, nlg};
	memset(&tmp, 0, sizeof tmp);
	e = profile_validate(&p, &tmp);
	if (e) {
		fail_set(f, e, NULL, "person %lld: %s", (long long)pe->id,
		         tmp.detail ? tmp.detail : err_message(e));
		goto out;
	}
	e = profile_store(s, &p);
	if (!e)
		e = store_exec(s,
		               "UPDATE members SET created_at = $2, updated_at = $2 WHERE id = $1",
		               SARGS(SA_I(id), SA_I(pe->created)));
	if (!e)
		e = store_exec(
		    s,
		    "INSERT INTO ldbc_persons(member_id, ldbc_id, first_name, last_name, "
		    "gender, birthday, creation_date, browser_used, location_ip, city_id, "
		    "city_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
		    SARGS(SA_I(id), SA_I(pe->id), SA_T(pe->first), SA_T(pe->last), SA_T(pe->gender),
		          SA_I(pe->birthday), SA_I(pe->created), SA_T(pe->browser), SA_T(pe->ip),
		          SA_I(pe->city), SA_T(place_name(L, pe->city))));
	for (size_t k = 0; !e && k < ne; k++)
		e = store_exec(s,
		               "INSERT INTO ldbc_emails(member_id, ord, email) VALUES ($1, $2, $3)",
		               SARGS(SA_I(id), SA_I(k), SA_T(L->emails[ei[k]].s)));
	for (size_t k = 0; !e && k < nl; k++)
		e = store_exec(
		    s, "INSERT INTO ldbc_languages(member_id, ord, language) VALUES ($1, $2, $3)",
		    SARGS(SA_I(id), SA_I(k),
		          SA_T(L->langs[G->langs.idx[G->langs.start[i] + k]].s)));
	for (size_t k = 0; !e && k < ns; k++) {
		const struct item *st = &L->study[G->study.idx[G->study.start[i] + k]];
		const struct org *o = org_of(L, st->id);
		e = store_exec(
		    s,
		    "INSERT INTO ldbc_study(member_id, ord, org_id, org_name, class_year, "
		    "place_name) VALUES ($1, $2, $3, $4, $5, $6)",
		    SARGS(SA_I(id), SA_I(k), SA_I(st->id), SA_T(o->name), SA_I(st->n),
		          SA_T(place_name(L, o->place))));
	}
	for (size_t k = 0; !e && k < nw; k++) {
		const struct item *w = &L->work[G->work.idx[G->work.start[i] + k]];
		const struct org *o = org_of(L, w->id);
		e = store_exec(s,
		               "INSERT INTO ldbc_work(member_id, ord, org_id, org_name, work_from, "
		               "place_name) VALUES ($1, $2, $3, $4, $5, $6)",
		               SARGS(SA_I(id), SA_I(k), SA_I(w->id), SA_T(o->name), SA_I(w->n),
		                     SA_T(place_name(L, o->place))));
	}
	if (e && !f->err)
		fail_set(f, e, NULL, "person %lld: %s", (long long)pe->id, store_errmsg(s));
	if (!e)
		*member = id;
out:
	for (size_t k = 0; k < nsk; k++)
		free(skills[k]);
	free(skills);
	free(langs);
	free(ed);
	free(past);
	free(years);
	free(wi);
	return e;
}

static enum err store_all(struct store *s, struct loader *L, struct ldbc_counts *cnt,
                          struct fail *f)
{
	struct groups G;
	group_items(&G.emails, L->n_persons, L->emails, L->n_emails);
	group_items(&G.langs, L->n_persons, L->langs, L->n_langs);
	group_items(&G.study, L->n_persons, L->study, L->n_study);
	group_items(&G.work, L->n_persons, L->work, L->n_work);
	group_items(&G.interests, L->n_persons, L->interests, L->n_interests);
	int64_t *member = xcalloc(L->n_persons + 1, sizeof *member);
	struct buf payload;
	buf_init(&payload, 4096);
	enum err e = store_begin(s);
	if (e) {
		fail_set(f, e, NULL, "cannot begin a transaction: %s", store_errmsg(s));
		goto done;
	}
	int64_t loaded = 0;
	e = store_int(s, &loaded, "SELECT count(*) FROM ldbc_persons", 0, NULL);
	if (!e && loaded > 0) {
		e = fail_set(f, E_CONFLICT, NULL,
		             "this database holds LDBC data already (%lld persons)",
		             (long long)loaded);
		goto rollback;
	}
	for (size_t i = 0; !e && i < L->n_persons; i++) {
		e = store_person(s, L, &G, i, &member[i], cnt, f);
		if (i % 100 == 99 || i + 1 == L->n_persons)
			progress(L, "storing", "persons", i + 1);
	}
	for (size_t i = 0; !e && i < L->n_knows; i++) {
		int64_t a = member[L->knows[i].a], b = member[L->knows[i].b];
		e = store_exec(
		    s,
		    "INSERT INTO connections(a, b, created_at) VALUES ($1, $2, $3) "
		    "ON CONFLICT DO NOTHING",
		    SARGS(SA_I(a < b ? a : b), SA_I(a < b ? b : a), SA_I(L->knows[i].at)));
		if (!e)
			cnt->knows += (size_t)store_changes(s);
		if (i % 5000 == 4999 || i + 1 == L->n_knows)
			progress(L, "storing", "connections", i + 1);
	}
	for (size_t i = 0; !e && i < L->n_pairs; i++) {
		const struct pair *p = &L->pairs[i];
		e = store_exec(s,
		               "INSERT INTO ldbc_interactions(a, b, post_replies, comment_replies) "
		               "VALUES ($1, $2, $3, $4)",
		               SARGS(SA_I(member[p->x]), SA_I(member[p->y]), SA_I(p->posts),
		                     SA_I(p->comments)));
		if (i % 5000 == 4999 || i + 1 == L->n_pairs)
			progress(L, "storing", "interactions", i + 1);
	}
	if (e) {
		if (!f->err)
			fail_set(f, e, NULL, "%s", store_errmsg(s));
		goto rollback;
	}
	cnt->persons = L->n_persons;
	cnt->emails = L->n_emails;
	cnt->languages = L->n_langs;
	cnt->study = L->n_study;
	cnt->work = L->n_work;
	cnt->interests = L->n_interests;
	cnt->posts = L->posts;
	cnt->comments = L->comments;
	cnt->replies = L->replies_between;
	cnt->interactions = L->n_pairs;
	struct jw w;
	jw_init(&w, &payload);
	jw_obj(&w);
	jw_kstr(&w, "dir", L->dir);
	jw_kint(&w, "persons", (int64_t)cnt->persons);
	jw_kint(&w, "knows", (int64_t)cnt->knows);
	jw_kint(&w, "interactions", (int64_t)cnt->interactions);
	jw_end(&w);
	e = store_event(s, "ldbc.loaded", 0, 0, 0, payload.over ? NULL : payload.p, NULL);
	if (e) {
		fail_set(f, e, NULL, "%s", store_errmsg(s));
		goto rollback;
	}
	e = store_commit(s);
	if (e)
		fail_set(f, e, NULL, "cannot commit: %s", store_errmsg(s));
	goto done;
rollback:
	store_rollback(s);
done:
	buf_release(&payload);
	free(member);
	group_release(&G.emails);
	group_release(&G.langs);
	group_release(&G.study);
	group_release(&G.work);
	group_release(&G.interests);
	return e;
}

enum err ldbc_load(struct store *s, const char *dir, bool show_progress, struct ldbc_counts *out,
                   struct fail *f)
{
	struct loader L = {.dir = dir, .progress = show_progress};
	memset(out, 0, sizeof *out);
	enum err e;
	if (exists(dir, "dynamic/person_0_0.csv")) {
		e = read_merged(&L, f);
	} else if (exists(dir, "person_0_0.csv")) {
		e = read_composite(&L, f);
	} else {
		e = fail_set(f, E_NOT_FOUND, NULL,
		             "%s: no LDBC data here (neither dynamic/person_0_0.csv nor "
		             "person_0_0.csv)",
		             dir);
	}
	if (!e)
		e = resolve_replies(&L, f);
	if (!e)
		e = store_all(s, &L, out, f);
	if (L.progress)
		fputs("\r\033[K", stderr);
	loader_release(&L);
	return e;
}
