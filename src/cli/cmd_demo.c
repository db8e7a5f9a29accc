/* cmd_demo — `ties demo`: load the demo network into a database. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "social/account.h"
#include "social/demo_load.h"

static const char usage[] =
    "usage: ties demo [--db PATH] [--members N] [--seed S]\n"
    "\n"
    "Loads the demo network (members of Nordvik Systems and its customers and\n"
    "partners, their profiles and connections) into the database.  The same\n"
    "seed always gives the same data.  Refuses if a demo member exists already.\n"
    "Sign in as " DEMO_EMAIL " with password " DEMO_PASSWORD ".\n";

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"members", required_argument, NULL, 'm'},
	    {"seed", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = cli_db_default();
	long members = DEMO_DEFAULT_MEMBERS, seed = DEMO_DEFAULT_SEED;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'm':
			if ((members = cli_int(optarg, 1, 100000)) < 0) {
				fputs("ties demo: --members takes 1 to 100000\n", stderr);
				return 2;
			}
			break;
		case 's':
			if ((seed = cli_int(optarg, 0, 2147483647L)) < 0) {
				fputs("ties demo: --seed takes a number from 0 to 2147483647\n",
				      stderr);
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
		fprintf(stderr, "ties demo: unexpected argument '%s'\n%s", argv[optind], usage);
		return 2;
	}
	struct ties t;
	struct fail f = {0};
	if (ties_open(&t, db, 1, NULL, &f))
		return cli_fail("cannot open the store", &f);
	struct store *s = store_pool_get(t.pool);
	struct demo_summary sum;
	enum err e = demo_load(s, (size_t)members, (uint64_t)seed, &sum, &f);
	store_pool_put(t.pool, s);
	ties_close(&t);
	if (e)
		return cli_fail("demo", &f);
	printf("{\"members\":%zu,\"connections\":%zu,\"follows\":%zu,\"invitations\":%zu}\n",
	       sum.members, sum.connections, sum.follows, sum.invitations);
	return 0;
}
