/* server — the HTTP front door on libmicrohttpd: collects a request (body
 * capped at API_MAX_BODY), hands it to the api layer, the static web files or
 * /healthz, and sends the response with the headers every response carries.
 * libmicrohttpd's internal thread pool serves connections; handlers take a
 * store connection from the pool for the length of one request. */
#ifndef TIES_HTTP_SERVER_H
#define TIES_HTTP_SERVER_H
#include "base/err.h"
#include "social/ties.h"

struct http_server;

struct http_config {
	const char *host; /* "127.0.0.1" */
	int port;         /* 0 = any free port */
	int threads;
	const char *web_root; /* directory of built web files, NULL = none */
};

enum err http_start(struct http_server **out, struct ties *t, const struct http_config *cfg,
                    struct fail *f);
int http_port(const struct http_server *s);
void http_stop(struct http_server *s);

#endif
