/* people_bench — `make bench`, the people-search part (issue 5): ties'
 * people search against SQLite FTS5 and PostgreSQL full-text search, each
 * ranking by network distance the way a user of that database would.
 * Driven by scripts/bench.sh on a store made by `ties gen`, in which the
 * script has built the FTS5 table bench_fts (kept with the store).
 *
 *   people_bench --db STORE [--pg CONNINFO] [--searchers N] [--peer-queries N]
 *                [--limit-ms MS] [--seed S] [--goals FILE]
 *
 * ties: the network index (ties_load_graph) and then the search index
 * (ties_load_search: profiles from the store into the index; timed, memory
 * from search_stats_get and the process RSS) are loaded into a struct ties
 * as the server holds them, and queries go through people_search and
 * people_typeahead with one struct reader, as a request does: the searcher's
 * network view (people.c: 1st and 2nd degree, the 3rd decided per candidate
 * and remembered) is built on their first query and reused by their next
 * one.  So each is measured twice:
 *   - a new searcher: a random member's first query (builds the view);
 *   - the same searcher: that member's next query (reuses it).
 * Searchers alternate which kind comes first, so each kind gets both.
 * Typeahead: a random searcher types 1 to 4 letters of a name word of a
 * random member, one call per keystroke; the first keystroke is a new
 * searcher, the others the same one.  Top 20, with facets as the server asks
 * (people_search computes them); not timed: HTTP, JSON, the searcher's
 * languages (a store lookup; these profiles declare none: English).
 *
 * Queries are made from random members' profiles (`ties gen`: headline
 * "<title> at <company>", a position, a city): one word — a word of a
 * title, a company's name or kind, or a city; two words — a two-word title,
 * a company's full name, or a title's last word and a city.
 *
 * Peers: the first --peer-queries of each kind (default 10; typeahead: one
 * keystroke each, 1 to 4 letters in turn), each once under a time limit
 * (default 20 s: each needs the searcher's whole third hop, so that the
 * time is measured rather than cut off), with the same tier order and top
 * 20: the searcher's
 * degrees from a recursive CTE over connections (3 hops, each member's
 * least distance; beyond = 4), joined with the text match, ordered by
 * degree, then relevance (bm25 with column weights / ts_rank), then id;
 * typeahead by degree, then name.  The tiers of each peer's top 20 are
 * compared with ties' ("same tiers").  Peers do less than ties: no privacy
 * or block rules (none in this data), no facets, no highlights.
 *
 * Goal lines are appended to --goals (the script prints them at the end). */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "graph/gen.h"
#include "graph/graph.h"
#include "search/search.h"
#include "social/people.h"
#include "social/ties.h"
#include "store/store.h"
#include "text/text.h"

#define TOP 20

enum kind { K_ONE, K_TWO, K_TA, K__N };
static const char *const k_name[K__N] = {"one-word query", "two-word query",
                                         "typeahead (1-4 letters of a name)"};
static const char *const k_id[K__N] = {"one", "two", "ta"};

/* One query and the tiers of ties' top 20 for it. */
struct sample {
	uint32_t searcher;
	char q[160];
	uint8_t tiers[TOP];
	uint8_t ntiers;
};

struct samples {
	struct sample *v;
	size_t n, cap;
};

static struct sample *sample_add(struct samples *s)
{
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	memset(&s->v[s->n], 0, sizeof s->v[s->n]);
	return &s->v[s->n++];
}

/* ---- queries from profiles ------------------------------------------------ */

struct prof {
	char name[64], city[64], title[64], company[64];
};

static void copy_lower(char *out, size_t cap, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < cap; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = 0;
}

