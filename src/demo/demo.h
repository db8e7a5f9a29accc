/* demo — deterministic demo data: the members of a fictional Nordic industrial
 * software company, Nordvik Systems, and of its customers and partners, with
 * their profiles and their network (connections, follows, pending
 * invitations).  Pure C: no SQL, no HTTP; the caller stores what it gets.
 *
 * The demo account (member 0, always the same whatever the seed or size):
 *
 *     display name  Astrid Lindqvist
 *     handle        astrid-lindqvist
 *     email         astrid@demo.ties            (DEMO_ASTRID_EMAIL)
 *     password      demo-password-2026          (DEMO_PASSWORD)
 *
 * Every other member's email is "<handle>@demo.ties" and every member's
 * password is DEMO_PASSWORD.
 *
 * Invariants of the generated data:
 *  - the same (n_members, seed) always gives the same data (own PRNG, no
 *    libc PRNG, no clock); a member's profile depends only on (seed, index), so
 *    the first k members are the same whatever n_members >= k;
 *  - handles match [a-z][a-z0-9-]{2,39}, with single hyphens and none at the
 *    end, and are unique ("first-last" folded to ASCII: "Åsa Öberg" is
 *    "asa-oberg", then "asa-oberg-2", ... for namesakes); emails are unique;
 *  - a member's skills are unique ignoring case, languages unique, and the
 *    first language is the member's own (`lang`); every member speaks "en";
 *  - every string is valid UTF-8; headlines are at most DEMO_HEADLINE_MAX
 *    bytes, summaries at most DEMO_SUMMARY_MAX;
 *  - connections are undirected pairs {a, b} with a < b, no duplicates;
 *    follows are ordered pairs {follower, followee} of members who are not
 *    connected, no duplicates; invitations join members who are neither
 *    connected nor invited either way; no pair has a member twice and every
 *    index is < n_members.
 *
 * Ownership: strings declared `char *` (and the arrays of a member and of
 * the data) are owned by the struct demo_data and freed by demo_release();
 * strings declared `const char *` point into static tables and live forever.
 */
#ifndef TIES_DEMO_DEMO_H
#define TIES_DEMO_DEMO_H
#include <stddef.h>
#include <stdint.h>

#define DEMO_PASSWORD        "demo-password-2026"
#define DEMO_EMAIL_DOMAIN    "demo.ties"
#define DEMO_ASTRID_HANDLE   "astrid-lindqvist"
#define DEMO_ASTRID_EMAIL    "astrid@demo.ties"
#define DEMO_ASTRID_NAME     "Astrid Lindqvist"
#define DEMO_DEFAULT_MEMBERS 400
#define DEMO_DEFAULT_SEED    2026
#define DEMO_HEADLINE_MAX    120
#define DEMO_SUMMARY_MAX     600

struct demo_position {
	const char *title, *company;
	char from[8]; /* "YYYY-MM" */
	char to[8];   /* "YYYY-MM", or "" for the current position */
};

struct demo_education {
	const char *school, *degree, *field;
	int from_year, to_year;
};

struct demo_member {
	char *display_name, *email, *handle;
	const char *first_name, *last_name;
	char *headline; /* never NULL */
	char *summary;  /* NULL = none */
	const char *location, *industry;
	const char *visibility;   /* "public" | "members" | "network" | "private" */
	const char *kind;         /* "basic" | "premium" | "recruiter" */
	const char *lang;         /* own language, ISO 639-1 ("sv", "no", "da", "fi", "en", ...) */
	const char *company;      /* the member's organisation (never NULL) */
	const char *company_kind; /* "vendor" | "customer" | "partner" | "university" */
	struct demo_position *positions; /* positions[0] is the current one; */
	size_t n_positions;              /* 0 = none at all (a bare profile) */
	struct demo_education *education;
	size_t n_education;
	const char **skills; /* owned array of static strings */
	size_t n_skills;
	const char **languages; /* owned array of static ISO 639-1 codes, own first */
	size_t n_languages;
};

struct demo_invitation {
	uint32_t from, to;
	char *note; /* NULL = no note; may be a stock text */
};

struct demo_data {
	struct demo_member *members;
	size_t n_members;
	uint32_t (*connections)[2]; /* {a, b}, a < b */
	size_t n_connections;
	uint32_t (*follows)[2]; /* {follower, followee} */
	size_t n_follows;
	struct demo_invitation *invitations;
	size_t n_invitations;
};

/* Fills *d (caller-owned storage, overwritten) with n_members members (0 means
 * DEMO_DEFAULT_MEMBERS) and their network, all derived from seed.  Member 0 is
 * the demo account above.  Cannot fail (allocation failure aborts); release
 * with demo_release().  Work is about linear in n_members. */
void demo_generate(struct demo_data *d, size_t n_members, uint64_t seed);

/* Frees everything demo_generate() allocated and zeroes *d.  Safe on a zeroed
 * struct and twice in a row. */
void demo_release(struct demo_data *d);

#endif
