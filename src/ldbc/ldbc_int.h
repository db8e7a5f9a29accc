/* ldbc_int — what the files of src/ldbc/ share and nobody else uses: the
 * `|`-separated file reader with line numbers for error messages, a hash map
 * from 64-bit ids to 32-bit numbers, and the side structure's fields. */
#ifndef TIES_LDBC_LDBC_INT_H
#define TIES_LDBC_LDBC_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"

/* ---- csv: one `|`-separated file with a header line ----------------------- */

#define CSV_MAX_FIELDS 16
#define CSV_LINE_MAX   (1u << 20) /* bytes of one line, newline excluded */

struct csv {
	FILE *fp;
	char path[512];
	char *line;
	size_t cap;
	long lineno;
	size_t ncols;
	char *f[CSV_MAX_FIELDS]; /* the current row's fields, NUL-terminated */
	char header[512];
};

/* Opens dir/rel and checks that its header line is exactly `header`.
 * E_NOT_FOUND (no such file) or E_BAD_FIELD, with f naming the file. */
enum err csv_open(struct csv *c, const char *dir, const char *rel, const char *header,
                  struct fail *f);
/* Reads the next row into c->f.  1 row, 0 end, -1 with f ("path:line: ...")
 * on a wrong column count, an over-long line or invalid UTF-8. */
int csv_next(struct csv *c, struct fail *f);
void csv_close(struct csv *c);
/* Fails with "path:line: column N (name): what" and returns E_BAD_FIELD. */
enum err csv_bad(struct csv *c, size_t col, const char *what, struct fail *f);
/* Column col as a whole decimal integer / LDBC date. */
enum err csv_i64(struct csv *c, size_t col, int64_t *out, struct fail *f);
enum err csv_date(struct csv *c, size_t col, int64_t *out, struct fail *f);

/* Parses a whole decimal integer (optional '-'); false otherwise. */
bool parse_i64(const char *s, int64_t *out);

/* ---- idmap: int64 -> uint32, open addressing ------------------------------ */

#define IDMAP_NONE UINT32_MAX

struct idmap {
	int64_t *k;
	uint32_t *v; /* IDMAP_NONE marks an empty slot */
	size_t cap, n;
};

void idmap_init(struct idmap *m);
void idmap_release(struct idmap *m);
/* Maps k to v (v != IDMAP_NONE).  False (nothing changes) if k is present. */
bool idmap_put(struct idmap *m, int64_t k, uint32_t v);
/* v for k, or IDMAP_NONE. */
uint32_t idmap_get(const struct idmap *m, int64_t k);
/* The value slot of k, inserting k with value `init` if absent. */
uint32_t *idmap_slot(struct idmap *m, int64_t k, uint32_t init);

/* The key of an unordered pair of member numbers. */
static inline int64_t pair_key(uint32_t a, uint32_t b)
{
	return a < b ? (int64_t)((uint64_t)a << 32 | b) : (int64_t)((uint64_t)b << 32 | a);
}

/* ---- the side structure (index.c builds it, query.c reads it) ----------- */

struct ldbc_org {
	char *name;
	int64_t year;
	char *place;
};

struct ldbc_person {
	int64_t id; /* LDBC id */
	uint32_t member;
	char *first, *last, *gender, *browser, *ip, *city;
	int64_t birthday, created;             /* epoch ms */
	uint32_t email0, nemail, lang0, nlang; /* slices of strs */
	uint32_t study0, nstudy, work0, nwork; /* slices of orgs */
};

struct ldbc {
	struct ldbc_person *p; /* by member number */
	uint32_t n;
	uint32_t *by_member; /* member number -> person, IDMAP_NONE if none */
	uint32_t n_members;
	struct idmap ids;     /* LDBC id -> person */
	struct idmap weights; /* pair_key(member, member) -> weight in half units */
	char **strs;          /* emails and languages */
	size_t n_strs, cap_strs;
	struct ldbc_org *orgs; /* universities and companies */
	size_t n_orgs, cap_orgs;
	uint32_t *by_name;    /* persons sorted by first name */
	uint32_t *name_start; /* name k's persons: by_name[name_start[k] .. name_start[k + 1]) */
	uint32_t *name_slot;  /* hash of first names -> k */
	size_t name_cap;
};

/* The persons named `first`: by_name[*from .. *to).  False if none. */
bool ldbc_named(const struct ldbc *x, const char *first, uint32_t *from, uint32_t *to);

#endif
