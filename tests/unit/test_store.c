/* Unit tests for src/store: migrations, placeholders, cursors, conflicts,
 * transactions, events, the pool, and what bulk loads do to the indexes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "social/bulk.h"
#include "store/schema.h"
#include "store/store.h"

static char path[256];

static int setup(void **state)
{
	snprintf(path, sizeof path, "/tmp/ties-test-store-%d.db", (int)getpid());
	unlink(path);
	struct store *s;
	struct fail f = {0};
	if (store_open(&s, path, &f))
		return -1;
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	char p[300];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	return 0;
}

static int64_t add_member(struct store *s, const char *email, const char *handle)
{
	int64_t id = 0;
	enum err e =
	    store_int(s, &id,
	              "INSERT INTO members(email, handle, display_name, pw_hash, created_at, "
	              "updated_at) VALUES ($1, $2, $2, 'x', 1, 1) RETURNING id",
	              SARGS(SA_T(email), SA_T(handle)));
	return e ? -(int64_t)e : id;
}

static void migrations_applied_once(void **state)
{
	struct store *s = *state;
	assert_int_equal(store_schema_version(s), schema_sqlite[schema_sqlite_count - 1].version);
	/* reopening applies nothing again and keeps the data */
	assert_true(add_member(s, "a@x.se", "anna") > 0);
	struct store *t;
	struct fail f = {0};
	assert_int_equal(store_open(&t, path, &f), E_OK);
	int64_t n = 0;
	assert_int_equal(store_int(t, &n, "SELECT count(*) FROM schema_migrations", 0, NULL), E_OK);
	assert_int_equal(n, schema_sqlite_count);
	assert_int_equal(store_int(t, &n, "SELECT count(*) FROM members", 0, NULL), E_OK);
	assert_int_equal(n, 1);
	store_close(t);
}

static void placeholders_bind_by_number(void **state)
{
	struct store *s = *state;
	int64_t v = 0;
	/* $2 before $1, and $1 twice */
	assert_int_equal(store_int(s, &v, "SELECT $2 * 10 + $1 + $1", SARGS(SA_I(3), SA_I(4))),
	                 E_OK);
	assert_int_equal(v, 46);
	struct scur c;
	store_query(s, &c, "SELECT $1, $2, $3", SARGS(SA_T("Tromsø"), SA_NIL, SA_R(2.5)));
	assert_true(scur_next(&c));
	assert_string_equal(scur_text(&c, 0), "Tromsø");
	assert_int_equal(scur_len(&c, 0), strlen("Tromsø"));
	assert_true(scur_null(&c, 1));
	assert_string_equal(scur_text(&c, 1), "");
	assert_true(scur_real(&c, 2) == 2.5);
	assert_false(scur_next(&c));
	assert_int_equal(scur_close(&c), E_OK);
	/* too few arguments is an error, not a silent NULL */
	assert_int_equal(store_int(s, &v, "SELECT $1 + $2", SARGS(SA_I(1))), E_INTERNAL);
}

static void unique_violation_is_conflict(void **state)
{
	struct store *s = *state;
	assert_true(add_member(s, "b@x.se", "bert") > 0);
	assert_int_equal(add_member(s, "b@x.se", "other"), -(int64_t)E_CONFLICT);
	assert_non_null(strstr(store_errmsg(s), "members.email"));
	assert_int_equal(add_member(s, "c@x.se", "bert"), -(int64_t)E_CONFLICT);
	assert_non_null(strstr(store_errmsg(s), "members.handle"));
	int64_t v;
	assert_int_equal(
	    store_int(s, &v, "SELECT id FROM members WHERE handle = 'nobody'", 0, NULL),
	    E_NOT_FOUND);
}

static void rollback_changes_nothing_and_events_follow_commits(void **state)
{
	struct store *s = *state;
	int64_t before = 0, after = 0, seq = 0;
	store_int(s, &before, "SELECT count(*) FROM events", 0, NULL);
	assert_int_equal(store_begin(s), E_OK);
	int64_t id = add_member(s, "d@x.se", "dora");
	assert_true(id > 0);
	assert_int_equal(store_event(s, "member.joined", id, id, 0, NULL, &seq), E_OK);
	assert_true(seq > 0);
	store_rollback(s);
	store_int(s, &after, "SELECT count(*) FROM events", 0, NULL);
	assert_int_equal(after, before);
	int64_t n = -1;
	store_int(s, &n, "SELECT count(*) FROM members WHERE handle = 'dora'", 0, NULL);
	assert_int_equal(n, 0);
	assert_int_equal(store_begin(s), E_OK);
	id = add_member(s, "d@x.se", "dora");
	assert_int_equal(store_event(s, "member.joined", id, id, 0, "{\"a\":1}", &seq), E_OK);
	assert_int_equal(store_commit(s), E_OK);
	struct scur c;
	store_query(s, &c, "SELECT kind, actor, payload FROM events WHERE seq = $1",
	            SARGS(SA_I(seq)));
	assert_true(scur_next(&c));
	assert_string_equal(scur_text(&c, 0), "member.joined");
	assert_int_equal(scur_int(&c, 1), id);
	assert_string_equal(scur_text(&c, 2), "{\"a\":1}");
	scur_close(&c);
}

