/* store_sqlite — the SQLite backend of store.h.
 *
 * Durability: WAL journal with synchronous=FULL.  WAL alone already survives
 * kill -9 at any synchronous level; FULL also fsyncs the WAL on every commit,
 * so an acknowledged write survives power loss too.  Writes in a professional
 * network are rare next to reads (a profile edit, an invitation), so one fsync
 * per commit is cheap; bulk loads batch many rows into one transaction.
 *
 * Placeholders: SQLite reads `$1` as a parameter *named* "$1"; we bind each
 * parameter by parsing the number out of its name, so the same SQL text runs
 * on PostgreSQL unchanged.  Prepared statements are cached per connection,
 * keyed by the SQL string's address (domain SQL is always a literal). */
#include "store/store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "store/schema.h"

#define CACHE_SLOTS 512

struct cached {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	struct cached cache[CACHE_SLOTS];
	int version;
	bool in_tx;
};

static enum err sqlite_err(struct store *s, int rc)
{
	int ext = sqlite3_extended_errcode(s->db);
	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return E_CONFLICT;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return E_UNAVAILABLE;
	log_error("store: %s", sqlite3_errmsg(s->db));
	return E_STORE;
}

const char *store_errmsg(struct store *s)
{
	return sqlite3_errmsg(s->db);
}

static sqlite3_stmt *prepare(struct store *s, const char *sql)
{
	uintptr_t h = ((uintptr_t)sql >> 3) * 2654435761u;
	size_t slot = h % CACHE_SLOTS;
	for (size_t probe = 0; probe < 8; probe++) {
		struct cached *c = &s->cache[(slot + probe) % CACHE_SLOTS];
		if (c->sql == sql)
			return c->stmt;
		if (!c->sql) {
			sqlite3_stmt *st = NULL;
			if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
			                       NULL) != SQLITE_OK)
				return NULL;
			c->sql = sql;
			c->stmt = st;
			return st;
		}
	}
	/* Cache neighbourhood full: evict the home slot. */
	struct cached *c = &s->cache[slot];
	sqlite3_finalize(c->stmt);
	c->sql = NULL;
	c->stmt = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		return NULL;
	c->sql = sql;
	c->stmt = st;
	return st;
}

static enum err bind(struct store *s, sqlite3_stmt *st, size_t nargs, const struct sarg *args)
{
	int np = sqlite3_bind_parameter_count(st);
	for (int i = 1; i <= np; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		char *end;
		long k = name && name[0] == '$' ? strtol(name + 1, &end, 10) : 0;
		if (k < 1 || (size_t)k > nargs || *end) {
			log_error("store: parameter %s has no argument", name ? name : "?");
			return E_INTERNAL;
		}
		const struct sarg *a = &args[k - 1];
		int rc = SQLITE_OK;
		switch (a->type) {
		case SA_NULL:
			rc = sqlite3_bind_null(st, i);
			break;
		case SA_INT:
			rc = sqlite3_bind_int64(st, i, a->i);
			break;
		case SA_REAL:
			rc = sqlite3_bind_double(st, i, a->d);
			break;
		case SA_TEXT:
			rc = sqlite3_bind_text(st, i, a->s, a->n == (size_t)-1 ? -1 : (int)a->n,
			                       SQLITE_STATIC);
			break;
		}
		if (rc != SQLITE_OK)
			return sqlite_err(s, rc);
	}
	return E_OK;
}

static enum err start(struct store *s, sqlite3_stmt **out, const char *sql, size_t nargs,
                      const struct sarg *args)
{
	sqlite3_stmt *st = prepare(s, sql);
	if (!st) {
		log_error("store: prepare failed: %s: %s", sqlite3_errmsg(s->db), sql);
		return E_STORE;
	}
	enum err e = bind(s, st, nargs, args);
	if (e) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return e;
	}
	*out = st;
	return E_OK;
}

static void finish(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

enum err store_exec(struct store *s, const char *sql, size_t nargs, const struct sarg *args)
{
	sqlite3_stmt *st;
	enum err e = start(s, &st, sql, nargs, args);
	if (e)
		return e;
	int rc;
	do
		rc = sqlite3_step(st);
	while (rc == SQLITE_ROW);
	e = rc == SQLITE_DONE ? E_OK : sqlite_err(s, rc);
	finish(st);
	return e;
}

enum err store_int(struct store *s, int64_t *out, const char *sql, size_t nargs,
                   const struct sarg *args)
{
	sqlite3_stmt *st;
	enum err e = start(s, &st, sql, nargs, args);
	if (e)
		return e;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		/* Drain so that INSERT ... RETURNING completes. */
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		e = rc == SQLITE_DONE ? E_OK : sqlite_err(s, rc);
	} else {
		e = rc == SQLITE_DONE ? E_NOT_FOUND : sqlite_err(s, rc);
	}
	finish(st);
	return e;
}

int64_t store_changes(struct store *s)
{
	return sqlite3_changes64(s->db);
}

enum err store_query(struct store *s, struct scur *c, const char *sql, size_t nargs,
                     const struct sarg *args)
{
	sqlite3_stmt *st = NULL;
	c->s = s;
	c->stmt = NULL;
	c->err = start(s, &st, sql, nargs, args);
	c->stmt = st;
	return c->err;
}

bool scur_next(struct scur *c)
{
	if (c->err || !c->stmt)
		return false;
	int rc = sqlite3_step(c->stmt);
	if (rc == SQLITE_ROW)
		return true;
	if (rc != SQLITE_DONE)
		c->err = sqlite_err(c->s, rc);
	return false;
}

