/* Unit tests for src/social/network.c through the real write path (store
 * transaction, then index): random sequences of invite/accept/decline/
 * withdraw/disconnect/follow/block prove that the incrementally updated
 * network index equals one rebuilt from the store; the time rules (withdrawal
 * cool-down, weekly limit) are checked with a fixed clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "social/account.h"
#include "social/network.h"
#include "social/ties.h"

#define N_MEMBERS 40

struct fixture {
	char path[128];
	struct ties t;
	struct store *s;
	int64_t ids[N_MEMBERS];
};

static int setup(void **state)
{
	setenv("TIES_PWHASH", "fast", 1);
	struct fixture *fx = calloc(1, sizeof *fx);
	snprintf(fx->path, sizeof fx->path, "/tmp/ties-test-network-%d.db", (int)getpid());
	unlink(fx->path);
	struct fail f = {0};
	struct ties_config cfg;
	ties_config_defaults(&cfg);
	cfg.invites_per_week = 1000000;
	if (ties_open(&fx->t, fx->path, 2, &cfg, &f))
		return -1;
	fx->s = store_pool_get(fx->t.pool);
	for (int i = 0; i < N_MEMBERS; i++) {
		char email[64], name[64];
		snprintf(email, sizeof email, "m%d@example.org", i);
		snprintf(name, sizeof name, "Member Number%c%c", 'a' + i / 26, 'a' + i % 26);
		struct signup in = {.email = email, .pw_hash = "x", .display_name = name};
		if (account_create(fx->s, &in, false, &fx->ids[i], &f))
			return -1;
		ties_member_joined(&fx->t, fx->s, fx->ids[i]);
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	store_pool_put(fx->t.pool, fx->s);
	ties_close(&fx->t);
	char p[160];
	unlink(fx->path);
	snprintf(p, sizeof p, "%s-wal", fx->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", fx->path);
	unlink(p);
	free(fx);
	clock_set_ms(0);
	return 0;
}

static void assert_index_matches_store(struct fixture *fx)
{
	struct graph rebuilt;
	graph_init(&rebuilt);
	struct fail f = {0};
	assert_int_equal(ties_load_graph(fx->s, &rebuilt, &f), E_OK);
	struct buf why;
	buf_init(&why, 0);
	if (!graph_equal(&fx->t.graph, &rebuilt, &why))
		fail_msg("live index differs from the store: %s", why.p ? why.p : "?");
	buf_release(&why);
	graph_release(&rebuilt);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t next(uint32_t n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static void random_operations_keep_index_equal_to_store(void **state)
{
	struct fixture *fx = *state;
	struct ties *t = &fx->t;
	int ok = 0;
	for (int step = 0; step < 1500; step++) {
		int64_t a = fx->ids[next(N_MEMBERS)], b = fx->ids[next(N_MEMBERS)];
		struct fail f = {0};
		struct invite_result r;
		int64_t retry = 0, other = 0, inv = 0;
		enum err e = E_OK;
		switch (next(8)) {
		case 0:
		case 1:
			e = net_invite(t, fx->s, a, b, "We met at the conference in Oslo.", false,
			               &r, &retry, &f);
			break;
		case 2:
			/* accept, decline or withdraw some open invitation of b's */
			if (store_int(
			        fx->s, &inv,
			        "SELECT id FROM invitations WHERE (recipient = $1 OR sender = $1) "
			        "AND status IN ('pending','ignored') ORDER BY id LIMIT 1",
			        SARGS(SA_I(b))) == E_OK) {
				int64_t sender = 0;
				store_int(fx->s, &sender,
				          "SELECT sender FROM invitations WHERE id = $1",
				          SARGS(SA_I(inv)));
				enum invitation_act act = sender == b ? INV_WITHDRAW
				                          : next(2)   ? INV_ACCEPT
				                                      : INV_DECLINE;
				e = net_invitation_act(t, fx->s, b, inv, act, &other, &f);
			}
			break;
		case 3:
			e = net_disconnect(t, fx->s, a, b, &f);
			break;
		case 4:
			e = net_follow(t, fx->s, a, b, true, &f);
			break;
		case 5:
			e = net_follow(t, fx->s, a, b, false, &f);
			break;
		case 6:
			e = net_block(t, fx->s, a, b, next(4) == 0, &f);
			break;
		case 7:
			e = net_block(t, fx->s, a, b, false, &f);
			break;
		}
		ok += e == E_OK;
		if (step % 100 == 99)
			assert_index_matches_store(fx);
	}
	assert_true(ok > 300); /* the sequence did real work, not only refusals */
	assert_index_matches_store(fx);
	uint64_t edges = graph_edge_count(&t->graph);
	int64_t rows = -1;
	store_int(fx->s, &rows, "SELECT count(*) FROM connections", 0, NULL);
	assert_int_equal((int64_t)edges, rows);
	assert_true(edges > 0);
}