static void member_delete_cascades_and_ids_are_not_reused(void **state)
{
	struct store *s = *state;
	int64_t id = add_member(s, "e@x.se", "eva");
	assert_int_equal(
	    store_exec(s, "INSERT INTO skills(member_id, ord, name) VALUES ($1, 0, 'Lean')",
	               SARGS(SA_I(id))),
	    E_OK);
	assert_int_equal(store_exec(s, "DELETE FROM members WHERE id = $1", SARGS(SA_I(id))), E_OK);
	int64_t n = -1;
	store_int(s, &n, "SELECT count(*) FROM skills WHERE member_id = $1", SARGS(SA_I(id)));
	assert_int_equal(n, 0);
	int64_t id2 = add_member(s, "f@x.se", "frida");
	assert_true(id2 > id);
}

static void pool_hands_out_connections(void **state)
{
	(void)state;
	struct store_pool *p;
	struct fail f = {0};
	assert_int_equal(store_pool_new(&p, path, 2, &f), E_OK);
	struct store *a = store_pool_get(p), *b = store_pool_get(p);
	assert_ptr_not_equal(a, b);
	/* a transaction left open is rolled back when returned */
	assert_int_equal(store_begin(a), E_OK);
	add_member(a, "g@x.se", "gun");
	store_pool_put(p, a);
	int64_t n = -1;
	store_int(b, &n, "SELECT count(*) FROM members WHERE handle = 'gun'", 0, NULL);
	assert_int_equal(n, 0);
	store_pool_put(p, b);
	store_pool_free(p);
}

/* 1 when connections_b exists exactly as the migrations define it. */
static int64_t connections_b_as_defined(struct store *s)
{
	int64_t n = -1;
	assert_int_equal(store_int(s, &n,
	                           "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
	                           "name = 'connections_b' AND sql = $1",
	                           SARGS(SA_T(SCHEMA_CONNECTIONS_B))),
	                 E_OK);
	return n;
}

/* Loads members m0..m(k-1), connected in a chain; commits when ok. */
static void bulk_chain(struct store *s, const char *prefix, int k, bool ok, bool *index_later)
{
	struct bulk b;
	struct fail f = {0};
	assert_int_equal(bulk_begin(&b, s, "test", NULL, &f), E_OK);
	*index_later = b.index_later;
	int64_t prev = 0;
	for (int i = 0; i < k; i++) {
		char handle[32], email[48];
		snprintf(handle, sizeof handle, "%s%d", prefix, i);
		snprintf(email, sizeof email, "%s@x.se", handle);
		struct bulk_member m = {.handle = handle, .display_name = handle, .email = email};
		int64_t id;
		assert_int_equal(bulk_member(&b, &m, &id, &f), E_OK);
		if (i > 0)
			assert_int_equal(bulk_connect(&b, prev, id, 0, &f), E_OK);
		prev = id;
	}
	assert_int_equal(bulk_end(&b, ok, &f), E_OK);
}

static void bulk_load_builds_connections_b_at_the_end(void **state)
{
	struct store *s = *state;
	bool later;
	int64_t n = -1;
	/* A load into the empty table that rolls back leaves the index as it was. */
	bulk_chain(s, "gone", 4, false, &later);
	assert_true(later);
	assert_int_equal(connections_b_as_defined(s), 1);
	assert_int_equal(store_int(s, &n, "SELECT count(*) FROM members", 0, NULL), E_OK);
	assert_int_equal(n, 0);
	/* One that commits builds it at the end, over every row. */
	bulk_chain(s, "m", 5, true, &later);
	assert_true(later);
	assert_int_equal(connections_b_as_defined(s), 1);
	assert_int_equal(store_int(s, &n,
	                           "SELECT count(*) FROM connections INDEXED BY connections_b "
	                           "WHERE b > 0",
	                           0, NULL),
	                 E_OK);
	assert_int_equal(n, 4);
	/* Into a table with rows, the index stays and is kept row by row. */
	bulk_chain(s, "p", 3, true, &later);
	assert_false(later);
	assert_int_equal(connections_b_as_defined(s), 1);
	assert_int_equal(store_int(s, &n, "SELECT count(*) FROM connections", 0, NULL), E_OK);
	assert_int_equal(n, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(migrations_applied_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(placeholders_bind_by_number, setup, teardown),
	    cmocka_unit_test_setup_teardown(unique_violation_is_conflict, setup, teardown),
	    cmocka_unit_test_setup_teardown(rollback_changes_nothing_and_events_follow_commits,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(member_delete_cascades_and_ids_are_not_reused, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(pool_hands_out_connections, setup, teardown),
	    cmocka_unit_test_setup_teardown(bulk_load_builds_connections_b_at_the_end, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
