/* api — routing, authentication, CSRF and problem+json for /api/v1. */
#include "api/api.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "base/mem.h"

void resp_init(struct resp *r)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->body, 8u << 20);
	r->status = 200;
	r->content_type = "application/json";
}

void resp_release(struct resp *r)
{
	buf_release(&r->body);
}

void resp_header(struct resp *r, const char *name, const char *fmt, ...)
{
	if (r->n_headers >= RESP_MAX_HEADERS)
		return;
	va_list ap;
	va_start(ap, fmt);
	r->headers[r->n_headers].name = name;
	vsnprintf(r->headers[r->n_headers].value, sizeof r->headers[0].value, fmt, ap);
	va_end(ap);
	r->n_headers++;
}

void api_problem(struct resp *r, const struct fail *f, int64_t retry_after_ms)
{
	enum err e = f->err ? f->err : E_INTERNAL;
	buf_reset(&r->body);
	r->status = err_status(e);
	r->content_type = "application/problem+json";
	struct jw w;
	jw_init(&w, &r->body);
	jw_obj(&w);
	jw_kstr(&w, "type", "about:blank");
	jw_kstr(&w, "title", err_message(e));
	jw_kint(&w, "status", r->status);
	jw_kstr(&w, "code", err_code(e));
	jw_kstr(&w, "detail", f->detail ? f->detail : err_message(e));
	if (f->field)
		jw_kstr(&w, "field", f->field);
	if (e == E_RATE_LIMITED && retry_after_ms > 0) {
		int64_t s = (retry_after_ms + 999) / 1000;
		jw_kint(&w, "retry_after", s);
		resp_header(r, "Retry-After", "%lld", (long long)s);
	}
	jw_end(&w);
}

const char *ctx_query(struct ctx *c, const char *name)
{
	return c->req->query ? c->req->query(c->req->conn, name) : NULL;
}

void ctx_json(struct ctx *c, int status)
{
	c->resp->status = status;
	jw_obj(&c->w);
}

void ctx_no_content(struct ctx *c)
{
	c->resp->status = 204;
}

void ctx_read_begin(struct ctx *c)
{
	if (c->gs)
		return;
	pthread_rwlock_rdlock(&c->t->index_lock);
	c->rd = ties_reader_get(c->t);
	c->gs = &c->rd->gs;
}

void ctx_read_end(struct ctx *c)
{
	if (!c->gs)
		return;
	ties_reader_put(c->t, c->rd);
	c->rd = NULL;
	c->gs = NULL;
	pthread_rwlock_unlock(&c->t->index_lock);
}

int64_t ctx_viewer(const struct ctx *c)
{
	return c->authed ? c->sess.member : 0;
}

void ctx_set_session_cookies(struct ctx *c, const char *token, const char *csrf)
{
	long max_age = token && *token ? (long)(SESSION_TTL_MS / 1000) : 0;
	resp_header(c->resp, "Set-Cookie",
	            "ties_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld",
	            token ? token : "", max_age);
	resp_header(c->resp, "Set-Cookie", "ties_csrf=%s; Path=/; SameSite=Lax; Max-Age=%ld",
	            csrf ? csrf : "", max_age);
}

/* Matches path against pattern; captures {params}.  Handles may not contain
 * '/'; captured values are at most 127 bytes. */
static bool match(const char *pattern, const char *path, struct ctx *c)
{
	c->n_params = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t n = strcspn(s, "/");
			if (!close || n == 0 || n >= sizeof c->params[0] ||
			    c->n_params >= API_MAX_PARAMS)
				return false;
			memcpy(c->params[c->n_params], s, n);
			c->params[c->n_params][n] = '\0';
			c->n_params++;
			p = close + 1;
			s += n;
			continue;
		}
		if (*p != *s)
			return false;
		p++, s++;
	}
	return *p == '\0' && *s == '\0';
}

/* Finds the value of cookie name in a Cookie header into out. */
static bool cookie_value(const char *header, const char *name, char *out, size_t cap)
{
	size_t nl = strlen(name);
	const char *p = header;
	while (p && *p) {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			p += nl + 1;
			size_t n = strcspn(p, ";");
			if (n >= cap)
				return false;
			memcpy(out, p, n);
			out[n] = '\0';
			return n > 0;
		}
		p = strchr(p, ';');
	}
	return false;
}