static void load_prof(struct store *s, uint32_t m, struct prof *p)
{
	memset(p, 0, sizeof *p);
	struct scur c;
	store_query(s, &c,
	            "SELECT m.display_name, m.location, coalesce(p.title, ''), "
	            "coalesce(p.company, '') FROM members m LEFT JOIN positions p "
	            "ON p.member_id = m.id AND p.ord = 0 WHERE m.id = $1",
	            SARGS(SA_I(m)));
	if (scur_next(&c)) {
		copy_lower(p->name, sizeof p->name, scur_text(&c, 0));
		copy_lower(p->city, sizeof p->city, scur_text(&c, 1));
		copy_lower(p->title, sizeof p->title, scur_text(&c, 2));
		copy_lower(p->company, sizeof p->company, scur_text(&c, 3));
	}
	scur_close(&c);
}

/* The k-th space-separated word of s (the last one if k is past the end). */
static void word(const char *s, int k, char *out, size_t cap)
{
	const char *w = s, *p = s;
	for (int i = 0; i < k && (p = strchr(w, ' ')); i++)
		w = p + 1;
	size_t n = strcspn(w, " ");
	if (n >= cap)
		n = cap - 1;
	memcpy(out, w, n);
	out[n] = 0;
}

static int nwords(const char *s)
{
	int n = *s != 0;
	for (; *s; s++)
		n += *s == ' ';
	return n;
}

static void make_query(struct gen_rng *r, const struct prof *p, enum kind k, char *q, size_t cap)
{
	char a[64], b[64];
	if (k == K_ONE) {
		switch (gen_rng_below(r, 4)) {
		case 0:
			word(p->title, (int)gen_rng_below(r, (uint32_t)nwords(p->title)), q, cap);
			break;
		case 1:
			word(p->company, 0, q, cap);
			break;
		case 2:
			word(p->company, 1, q, cap);
			break;
		default:
			snprintf(q, cap, "%s", p->city);
		}
		return;
	}
	uint32_t how = gen_rng_below(r, 3);
	if (how == 0 && nwords(p->title) < 2)
		how = 2; /* one-word titles go with the city */
	if (how == 0) {
		word(p->title, 0, a, sizeof a);
		word(p->title, 1, b, sizeof b);
		snprintf(q, cap, "%s %s", a, b);
	} else if (how == 1) {
		snprintf(q, cap, "%s", p->company);
	} else {
		word(p->title, 99, a, sizeof a);
		snprintf(q, cap, "%s %s", a, p->city);
	}
}

/* ---- ties ------------------------------------------------------------------ */

static void keep_tiers(const struct reader *rd, struct sample *s)
{
	s->ntiers = 0;
	for (size_t i = 0; i < rd->res.nhits && i < TOP; i++)
		s->tiers[s->ntiers++] = (uint8_t)rd->res.hits[i].tier;
}

static uint64_t ties_query(struct ties *t, struct reader *rd, struct sample *s, enum kind k)
{
	struct fail f = {0};
	enum err e;
	uint64_t t0 = clock_mono_ns();
	if (k == K_TA) {
		e = people_typeahead(t, rd, s->searcher, s->q, TOP, &f);
	} else {
		struct people_query q = {.q = s->q, .limit = TOP, .langs = LANG_BIT(LANG_EN)};
		e = people_search(t, rd, s->searcher, &q, &f);
	}
	uint64_t ns = clock_mono_ns() - t0;
	if (e)
		fprintf(stderr, "people_bench: \"%s\": %s\n", s->q, f.detail);
	keep_tiers(rd, s);
	return ns;
}

/* ---- peers ----------------------------------------------------------------- */

/* SQLite: the degrees are looked up with IN (subquery), which SQLite runs
 * once into an indexed temporary table.  The plain LEFT JOIN of the FTS5
 * matches with the degrees CTE is planned (3.40) as a full scan of the
 * degrees for every match, with no automatic index: a query on 1,000,000
 * members did not end in ten minutes.  A user would have rewritten it so. */
#define SQ_DEG                                                                                     \
	"WITH RECURSIVE reach(m, d) AS (SELECT ?1, 0"                                              \
	" UNION SELECT c.b, r.d + 1 FROM reach r JOIN connections c ON c.a = r.m WHERE r.d < 3"    \
	" UNION SELECT c.a, r.d + 1 FROM reach r JOIN connections c ON c.b = r.m WHERE r.d < 3),"  \
	" deg(m, d) AS MATERIALIZED (SELECT m, min(d) FROM reach GROUP BY m) "
