/* network — invitations, connections, follows, blocks. */
#include "social/network.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "graph/graph.h"

const char *const auto_accept_modes[] = {"off", "below", "second", NULL};

/* ---- stock notes ----------------------------------------------------------- */

extern const unsigned char stock_notes_txt[];
extern const unsigned long stock_notes_txt_len;

static char **stock;
static size_t n_stock;
static pthread_once_t stock_once = PTHREAD_ONCE_INIT;

/* Case-folds s and keeps only letters and digits: "I'd like to connect!" and
 * "id like to connect" compare equal. */
static char *note_key(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b, 4096);
	utf8proc_ssize_t i = 0;
	while ((size_t)i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)n - i, &cp);
		if (k <= 0)
			break;
		i += k;
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_NO)
			continue;
		if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)
			continue;
		utf8proc_int32_t fold[4];
		int last = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(cp, fold, 4, UTF8PROC_CASEFOLD, &last);
		for (utf8proc_ssize_t j = 0; j < m && j < 4; j++) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t el = utf8proc_encode_char(fold[j], enc);
			buf_add(&b, enc, (size_t)el);
		}
	}
	return buf_detach(&b, NULL);
}

static void stock_load(void)
{
	const char *p = (const char *)stock_notes_txt, *end = p + stock_notes_txt_len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		const char *bar = memchr(p, '|', (size_t)(line_end - p));
		if (*p != '#' && bar) {
			stock = xrealloc(stock, (n_stock + 1) * sizeof *stock);
			stock[n_stock++] = note_key(bar + 1, (size_t)(line_end - bar - 1));
		}
		p = line_end + 1;
	}
}

bool note_is_stock(const char *note)
{
	if (!note)
		return true;
	pthread_once(&stock_once, stock_load);
	char *key = note_key(note, strlen(note));
	bool found = key[0] == '\0';
	for (size_t i = 0; i < n_stock && !found; i++)
		found = strcmp(stock[i], key) == 0;
	free(key);
	return found;
}

/* ---- helpers ------------------------------------------------------------------ */

static uint32_t num(int64_t id)
{
	return (uint32_t)id;
}

enum err net_find(struct ties *t, struct store *s, int64_t viewer, const char *handle, int64_t *id,
                  struct fail *f)
{
	enum err e =
	    store_int(s, id, "SELECT id FROM members WHERE handle = $1", SARGS(SA_T(handle)));
	if (e == E_OK && viewer) {
		pthread_rwlock_rdlock(&t->index_lock);
		bool blocked = graph_blocked_either(&t->graph, num(viewer), num(*id));
		pthread_rwlock_unlock(&t->index_lock);
		if (blocked)
			e = E_NOT_FOUND;
	}
	if (e == E_NOT_FOUND)
		return fail_set(f, E_NOT_FOUND, "handle", "no such member");
	if (e)
		return fail_set(f, e, NULL, NULL);
	return E_OK;
}

static enum err notify(struct store *s, int64_t member, const char *kind, int64_t actor,
                       int64_t invitation, int64_t now)
{
	return store_exec(s,
	                  "INSERT INTO notifications(member, kind, actor, invitation, created_at) "
	                  "VALUES ($1, $2, $3, $4, $5)",
	                  SARGS(SA_I(member), SA_T(kind), SA_I(actor),
	                        invitation ? SA_I(invitation) : SA_NIL, SA_I(now)));
}

/* Writes the rows of a new connection between a and b: the pair, and no
 * follow exceptions between them any more (connecting means following both
 * ways); every open invitation between them is settled as accepted. */
