/* account — members' accounts: sign-up, passwords (libsodium Argon2id),
 * sessions (random tokens stored only as their hash), sign-in with rate
 * limits and no user enumeration, password change, account deletion, kinds.
 *
 * Every change runs in one store transaction that also appends its event. */
#ifndef TIES_SOCIAL_ACCOUNT_H
#define TIES_SOCIAL_ACCOUNT_H
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "social/ratelimit.h"
#include "store/store.h"

#define EMAIL_MAX      254
#define PASSWORD_MIN   10
#define PASSWORD_MAX   128
#define TOKEN_CHARS    44 /* base64url of 32 random bytes, NUL excluded */
#define CSRF_CHARS     24
#define PWHASH_MAX     128
#define SESSION_TTL_MS (30LL * 24 * 3600 * 1000)

struct session {
	int64_t member;
	char kind[16];
	char handle[48];
	char csrf[CSRF_CHARS + 1];
};

struct signin_limits {
	struct ratelimit per_ip;      /* every attempt from one address */
	struct ratelimit per_account; /* failed attempts on one email */
};
void signin_limits_init(struct signin_limits *l);
void signin_limits_release(struct signin_limits *l);

/* Initialises libsodium; call once at start-up.  fast = minimal Argon2id
 * cost, for tests and bulk loads only (TIES_PWHASH=fast). */
bool account_init(void);

/* Hashes a password (Argon2id, libsodium's interactive limits). */
enum err password_hash(const char *password, char out[PWHASH_MAX]);
enum err password_check_strength(const char *password, struct fail *f);

/* Normalises an email (trim, lower case) into out (EMAIL_MAX + 1 bytes) and
 * checks its shape. */
enum err email_normalise(const char *email, char *out, struct fail *f);

/* Creates a member.  handle NULL derives one from the name.  pw_hash may be
 * given precomputed (demo loads share one); else password is hashed.  Inside
 * its own transaction unless the caller holds one (in_tx). */
struct signup {
	const char *email, *password, *pw_hash, *display_name, *handle, *kind;
};
enum err account_create(struct store *s, const struct signup *in, bool in_tx, int64_t *id,
                        struct fail *f);

/* Verifies email + password.  Unknown email and wrong password fail alike
 * (E_BAD_CREDENTIALS, same work done), so sign-in does not reveal who has an
 * account.  E_RATE_LIMITED with *retry_ms when ip or email is throttled. */
enum err account_signin(struct store *s, struct signin_limits *l, const char *email,
                        const char *password, const char *ip, int64_t *id, int64_t *retry_ms,
                        struct fail *f);

/* Creates a session for member; writes the bearer token and CSRF token. */
enum err session_create(struct store *s, int64_t member, char token[TOKEN_CHARS + 1],
                        char csrf[CSRF_CHARS + 1]);
/* Resolves a token.  E_UNAUTHENTICATED when unknown or expired. */
enum err session_lookup(struct store *s, const char *token, struct session *out);
enum err session_end(struct store *s, const char *token);

/* Changes the password after checking the current one; ends every other
 * session of the member (keep_token stays). */
enum err account_change_password(struct store *s, int64_t member, const char *current,
                                 const char *next, const char *keep_token, struct fail *f);
/* Deletes the member and everything they own, after checking the password. */
enum err account_delete(struct store *s, int64_t member, const char *password, struct fail *f);
/* The two halves of account_delete, so a caller can check the password (a
 * slow Argon2id verify) before taking the writer lock for the removal. */
enum err account_check_password(struct store *s, int64_t member, const char *password,
                                struct fail *f);
enum err account_remove(struct store *s, int64_t member, struct fail *f);
/* True for basic, premium, recruiter, admin. */
bool account_kind_valid(const char *kind);
/* Sets the account kind (basic, premium, recruiter, admin). */
enum err account_set_kind(struct store *s, int64_t member, const char *kind, struct fail *f);

#endif