#define SQ_TIER(id)                                                                                \
	"CASE WHEN " id " IN (SELECT m FROM deg WHERE d = 1) THEN 1"                               \
	" WHEN " id " IN (SELECT m FROM deg WHERE d = 2) THEN 2"                                   \
	" WHEN " id " IN (SELECT m FROM deg WHERE d = 3) THEN 3 ELSE 4 END"

static const char *const sq_sql[K__N] = {
    SQ_DEG "SELECT bench_fts.rowid, " SQ_TIER(
        "bench_fts.rowid") " AS tier FROM bench_fts"
                           " WHERE bench_fts MATCH ?2 AND bench_fts.rowid <> ?1"
                           " ORDER BY tier, bm25(bench_fts, 3.0, 2.5, 1.0, 2.0, 1.5), "
                           "bench_fts.rowid LIMIT 20",
    NULL, /* the same */
    SQ_DEG "SELECT m.id, " SQ_TIER("m.id") " AS tier FROM bench_fts"
                                           " JOIN members m ON m.id = bench_fts.rowid"
                                           " WHERE bench_fts MATCH ?2 AND m.id <> ?1"
                                           " ORDER BY tier, m.display_name, m.id LIMIT 20",
};

#define PG_DEG                                                                                     \
	"WITH RECURSIVE reach(m, d) AS (SELECT $1::int, 0"                                         \
	" UNION SELECT c.y, r.d + 1 FROM reach r JOIN (SELECT a AS x, b AS y FROM connections"     \
	"  UNION ALL SELECT b, a FROM connections) c ON c.x = r.m WHERE r.d < 3),"                 \
	" deg AS (SELECT m, min(d) AS d FROM reach GROUP BY m) "

static const char *const pg_sql[K__N] = {
    PG_DEG "SELECT p.id, coalesce(deg.d, 4) AS tier"
           " FROM people p CROSS JOIN plainto_tsquery('english', $2) q"
           " LEFT JOIN deg ON deg.m = p.id"
           " WHERE p.doc @@ q AND p.id <> $1::int"
           " ORDER BY tier, ts_rank(p.doc, q) DESC, p.id LIMIT 20",
    NULL,
    PG_DEG "SELECT p.id, coalesce(deg.d, 4) AS tier FROM people p"
           " LEFT JOIN deg ON deg.m = p.id"
           " WHERE to_tsvector('simple', p.name) @@ to_tsquery('simple', $2) AND p.id <> $1::int"
           " ORDER BY tier, p.name, p.id LIMIT 20",
};

/* ties' tier of a peer's degree (1st 0, 2nd 1, 3rd 3, beyond 4). */
static uint8_t tier_of(int64_t d)
{
	return d == 1 ? 0 : d == 2 ? 1 : d == 3 ? 3 : 4;
}

/* The text the peer gets: FTS5 wants quoted words ("a" "b": both), a
 * name-column prefix for typeahead; PostgreSQL plain words (plainto_tsquery),
 * a prefix query for typeahead. */
static void peer_text(bool pg, enum kind k, const char *q, char *out, size_t cap)
{
	if (pg) {
		snprintf(out, cap, k == K_TA ? "%s:*" : "%s", q);
		return;
	}
	size_t w = 0;
	if (k == K_TA)
		w += (size_t)snprintf(out, cap, "name : \"%s\"*", q);
	else {
		char wd[64];
		for (int i = 0; i < nwords(q) && w < cap; i++) {
			word(q, i, wd, sizeof wd);
			w += (size_t)snprintf(out + w, cap - w, "%s\"%s\"", i ? " " : "", wd);
		}
	}
}

struct peer_res {
	struct lat l[K__N];
	size_t same[K__N], answered[K__N];
	bool ran;
};

struct tiers {
	uint8_t v[TOP];
	uint8_t n;
};

static void sq_row(sqlite3_stmt *st, void *arg)
{
	struct tiers *t = arg;
	if (t->n < TOP)
		t->v[t->n++] = tier_of(sqlite3_column_int64(st, 1));
}