static enum err connect_rows(struct store *s, int64_t a, int64_t b, int64_t now)
{
	int64_t lo = a < b ? a : b, hi = a < b ? b : a;
	enum err e = store_exec(s, "INSERT INTO connections(a, b, created_at) VALUES ($1, $2, $3)",
	                        SARGS(SA_I(lo), SA_I(hi), SA_I(now)));
	if (!e)
		e = store_exec(s,
		               "DELETE FROM follows WHERE (follower = $1 AND followee = $2) "
		               "OR (follower = $2 AND followee = $1)",
		               SARGS(SA_I(a), SA_I(b)));
	if (!e)
		e = store_exec(s,
		               "DELETE FROM unfollows WHERE (member = $1 AND other = $2) "
		               "OR (member = $2 AND other = $1)",
		               SARGS(SA_I(a), SA_I(b)));
	if (!e)
		e = store_exec(s,
		               "UPDATE invitations SET status = 'accepted', resolved_at = $3 "
		               "WHERE status IN ('pending', 'ignored') AND ((sender = $1 AND "
		               "recipient = $2) OR (sender = $2 AND recipient = $1))",
		               SARGS(SA_I(a), SA_I(b), SA_I(now)));
	if (!e)
		e = store_event(s, "connection.created", a, a, b, NULL, NULL);
	return e;
}

/* What a committed change does to the network index. */
enum graph_op { OP_CONNECT, OP_DISCONNECT, OP_FOLLOW, OP_UNFOLLOW, OP_BLOCK, OP_UNBLOCK };

/* Applies a committed change to the index, under the index write lock.  The
 * store already holds the change, so a refusal here means the index had
 * drifted from the store: logged, and `ties check` would show it. */
static void index_apply(struct ties *t, enum graph_op op, int64_t a, int64_t b)
{
	pthread_rwlock_wrlock(&t->index_lock);
	graph_ensure(&t->graph, num(a > b ? a : b) + 1);
	enum err e = E_OK;
	switch (op) {
	case OP_CONNECT:
		e = graph_connect(&t->graph, num(a), num(b));
		break;
	case OP_DISCONNECT:
		graph_disconnect(&t->graph, num(a), num(b));
		break;
	case OP_FOLLOW:
		e = graph_follow(&t->graph, num(a), num(b));
		break;
	case OP_UNFOLLOW:
		graph_unfollow(&t->graph, num(a), num(b));
		break;
	case OP_BLOCK:
		e = graph_block(&t->graph, num(a), num(b));
		break;
	case OP_UNBLOCK:
		graph_unblock(&t->graph, num(a), num(b));
		break;
	}
	pthread_rwlock_unlock(&t->index_lock);
	if (e)
		log_error("network index: op %d on %lld %lld: %s", (int)op, (long long)a,
		          (long long)b, err_code(e));
}

/* Starts a writer turn's transaction. */
static enum err begin(struct store *s, struct fail *f)
{
	enum err e = store_begin(s);
	return e ? fail_set(f, e, NULL, NULL) : E_OK;
}

static enum err finish(struct store *s, enum err e, struct fail *f)
{
	if (e) {
		store_rollback(s);
		return f->err ? f->err : fail_set(f, e, NULL, NULL);
	}
	e = store_commit(s);
	return e ? fail_set(f, e, NULL, NULL) : E_OK;
}

static bool at_limit(struct ties *t, int64_t a, int64_t b)
{
	uint32_t na = 0, nb = 0;
	graph_connections(&t->graph, num(a), &na);
	graph_connections(&t->graph, num(b), &nb);
	return na >= GRAPH_MAX_CONNECTIONS || nb >= GRAPH_MAX_CONNECTIONS;
}

/* The two share a company (current or past), case-insensitively. */
static bool share_company(struct store *s, int64_t a, int64_t b)
{
	int64_t n = 0;
	store_int(s, &n,
	          "SELECT count(*) FROM positions p JOIN positions q "
	          "ON lower(p.company) = lower(q.company) "
	          "WHERE p.member_id = $1 AND q.member_id = $2 AND p.company <> ''",
	          SARGS(SA_I(a), SA_I(b)));
	return n > 0;
}

/* ---- invitations ------------------------------------------------------------- */

