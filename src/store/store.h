/* store — the only truth.  A narrow interface over one database connection:
 * transactions, statements with `$1..$N` placeholders (the dialect SQLite and
 * PostgreSQL both accept), row cursors, and the `events` log that every change
 * appends to in the same transaction.  Domain code writes SQL in that common
 * dialect and never learns which backend runs it; the DDL lives per backend in
 * schema_*.c.  One `struct store` is one connection: use it from one thread at
 * a time (store_pool hands connections to request threads). */
#ifndef TIES_STORE_STORE_H
#define TIES_STORE_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct store;

enum sarg_type { SA_NULL, SA_INT, SA_TEXT, SA_REAL };
struct sarg {
	enum sarg_type type;
	int64_t i;
	double d;
	const char *s; /* SA_TEXT: not copied; must outlive the statement's use */
	size_t n;
};
#define SA_I(v) ((struct sarg){.type = SA_INT, .i = (int64_t)(v)})
/* Text argument; NULL binds SQL NULL. */
static inline struct sarg sa_text(const char *s)
{
	return (struct sarg){.type = s ? SA_TEXT : SA_NULL, .s = s, .n = (size_t)-1};
}
#define SA_T(v)       sa_text(v)
#define SA_TN(v, len) ((struct sarg){.type = SA_TEXT, .s = (v), .n = (len)})
#define SA_R(v)       ((struct sarg){.type = SA_REAL, .d = (v)})
#define SA_NIL        ((struct sarg){.type = SA_NULL})
#define SARGS(...)                                                                                 \
	(sizeof((struct sarg[]){__VA_ARGS__}) / sizeof(struct sarg)), ((struct sarg[]){__VA_ARGS__})

/* Opens (creating if absent) the database at path and applies the pragmas and
 * migrations.  Returns E_OK and *out, or E_STORE with f->detail. */
enum err store_open(struct store **out, const char *path, struct fail *f);
void store_close(struct store *s);

/* BEGIN IMMEDIATE (writers take the lock up front, so a transaction never
 * fails half-way on lock upgrade), COMMIT, ROLLBACK. */
enum err store_begin(struct store *s);
enum err store_commit(struct store *s);
void store_rollback(struct store *s);

/* Runs a statement that returns no rows.  Unique-constraint violations return
 * E_CONFLICT; store_errmsg() then names the constraint. */
enum err store_exec(struct store *s, const char *sql, size_t nargs, const struct sarg *args);
/* Runs a statement returning one row whose first column is an integer (e.g.
 * INSERT ... RETURNING id, SELECT count(*)).  E_NOT_FOUND when no row. */
enum err store_int(struct store *s, int64_t *out, const char *sql, size_t nargs,
                   const struct sarg *args);
int64_t store_changes(struct store *s);
const char *store_errmsg(struct store *s);

/* A cursor over a query's rows.  Column accessors are valid until the next
 * scur_next().  Always scur_close(), also after an error. */
struct scur {
	struct store *s;
	void *stmt;
	enum err err;
};
enum err store_query(struct store *s, struct scur *c, const char *sql, size_t nargs,
                     const struct sarg *args);
bool scur_next(struct scur *c); /* false at the end or on error (c->err) */
int64_t scur_int(struct scur *c, int col);
double scur_real(struct scur *c, int col);
const char *scur_text(struct scur *c, int col); /* "" for NULL */
size_t scur_len(struct scur *c, int col);
bool scur_null(struct scur *c, int col);
enum err scur_close(struct scur *c);

/* Appends an event row; call inside the transaction of the change it records.
 * Returns the event's sequence number in *seq (may be NULL). */
enum err store_event(struct store *s, const char *kind, int64_t actor, int64_t subject,
                     int64_t object, const char *payload_json, int64_t *seq);

/* The schema version after migrations (for `ties check` and tests). */
int store_schema_version(struct store *s);

/* A fixed set of connections shared by request threads. */
struct store_pool;
enum err store_pool_new(struct store_pool **out, const char *path, int n, struct fail *f);
void store_pool_free(struct store_pool *p);
struct store *store_pool_get(struct store_pool *p); /* blocks until one is free */
void store_pool_put(struct store_pool *p, struct store *s);

#endif
