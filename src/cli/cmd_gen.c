/* cmd_gen — `ties gen`: a synthetic professional network (graph/gen.h) into
 * the store, for benchmarks and load tests. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "graph/gen.h"
#include "social/bulk.h"

static const char usage[] =
    "usage: ties gen --members N [--avg-degree D] [--seed S] [--db PATH]\n"
    "\n"
    "Generates a professional network (companies and cities of Zipf-like sizes,\n"
    "colleagues, triadic closure, heavy-tailed degrees) and stores it: members\n"
    "gen-<n> with a position at their company and a city, and their connections.\n"
    "Deterministic for a seed.  Defaults: --avg-degree 150, --seed 1.\n";

static const char *const titles[] = {
    "Software engineer", "Lean consultant",     "Project manager", "Sales manager",
    "Controller",        "Product owner",       "Data analyst",    "Production engineer",
    "HR partner",        "Key account manager", "Designer",        "Supply chain planner",
};

int cmd_gen(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"members", required_argument, NULL, 'm'},
	    {"avg-degree", required_argument, NULL, 'a'},
	    {"seed", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = cli_db_default();
	struct gen_params p = {.members = 0, .avg_degree = 150, .seed = 1};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		long v;
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'm':
			if ((v = cli_int(optarg, 2, 100000000)) < 0) {
				fputs("ties gen: --members takes 2 to 100000000\n", stderr);
				return 2;
			}
			p.members = (uint32_t)v;
			break;
		case 'a':
			if ((v = cli_int(optarg, 1, 30000)) < 0) {
				fputs("ties gen: --avg-degree takes 1 to 30000\n", stderr);
				return 2;
			}
			p.avg_degree = (double)v;
			break;
		case 's':
			if ((v = cli_int(optarg, 0, 2147483647L)) < 0) {
				fputs("ties gen: --seed takes 0 to 2147483647\n", stderr);
				return 2;
			}
			p.seed = (uint64_t)v;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!p.members || optind < argc) {
		fprintf(stderr, "ties gen: --members is required\n%s", usage);
		return 2;
	}
	struct fail f = {0};
	struct gen_network net;
	uint64_t t0 = clock_mono_ns();
	if (gen_run(&p, &net, &f))
		return cli_fail("gen", &f);
	double gen_s = (double)(clock_mono_ns() - t0) / 1e9;
	struct store *s;
	if (store_open(&s, db, &f)) {
		gen_network_release(&net);
		return cli_fail("cannot open the store", &f);
	}
	FILE *progress = isatty(2) ? stderr : NULL;
	struct bulk b;
	int rc = 0;
	if (bulk_begin(&b, s, "gen", progress, &f)) {
		rc = cli_fail("gen", &f);
		goto out;
	}
	int64_t *ids = xcalloc(net.members, sizeof *ids);
	struct buf company, city;
	buf_init(&company, 256);
	buf_init(&city, 256);
	enum err e = E_OK;
	for (uint32_t i = 0; !e && i < net.members; i++) {
		char handle[32], email[64], name[48], headline[160];
		buf_reset(&company);
		buf_reset(&city);
		gen_company_name(net.company[i], &company);
		gen_city_name(net.city[i], &city);
		const char *title = titles[(i * 2654435761u) % (sizeof titles / sizeof titles[0])];
		snprintf(handle, sizeof handle, "gen-%u", i);
		snprintf(email, sizeof email, "gen-%u@gen.invalid", i);
		snprintf(name, sizeof name, "Member %u", i);
		snprintf(headline, sizeof headline, "%s at %s", title, company.p);
		struct bulk_member m = {.handle = handle,
		                        .display_name = name,
		                        .email = email,
		                        .headline = headline,
		                        .location = city.p,
		                        .title = title,
		                        .company = company.p};
		e = bulk_member(&b, &m, &ids[i], &f);
		bulk_progress(&b, "members", i + 1, net.members);
	}
	for (uint64_t i = 0; !e && i < net.edges; i++) {
		e = bulk_connect(&b, ids[net.edge[i].a], ids[net.edge[i].b], 0, &f);
		bulk_progress(&b, "connections", i + 1, net.edges);
	}
	buf_release(&company);
	buf_release(&city);
	free(ids);
	if (bulk_end(&b, !e, &f) || e) {
		rc = cli_fail("gen (nothing was stored)", &f);
		goto out;
	}
	printf("{\"members\":%u,\"connections\":%llu,\"companies\":%u,\"cities\":%u,"
	       "\"generate_seconds\":%.2f,\"total_seconds\":%.2f}\n",
	       net.members, (unsigned long long)net.edges, net.companies, net.cities, gen_s,
	       (double)(clock_mono_ns() - t0) / 1e9);
out:
	store_close(s);
	gen_network_release(&net);
	return rc;
}