static enum err invite_locked(struct ties *t, struct store *s, int64_t sender, int64_t recipient,
                              const char *note, bool confirm, struct invite_result *out,
                              int64_t *retry_ms, struct fail *f, bool *connected_now)
{
	int64_t now = clock_now_ms();
	if (sender == recipient)
		return fail_set(f, E_BAD_FIELD, "to", "to: you cannot invite yourself");
	if (graph_blocked_either(&t->graph, num(sender), num(recipient)))
		return fail_set(f, E_NOT_FOUND, "to", "no such member");
	if (graph_connected(&t->graph, num(sender), num(recipient)))
		return fail_set(f, E_ALREADY_CONNECTED, "to", NULL);

	/* They invited us first: accepting theirs connects at once. */
	int64_t reverse = 0;
	enum err e = store_int(s, &reverse,
	                       "SELECT id FROM invitations WHERE sender = $1 AND recipient = $2 "
	                       "AND status IN ('pending', 'ignored')",
	                       SARGS(SA_I(recipient), SA_I(sender)));
	if (e && e != E_NOT_FOUND)
		return fail_set(f, e, NULL, NULL);
	if (reverse) {
		if (at_limit(t, sender, recipient))
			return fail_set(f, E_CONNECTION_LIMIT, "to", NULL);
		if ((e = begin(s, f)))
			return e;
		e = connect_rows(s, sender, recipient, now);
		if (!e)
			e = notify(s, recipient, "invitation.accepted", sender, reverse, now);
		if ((e = finish(s, e, f)))
			return e;
		out->invitation_id = reverse;
		out->connected = true;
		*connected_now = true;
		return E_OK;
	}

	int64_t open = 0;
	e = store_int(s, &open,
	              "SELECT count(*) FROM invitations WHERE sender = $1 AND recipient = $2 "
	              "AND status IN ('pending', 'ignored')",
	              SARGS(SA_I(sender), SA_I(recipient)));
	if (e)
		return fail_set(f, e, NULL, NULL);
	if (open)
		return fail_set(f, E_ALREADY_INVITED, "to", NULL);

	int64_t withdrawn_at = 0;
	e = store_int(s, &withdrawn_at,
	              "SELECT coalesce(max(resolved_at), 0) FROM invitations WHERE sender = $1 "
	              "AND recipient = $2 AND status = 'withdrawn'",
	              SARGS(SA_I(sender), SA_I(recipient)));
	if (e)
		return fail_set(f, e, NULL, NULL);
	if (withdrawn_at && now - withdrawn_at < INVITE_COOLDOWN_MS) {
		int64_t days = (withdrawn_at + INVITE_COOLDOWN_MS - now + 86399999) / 86400000;
		return fail_set(f, E_INVITE_COOLDOWN, "to",
		                "you withdrew an invitation to this member; you can invite them "
		                "again in %lld days",
		                (long long)days);
	}

	struct scur c;
	store_query(s, &c,
	            "SELECT count(*), coalesce(min(created_at), 0) FROM invitations "
	            "WHERE sender = $1 AND created_at > $2",
	            SARGS(SA_I(sender), SA_I(now - INVITE_WINDOW_MS)));
	int64_t sent = 0, oldest = 0;
	if (scur_next(&c))
		sent = scur_int(&c, 0), oldest = scur_int(&c, 1);
	if ((e = scur_close(&c)))
		return fail_set(f, e, NULL, NULL);
	if (sent >= t->cfg.invites_per_week) {
		*retry_ms = oldest + INVITE_WINDOW_MS - now;
		return fail_set(f, E_RATE_LIMITED, NULL,
		                "you have sent %d invitations this week, the most allowed; the "
		                "limit resets in %lld hours",
		                t->cfg.invites_per_week,
		                (long long)((*retry_ms + 3599999) / 3600000));
	}
	if (at_limit(t, sender, recipient))
		return fail_set(f, E_CONNECTION_LIMIT, "to", NULL);

	if (!confirm && note_is_stock(note) &&
	    graph_mutual_count(&t->graph, num(sender), num(recipient)) <
	        (uint32_t)t->cfg.nudge_mutual_threshold &&
	    !share_company(s, sender, recipient))
		return fail_set(f, E_NOTE_NUDGE, "note",
		                note && *note ? "this is a stock text: say who you are and why you "
		                                "want to connect, or confirm to send it as it is"
		                              : "add a personal note: who you are and why you want "
		                                "to connect, or confirm to send without one");

	/* The recipient's auto-accept rule. */
	char mode[16] = "off";
	int64_t below = 0;
	store_query(s, &c, "SELECT auto_accept, auto_accept_below FROM members WHERE id = $1",
	            SARGS(SA_I(recipient)));
	if (scur_next(&c)) {
		snprintf(mode, sizeof mode, "%s", scur_text(&c, 0));
		below = scur_int(&c, 1);
	}
	if ((e = scur_close(&c)))
		return fail_set(f, e, NULL, NULL);
	uint32_t n_recipient = 0;
	graph_connections(&t->graph, num(recipient), &n_recipient);
	struct reader *rd = ties_reader_get(t);
	bool second = graph_degree(&t->graph, &rd->gs, num(sender), num(recipient)) == 2;
	ties_reader_put(t, rd);
	bool auto_accept = (strcmp(mode, "below") == 0 && n_recipient < below) ||
	                   (strcmp(mode, "second") == 0 && second);

	if ((e = begin(s, f)))
		return e;
	int64_t id = 0;
	e = store_int(
	    s, &id,
	    "INSERT INTO invitations(sender, recipient, note, status, created_at) "
	    "VALUES ($1, $2, $3, 'pending', $4) RETURNING id",
	    SARGS(SA_I(sender), SA_I(recipient), SA_T(note && *note ? note : NULL), SA_I(now)));
	if (!e)
		e = store_event(s, "invitation.sent", sender, recipient, id, NULL, NULL);
	if (!e && auto_accept) {
		e = connect_rows(s, sender, recipient, now);
		if (!e)
			e = notify(s, sender, "invitation.accepted", recipient, id, now);
		if (!e)
			e = notify(s, recipient, "connection.auto_accepted", sender, id, now);
	} else if (!e) {
		e = notify(s, recipient, "invitation.received", sender, id, now);
	}
	if ((e = finish(s, e, f)))
		return e;
	out->invitation_id = id;
	out->connected = auto_accept;
	*connected_now = auto_accept;
	return E_OK;
}

