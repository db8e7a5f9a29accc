/* cmd_serve — `ties serve`: open the store, load indexes, serve HTTP until
 * SIGINT/SIGTERM. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/log.h"
#include "cli/cli.h"
#include "http/server.h"
#include "social/demo_load.h"
#include "social/ties.h"

static const char usage[] =
    "usage: ties serve [--db PATH] [--listen ADDR:PORT] [--threads N] [--web DIR] [--demo]\n"
    "                  [--invite-limit N]\n"
    "\n"
    "  --db PATH           SQLite database (default $TIES_DB or ties.db); created if absent\n"
    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; port 0 = any free port)\n"
    "  --threads N         HTTP worker threads (default 4)\n"
    "  --web DIR           built web application (default web/dist when present)\n"
    "  --demo              load the demo network when the database has no members\n"
    "  --invite-limit N    invitations a member may send per week (default 100)\n";

/* Parses "host:port" into host (cap bytes) and port. */
static bool parse_listen(const char *s, char *host, size_t cap, int *port)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || (size_t)(colon - s) >= cap)
		return false;
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || p < 0 || p > 65535)
		return false;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	*port = (int)p;
	return true;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"listen", required_argument, NULL, 'l'},
	    {"threads", required_argument, NULL, 't'},
	    {"web", required_argument, NULL, 'w'},
	    {"demo", no_argument, NULL, 'D'},
	    {"invite-limit", required_argument, NULL, 'i'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = cli_db_default(), *listen = "127.0.0.1:8080", *web = NULL;
	int threads = 4;
	bool demo = false;
	struct ties_config tcfg;
	ties_config_defaults(&tcfg);
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 't':
			threads = (int)cli_int(optarg, 1, 64);
			if (threads < 0) {
				fprintf(stderr, "ties serve: --threads takes 1 to 64\n");
				return 2;
			}
			break;
		case 'w':
			web = optarg;
			break;
		case 'D':
			demo = true;
			break;
		case 'i':
			tcfg.invites_per_week = (int)cli_int(optarg, 1, 100000);
			if (tcfg.invites_per_week < 0) {
				fprintf(stderr, "ties serve: --invite-limit takes 1 to 100000\n");
				return 2;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ties serve: unexpected argument '%s'\n%s", argv[optind], usage);
		return 2;
	}
	struct http_config cfg = {.threads = threads};
	char host[64];
	if (!parse_listen(listen, host, sizeof host, &cfg.port)) {
		fprintf(stderr, "ties serve: --listen wants ADDR:PORT, e.g. 127.0.0.1:8080\n");
		return 2;
	}
	cfg.host = host;
	struct stat st;
	if (!web && stat("web/dist/index.html", &st) == 0)
		web = "web/dist";
	cfg.web_root = web;

	/* Block the stop signals before any thread starts, so that only the
	 * main thread receives them (in sigwait below). */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	struct ties t;
	struct fail f = {0};
	if (ties_open(&t, db, threads + 2, &tcfg, &f))
		return cli_fail("cannot open the store", &f);
	int rc = 1;
	if (demo) {
		struct demo_summary sum;
		if (demo_load_if_empty(&t, &sum, &f)) {
			cli_fail("cannot load the demo data", &f);
			goto out;
		}
		if (sum.loaded)
			log_info("demo: loaded %zu members, %zu connections", sum.members,
			         sum.connections);
	}
	struct http_server *srv = NULL;
	if (http_start(&srv, &t, &cfg, &f)) {
		cli_fail("cannot start the HTTP server", &f);
		goto out;
	}
	printf("ties: listening on http://%s:%d\n", host, http_port(srv));
	if (demo)
		printf("ties: demo sign-in: %s / %s\n", DEMO_EMAIL, DEMO_PASSWORD);
	fflush(stdout);
	int sig = 0;
	sigwait(&stop, &sig);
	log_info("ties: stopping on signal %d", sig);
	http_stop(srv);
	rc = 0;
out:
	ties_close(&t);
	return rc;
}
