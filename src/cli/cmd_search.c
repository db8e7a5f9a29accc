/* cmd_search — `ties search --as HANDLE "query"`: the people search a member
 * would get, from indexes built from the store, as JSON lines. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/jw.h"
#include "cli/cli.h"
#include "social/people.h"
#include "social/ties.h"

static const char usage[] =
    "usage: ties search --as HANDLE [--filter KIND=VALUE]... [--degree 1|2|3] [--limit N]\n"
    "                   [--typeahead] [--db PATH] \"QUERY\"\n"
    "\n"
    "Prints the hits HANDLE would see, one JSON object a line, best first.\n"
    "KIND is company, past_company, location, industry, skill or language.\n"
    "--typeahead treats QUERY as the start of a name.\n";

int cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},     {"as", required_argument, NULL, 'a'},
	    {"filter", required_argument, NULL, 'f'}, {"degree", required_argument, NULL, 'g'},
	    {"limit", required_argument, NULL, 'l'},  {"typeahead", no_argument, NULL, 't'},
	    {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
	};
	static const char *const kinds[SX__COUNT] = {"company",  "past_company", "location",
	                                             "industry", "skill",        "language"};
	const char *db = cli_db_default(), *as = NULL;
	struct people_query q = {.limit = 20};
	bool typeahead = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		long v;
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'f': {
			const char *eq = strchr(optarg, '=');
			int k = -1;
			for (int i = 0; eq && i < SX__COUNT; i++)
				if (strlen(kinds[i]) == (size_t)(eq - optarg) &&
				    !strncmp(kinds[i], optarg, (size_t)(eq - optarg)))
					k = i;
			if (k < 0 || !eq[1]) {
				fprintf(stderr, "ties search: --filter wants KIND=VALUE\n%s",
				        usage);
				return 2;
			}
			q.filter[k] = eq + 1;
			break;
		}
		case 'g':
			if ((v = cli_int(optarg, 1, 3)) < 0) {
				fputs("ties search: --degree is 1, 2 or 3\n", stderr);
				return 2;
			}
			q.degree = (int)v;
			break;
		case 'l':
			if ((v = cli_int(optarg, 1, SEARCH_MAX_PAGE)) < 0) {
				fprintf(stderr, "ties search: --limit takes 1 to %d\n",
				        SEARCH_MAX_PAGE);
				return 2;
			}
			q.limit = (uint32_t)v;
			break;
		case 't':
			typeahead = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!as || optind + 1 != argc) {
		fprintf(stderr, "ties search: give --as HANDLE and one QUERY\n%s", usage);
		return 2;
	}
	q.q = argv[optind];
	struct ties t;
	struct fail f = {0};
	if (ties_open(&t, db, 1, NULL, &f))
		return cli_fail("cannot open the store", &f);
	struct store *s = store_pool_get(t.pool);
	int64_t viewer = 0;
	int rc = 0;
	if (store_int(s, &viewer, "SELECT id FROM members WHERE handle = $1", SARGS(SA_T(as)))) {
		fprintf(stderr, "ties search: no member with handle '%s'\n", as);
		rc = 1;
		goto out;
	}
	q.langs = people_langs(s, viewer);
	struct reader *rd = ties_reader_get(&t);
	enum err e = typeahead
	                 ? people_typeahead(&t, rd, viewer, q.q,
	                                    q.limit > SEARCH_MAX_TA ? SEARCH_MAX_TA : q.limit, &f)
	                 : people_search(&t, rd, viewer, &q, &f);
	if (e) {
		rc = cli_fail("search", &f);
	} else {
		struct buf b;
		buf_init(&b, 0);
		for (size_t i = 0; i < rd->res.nhits; i++) {
			const struct search_hit *h = &rd->res.hits[i];
			struct scur cur;
			store_query(
			    s, &cur,
			    "SELECT handle, display_name, headline FROM members WHERE id = $1",
			    SARGS(SA_I(h->member)));
			if (!scur_next(&cur)) {
				scur_close(&cur);
				continue;
			}
			struct jw w;
			buf_reset(&b);
			jw_init(&w, &b);
			jw_obj(&w);
			jw_kstr(&w, "handle", scur_text(&cur, 0));
			jw_kstr(&w, "display_name", scur_text(&cur, 1));
			jw_kstr(&w, "headline", scur_text(&cur, 2));
			static const char *const tiers[] = {"1st", "2nd", "group", "3rd", "out"};
			jw_kstr(&w, "tier", h->tier >= 0 && h->tier <= 4 ? tiers[h->tier] : "?");
			jw_kdouble(&w, "score", h->score);
			jw_key(&w, "matched");
			jw_arr(&w);
			for (int k = 0; k < SF__COUNT; k++)
				if (h->fields & (1u << k))
					jw_str(&w, search_field_name((enum search_field)k));
			jw_end(&w);
			jw_end(&w);
			scur_close(&cur);
			puts(b.p);
		}
		buf_release(&b);
	}
	ties_reader_put(&t, rd);
out:
	store_pool_put(t.pool, s);
	ties_close(&t);
	return rc;
}
