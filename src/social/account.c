/* account — sign-up, sign-in, sessions, passwords. */
#include "social/account.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/utf8.h"
#include "social/profile.h"

static unsigned long long ops_limit;
static size_t mem_limit;
/* A real hash of a random password: unknown emails are verified against it
 * so that they cost the same time as a wrong password. */
static char dummy_hash[PWHASH_MAX];

bool account_init(void)
{
	if (sodium_init() < 0)
		return false;
	const char *fast = getenv("TIES_PWHASH");
	if (fast && strcmp(fast, "fast") == 0) {
		ops_limit = crypto_pwhash_OPSLIMIT_MIN;
		mem_limit = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	}
	if (!dummy_hash[0]) {
		char pw[33];
		unsigned char r[16];
		randombytes_buf(r, sizeof r);
		sodium_bin2hex(pw, sizeof pw, r, sizeof r);
		if (password_hash(pw, dummy_hash))
			return false;
	}
	return true;
}

void signin_limits_init(struct signin_limits *l)
{
	ratelimit_init(&l->per_ip, 30, 15 * 60 * 1000, 4096);
	ratelimit_init(&l->per_account, 10, 15 * 60 * 1000, 4096);
}

void signin_limits_release(struct signin_limits *l)
{
	ratelimit_release(&l->per_ip);
	ratelimit_release(&l->per_account);
}

enum err password_hash(const char *password, char out[PWHASH_MAX])
{
	_Static_assert(PWHASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer");
	if (crypto_pwhash_str(out, password, strlen(password), ops_limit, mem_limit) != 0)
		return E_INTERNAL;
	return E_OK;
}

enum err password_check_strength(const char *password, struct fail *f)
{
	long n = utf8_chars(password, strlen(password));
	if (n < PASSWORD_MIN)
		return fail_set(f, E_WEAK_PASSWORD, "password",
		                "password: use at least %d characters", PASSWORD_MIN);
	if (n > PASSWORD_MAX)
		return fail_set(f, E_TOO_LONG, "password", "password: at most %d characters",
		                PASSWORD_MAX);
	return E_OK;
}

enum err email_normalise(const char *email, char *out, struct fail *f)
{
	while (*email == ' ')
		email++;
	size_t n = strlen(email);
	while (n > 0 && email[n - 1] == ' ')
		n--;
	if (n == 0)
		return fail_set(f, E_MISSING_FIELD, "email", "email: is required");
	if (n > EMAIL_MAX)
		return fail_set(f, E_TOO_LONG, "email", "email: at most %d characters", EMAIL_MAX);
	size_t at = n, ats = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)email[i];
		if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';')
			return fail_set(f, E_BAD_FIELD, "email", "email: not a valid address");
		if (c == '@')
			at = i, ats++;
		out[i] = (char)tolower(c);
	}
	out[n] = '\0';
	const char *dot = at < n ? strchr(out + at, '.') : NULL;
	if (ats != 1 || at == 0 || !dot || dot == out + at + 1 || out[n - 1] == '.')
		return fail_set(f, E_BAD_FIELD, "email", "email: not a valid address");
	return E_OK;
}

