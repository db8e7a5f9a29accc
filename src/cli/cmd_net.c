/* cmd_net — `ties net degree|mutual|path|size`: operator questions answered
 * by the same network index the server uses, built from the store, printed as
 * JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/jw.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "graph/graph.h"
#include "social/ties.h"
#include "store/store.h"

static const char usage[] =
    "usage: ties net degree A B [--db PATH]\n"
    "       ties net mutual A B [--db PATH]\n"
    "       ties net path A B [--db PATH]     (shortest path, any length)\n"
    "       ties net size A [--db PATH]       (1st, 2nd, 3rd degree counts)\n"
    "A and B are member handles.\n";

static int resolve(struct store *s, const char *handle, int64_t *id)
{
	if (store_int(s, id, "SELECT id FROM members WHERE handle = $1", SARGS(SA_T(handle)))) {
		fprintf(stderr, "ties net: no member with handle '%s'\n", handle);
		return 1;
	}
	return 0;
}

static void handle_of(struct store *s, uint32_t id, struct jw *w)
{
	struct scur c;
	store_query(s, &c, "SELECT handle FROM members WHERE id = $1", SARGS(SA_I(id)));
	if (scur_next(&c))
		jw_str(w, scur_text(&c, 0));
	else
		jw_null(w);
	scur_close(&c);
}

int cmd_net(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *q = argv[1], *db = cli_db_default();
	int c;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd') {
			fputs(usage, stderr);
			return 2;
		}
		db = optarg;
	}
	int want = !strcmp(q, "size")                                                     ? 1
	           : (!strcmp(q, "degree") || !strcmp(q, "mutual") || !strcmp(q, "path")) ? 2
	                                                                                  : 0;
	if (!want || argc - optind != want) {
		fprintf(stderr, "ties net: wrong question or arguments\n%s", usage);
		return 2;
	}
	struct store *s;
	struct fail f = {0};
	if (store_open(&s, db, &f))
		return cli_fail("cannot open the store", &f);
	int64_t a = 0, b = 0;
	int rc = resolve(s, argv[optind], &a);
	if (!rc && want == 2)
		rc = resolve(s, argv[optind + 1], &b);
	struct graph g;
	graph_init(&g);
	if (!rc && ties_load_graph(s, &g, &f))
		rc = cli_fail("loading the network", &f);
	if (rc)
		goto out;
	struct graph_scratch gs;
	graph_scratch_init(&gs);
	struct buf out;
	buf_init(&out, 0);
	struct jw w;
	jw_init(&w, &out);
	jw_obj(&w);
	uint64_t t0 = clock_mono_ns();
	if (!strcmp(q, "degree")) {
		int d = graph_degree(&g, &gs, (uint32_t)a, (uint32_t)b);
		jw_key(&w, "degree");
		d <= 3 ? jw_int(&w, d) : jw_null(&w);
	} else if (!strcmp(q, "mutual")) {
		uint32_t n = graph_mutual_count(&g, (uint32_t)a, (uint32_t)b);
		uint32_t *ids = xcalloc(n + 1, sizeof *ids);
		graph_mutual(&g, (uint32_t)a, (uint32_t)b, ids, n);
		jw_kint(&w, "count", n);
		jw_key(&w, "members");
		jw_arr(&w);
		for (uint32_t i = 0; i < n; i++)
			handle_of(s, ids[i], &w);
		jw_end(&w);
		free(ids);
	} else if (!strcmp(q, "path")) {
		uint32_t n = graph_size(&g) + 1;
		uint32_t *path = xcalloc(n, sizeof *path);
		int hops = graph_path(&g, &gs, (uint32_t)a, (uint32_t)b, 0, path, (int)n);
		jw_key(&w, "hops");
		hops >= 0 ? jw_int(&w, hops) : jw_null(&w);
		jw_key(&w, "path");
		if (hops >= 0) {
			jw_arr(&w);
			for (int i = 0; i <= hops; i++)
				handle_of(s, path[i], &w);
			jw_end(&w);
		} else {
			jw_null(&w);
		}
		free(path);
	} else {
		uint64_t n1, n2, n3;
		graph_network_size(&g, &gs, (uint32_t)a, &n1, &n2, &n3);
		jw_kint(&w, "first", (int64_t)n1);
		jw_kint(&w, "second", (int64_t)n2);
		jw_kint(&w, "third", (int64_t)n3);
	}
	jw_kdouble(&w, "micros", (double)(clock_mono_ns() - t0) / 1e3);
	jw_end(&w);
	puts(out.p);
	buf_release(&out);
	graph_scratch_release(&gs);
out:
	graph_release(&g);
	store_close(s);
	return rc;
}
