/* cmd_ldbc — `ties ldbc`: load the LDBC Social Network Benchmark's data,
 * answer its IC1, IC13 and IC14 queries from substitution-parameter files,
 * and draw new parameter rows. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "cli/cli.h"
#include "ldbc/ldbc.h"
#include "social/account.h"
#include "social/ties.h"

static const char usage[] =
    "usage: ties ldbc load DIR [--db PATH]\n"
    "       ties ldbc query QUERY [--db PATH] < PARAMS\n"
    "       ties ldbc params QUERY [--db PATH] [--count N] [--seed S]\n"
    "\n"
    "load    loads an LDBC SNB Interactive v1 data set (layout CsvMergeForeign or\n"
    "        CsvComposite) in one transaction: persons become members (handle\n"
    "        ldbc-<id>, no password), knows become connections, study and work\n"
    "        places education and positions, interests skills, and replies between\n"
    "        persons interaction counts.  A malformed file changes nothing.\n"
    "query   QUERY is ic1, ic13 or ic14.  Reads a substitution-parameter file\n"
    "        (a '|'-separated header line, then rows) and prints one JSON array\n"
    "        per row.  Dates are epoch milliseconds.\n"
    "params  prints N (default 100) parameter rows for QUERY drawn from the loaded\n"
    "        persons with seed S (default 1): the same seed gives the same rows.\n";

struct opts {
	const char *db;
	long count, seed;
};

/* Parses the options after the subcommand; returns the index of the first
 * operand, or -1 after printing a usage error (-2 for --help). */
static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"count", required_argument, NULL, 'n'},
	    {"seed", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'n':
			if ((o->count = cli_int(optarg, 1, 1000000)) < 0) {
				fputs("ties ldbc: --count takes 1 to 1000000\n", stderr);
				return -1;
			}
			break;
		case 's':
			if ((o->seed = cli_int(optarg, 0, 2147483647L)) < 0) {
				fputs("ties ldbc: --seed takes 0 to 2147483647\n", stderr);
				return -1;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			return -2;
		default:
			fputs(usage, stderr);
			return -1;
		}
	}
	return optind;
}

static int do_load(const char *dir, const struct opts *o)
{
	struct store *s;
	struct fail f = {0};
	if (!account_init()) {
		fputs("ties: ldbc load: cannot initialise libsodium\n", stderr);
		return 1;
	}
	if (store_open(&s, o->db, &f))
		return cli_fail("cannot open the store", &f);
	struct ldbc_counts n;
	enum err e = ldbc_load(s, dir, isatty(STDERR_FILENO), &n, &f);
	store_close(s);
	if (e)
		return cli_fail("ldbc load", &f);
	printf("{\"persons\":%zu,\"knows\":%zu,\"emails\":%zu,\"languages\":%zu,\"study\":%zu,"
	       "\"work\":%zu,\"interests\":%zu,\"skills_dropped\":%zu,\"posts\":%zu,"
	       "\"comments\":%zu,\"replies\":%zu,\"interactions\":%zu}\n",
	       n.persons, n.knows, n.emails, n.languages, n.study, n.work, n.interests,
	       n.skills_dropped, n.posts, n.comments, n.replies, n.interactions);
	return 0;
}

/* Opens the store and builds the network index and the side structure. */
static int open_all(const struct opts *o, struct graph *g, struct ldbc **x)
{
	struct store *s;
	struct fail f = {0};
	graph_init(g);
	if (store_open(&s, o->db, &f))
		return cli_fail("cannot open the store", &f);
	enum err e = ties_load_graph(s, g, &f);
	if (!e)
		e = ldbc_open(x, s, &f);
	store_close(s);
	if (e) {
		graph_release(g);
		return cli_fail("ldbc", &f);
	}
	return 0;
}

static int do_query(enum ldbc_query q, const struct opts *o)
{
	struct graph g;
	struct ldbc *x;
	if (open_all(o, &g, &x))
		return 1;
	struct fail f = {0};
	enum err e = ldbc_run(x, &g, q, stdin, stdout, &f);
	ldbc_free(x);
	graph_release(&g);
	if (e)
		return cli_fail("ldbc query", &f);
	return 0;
}

static int do_params(enum ldbc_query q, const struct opts *o)
{
	struct graph g;
	struct ldbc *x;
	if (open_all(o, &g, &x))
		return 1;
	struct ldbc_param *rows = xcalloc((size_t)o->count, sizeof *rows);
	int rc = 0;
	size_t n = ldbc_params_generate(x, q, (size_t)o->count, (uint64_t)o->seed, rows);
	if (n == 0) {
		fputs("ties ldbc params: no LDBC persons in the database\n", stderr);
		rc = 1;
		goto out;
	}
	ldbc_params_write(stdout, q, rows, n);
out:
	free(rows);
	ldbc_free(x);
	graph_release(&g);
	return rc;
}

int cmd_ldbc(int argc, char **argv)
{
	struct opts o = {cli_db_default(), 100, 1};
	int first = parse(argc, argv, &o);
	if (first == -2)
		return 0;
	if (first < 0)
		return 2;
	int nargs = argc - first;
	const char *sub = nargs > 0 ? argv[first] : "";
	if (!strcmp(sub, "load") && nargs == 2)
		return do_load(argv[first + 1], &o);
	enum ldbc_query q;
	bool query = !strcmp(sub, "query"), params = !strcmp(sub, "params");
	if ((query || params) && nargs == 2) {
		if (!ldbc_query_parse(argv[first + 1], &q)) {
			fprintf(stderr, "ties ldbc: unknown query '%s' (ic1, ic13 or ic14)\n",
			        argv[first + 1]);
			return 2;
		}
		return query ? do_query(q, &o) : do_params(q, &o);
	}
	fputs(usage, stderr);
	return 2;
}
