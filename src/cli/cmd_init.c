/* cmd_init — `ties init`: create the database (or migrate it) and exit. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "store/store.h"

static const char usage[] =
    "usage: ties init [--db PATH]\n"
    "\n"
    "Creates the SQLite database (default $TIES_DB or ties.db) and applies\n"
    "every migration; on an existing database applies the missing ones.\n";

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = cli_db_default();
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			db = optarg;
		} else if (c == 'h') {
			fputs(usage, stdout);
			return 0;
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ties init: unexpected argument '%s'\n%s", argv[optind], usage);
		return 2;
	}
	struct store *s;
	struct fail f = {0};
	if (store_open(&s, db, &f))
		return cli_fail("init", &f);
	printf("ties: %s is at schema version %d\n", db, store_schema_version(s));
	store_close(s);
	return 0;
}
