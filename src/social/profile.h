/* profile — a member's profile: the record, its validation, its persistence
 * and its strength (how complete it is, with what is missing).
 *
 * `struct profile` is both what the store holds and what a PATCH decodes into:
 * one shape, so a new field is added in one place.  The current position is a
 * separate member (`position`, title NULL when none); past positions,
 * education, skills and languages are owned lists (struct dlist). */
#ifndef TIES_SOCIAL_PROFILE_H
#define TIES_SOCIAL_PROFILE_H
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/jw.h"
#include "base/mem.h"
#include "store/store.h"

struct position {
	char *title, *company, *from, *to; /* from/to "YYYY-MM" or "YYYY"; to NULL = current */
};

struct education {
	char *school, *degree, *field;
	int64_t from, to; /* years, 0 = not given */
};

struct profile {
	int64_t id;
	char *handle, *display_name, *email, *kind, *visibility;
	char *headline, *summary, *location, *industry;
	struct position position;    /* current; title NULL = none */
	struct dlist past_positions; /* struct position */
	struct dlist education;      /* struct education */
	struct dlist skills;         /* char * */
	struct dlist languages;      /* char * (ISO 639 codes) */
	int64_t created_at, updated_at;
};

/* Bounds, shared by the decoder tables and the CLI. */
#define PROFILE_NAME_MAX      100
#define PROFILE_HEADLINE_MAX  220
#define PROFILE_SUMMARY_MAX   2600
#define PROFILE_SHORT_MAX     100
#define PROFILE_POSITIONS_MAX 30
#define PROFILE_EDUCATION_MAX 20
#define PROFILE_SKILLS_MAX    50
#define PROFILE_SKILL_MAX     80
#define PROFILE_LANGUAGES_MAX 20
#define HANDLE_MIN            3
#define HANDLE_MAX            40

extern const char *const profile_visibilities[]; /* public members network private */
extern const char *const member_kinds[];         /* basic premium recruiter admin */

void profile_release(struct profile *p);

/* Loads member id's whole profile.  E_NOT_FOUND if no such member. */
enum err profile_load(struct store *s, int64_t id, struct profile *out);
/* Calls fn with every member's whole profile in member order (one pass
 * over each table, for building indexes); fn returns non-zero to stop. The
 * profile is released after fn returns. */
enum err profile_scan(struct store *s, int (*fn)(struct profile *p, void *arg), void *arg);
/* Resolves a handle to a member id.  E_NOT_FOUND if none. */
enum err profile_id_by_handle(struct store *s, const char *handle, int64_t *id);

/* Checks the values the decoder cannot (handle syntax, dates, language codes,
 * duplicate skills).  Fills f with the field at fault. */
enum err profile_validate(const struct profile *p, struct fail *f);
bool handle_valid(const char *h);

/* Writes p's editable fields over member p->id's: the scalar columns always,
 * and each list.  Call inside a transaction; appends no event (the caller
 * does, once per change). */
enum err profile_store(struct store *s, const struct profile *p);

/* Derives a free handle from a display name ("Åsa Öberg" -> "asa-oberg",
 * then "asa-oberg-2", ...).  out holds HANDLE_MAX + 1 bytes. */
enum err handle_derive(struct store *s, const char *display_name, char *out);

/* Profile strength, 0..100, and what is missing: writes
 * {"strength": n, "missing": [{"field", "points", "hint"}], "warnings": [...]}. */
int profile_strength(const struct profile *p);
void profile_strength_json(const struct profile *p, struct jw *w);

/* Writes the profile as JSON.  full = every field; otherwise only the card
 * (handle, display_name, headline) that any viewer may see. */
void profile_json(const struct profile *p, bool full, bool with_private, struct jw *w);

#endif