static bool same_tiers(const struct tiers *t, const struct sample *s)
{
	return t->n == s->ntiers && !memcmp(t->v, s->tiers, t->n);
}

static void run_sqlite(const char *db, struct samples *ks, size_t np, uint64_t limit_ns,
                       struct peer_res *out)
{
	struct sq_deadline dl = {0};
	sqlite3 *h = sq_open(db, &dl);
	if (!h)
		return;
	out->ran = true;
	for (int k = 0; k < K__N; k++) {
		sqlite3_stmt *st = sq_prepare(h, sq_sql[k] ? sq_sql[k] : sq_sql[K_ONE]);
		if (!st)
			continue;
		progress("SQLite FTS5: %s, %zu queries", k_name[k], np);
		for (size_t i = 0; i < np + 1; i++) {
			/* the first one run is a warm-up: sample np */
			struct sample *s = &ks[k].v[i ? i - 1 : np];
			char text[384];
			peer_text(false, (enum kind)k, s->q, text, sizeof text);
			struct tiers t = {0};
			uint64_t ns;
			sqlite3_bind_int64(st, 1, s->searcher);
			sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
			enum peer_rc rc = sq_run(h, st, &dl, limit_ns, sq_row, &t, &ns);
			if (!i)
				continue;
			peer_record(&out->l[k], rc, ns, limit_ns);
			if (rc == PEER_OK) {
				out->answered[k]++;
				out->same[k] += same_tiers(&t, s);
			}
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
}

static void run_pg(const char *conninfo, struct samples *ks, size_t np, long limit_ms,
                   struct peer_res *out)
{
	PGconn *c = pg_open(conninfo, limit_ms);
	if (!c)
		return;
	out->ran = true;
	uint64_t limit_ns = (uint64_t)limit_ms * 1000000u;
	for (int k = 0; k < K__N; k++) {
		if (!pg_prepare(c, k_id[k], pg_sql[k] ? pg_sql[k] : pg_sql[K_ONE], 2))
			continue;
		progress("PostgreSQL: %s, %zu queries", k_name[k], np);
		for (size_t i = 0; i < np + 1; i++) {
			struct sample *s = &ks[k].v[i ? i - 1 : np];
			char a1[16], text[384];
			snprintf(a1, sizeof a1, "%u", s->searcher);
			peer_text(true, (enum kind)k, s->q, text, sizeof text);
			const char *vals[2] = {a1, text};
			PGresult *r;
			uint64_t ns;
			enum peer_rc rc = pg_run(c, k_id[k], 2, vals, &r, &ns);
			if (!i) {
				PQclear(r);
				continue;
			}
			peer_record(&out->l[k], rc, ns, limit_ns);
			if (rc == PEER_OK) {
				struct tiers t = {0};
				for (int j = 0; j < PQntuples(r) && t.n < TOP; j++)
					t.v[t.n++] =
					    tier_of(strtoll(PQgetvalue(r, j, 1), NULL, 10));
				out->answered[k]++;
				out->same[k] += same_tiers(&t, s);
			}
			PQclear(r);
		}
	}
	PQfinish(c);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"pg", required_argument, NULL, 'p'},
	    {"searchers", required_argument, NULL, 'n'},
	    {"peer-queries", required_argument, NULL, 'k'},
	    {"limit-ms", required_argument, NULL, 'l'},
	    {"seed", required_argument, NULL, 's'},
	    {"goals", required_argument, NULL, 'g'},
	    {NULL, 0, NULL, 0},
	};
	struct bench_opts o = {.npeer = 10, .limit_ms = 20000, .seed = 7};
	long nsearchers = 1000;
	bool bad = false;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (bench_opt(c, optarg, &o, &bad))
			continue;
		switch (c) {
		case 'n':
			bad |= (nsearchers = parse_long(optarg, 2, 10000000)) < 2;
			break;
		default:
			bad = true;
		}
	}
	const char *db = o.db, *pg = o.pg, *goals_path = o.goals_path;
	long npeer = o.npeer, limit_ms = o.limit_ms, seed = o.seed;
	if (!db || bad || optind < argc) {
		fputs("usage: people_bench --db STORE [--pg CONNINFO] [--searchers N] "
		      "[--peer-queries N] [--limit-ms MS] [--seed S] [--goals FILE]\n",
		      stderr);
		return 2;
	}
	FILE *goals = goals_path ? fopen(goals_path, "a") : NULL;
	uint64_t limit_ns = (uint64_t)limit_ms * 1000000u;

	/* ---- ties: the indexes, as ties_open builds them ---- */
	struct fail f = {0};
	struct store *s;
	if (store_open(&s, db, &f)) {
		fprintf(stderr, "people_bench: %s\n", f.detail);
		return 1;
	}
	struct ties t;
	memset(&t, 0, sizeof t);
	graph_init(&t.graph);
	search_init(&t.search);
	text_ctx_init(&t.writer_text);
	progress("ties: loading the network index");
	if (ties_load_graph(s, &t.graph, &f)) {
		fprintf(stderr, "people_bench: %s\n", f.detail);
		return 1;
	}
	progress("ties: building the search index");
	long long rss0 = rss_now();
	hwm_reset();
	long long hwm0 = proc_status_bytes("VmHWM");
	uint64_t t0 = clock_mono_ns();
	text_ctx_cache(&t.writer_text, 65536);
	enum err e = ties_load_search(s, &t.search, &t.writer_text, &t.vis, &t.n_vis, &f);
	text_ctx_cache(&t.writer_text, 0);
	double build_s = (double)(clock_mono_ns() - t0) / 1e9;
	long long hwm1 = proc_status_bytes("VmHWM");
	if (e) {
		fprintf(stderr, "people_bench: %s\n", f.detail);
		return 1;
	}
	long long rss1 = rss_now();
	struct search_stats st;
	search_stats_get(&t.search, &st);
	uint32_t nmem = graph_size(&t.graph) - 1;
	progress("ties: %u profiles indexed in %.2f s", st.docs, build_s);

	/* ---- samples ---- */
	struct gen_rng rng;
	gen_rng_seed(&rng, (uint64_t)seed);
	struct samples cold[K__N] = {0}, warm[K__N] = {0};
	/* flow i: searcher, first query (new searcher), next query (same searcher) */
	struct flow {
		size_t first, next; /* indexes into cold[kf], warm[kn] */
		enum kind kf, kn;
	} *flows = xcalloc((size_t)nsearchers, sizeof *flows);
	for (long i = 0; i < nsearchers; i++) {
		uint32_t who = 1 + gen_rng_below(&rng, nmem);
		struct prof p1, p2;
		load_prof(s, 1 + gen_rng_below(&rng, nmem), &p1);
		load_prof(s, 1 + gen_rng_below(&rng, nmem), &p2);
		enum kind kf = i % 2 ? K_TWO : K_ONE, kn = i % 2 ? K_ONE : K_TWO;
		struct sample *a = sample_add(&cold[kf]);
		a->searcher = who;
		make_query(&rng, &p1, kf, a->q, sizeof a->q);
		struct sample *b = sample_add(&warm[kn]);
		b->searcher = who;
		make_query(&rng, &p2, kn, b->q, sizeof b->q);
		flows[i] = (struct flow){cold[kf].n - 1, warm[kn].n - 1, kf, kn};
	}
	/* typeahead: keystrokes of one name word; the first in cold, the rest in warm */
	size_t *ta_first = xcalloc((size_t)nsearchers, sizeof *ta_first);
	size_t *ta_keys = xcalloc((size_t)nsearchers, sizeof *ta_keys);
	for (long i = 0; i < nsearchers; i++) {
		uint32_t who = 1 + gen_rng_below(&rng, nmem);
		struct prof p;
		load_prof(s, 1 + gen_rng_below(&rng, nmem), &p);
		char w[64];
		word(p.name, (int)gen_rng_below(&rng, (uint32_t)nwords(p.name)), w, sizeof w);
		size_t len = strlen(w) < 4 ? strlen(w) : 4;
		if (!len)
			len = 1, snprintf(w, sizeof w, "m");
		ta_first[i] = warm[K_TA].n;
		ta_keys[i] = len;
		for (size_t k = 1; k <= len; k++) {
			struct sample *x = sample_add(k == 1 ? &cold[K_TA] : &warm[K_TA]);
			x->searcher = who;
			snprintf(x->q, sizeof x->q, "%.*s", (int)k, w);
		}
	}
	store_close(s);

	/* ---- ties: timed ---- */
	struct reader rd;
	memset(&rd, 0, sizeof rd);
	graph_scratch_init(&rd.gs);
	text_ctx_init(&rd.text);
	search_result_init(&rd.res);
	struct lat tc[K__N] = {0}, tw[K__N] = {0};
	progress("ties: %ld searchers, a first and a next query each", nsearchers);
	for (long i = 0; i < 20 && i < nsearchers; i++) { /* warm-up */
		(void)ties_query(&t, &rd, &cold[flows[i].kf].v[flows[i].first], flows[i].kf);
		(void)ties_query(&t, &rd, &warm[flows[i].kn].v[flows[i].next], flows[i].kn);
	}
	for (long i = 0; i < nsearchers; i++) {
		struct flow *fl = &flows[i];
		lat_add(&tc[fl->kf], ties_query(&t, &rd, &cold[fl->kf].v[fl->first], fl->kf),
		        false);
		lat_add(&tw[fl->kn], ties_query(&t, &rd, &warm[fl->kn].v[fl->next], fl->kn), false);
	}
	progress("ties: %ld searchers typing a name", nsearchers);
	for (long i = 0; i < nsearchers; i++) {
		lat_add(&tc[K_TA], ties_query(&t, &rd, &cold[K_TA].v[i], K_TA), false);
		for (size_t k = 0; k + 1 < ta_keys[i]; k++)
			lat_add(&tw[K_TA],
			        ties_query(&t, &rd, &warm[K_TA].v[ta_first[i] + k], K_TA), false);
	}

	/* ---- peers: the first queries of each kind, searchers as for ties ---- */
	/* typeahead: keystroke lengths 1..4 in turn, from the flows in order */
	struct samples peer_ks[K__N] = {0};
	for (int k = 0; k < K_TA; k++) {
		for (long i = 0; i < nsearchers && peer_ks[k].n < (size_t)npeer + 1; i++) {
			const struct flow *fl = &flows[i];
			struct sample *x = sample_add(&peer_ks[k]);
			*x = fl->kf == (enum kind)k ? cold[k].v[fl->first] : warm[k].v[fl->next];
		}
	}
	for (long i = 0; i < nsearchers && peer_ks[K_TA].n < (size_t)npeer + 1; i++) {
		size_t want = 1 + (peer_ks[K_TA].n % 4), len = ta_keys[i];
		size_t k = want < len ? want : len;
		struct sample *x = sample_add(&peer_ks[K_TA]);
		*x = k == 1 ? cold[K_TA].v[i] : warm[K_TA].v[ta_first[i] + k - 2];
	}
	/* each kind: npeer measured samples, then one more as the warm-up */
	size_t np = (size_t)npeer;
	for (int k = 0; k < K__N; k++)
		if (peer_ks[k].n < np + 1)
			np = peer_ks[k].n ? peer_ks[k].n - 1 : 0;
	struct peer_res sq = {0}, pq = {0};
	if (np > 0) {
		run_sqlite(db, peer_ks, np, limit_ns, &sq);
		if (pg)
			run_pg(pg, peer_ks, np, limit_ms, &pq);
	}

	/* ---- report ---- */
	char b1[64], b2[64], b3[64], b4[64], b5[32], b6[32];
	printf("\n## People search (issue 5)\n\n");
	printf("%s profiles (members gen-<n>: name \"Member <n>\", headline \"<title> at "
	       "<company>\", a position, a city), from the store %s\n\n",
	       fmt_group(st.docs, b1, sizeof b1), db);
	printf("- index build (ties_load_search, store to memory): %.1f s\n", build_s);
	printf("- index memory (search_stats_get): %s (postings %s, stored documents %s, "
	       "dictionaries %s); %s terms, %s postings\n",
	       fmt_bytes((double)st.bytes_total, b1, sizeof b1),
	       fmt_bytes((double)st.bytes_postings, b2, sizeof b2),
	       fmt_bytes((double)st.bytes_docs, b3, sizeof b3),
	       fmt_bytes((double)st.bytes_dicts, b4, sizeof b4),
	       fmt_group((double)st.terms, b5, sizeof b5),
	       fmt_group((double)st.postings, b6, sizeof b6));
	printf("- process RSS: +%s after the build, peak +%s during it\n",
	       fmt_bytes((double)(rss1 - rss0), b1, sizeof b1),
	       fmt_bytes((double)(hwm1 - (hwm0 > 0 ? hwm0 : rss0)), b2, sizeof b2));
	printf("- ties: %ld random searchers, each a first query (\"new\": builds the searcher's "
	       "network view) and a next one (\"same\": reuses it), one-word and two-word in turn; "
	       "%ld searchers typing 1-4 letters of a name word (first keystroke \"new\", the "
	       "others \"same\"); top 20, through people_search / people_typeahead\n",
	       nsearchers, nsearchers);
	printf("- peers: %zu queries of each kind, limit %ld ms each (a query that hits it counts "
	       "as the limit, marked \">\"); × = peer ÷ ties' \"new searcher\" figure at the same "
	       "percentile\n\n",
	       np, limit_ms);

	static const char *const head[] = {"query",
	                                   "ties new p50",
	                                   "ties new p99",
	                                   "ties same p50",
	                                   "ties same p99",
	                                   "SQLite p50",
	                                   "SQLite p99",
	                                   "SQLite t/o",
	                                   "PostgreSQL p50",
	                                   "PostgreSQL p99",
	                                   "PostgreSQL t/o",
	                                   "× SQLite p50/p99",
	                                   "× PostgreSQL p50/p99",
	                                   "same tiers"};
	struct table tb;
	table_head(&tb, 14, head);
	struct pct c50[K__N], c99[K__N], w50[K__N], w99[K__N], sp[K__N][2], pp[K__N][2];
	for (int k = 0; k < K__N; k++) {
		int r = table_row(&tb);
		c50[k] = lat_pct(&tc[k], 0.5);
		c99[k] = lat_pct(&tc[k], 0.99);
		w50[k] = lat_pct(&tw[k], 0.5);
		w99[k] = lat_pct(&tw[k], 0.99);
		table_set(&tb, r, 0, k_name[k]);
		table_set(&tb, r, 1, fmt_pct(c50[k], b1, sizeof b1));
		table_set(&tb, r, 2, fmt_pct(c99[k], b1, sizeof b1));
		table_set(&tb, r, 3, fmt_pct(w50[k], b1, sizeof b1));
		table_set(&tb, r, 4, fmt_pct(w99[k], b1, sizeof b1));
		table_set_peers(&tb, r, 5, &sq.l[k], sq.ran, &pq.l[k], pq.ran, sp[k], pp[k]);
		char x[48], y[48];
		snprintf(b1, sizeof b1, "%s / %s", fmt_ratio(sp[k][0], c50[k], x, sizeof x),
		         fmt_ratio(sp[k][1], c99[k], y, sizeof y));
		table_set(&tb, r, 11, b1);
		snprintf(b1, sizeof b1, "%s / %s", fmt_ratio(pp[k][0], c50[k], x, sizeof x),
		         fmt_ratio(pp[k][1], c99[k], y, sizeof y));
		table_set(&tb, r, 12, b1);
		snprintf(b1, sizeof b1, "%zu/%zu, %zu/%zu", sq.same[k], sq.answered[k], pq.same[k],
		         pq.answered[k]);
		table_set(&tb, r, 13, b1);
	}
	table_print(&tb);
	size_t errs = 0;
	for (int k = 0; k < K__N; k++)
		errs += sq.l[k].errors + pq.l[k].errors;
	printf("\n(samples: ties new %zu / %zu / %zu, same %zu / %zu / %zu; t/o: peer queries that "
	       "hit the limit, of those asked; same tiers: peer answers whose top-20 degree "
	       "sequence equals ties', of those that arrived in time, SQLite then PostgreSQL%s)\n",
	       tc[0].n, tc[1].n, tc[2].n, tw[0].n, tw[1].n, tw[2].n,
	       errs ? "; some peer queries failed, see stderr" : "");
	if (!pg)
		printf("(PostgreSQL was not run: no --pg)\n");

	/* ---- goals ---- */
	bool q_ok = c99[K_ONE].ns < 10e6 && c99[K_TWO].ns < 10e6;
	char x1[32], x2[32], x3[32], x4[32];
	goal_line(goals, q_ok ? GOAL_MET : GOAL_NOT,
	          "query p99 < 10 ms: one-word %s, two-word %s for a new searcher; %s, %s for "
	          "the same searcher's next query",
	          fmt_pct(c99[K_ONE], x1, sizeof x1), fmt_pct(c99[K_TWO], x2, sizeof x2),
	          fmt_pct(w99[K_ONE], x3, sizeof x3), fmt_pct(w99[K_TWO], x4, sizeof x4));
	goal_line(goals, c99[K_TA].ns < 2e6 && w99[K_TA].ns < 2e6 ? GOAL_MET : GOAL_NOT,
	          "typeahead p99 < 2 ms: first keystroke %s, next keystrokes %s",
	          fmt_pct(c99[K_TA], x1, sizeof x1), fmt_pct(w99[K_TA], x2, sizeof x2));
	/* per peer: the least ratio over kinds and percentiles, and the goal */
	enum goal fast = GOAL_MET;
	char least[2][48];
	for (int p = 0; p < 2; p++) {
		struct pct lo = {0, false, true}, lo_t = {0, false, true};
		for (int k = 0; k < K__N; k++)
			for (int j = 0; j < 2; j++) {
				struct pct peer = p ? pp[k][j] : sp[k][j], ti = j ? c99[k] : c50[k];
				fast = goal_and(fast, ratio_goal(peer, ti, 100));
				if (peer.none || ti.none)
					continue;
				if (lo.none || peer.ns / ti.ns < lo.ns / lo_t.ns)
					lo = peer, lo_t = ti;
			}
		fmt_ratio(lo, lo_t, least[p], sizeof least[p]);
	}
	goal_line(goals, fast,
	          "search >= 100x faster than both peers (least ratio over the kinds, p50 and p99, "
	          "against a new searcher): SQLite FTS5 %s, PostgreSQL %s",
	          least[0], least[1]);
	goal_line(goals, st.bytes_total < 1000000000u ? GOAL_MET : GOAL_NOT,
	          "search index < 1 GB: %s (search_stats_get; RSS +%s)",
	          fmt_bytes((double)st.bytes_total, x1, sizeof x1),
	          fmt_bytes((double)(rss1 - rss0), x2, sizeof x2));
	if (goals)
		fclose(goals);

	for (int k = 0; k < K__N; k++) {
		lat_free(&tc[k]);
		lat_free(&tw[k]);
		lat_free(&sq.l[k]);
		lat_free(&pq.l[k]);
		free(cold[k].v);
		free(warm[k].v);
		free(peer_ks[k].v);
	}
	free(flows);
	free(ta_first);
	free(ta_keys);
	graph_scratch_release(&rd.gs);
	text_ctx_release(&rd.text);
	search_result_release(&rd.res);
	for (size_t k = 0; k < sizeof rd.nv.bits / sizeof rd.nv.bits[0]; k++)
		free(rd.nv.bits[k]);
	free(rd.nv.near);
	free(t.vis);
	text_ctx_release(&t.writer_text);
	search_release(&t.search);
	graph_release(&t.graph);
	return 0;
}