enum err net_invite(struct ties *t, struct store *s, int64_t sender, int64_t recipient,
                    const char *note, bool confirm_without_note, struct invite_result *out,
                    int64_t *retry_ms, struct fail *f)
{
	memset(out, 0, sizeof *out);
	bool connected_now = false;
	pthread_mutex_lock(&t->write_mu);
	enum err e = invite_locked(t, s, sender, recipient, note, confirm_without_note, out,
	                           retry_ms, f, &connected_now);
	if (!e && connected_now)
		index_apply(t, OP_CONNECT, sender, recipient);
	pthread_mutex_unlock(&t->write_mu);
	return e;
}

static enum err act_locked(struct ties *t, struct store *s, int64_t member, int64_t id,
                           enum invitation_act act, int64_t *other, struct fail *f, bool *connected)
{
	int64_t now = clock_now_ms();
	struct scur c;
	store_query(s, &c, "SELECT sender, recipient, status FROM invitations WHERE id = $1",
	            SARGS(SA_I(id)));
	int64_t sender = 0, recipient = 0;
	char status[16] = "";
	if (scur_next(&c)) {
		sender = scur_int(&c, 0);
		recipient = scur_int(&c, 1);
		snprintf(status, sizeof status, "%s", scur_text(&c, 2));
	}
	enum err e = scur_close(&c);
	if (e)
		return fail_set(f, e, NULL, NULL);
	bool mine = act == INV_WITHDRAW ? sender == member : recipient == member;
	if (!mine)
		return fail_set(f, E_NOT_FOUND, "id", "no such invitation");
	*other = act == INV_WITHDRAW ? recipient : sender;
	bool open = !strcmp(status, "pending") || !strcmp(status, "ignored");
	if (!open || (act == INV_IGNORE && strcmp(status, "pending") != 0))
		return fail_set(f, E_CONFLICT, "id", "this invitation is already %s", status);
	if ((e = begin(s, f)))
		return e;
	static const char *const kinds[] = {"invitation.accepted", "invitation.declined",
	                                    "invitation.ignored", "invitation.withdrawn"};
	switch (act) {
	case INV_ACCEPT:
		if (at_limit(t, sender, recipient)) {
			e = fail_set(f, E_CONNECTION_LIMIT, NULL, NULL);
			break;
		}
		e = connect_rows(s, sender, recipient, now);
		if (!e)
			e = notify(s, sender, "invitation.accepted", recipient, id, now);
		*connected = !e;
		break;
	case INV_DECLINE:
	case INV_WITHDRAW:
		e = store_exec(s,
		               "UPDATE invitations SET status = $2, resolved_at = $3 WHERE id = $1",
		               SARGS(SA_I(id), SA_T(act == INV_DECLINE ? "declined" : "withdrawn"),
		                     SA_I(now)));
		/* A withdrawn invitation leaves nothing in the recipient's lists. */
		if (!e && act == INV_WITHDRAW)
			e = store_exec(s, "DELETE FROM notifications WHERE invitation = $1",
			               SARGS(SA_I(id)));
		break;
	case INV_IGNORE:
		e = store_exec(s, "UPDATE invitations SET status = 'ignored' WHERE id = $1",
		               SARGS(SA_I(id)));
		break;
	}
	if (!e)
		e = store_event(s, kinds[act], member, *other, id, NULL, NULL);
	return finish(s, e, f);
}

