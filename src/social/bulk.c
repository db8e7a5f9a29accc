/* bulk — one-transaction loads. */
#include "social/bulk.h"

#include <string.h>

#include "base/clock.h"
#include "store/schema.h"

enum err bulk_begin(struct bulk *b, struct store *s, const char *what, FILE *progress,
                    struct fail *f)
{
	memset(b, 0, sizeof *b);
	b->s = s;
	b->now = clock_now_ms();
	b->progress = progress;
	b->what = what;
	enum err e = store_begin(s);
	if (e)
		return fail_set(f, e, NULL, "cannot begin: %s", store_errmsg(s));
	/* Into an empty connections table, the (b, a) index is built once at
	 * the end, by sorting, rather than row by row: those inserts land at
	 * random places in the index, and at 75M rows they were most of the
	 * load (the (a, b) key is filled in order anyway). */
	int64_t empty = 0;
	e = store_int(s, &empty, "SELECT NOT EXISTS (SELECT 1 FROM connections)", 0, NULL);
	if (!e && empty) {
		e = store_exec(s, "DROP INDEX connections_b", 0, NULL);
		b->index_later = !e;
	}
	if (e) {
		store_rollback(s);
		return fail_set(f, e, NULL, "cannot begin: %s", store_errmsg(s));
	}
	return E_OK;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

enum err bulk_member(struct bulk *b, const struct bulk_member *m, int64_t *id, struct fail *f)
{
	enum err e = store_int(
	    b->s, id,
	    "INSERT INTO members(email, handle, display_name, pw_hash, headline, "
	    "location, industry, created_at, updated_at) "
	    "VALUES ($1, $2, $3, '!', $4, $5, $6, $7, $7) RETURNING id",
	    SARGS(SA_T(m->email), SA_T(m->handle), SA_T(m->display_name), SA_T(nz(m->headline)),
	          SA_T(nz(m->location)), SA_T(nz(m->industry)), SA_I(b->now)));
	if (e == E_CONFLICT)
		return fail_set(f, e, "handle", "member %s or %s exists already", m->handle,
		                m->email);
	if (!e && m->title)
		e = store_exec(b->s,
		               "INSERT INTO positions(member_id, ord, title, company, date_from, "
		               "date_to) VALUES ($1, 0, $2, $3, NULL, NULL)",
		               SARGS(SA_I(*id), SA_T(m->title), SA_T(nz(m->company))));
	if (e)
		return fail_set(f, e, NULL, "storing member %s: %s", m->handle, store_errmsg(b->s));
	b->members++;
	return E_OK;
}

enum err bulk_connect(struct bulk *b, int64_t x, int64_t y, int64_t at, struct fail *f)
{
	enum err e =
	    store_exec(b->s, "INSERT INTO connections(a, b, created_at) VALUES ($1, $2, $3)",
	               SARGS(SA_I(x < y ? x : y), SA_I(x < y ? y : x), SA_I(at ? at : b->now)));
	if (e)
		return fail_set(f, e, NULL, "storing connection %lld-%lld: %s", (long long)x,
		                (long long)y, store_errmsg(b->s));
	b->connections++;
	return E_OK;
}

enum err bulk_end(struct bulk *b, bool ok, struct fail *f)
{
	if (b->progress)
		fputs("\r\033[K", b->progress);
	if (!ok) {
		store_rollback(b->s);
		return E_OK;
	}
	char payload[160];
	snprintf(payload, sizeof payload, "{\"what\":\"%s\",\"members\":%llu,\"connections\":%llu}",
	         b->what, (unsigned long long)b->members, (unsigned long long)b->connections);
	enum err e = E_OK;
	if (b->index_later) {
		if (b->progress) {
			fprintf(b->progress, "indexing %llu connections",
			        (unsigned long long)b->connections);
			fflush(b->progress);
		}
		e = store_exec(b->s, SCHEMA_CONNECTIONS_B, 0, NULL);
		if (b->progress)
			fputs("\r\033[K", b->progress);
	}
	if (!e)
		e = store_event(b->s, "bulk.loaded", 0, 0, 0, payload, NULL);
	if (e) {
		store_rollback(b->s);
		return fail_set(f, e, NULL, "%s", store_errmsg(b->s));
	}
	if ((e = store_commit(b->s)))
		return fail_set(f, e, NULL, "commit: %s", store_errmsg(b->s));
	return E_OK;
}

void bulk_progress(struct bulk *b, const char *label, uint64_t n, uint64_t total)
{
	if (!b->progress)
		return;
	uint64_t now = clock_mono_ns();
	if (now - b->last_progress_ns < 100000000u && n != total)
		return;
	b->last_progress_ns = now;
	if (total)
		fprintf(b->progress, "\r\033[K%s: %llu / %llu (%.0f%%)", label,
		        (unsigned long long)n, (unsigned long long)total,
		        100.0 * (double)n / (double)total);
	else
		fprintf(b->progress, "\r\033[K%s: %llu", label, (unsigned long long)n);
	fflush(b->progress);
}
