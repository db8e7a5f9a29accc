/* server — libmicrohttpd glue. */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "api/api.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/mem.h"
#include "http/static.h"

struct http_server {
	struct MHD_Daemon *d;
	struct ties *t;
	int port;
	struct web_files *web;
};

struct pending {
	struct buf body;
	bool too_large;
};

static const char *get_header(void *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

static const char *get_query(void *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

static void client_ip(struct MHD_Connection *conn, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, cap, "-");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
		          (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		          out, (socklen_t)cap);
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, struct resp *r, const char *method)
{
	size_t len = 0;
	char *body = buf_detach(&r->body, &len);
	if (r->status == 204 || strcmp(method, "HEAD") == 0)
		len = 0;
	struct MHD_Response *mr =
	    MHD_create_response_from_buffer_with_free_callback(len, body, free);
	if (!mr) {
		free(body);
		return MHD_NO;
	}
	if (r->status != 204)
		MHD_add_response_header(mr, "Content-Type", r->content_type);
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(mr, "Referrer-Policy", "same-origin");
	MHD_add_response_header(mr, "X-Frame-Options", "DENY");
	bool has_cache = false;
	for (int i = 0; i < r->n_headers; i++) {
		MHD_add_response_header(mr, r->headers[i].name, r->headers[i].value);
		has_cache = has_cache || strcmp(r->headers[i].name, "Cache-Control") == 0;
	}
	if (!has_cache)
		MHD_add_response_header(mr, "Cache-Control", "no-store");
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	return ret;
}

static void healthz(struct ties *t, struct resp *r)
{
	struct store *st = store_pool_get(t->pool);
	int64_t one = 0;
	enum err e = store_int(st, &one, "SELECT 1", 0, NULL);
	store_pool_put(t->pool, st);
	r->status = e ? 503 : 200;
	buf_adds(&r->body, e ? "{\"status\":\"store unavailable\"}" : "{\"status\":\"ok\"}");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct http_server *srv = cls;
	struct pending *p = *con_cls;
	if (!p) {
		p = xcalloc(1, sizeof *p);
		buf_init(&p->body, API_MAX_BODY);
		*con_cls = p;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!p->too_large) {
			buf_add(&p->body, upload_data, *upload_data_size);
			if (p->body.over) {
				p->too_large = true;
				buf_release(&p->body);
				buf_init(&p->body, 1);
			}
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	struct resp r;
	resp_init(&r);
	if (strcmp(url, "/healthz") == 0) {
		healthz(srv->t, &r);
	} else if (strncmp(url, "/api/", 5) == 0) {
		char ip[64];
		client_ip(conn, ip, sizeof ip);
		struct req q = {.method = method,
		                .path = url,
		                .body = p->body.p ? p->body.p : "",
		                .body_len = p->body.n,
		                .body_too_large = p->too_large,
		                .ip = ip,
		                .header = get_header,
		                .query = get_query,
		                .conn = conn};
		api_handle(srv->t, &q, &r);
	} else {
		web_serve(srv->web, method, url, &r);
	}
	enum MHD_Result ret = send_resp(conn, &r, method);
	resp_release(&r);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)conn, (void)toe;
	struct pending *p = *con_cls;
	if (!p)
		return;
	buf_release(&p->body);
	free(p);
	*con_cls = NULL;
}

enum err http_start(struct http_server **out, struct ties *t, const struct http_config *cfg,
                    struct fail *f)
{
	struct http_server *s = xcalloc(1, sizeof *s);
	s->t = t;
	s->web = web_open(cfg->web_root);
	struct sockaddr_in addr = {0};
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
		web_close(s->web);
		free(s);
		return fail_set(f, E_BAD_FIELD, "listen", "not an IPv4 address: %s", cfg->host);
	}
	s->d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    on_request, s, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)cfg->threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)(64 * 1024), MHD_OPTION_END);
	if (!s->d) {
		web_close(s->web);
		free(s);
		return fail_set(f, E_UNAVAILABLE, "listen", "cannot listen on %s:%d", cfg->host,
		                cfg->port);
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : cfg->port;
	*out = s;
	return E_OK;
}

int http_port(const struct http_server *s)
{
	return s->port;
}

void http_stop(struct http_server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->d);
	web_close(s->web);
	free(s);
}