static void withdrawal_cooldown_lasts_three_weeks(void **state)
{
	struct fixture *fx = *state;
	int64_t a = fx->ids[0], b = fx->ids[1], other = 0, retry = 0;
	clock_set_ms(1800000000000LL);
	struct invite_result r;
	struct fail f = {0};
	assert_int_equal(
	    net_invite(&fx->t, fx->s, a, b, "Hello from Tromsø!", false, &r, &retry, &f), E_OK);
	assert_int_equal(
	    net_invitation_act(&fx->t, fx->s, a, r.invitation_id, INV_WITHDRAW, &other, &f), E_OK);
	clock_advance_ms(INVITE_COOLDOWN_MS - 1000);
	assert_int_equal(net_invite(&fx->t, fx->s, a, b, "Hello again", false, &r, &retry, &f),
	                 E_INVITE_COOLDOWN);
	clock_advance_ms(2000);
	assert_int_equal(net_invite(&fx->t, fx->s, a, b, "Hello again", false, &r, &retry, &f),
	                 E_OK);
}

static void weekly_limit_resets_a_week_after_the_oldest(void **state)
{
	struct fixture *fx = *state;
	fx->t.cfg.invites_per_week = 3;
	clock_set_ms(1800000000000LL);
	int64_t a = fx->ids[2], retry = 0;
	struct invite_result r;
	struct fail f = {0};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(net_invite(&fx->t, fx->s, a, fx->ids[10 + i],
		                            "Hello there, colleague", false, &r, &retry, &f),
		                 E_OK);
		clock_advance_ms(3600000);
	}
	assert_int_equal(net_invite(&fx->t, fx->s, a, fx->ids[20], "Hello there, colleague", false,
	                            &r, &retry, &f),
	                 E_RATE_LIMITED);
	/* the oldest was sent 3 hours ago: the window frees a slot 7 days after it */
	assert_int_equal(retry, INVITE_WINDOW_MS - 3 * 3600000LL);
	clock_advance_ms(retry + 1);
	assert_int_equal(net_invite(&fx->t, fx->s, a, fx->ids[20], "Hello there, colleague", false,
	                            &r, &retry, &f),
	                 E_OK);
}

static void stock_notes_are_recognised(void **state)
{
	(void)state;
	assert_true(note_is_stock(NULL));
	assert_true(note_is_stock(""));
	assert_true(note_is_stock("  I'd like to add you to my professional network!  "));
	assert_true(note_is_stock("JEG VIL GERNE TILFØJE DIG TIL MIT PROFESSIONELLE NETVÆRK."));
	assert_true(note_is_stock("Jeg vil gjerne legge deg til i mitt profesjonelle nettverk"));
	assert_true(note_is_stock("Haluaisin lisätä sinut ammatilliseen verkostooni"));
	assert_false(note_is_stock("I would like to add you to my professional network: we met at "
	                           "the Lean summit in Göteborg."));
	assert_false(note_is_stock("Hej Anna, tack för föredraget om lean i Malmö!"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(random_operations_keep_index_equal_to_store, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(withdrawal_cooldown_lasts_three_weeks, setup, teardown),
	    cmocka_unit_test_setup_teardown(weekly_limit_resets_a_week_after_the_oldest, setup,
	                                    teardown),
	    cmocka_unit_test(stock_notes_are_recognised),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