static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static void random_token(char *out, size_t chars, size_t bytes)
{
	unsigned char r[32];
	randombytes_buf(r, bytes);
	sodium_bin2base64(out, chars + 1, r, bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

enum err account_create(struct store *s, const struct signup *in, bool in_tx, int64_t *id,
                        struct fail *f)
{
	char email[EMAIL_MAX + 1], handle[HANDLE_MAX + 1], hash[PWHASH_MAX];
	enum err e = email_normalise(in->email ? in->email : "", email, f);
	if (e)
		return e;
	long name_chars =
	    in->display_name ? utf8_chars(in->display_name, strlen(in->display_name)) : 0;
	if (name_chars <= 0)
		return fail_set(f, E_MISSING_FIELD, "display_name", "display_name: is required");
	if (name_chars > PROFILE_NAME_MAX)
		return fail_set(f, E_TOO_LONG, "display_name",
		                "display_name: at most %d characters", PROFILE_NAME_MAX);
	if (in->handle && !handle_valid(in->handle))
		return fail_set(f, E_BAD_FIELD, "handle",
		                "handle: 3-40 characters a-z, 0-9 and single hyphens, "
		                "starting with a letter");
	if (in->kind && !account_kind_valid(in->kind))
		return fail_set(f, E_BAD_FIELD, "kind",
		                "kind: must be one of basic, premium, recruiter, admin");
	if (in->pw_hash) {
		snprintf(hash, sizeof hash, "%s", in->pw_hash);
	} else {
		if ((e = password_check_strength(in->password ? in->password : "", f)))
			return e;
		if ((e = password_hash(in->password, hash)))
			return fail_set(f, e, NULL, NULL);
	}
	if (!in_tx && (e = store_begin(s)))
		return fail_set(f, e, NULL, NULL);
	if (in->handle)
		snprintf(handle, sizeof handle, "%s", in->handle);
	else if ((e = handle_derive(s, in->display_name, handle)))
		goto out;
	int64_t now = clock_now_ms();
	e = store_int(s, id,
	              "INSERT INTO members(email, handle, display_name, kind, pw_hash, created_at, "
	              "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
	              SARGS(SA_T(email), SA_T(handle), SA_T(in->display_name),
	                    SA_T(in->kind ? in->kind : "basic"), SA_T(hash), SA_I(now)));
	if (e == E_CONFLICT) {
		bool email_dup = strstr(store_errmsg(s), "members.email") != NULL;
		e = email_dup ? fail_set(f, E_EMAIL_TAKEN, "email", NULL)
		              : fail_set(f, E_HANDLE_TAKEN, "handle", NULL);
		goto out;
	}
	if (!e)
		e = store_event(s, "member.joined", *id, *id, 0, NULL, NULL);
	if (e)
		fail_set(f, e, NULL, NULL);
out:
	if (!in_tx) {
		if (e)
			store_rollback(s);
		else if ((e = store_commit(s)))
			fail_set(f, e, NULL, NULL);
	}
	return e;
}

enum err account_signin(struct store *s, struct signin_limits *l, const char *email,
                        const char *password, const char *ip, int64_t *id, int64_t *retry_ms,
                        struct fail *f)
{
	char norm[EMAIL_MAX + 1];
	struct fail ignore;
	if (email_normalise(email, norm, &ignore))
		snprintf(norm, sizeof norm, "%.*s", EMAIL_MAX, email);
	if (!ratelimit_hit(&l->per_ip, ip ? ip : "-", retry_ms) ||
	    ratelimit_blocked(&l->per_account, norm, retry_ms))
		return fail_set(f, E_RATE_LIMITED, NULL,
		                "too many sign-in attempts; try again in %lld minutes",
		                (long long)((*retry_ms + 59999) / 60000));
	char hash[PWHASH_MAX] = "";
	struct scur c;
	store_query(s, &c, "SELECT id, pw_hash FROM members WHERE email = $1", SARGS(SA_T(norm)));
	bool found = scur_next(&c);
	if (found) {
		*id = scur_int(&c, 0);
		snprintf(hash, sizeof hash, "%s", scur_text(&c, 1));
	}
	enum err e = scur_close(&c);
	if (e)
		return fail_set(f, e, NULL, NULL);
	const char *against = found ? hash : dummy_hash;
	bool ok = crypto_pwhash_str_verify(against, password, strlen(password)) == 0;
	if (!found || !ok) {
		ratelimit_hit(&l->per_account, norm, NULL);
		return fail_set(f, E_BAD_CREDENTIALS, NULL, NULL);
	}
	ratelimit_clear(&l->per_account, norm);
	return E_OK;
}

enum err session_create(struct store *s, int64_t member, char token[TOKEN_CHARS + 1],
                        char csrf[CSRF_CHARS + 1])
{
	char th[65];
	random_token(token, TOKEN_CHARS, 32);
	random_token(csrf, CSRF_CHARS, 18);
	token_hash(token, th);
	int64_t now = clock_now_ms();
	enum err e = store_begin(s);
	if (e)
		return e;
	e = store_exec(
	    s,
	    "INSERT INTO sessions(token_hash, member_id, csrf, created_at, expires_at) "
	    "VALUES ($1, $2, $3, $4, $5)",
	    SARGS(SA_T(th), SA_I(member), SA_T(csrf), SA_I(now), SA_I(now + SESSION_TTL_MS)));
	if (!e)
		e = store_event(s, "session.created", member, member, 0, NULL, NULL);
	if (e) {
		store_rollback(s);
		return e;
	}
	return store_commit(s);
}

enum err session_lookup(struct store *s, const char *token, struct session *out)
{
	char th[65];
	token_hash(token, th);
	struct scur c;
	store_query(s, &c,
	            "SELECT s.member_id, m.kind, m.handle, s.csrf FROM sessions s "
	            "JOIN members m ON m.id = s.member_id WHERE s.token_hash = $1 "
	            "AND s.expires_at > $2",
	            SARGS(SA_T(th), SA_I(clock_now_ms())));
	enum err e = E_UNAUTHENTICATED;
	if (scur_next(&c)) {
		out->member = scur_int(&c, 0);
		snprintf(out->kind, sizeof out->kind, "%s", scur_text(&c, 1));
		snprintf(out->handle, sizeof out->handle, "%s", scur_text(&c, 2));
		snprintf(out->csrf, sizeof out->csrf, "%s", scur_text(&c, 3));
		e = E_OK;
	}
	enum err ce = scur_close(&c);
	return ce ? ce : e;
}

enum err session_end(struct store *s, const char *token)
{
	char th[65];
	token_hash(token, th);
	enum err e = store_begin(s);
	if (e)
		return e;
	int64_t member = 0;
	e = store_int(s, &member, "DELETE FROM sessions WHERE token_hash = $1 RETURNING member_id",
	              SARGS(SA_T(th)));
	if (e == E_NOT_FOUND) {
		store_rollback(s);
		return E_OK;
	}
	if (!e)
		e = store_event(s, "session.ended", member, member, 0, NULL, NULL);
	if (e) {
		store_rollback(s);
		return e;
	}
	return store_commit(s);
}

static enum err verify_member_password(struct store *s, int64_t member, const char *password,
                                       const char *field, struct fail *f)
{
	struct scur c;
	store_query(s, &c, "SELECT pw_hash FROM members WHERE id = $1", SARGS(SA_I(member)));
	char hash[PWHASH_MAX] = "";
	if (scur_next(&c))
		snprintf(hash, sizeof hash, "%s", scur_text(&c, 0));
	enum err e = scur_close(&c);
	if (e)
		return fail_set(f, e, NULL, NULL);
	if (!hash[0] || crypto_pwhash_str_verify(hash, password, strlen(password)) != 0)
		return fail_set(f, E_BAD_CREDENTIALS, field, "%s: the password is wrong", field);
	return E_OK;
}

enum err account_change_password(struct store *s, int64_t member, const char *current,
                                 const char *next, const char *keep_token, struct fail *f)
{
	enum err e = password_check_strength(next, f);
	if (e) {
		f->field = "new_password";
		return e;
	}
	if ((e = verify_member_password(s, member, current, "current_password", f)))
		return e;
	char hash[PWHASH_MAX], th[65] = "";
	if ((e = password_hash(next, hash)))
		return fail_set(f, e, NULL, NULL);
	if (keep_token)
		token_hash(keep_token, th);
	if ((e = store_begin(s)))
		return fail_set(f, e, NULL, NULL);
	e = store_exec(s, "UPDATE members SET pw_hash = $2, updated_at = $3 WHERE id = $1",
	               SARGS(SA_I(member), SA_T(hash), SA_I(clock_now_ms())));
	if (!e)
		e = store_exec(s, "DELETE FROM sessions WHERE member_id = $1 AND token_hash <> $2",
		               SARGS(SA_I(member), SA_T(th)));
	if (!e)
		e = store_event(s, "password.changed", member, member, 0, NULL, NULL);
	if (e) {
		store_rollback(s);
		return fail_set(f, e, NULL, NULL);
	}
	if ((e = store_commit(s)))
		return fail_set(f, e, NULL, NULL);
	return E_OK;
}

enum err account_check_password(struct store *s, int64_t member, const char *password,
                                struct fail *f)
{
	return verify_member_password(s, member, password, "password", f);
}

enum err account_delete(struct store *s, int64_t member, const char *password, struct fail *f)
{
	enum err e = verify_member_password(s, member, password, "password", f);
	return e ? e : account_remove(s, member, f);
}

enum err account_remove(struct store *s, int64_t member, struct fail *f)
{
	enum err e;
	if ((e = store_begin(s)))
		return fail_set(f, e, NULL, NULL);
	e = store_exec(s, "DELETE FROM members WHERE id = $1", SARGS(SA_I(member)));
	if (!e && store_changes(s) != 1)
		e = E_NOT_FOUND;
	if (!e)
		e = store_event(s, "member.deleted", member, member, 0, NULL, NULL);
	if (e) {
		store_rollback(s);
		return fail_set(f, e, NULL, NULL);
	}
	if ((e = store_commit(s)))
		return fail_set(f, e, NULL, NULL);
	return E_OK;
}

bool account_kind_valid(const char *kind)
{
	for (const char *const *k = member_kinds; *k; k++)
		if (strcmp(*k, kind) == 0)
			return true;
	return false;
}

enum err account_set_kind(struct store *s, int64_t member, const char *kind, struct fail *f)
{
	if (!account_kind_valid(kind))
		return fail_set(f, E_BAD_FIELD, "kind",
		                "kind: must be one of basic, premium, recruiter, admin");
	enum err e = store_begin(s);
	if (e)
		return fail_set(f, e, NULL, NULL);
	e = store_exec(s, "UPDATE members SET kind = $2, updated_at = $3 WHERE id = $1",
	               SARGS(SA_I(member), SA_T(kind), SA_I(clock_now_ms())));
	if (!e && store_changes(s) != 1)
		e = fail_set(f, E_NOT_FOUND, "member", "no such member");
	if (!e) {
		char payload[64];
		snprintf(payload, sizeof payload, "{\"kind\":\"%s\"}", kind);
		e = store_event(s, "member.kind", member, member, 0, payload, NULL);
	}
	if (e) {
		store_rollback(s);
		return f->err ? e : fail_set(f, e, NULL, NULL);
	}
	if ((e = store_commit(s)))
		return fail_set(f, e, NULL, NULL);
	return E_OK;
}
