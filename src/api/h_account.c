/* h_account — sign-up, sign-in, sign-out, password, account deletion, me. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/decode.h"
#include "api/handlers.h"
#include "social/account.h"
#include "social/profile.h"

static const char *const session_modes[] = {"token", "cookie", NULL};

struct signup_body {
	char *email, *password, *display_name, *handle, *session;
};
static const struct field signup_fields[] = {
    {"email", F_STR, offsetof(struct signup_body, email), FD_REQUIRED, .max = EMAIL_MAX},
    {"password", F_STR, offsetof(struct signup_body, password), FD_REQUIRED, .max = PASSWORD_MAX},
    {"display_name", F_STR, offsetof(struct signup_body, display_name), FD_REQUIRED,
     .max = PROFILE_NAME_MAX, .min = 1},
    {"handle", F_STR, offsetof(struct signup_body, handle), 0, .max = HANDLE_MAX},
    {"session", F_ENUM, offsetof(struct signup_body, session), 0, .max = 8,
     .choices = session_modes},
    FD_END,
};

struct signin_body {
	char *email, *password, *session;
};
static const struct field signin_fields[] = {
    {"email", F_STR, offsetof(struct signin_body, email), FD_REQUIRED, .max = EMAIL_MAX},
    {"password", F_STR, offsetof(struct signin_body, password), FD_REQUIRED, .max = PASSWORD_MAX},
    {"session", F_ENUM, offsetof(struct signin_body, session), 0, .max = 8,
     .choices = session_modes},
    FD_END,
};

/* Starts a session for member and writes {token?, csrf, member}. */
static enum err start_session(struct ctx *c, int64_t member, const char *mode, int status)
{
	char token[TOKEN_CHARS + 1], csrf[CSRF_CHARS + 1];
	enum err e = session_create(c->st, member, token, csrf);
	if (e)
		return fail_set(&c->fail, e, NULL, NULL);
	struct profile p;
	if ((e = profile_load(c->st, member, &p)))
		return fail_set(&c->fail, e, NULL, NULL);
	bool cookie = mode && strcmp(mode, "cookie") == 0;
	ctx_set_session_cookies(c, token, csrf);
	ctx_json(c, status);
	/* A browser session keeps the token in the HttpOnly cookie only, out
	 * of reach of scripts; API clients get it as a bearer token. */
	if (!cookie)
		jw_kstr(&c->w, "token", token);
	jw_kstr(&c->w, "csrf", csrf);
	jw_key(&c->w, "member");
	jw_obj(&c->w);
	profile_json(&p, false, true, &c->w);
	jw_end(&c->w);
	jw_end(&c->w);
	profile_release(&p);
	return E_OK;
}

enum err h_signup(struct ctx *c)
{
	struct signup_body b = {0};
	enum err e = decode_body(c->req->body, c->req->body_len, signup_fields, &b, NULL, &c->fail);
	int64_t id = 0;
	/* Hash first: Argon2id takes ~0.1 s and must not hold the writer lock
	 * that every network change waits on. */
	char hash[PWHASH_MAX];
	if (!e && !(e = password_check_strength(b.password, &c->fail)) &&
	    (e = password_hash(b.password, hash)))
		fail_set(&c->fail, e, NULL, NULL);
	if (!e) {
		struct signup in = {.email = b.email,
		                    .pw_hash = hash,
		                    .display_name = b.display_name,
		                    .handle = b.handle};
		pthread_mutex_lock(&c->t->write_mu);
		e = account_create(c->st, &in, false, &id, &c->fail);
		if (!e)
			ties_member_joined(c->t, c->st, id);
		pthread_mutex_unlock(&c->t->write_mu);
	}
	if (!e)
		e = start_session(c, id, b.session, 201);
	decode_free(signup_fields, &b);
	return e;
}

enum err h_signin(struct ctx *c)
{
	struct signin_body b = {0};
	enum err e = decode_body(c->req->body, c->req->body_len, signin_fields, &b, NULL, &c->fail);
	int64_t id = 0;
	if (!e)
		e = account_signin(c->st, &c->t->signin, b.email, b.password, c->req->ip, &id,
		                   &c->retry_after_ms, &c->fail);
	if (!e)
		e = start_session(c, id, b.session, 200);
	decode_free(signin_fields, &b);
	return e;
}

enum err h_signout(struct ctx *c)
{
	enum err e = session_end(c->st, c->token);
	if (e)
		return fail_set(&c->fail, e, NULL, NULL);
	ctx_set_session_cookies(c, NULL, NULL);
	ctx_no_content(c);
	return E_OK;
}

struct password_body {
	char *current_password, *new_password;
};
static const struct field password_fields[] = {
    {"current_password", F_STR, offsetof(struct password_body, current_password), FD_REQUIRED,
     .max = PASSWORD_MAX},
    {"new_password", F_STR, offsetof(struct password_body, new_password), FD_REQUIRED,
     .max = PASSWORD_MAX},
    FD_END,
};

enum err h_password(struct ctx *c)
{
	struct password_body b = {0};
	enum err e =
	    decode_body(c->req->body, c->req->body_len, password_fields, &b, NULL, &c->fail);
	if (!e)
		e = account_change_password(c->st, c->sess.member, b.current_password,
		                            b.new_password, c->token, &c->fail);
	if (!e)
		ctx_no_content(c);
	decode_free(password_fields, &b);
	return e;
}

struct delete_body {
	char *password;
};
static const struct field delete_fields[] = {
    {"password", F_STR, offsetof(struct delete_body, password), FD_REQUIRED, .max = PASSWORD_MAX},
    FD_END,
};

enum err h_delete_me(struct ctx *c)
{
	struct delete_body b = {0};
	enum err e = decode_body(c->req->body, c->req->body_len, delete_fields, &b, NULL, &c->fail);
	if (!e) {
		/* Commit and index update in one writer turn, so no network change
		 * of this member can slip in between. */
		e = account_check_password(c->st, c->sess.member, b.password, &c->fail);
		if (!e) {
			pthread_mutex_lock(&c->t->write_mu);
			e = account_remove(c->st, c->sess.member, &c->fail);
			if (!e)
				ties_member_deleted(c->t, c->sess.member);
			pthread_mutex_unlock(&c->t->write_mu);
		}
	}
	if (!e) {
		ctx_set_session_cookies(c, NULL, NULL);
		ctx_no_content(c);
	}
	decode_free(delete_fields, &b);
	return e;
}