int64_t scur_int(struct scur *c, int col)
{
	return sqlite3_column_int64(c->stmt, col);
}
double scur_real(struct scur *c, int col)
{
	return sqlite3_column_double(c->stmt, col);
}
bool scur_null(struct scur *c, int col)
{
	return sqlite3_column_type(c->stmt, col) == SQLITE_NULL;
}

const char *scur_text(struct scur *c, int col)
{
	const unsigned char *t = sqlite3_column_text(c->stmt, col);
	return t ? (const char *)t : "";
}

size_t scur_len(struct scur *c, int col)
{
	return (size_t)sqlite3_column_bytes(c->stmt, col);
}

enum err scur_close(struct scur *c)
{
	if (c->stmt)
		finish(c->stmt);
	c->stmt = NULL;
	return c->err;
}

enum err store_begin(struct store *s)
{
	enum err e = store_exec(s, "BEGIN IMMEDIATE", 0, NULL);
	if (!e)
		s->in_tx = true;
	return e;
}

enum err store_commit(struct store *s)
{
	enum err e = store_exec(s, "COMMIT", 0, NULL);
	if (e)
		store_rollback(s);
	s->in_tx = false;
	return e;
}

void store_rollback(struct store *s)
{
	if (sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = false;
}

enum err store_event(struct store *s, const char *kind, int64_t actor, int64_t subject,
                     int64_t object, const char *payload_json, int64_t *seq)
{
	int64_t id = 0;
	enum err e = store_int(
	    s, &id,
	    "INSERT INTO events(kind, actor, subject, object, at, payload) "
	    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq",
	    SARGS(SA_T(kind), actor ? SA_I(actor) : SA_NIL, subject ? SA_I(subject) : SA_NIL,
	          object ? SA_I(object) : SA_NIL, SA_I(clock_now_ms()), SA_T(payload_json)));
	if (!e && seq)
		*seq = id;
	return e;
}

int store_schema_version(struct store *s)
{
	return s->version;
}

static enum err migrate(struct store *s, struct fail *f)
{
	char *msg = NULL;
	if (sqlite3_exec(
	        s->db,
	        "CREATE TABLE IF NOT EXISTS schema_migrations ("
	        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
	        NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	int64_t have = 0;
	enum err e =
	    store_int(s, &have, "SELECT coalesce(max(version), 0) FROM schema_migrations", 0, NULL);
	if (e)
		return fail_set(f, e, NULL, "reading schema version: %s", sqlite3_errmsg(s->db));
	for (int i = 0; i < schema_sqlite_count; i++) {
		const struct migration *m = &schema_sqlite[i];
		if (m->version <= have)
			continue;
		if (store_begin(s))
			return fail_set(f, E_STORE, NULL, "migration %d: cannot begin", m->version);
		if (sqlite3_exec(s->db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
			store_rollback(s);
			goto fail;
		}
		e = store_exec(s,
		               "INSERT INTO schema_migrations(version, name, applied_at) "
		               "VALUES ($1, $2, $3)",
		               SARGS(SA_I(m->version), SA_T(m->name), SA_I(clock_now_ms())));
		if (e || store_commit(s)) {
			store_rollback(s);
			return fail_set(f, E_STORE, NULL, "migration %d failed", m->version);
		}
		log_debug("store: applied migration %d (%s)", m->version, m->name);
		have = m->version;
	}
	s->version = (int)have;
	return E_OK;
fail:
	fail_set(f, E_STORE, NULL, "migration failed: %s", msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return E_STORE;
}

enum err store_open(struct store **out, const char *path, struct fail *f)
{
	struct store *s = xcalloc(1, sizeof *s);
	enum err e = E_STORE;
	char *msg = NULL;
	int rc = sqlite3_open_v2(
	    path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		fail_set(f, E_STORE, "db", "cannot open %s: %s", path,
		         s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(s->db, 10000);
	if (sqlite3_exec(s->db,
	                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
	                 "PRAGMA temp_store=MEMORY;",
	                 NULL, NULL, &msg) != SQLITE_OK) {
		fail_set(f, E_STORE, "db", "cannot configure %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		goto out;
	}
	e = migrate(s, f);
out:
	if (e) {
		store_close(s);
		s = NULL;
	}
	*out = s;
	return e;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (s->cache[i].stmt)
			sqlite3_finalize(s->cache[i].stmt);
	sqlite3_close(s->db);
	free(s);
}

struct store_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct store **free;
	int n_free, n;
};

enum err store_pool_new(struct store_pool **out, const char *path, int n, struct fail *f)
{
	struct store_pool *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->free = xcalloc((size_t)n, sizeof *p->free);
	for (int i = 0; i < n; i++) {
		enum err e = store_open(&p->free[i], path, f);
		if (e) {
			store_pool_free(p);
			*out = NULL;
			return e;
		}
		p->n_free = p->n = i + 1;
	}
	*out = p;
	return E_OK;
}

void store_pool_free(struct store_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n_free; i++)
		store_close(p->free[i]);
	free(p->free);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

struct store *store_pool_get(struct store_pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->n_free == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	struct store *s = p->free[--p->n_free];
	pthread_mutex_unlock(&p->mu);
	return s;
}

void store_pool_put(struct store_pool *p, struct store *s)
{
	if (s->in_tx)
		store_rollback(s);
	pthread_mutex_lock(&p->mu);
	p->free[p->n_free++] = s;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}