enum err net_invitation_act(struct ties *t, struct store *s, int64_t member, int64_t id,
                            enum invitation_act act, int64_t *other, struct fail *f)
{
	bool connected = false;
	pthread_mutex_lock(&t->write_mu);
	enum err e = act_locked(t, s, member, id, act, other, f, &connected);
	if (!e && connected)
		index_apply(t, OP_CONNECT, member, *other);
	pthread_mutex_unlock(&t->write_mu);
	return e;
}

/* ---- disconnect, follow, block --------------------------------------------------- */

enum err net_disconnect(struct ties *t, struct store *s, int64_t a, int64_t b, struct fail *f)
{
	pthread_mutex_lock(&t->write_mu);
	enum err e;
	if (!graph_connected(&t->graph, num(a), num(b))) {
		e = fail_set(f, E_NOT_FOUND, "handle", "you are not connected to this member");
		goto out;
	}
	if ((e = begin(s, f)))
		goto out;
	e = store_exec(s, "DELETE FROM connections WHERE a = $1 AND b = $2",
	               SARGS(SA_I(a < b ? a : b), SA_I(a < b ? b : a)));
	if (!e)
		e = store_exec(s,
		               "DELETE FROM unfollows WHERE (member = $1 AND other = $2) "
		               "OR (member = $2 AND other = $1)",
		               SARGS(SA_I(a), SA_I(b)));
	/* Silent: an event for the log, no notification for b. */
	if (!e)
		e = store_event(s, "connection.removed", a, a, b, NULL, NULL);
	if ((e = finish(s, e, f)))
		goto out;
	index_apply(t, OP_DISCONNECT, a, b);
out:
	pthread_mutex_unlock(&t->write_mu);
	return e;
}

