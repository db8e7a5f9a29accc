/* api — the JSON API under /api/v1: requests in, responses out, independent
 * of the HTTP library.  The http layer fills `struct req` and sends `struct
 * resp`; api_handle() routes by the table in routes.c, authenticates, checks
 * CSRF for cookie sessions, runs the handler and turns any failure into an
 * application/problem+json body with the stable code and the field at fault. */
#ifndef TIES_API_API_H
#define TIES_API_API_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/jw.h"
#include "social/account.h"
#include "social/ties.h"

#define API_MAX_BODY   (256u * 1024)
#define API_MAX_PARAMS 4

struct req {
	const char *method;
	const char *path;
	const char *body;
	size_t body_len;
	bool body_too_large;
	const char *ip;
	/* header and query lookups supplied by the http layer (NULL when absent) */
	const char *(*header)(void *conn, const char *name);
	const char *(*query)(void *conn, const char *name);
	void *conn;
};

#define RESP_MAX_HEADERS 6
struct resp {
	int status;
	struct buf body;
	const char *content_type;
	int n_headers;
	struct {
		const char *name;
		char value[320];
	} headers[RESP_MAX_HEADERS];
};

void resp_init(struct resp *r);
void resp_release(struct resp *r);
void resp_header(struct resp *r, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Per-request context handed to handlers. */
struct ctx {
	struct ties *t;
	struct store *st;
	const struct req *req;
	struct resp *resp;
	char params[API_MAX_PARAMS][128];
	int n_params;
	bool authed;
	bool via_cookie;
	char token[TOKEN_CHARS + 1];
	struct session sess;
	struct fail fail;
	struct jw w; /* writes into resp->body */
	int64_t retry_after_ms;
	struct reader *rd;        /* set between ctx_read_begin and ctx_read_end */
	struct graph_scratch *gs; /* &rd->gs */
};

/* Routes and handles one request.  Always fills resp. */
void api_handle(struct ties *t, const struct req *req, struct resp *resp);

/* Writes a problem+json response for failure f. */
void api_problem(struct resp *r, const struct fail *f, int64_t retry_after_ms);

/* Route table entry. */
enum auth_need { AUTH_NONE, AUTH_OPTIONAL, AUTH_MEMBER, AUTH_ADMIN };
typedef enum err (*handler_fn)(struct ctx *c);
struct route {
	const char *method;
	const char *pattern; /* "/api/v1/profiles/{handle}" */
	handler_fn fn;
	enum auth_need auth;
	const char *summary; /* one line, shown by `ties routes` and checked against OpenAPI */
};
extern const struct route api_routes[];
extern const size_t api_n_routes;

/* Handler helpers. */
const char *ctx_query(struct ctx *c, const char *name);
/* Starts a JSON object response with status (200, 201). */
void ctx_json(struct ctx *c, int status);
void ctx_no_content(struct ctx *c);
/* Holds the index read lock and a graph scratch area (c->gs) for views and
 * graph queries; api_handle ends it if the handler did not. */
void ctx_read_begin(struct ctx *c);
void ctx_read_end(struct ctx *c);
/* The signed-in member, or 0. */
int64_t ctx_viewer(const struct ctx *c);
/* Sets the session cookies (token empty = clear them). */
void ctx_set_session_cookies(struct ctx *c, const char *token, const char *csrf);

#endif