static bool state_changing(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD");
}

static enum err authenticate(struct ctx *c, enum auth_need need)
{
	const char *authz = c->req->header ? c->req->header(c->req->conn, "Authorization") : NULL;
	const char *cookie = c->req->header ? c->req->header(c->req->conn, "Cookie") : NULL;
	bool have = false;
	if (authz && strncasecmp(authz, "Bearer ", 7) == 0 && strlen(authz + 7) <= TOKEN_CHARS) {
		snprintf(c->token, sizeof c->token, "%s", authz + 7);
		have = c->token[0] != '\0';
	} else if (cookie && cookie_value(cookie, "ties_session", c->token, sizeof c->token)) {
		have = true;
		c->via_cookie = true;
	}
	if (have) {
		enum err e = session_lookup(c->st, c->token, &c->sess);
		if (e == E_OK)
			c->authed = true;
		else if (e != E_UNAUTHENTICATED)
			return fail_set(&c->fail, e, NULL, NULL);
	}
	if (!c->authed && need >= AUTH_MEMBER)
		return fail_set(&c->fail, E_UNAUTHENTICATED, NULL,
		                have ? "your session has ended; sign in again" : "sign in first");
	if (need == AUTH_ADMIN && strcmp(c->sess.kind, "admin") != 0)
		return fail_set(&c->fail, E_FORBIDDEN, NULL, "administrators only");
	/* A cookie is sent by the browser on its own; a state-changing request
	 * riding on it must also carry the CSRF token the page read from the
	 * non-HttpOnly ties_csrf cookie. */
	if (c->authed && c->via_cookie && state_changing(c->req->method)) {
		const char *t = c->req->header(c->req->conn, "X-CSRF-Token");
		if (!t || strcmp(t, c->sess.csrf) != 0)
			return fail_set(&c->fail, E_CSRF, "X-CSRF-Token",
			                "missing or wrong X-CSRF-Token header");
	}
	return E_OK;
}

void api_handle(struct ties *t, const struct req *req, struct resp *resp)
{
	struct ctx *c = xcalloc(1, sizeof *c);
	c->t = t;
	c->req = req;
	c->resp = resp;
	jw_init(&c->w, &resp->body);
	const struct route *route = NULL;
	bool path_known = false;
	enum err e = E_OK;
	for (size_t i = 0; i < api_n_routes; i++) {
		if (!match(api_routes[i].pattern, req->path, c))
			continue;
		path_known = true;
		if (strcmp(api_routes[i].method, req->method) == 0) {
			route = &api_routes[i];
			break;
		}
	}
	if (!route) {
		e = fail_set(&c->fail, path_known ? E_METHOD : E_NOT_FOUND, NULL, NULL);
		goto out;
	}
	match(route->pattern, req->path, c);
	if (req->body_too_large) {
		e = fail_set(&c->fail, E_TOO_LARGE, NULL,
		             "the request body is larger than %u bytes", API_MAX_BODY);
		goto out;
	}
	if (req->body_len > 0) {
		const char *ct = req->header ? req->header(req->conn, "Content-Type") : NULL;
		if (!ct || strncasecmp(ct, "application/json", 16) != 0) {
			e = fail_set(&c->fail, E_MEDIA_TYPE, "Content-Type",
			             "send the body as application/json");
			goto out;
		}
	}
	c->st = store_pool_get(t->pool);
	if ((e = authenticate(c, route->auth)))
		goto out;
	e = route->fn(c);
	if (!e && resp->body.over)
		e = fail_set(&c->fail, E_INTERNAL, NULL, "the response grew too large");
out:
	ctx_read_end(c);
	if (e) {
		if (!c->fail.err)
			fail_set(&c->fail, e, NULL, NULL);
		if (err_status(c->fail.err) >= 500)
			log_error("%s %s: %s", req->method, req->path, c->fail.detail);
		api_problem(resp, &c->fail, c->retry_after_ms);
	}
	if (c->st)
		store_pool_put(t->pool, c->st);
	free(c);
}