enum err net_follow(struct ties *t, struct store *s, int64_t a, int64_t b, bool on, struct fail *f)
{
	pthread_mutex_lock(&t->write_mu);
	int64_t now = clock_now_ms();
	enum err e = E_OK;
	if (a == b) {
		e = fail_set(f, E_BAD_FIELD, "handle", "you cannot follow yourself");
		goto out;
	}
	bool follows = graph_follows(&t->graph, num(a), num(b));
	if (on == follows) {
		e = fail_set(f, E_CONFLICT, "handle",
		             on ? "you already follow this member"
		                : "you do not follow this member");
		goto out;
	}
	bool connected = graph_connected(&t->graph, num(a), num(b));
	if ((e = begin(s, f)))
		goto out;
	if (on && connected)
		e = store_exec(s, "DELETE FROM unfollows WHERE member = $1 AND other = $2",
		               SARGS(SA_I(a), SA_I(b)));
	else if (on)
		e = store_exec(
		    s, "INSERT INTO follows(follower, followee, created_at) VALUES ($1, $2, $3)",
		    SARGS(SA_I(a), SA_I(b), SA_I(now)));
	else if (connected)
		e = store_exec(
		    s, "INSERT INTO unfollows(member, other, created_at) VALUES ($1, $2, $3)",
		    SARGS(SA_I(a), SA_I(b), SA_I(now)));
	else
		e = store_exec(s, "DELETE FROM follows WHERE follower = $1 AND followee = $2",
		               SARGS(SA_I(a), SA_I(b)));
	if (!e)
		e = store_event(s, on ? "follow.created" : "follow.removed", a, a, b, NULL, NULL);
	if ((e = finish(s, e, f)))
		goto out;
	index_apply(t, on ? OP_FOLLOW : OP_UNFOLLOW, a, b);
out:
	pthread_mutex_unlock(&t->write_mu);
	return e;
}

enum err net_block(struct ties *t, struct store *s, int64_t a, int64_t b, bool on, struct fail *f)
{
	pthread_mutex_lock(&t->write_mu);
	int64_t now = clock_now_ms();
	enum err e = E_OK;
	if (a == b) {
		e = fail_set(f, E_BAD_FIELD, "handle", "you cannot block yourself");
		goto out;
	}
	if (on == graph_blocked(&t->graph, num(a), num(b))) {
		e = fail_set(f, E_CONFLICT, "handle",
		             on ? "you already blocked this member"
		                : "you have not blocked this member");
		goto out;
	}
	if ((e = begin(s, f)))
		goto out;
	if (!on) {
		e = store_exec(s, "DELETE FROM blocks WHERE blocker = $1 AND blocked = $2",
		               SARGS(SA_I(a), SA_I(b)));
	} else {
		e = store_exec(
		    s, "INSERT INTO blocks(blocker, blocked, created_at) VALUES ($1, $2, $3)",
		    SARGS(SA_I(a), SA_I(b), SA_I(now)));
		if (!e)
			e = store_exec(s, "DELETE FROM connections WHERE a = $1 AND b = $2",
			               SARGS(SA_I(a < b ? a : b), SA_I(a < b ? b : a)));
		static const char *const pair_deletes[] = {
		    "DELETE FROM follows WHERE (follower = $1 AND followee = $2) "
		    "OR (follower = $2 AND followee = $1)",
		    "DELETE FROM unfollows WHERE (member = $1 AND other = $2) "
		    "OR (member = $2 AND other = $1)",
		    "DELETE FROM notifications WHERE (member = $1 AND actor = $2) "
		    "OR (member = $2 AND actor = $1)",
		    "DELETE FROM invitations WHERE status IN ('pending', 'ignored') AND "
		    "((sender = $1 AND recipient = $2) OR (sender = $2 AND recipient = $1))",
		};
		for (size_t i = 0; !e && i < sizeof pair_deletes / sizeof pair_deletes[0]; i++)
			e = store_exec(s, pair_deletes[i], SARGS(SA_I(a), SA_I(b)));
	}
	if (!e)
		e = store_event(s, on ? "block.created" : "block.removed", a, a, b, NULL, NULL);
	if ((e = finish(s, e, f)))
		goto out;
	index_apply(t, on ? OP_BLOCK : OP_UNBLOCK, a, b);
out:
	pthread_mutex_unlock(&t->write_mu);
	return e;
}

enum err net_set_auto_accept(struct ties *t, struct store *s, int64_t member, const char *mode,
                             int64_t below, struct fail *f)
{
	(void)t;
	enum err e = begin(s, f);
	if (e)
		return e;
	e = store_exec(s,
	               "UPDATE members SET auto_accept = $2, auto_accept_below = $3 WHERE id = $1",
	               SARGS(SA_I(member), SA_T(mode), SA_I(below)));
	if (!e)
		e = store_event(s, "settings.updated", member, member, 0, NULL, NULL);
	return finish(s, e, f);
}
