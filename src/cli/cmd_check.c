/* cmd_check — `ties check`: proves the derived state agrees with the store.
 * Offline it checks the store's own invariants (what the indexes assume) and
 * that the network index built from it is consistent; with --url it asks a
 * running server to rebuild its indexes from the store and compare them with
 * the live ones (GET /api/v1/admin/check, an admin's token in $TIES_TOKEN). */
#include <getopt.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "graph/graph.h"
#include "social/ties.h"
#include "store/store.h"

static const char usage[] =
    "usage: ties check [--db PATH] [--url http://HOST:PORT]\n"
    "\n"
    "Checks the store's invariants and the network index built from it; with\n"
    "--url also asks the running server to compare its live indexes with ones\n"
    "rebuilt from the store (needs an admin's bearer token in $TIES_TOKEN).\n"
    "Prints one JSON line; exits 1 when anything disagrees.\n";

static const struct {
	const char *name, *sql;
} invariants[] = {
    {"connections_ordered", "SELECT count(*) FROM connections WHERE a >= b"},
    {"no_connection_across_a_block",
     "SELECT count(*) FROM connections c JOIN blocks k ON (k.blocker = c.a AND k.blocked = c.b) "
     "OR (k.blocker = c.b AND k.blocked = c.a)"},
    {"no_explicit_follow_between_connections",
     "SELECT count(*) FROM follows f JOIN connections c ON (c.a = f.follower AND c.b = "
     "f.followee) OR (c.b = f.follower AND c.a = f.followee)"},
    {"unfollows_only_between_connections",
     "SELECT count(*) FROM unfollows u WHERE NOT EXISTS (SELECT 1 FROM connections c WHERE "
     "(c.a = u.member AND c.b = u.other) OR (c.b = u.member AND c.a = u.other))"},
    {"no_open_invitation_between_connections",
     "SELECT count(*) FROM invitations i JOIN connections c ON (c.a = i.sender AND c.b = "
     "i.recipient) OR (c.b = i.sender AND c.a = i.recipient) WHERE i.status IN "
     "('pending','ignored')"},
    {"no_follow_across_a_block",
     "SELECT count(*) FROM follows f JOIN blocks k ON (k.blocker = f.follower AND k.blocked = "
     "f.followee) OR (k.blocker = f.followee AND k.blocked = f.follower)"},
};

/* GET url+path with a bearer token; the body goes to out.  Returns the HTTP
 * status or -1. */
static int http_get(const char *url, const char *path, const char *token, struct buf *out)
{
	char host[256], port[8] = "80";
	if (strncmp(url, "http://", 7) != 0)
		return -1;
	const char *h = url + 7;
	size_t hl = strcspn(h, ":/");
	if (hl == 0 || hl >= sizeof host)
		return -1;
	memcpy(host, h, hl);
	host[hl] = '\0';
	if (h[hl] == ':')
		snprintf(port, sizeof port, "%.*s", (int)strcspn(h + hl + 1, "/"), h + hl + 1);
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *ai = NULL;
	if (getaddrinfo(host, port, &hints, &ai) != 0)
		return -1;
	int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	int status = -1;
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) != 0)
		goto out;
	char req[1024];
	int n = snprintf(req, sizeof req,
	                 "GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
	                 "Connection: close\r\n\r\n",
	                 path, host, token ? token : "");
	if (n < 0 || (size_t)n >= sizeof req || write(fd, req, (size_t)n) != n)
		goto out;
	char chunk[4096];
	ssize_t got;
	while ((got = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)got);
	if (out->p && sscanf(out->p, "HTTP/1.%*d %d", &status) != 1)
		status = -1;
out:
	if (fd >= 0)
		close(fd);
	freeaddrinfo(ai);
	return status;
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"url", required_argument, NULL, 'u'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = cli_db_default(), *url = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			db = optarg;
		} else if (c == 'u') {
			url = optarg;
		} else if (c == 'h') {
			fputs(usage, stdout);
			return 0;
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ties check: unexpected argument '%s'\n%s", argv[optind], usage);
		return 2;
	}
	struct store *s;
	struct fail f = {0};
	if (store_open(&s, db, &f))
		return cli_fail("cannot open the store", &f);
	bool ok = true;
	printf("{\"store\":{");
	for (size_t i = 0; i < sizeof invariants / sizeof invariants[0]; i++) {
		int64_t bad = -1;
		store_int(s, &bad, invariants[i].sql, 0, NULL);
		printf("%s\"%s\":%lld", i ? "," : "", invariants[i].name, (long long)bad);
		ok = ok && bad == 0;
	}
	printf("}");
	/* The index built from the store, twice: bulk loading must be
	 * deterministic, and its edge count must match the rows. */
	struct graph g1, g2;
	graph_init(&g1);
	graph_init(&g2);
	int64_t rows = -1;
	store_int(s, &rows, "SELECT count(*) FROM connections", 0, NULL);
	bool built = !ties_load_graph(s, &g1, &f) && !ties_load_graph(s, &g2, &f);
	bool same = built && graph_equal(&g1, &g2, NULL);
	printf(",\"index\":{\"members\":%u,\"connections\":%llu,\"connection_rows\":%lld,"
	       "\"rebuild_equal\":%s}",
	       graph_size(&g1), (unsigned long long)graph_edge_count(&g1), (long long)rows,
	       same ? "true" : "false");
	ok = ok && same && (int64_t)graph_edge_count(&g1) == rows;
	graph_release(&g1);
	graph_release(&g2);
	store_close(s);
	if (url) {
		struct buf body;
		buf_init(&body, 1u << 20);
		int status = http_get(url, "/api/v1/admin/check", getenv("TIES_TOKEN"), &body);
		const char *json = body.p ? strstr(body.p, "\r\n\r\n") : NULL;
		printf(",\"server\":%s", status == 200 && json ? json + 4 : "null");
		if (status != 200) {
			fprintf(stderr, "ties check: %s answered %d%s\n", url, status,
			        status == 401 || status == 403
			            ? " (set TIES_TOKEN to an admin's token)"
			            : "");
			ok = false;
		} else {
			ok = ok && strstr(json, "\"equal\":true") &&
			     !strstr(json, "\"equal\":false");
		}
		buf_release(&body);
	}
	printf(",\"ok\":%s}\n", ok ? "true" : "false");
	return ok ? 0 : 1;
}
