/* test_ldbc — the LDBC benchmark module (src/ldbc): date and parameter
 * parsing; loading a small hand-made data set in the CsvComposite layout whose
 * answers are worked out by hand (IC1 order and fields, IC13, IC14 paths and
 * weights); malformed files rejected with file and line, changing nothing;
 * and on the public ldbc-tiny data set (skipped when absent), every row of its
 * interactive_{1,13,14} parameter files and many more rows compared with a
 * plain BFS written here, over adjacency and reply weights this test reads
 * from the CSV files itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/jw.h"
#include "graph/graph.h"
#include "ldbc/ldbc.h"
#include "social/account.h"
#include "social/ties.h"
#include "store/store.h"

/* ---- helpers ---------------------------------------------------------------- */

static char tmpdir[256];

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void remove_db(const char *db)
{
	char p[600];
	unlink(db);
	snprintf(p, sizeof p, "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", db);
	unlink(p);
}

static int64_t count(struct store *s, const char *sql)
{
	int64_t n = -1;
	assert_int_equal(store_int(s, &n, sql, 0, NULL), E_OK);
	return n;
}

/* The small data set: persons 10 Ann Berg, 20 Bob Lund, 30 Ann Alm, 40 Cid
 * Dahl, 50 Ann Berg, 60 Eve Ek (no friends); knows 10-20, 20-30, 20-40,
 * 30-50, 40-50.  Replies: 20 to 30's post (+1.0 on 20-30), 40 to 20's comment
 * (+0.5 on 20-40), 20 to 40's post (+1.0 on 20-40), 50 to 20's comment (not
 * friends), 30 to its own post (no interaction). */
static void write_small(const char *dir)
{
	write_file(dir, "place_0_0.csv",
	           "id|name|url|type\n100|Oslo|u|city\n101|Norway|u|country\n102|Bergen|u|city\n");
	write_file(dir, "organisation_0_0.csv",
	           "id|type|name|url\n500|university|Uni_A|u\n501|company|Comp_B|u\n"
	           "502|university|Uni_C|u\n");
	write_file(dir, "organisation_isLocatedIn_place_0_0.csv",
	           "Organisation.id|Place.id\n500|100\n501|101\n502|102\n");
	write_file(dir, "tag_0_0.csv", "id|name|url\n7|Tag_Seven|u\n8|tag seven|u\n");
	write_file(dir, "person_0_0.csv",
	           "id|firstName|lastName|gender|birthday|creationDate|locationIP|browserUsed|"
	           "language|email\n"
	           "10|Ann|Berg|female|628646400000|1266161530447|1.1.1.1|Firefox|sv;en|"
	           "ann10@example.com\n"
	           "20|Bob|Lund|male|0|1266161530000|2.2.2.2|Chrome|en|\n"
	           "30|Ann|Alm|female|445910400000|1264660798781|3.3.3.3|Safari|sv;en;x-klingon|"
	           "ann30@example.com;ann@alt.example\n"
	           "40|Cid|Dahl|male|1|2|4.4.4.4|Opera||cid@example.com\n"
	           "50|Ann|Berg|female|3|4|5.5.5.5|Firefox|en|ann10@example.com\n"
	           "60|Eve|Ek|female|5|6|6.6.6.6|Firefox|en|eve@example.com\n");
	write_file(dir, "person_isLocatedIn_place_0_0.csv",
	           "Person.id|Place.id\n10|100\n20|100\n30|102\n40|100\n50|100\n60|100\n");
	write_file(dir, "person_knows_person_0_0.csv",
	           "Person.id|Person.id|creationDate\n10|20|1000\n20|30|2000\n20|40|3000\n"
	           "30|50|4000\n40|50|5000\n");
	write_file(dir, "person_studyAt_organisation_0_0.csv",
	           "Person.id|Organisation.id|classYear\n30|502|2005\n30|500|2005\n30|500|2001\n");
	write_file(dir, "person_workAt_organisation_0_0.csv",
	           "Person.id|Organisation.id|workFrom\n30|501|2010\n30|501|2008\n");
	write_file(dir, "person_hasInterest_tag_0_0.csv", "Person.id|Tag.id\n10|7\n10|8\n30|7\n");
	write_file(dir, "post_hasCreator_person_0_0.csv",
	           "Post.id|Person.id\n1000|30\n1001|40\n1002|30\n");
	write_file(dir, "comment_hasCreator_person_0_0.csv",
	           "Comment.id|Person.id\n2000|20\n2001|50\n2002|40\n2003|20\n2004|30\n");
	write_file(dir, "comment_replyOf_post_0_0.csv",
	           "Comment.id|Post.id\n2000|1000\n2003|1001\n2004|1002\n");
	write_file(dir, "comment_replyOf_comment_0_0.csv",
	           "Comment.id|Comment.id\n2001|2000\n2002|2000\n");
}

struct env {
	char dir[300], db[300];
	struct store *s;
};

static int setup(void **state)
{
	static struct env e;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ties-test-ldbc-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(e.dir, sizeof e.dir, "%s/data", tmpdir);
	snprintf(e.db, sizeof e.db, "%s/t.db", tmpdir);
	mkdir(e.dir, 0700);
	write_small(e.dir);
	struct fail f = {0};
	if (!account_init() || store_open(&e.s, e.db, &f))
		return -1;
	*state = &e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	store_close(e->s);
	remove_db(e->db);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Answers q for row p as JSON (parsed). */
static json_t *answer(const struct ldbc *x, const struct graph *g, struct graph_scratch *s,
                      enum ldbc_query q, const struct ldbc_param *p)
{
	struct buf b;
	struct jw w;
	struct ldbc_paths paths;
	struct fail f = {0};
	buf_init(&b, BUF_DEFAULT_MAX);
	jw_init(&w, &b);
	ldbc_paths_init(&paths);
	assert_int_equal(ldbc_answer(x, g, s, q, p, &paths, &w, &f), E_OK);
	assert_false(b.over);
	json_error_t err;
	json_t *j = json_loads(b.p, 0, &err);
	if (!j)
		fail_msg("not JSON: %s", b.p);
	assert_true(json_is_array(j));
	ldbc_paths_release(&paths);
	buf_release(&b);
	return j;
}

static char *answer_text(const struct ldbc *x, const struct graph *g, struct graph_scratch *s,
                         enum ldbc_query q, const struct ldbc_param *p)
{
	json_t *j = answer(x, g, s, q, p);
	char *t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	return t;
}

/* ---- parsing ---------------------------------------------------------------- */

static void dates_parse(void **state)
{
	(void)state;
	int64_t ms = 0;
	assert_true(ldbc_parse_date("1987-09-18", &ms));
	assert_int_equal(ms, 558921600000LL);
	assert_true(ldbc_parse_date("2010-09-16T06:54:00.602+0000", &ms));
	assert_int_equal(ms, 1284620040602LL);
	assert_true(ldbc_parse_date("1284620040602", &ms));
	assert_int_equal(ms, 1284620040602LL);
	assert_true(ldbc_parse_date("2010-09-16T08:54:00.602+02:00", &ms));
	assert_int_equal(ms, 1284620040602LL);
	assert_true(ldbc_parse_date("2010-09-16T06:54:00Z", &ms));
	assert_int_equal(ms, 1284620040000LL);
	assert_true(ldbc_parse_date("2012-02-29", &ms));
	assert_true(ldbc_parse_date("1969-12-31", &ms));
	assert_int_equal(ms, -86400000LL);
	const char *bad[] = {"",
	                     "x",
	                     "2010-02-30",
	                     "2011-02-29",
	                     "2010-13-01",
	                     "2010-1-01",
	                     "2010-01-01T24:00:00",
	                     "2010-01-01T00:60:00",
	                     "2010-01-01T00:00:00.1234",
	                     "2010-01-01T00:00:00+2400",
	                     "2010-01-01 00:00:00",
	                     "12a",
	                     "-5",
	                     "2010-01-01T00:00:00.602+0000x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (ldbc_parse_date(bad[i], &ms))
			fail_msg("accepted bad date '%s'", bad[i]);
}

static void params_parse(void **state)
{
	(void)state;
	static const char text[] = "extra|firstName|personId\r\n"
	                           "x|Jose|4398046511333\r\n"
	                           "\n"
	                           "y|Dặng Dinh|7\n"
	                           "z|Ann|notanumber\n";
	FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
	struct ldbc_params r;
	struct ldbc_param p;
	struct fail f = {0};
	assert_int_equal(ldbc_params_open(&r, fp, LDBC_IC1, &f), E_OK);
	assert_int_equal(ldbc_params_next(&r, &p, &f), 1);
	assert_int_equal(p.p1, 4398046511333LL);
	assert_string_equal(p.first, "Jose");
	assert_int_equal(ldbc_params_next(&r, &p, &f), 1);
	assert_int_equal(p.p1, 7);
	assert_string_equal(p.first, "Dặng Dinh");
	assert_int_equal(ldbc_params_next(&r, &p, &f), -1);
	assert_int_equal(f.err, E_BAD_QUERY);
	assert_non_null(strstr(f.detail, "line 5"));
	ldbc_params_close(&r);
	fclose(fp);

	static const char wrong[] = "person1Id|person2Id\n1|2|3\n";
	fp = fmemopen((void *)wrong, sizeof wrong - 1, "r");
	memset(&f, 0, sizeof f);
	assert_int_equal(ldbc_params_open(&r, fp, LDBC_IC13, &f), E_OK);
	assert_int_equal(ldbc_params_next(&r, &p, &f), -1);
	assert_non_null(strstr(f.detail, "line 2"));
	ldbc_params_close(&r);
	fclose(fp);

	static const char missing[] = "personId|lastName\n1|x\n";
	fp = fmemopen((void *)missing, sizeof missing - 1, "r");
	memset(&f, 0, sizeof f);
	assert_int_equal(ldbc_params_open(&r, fp, LDBC_IC1, &f), E_BAD_QUERY);
	assert_non_null(strstr(f.detail, "firstName"));
	ldbc_params_close(&r);
	fclose(fp);

	enum ldbc_query q;
	assert_true(ldbc_query_parse("IC14", &q));
	assert_int_equal(q, LDBC_IC14);
	assert_false(ldbc_query_parse("ic2", &q));
}

/* ---- the small data set ------------------------------------------------------ */

struct loaded {
	struct graph g;
	struct graph_scratch s;
	struct ldbc *x;
};

static void open_loaded(struct store *s, struct loaded *l)
{
	struct fail f = {0};
	graph_init(&l->g);
	graph_scratch_init(&l->s);
	assert_int_equal(ties_load_graph(s, &l->g, &f), E_OK);
	assert_int_equal(ldbc_open(&l->x, s, &f), E_OK);
}

static void close_loaded(struct loaded *l)
{
	ldbc_free(l->x);
	graph_scratch_release(&l->s);
	graph_release(&l->g);
}

static void expect(struct loaded *l, enum ldbc_query q, int64_t p1, int64_t p2, const char *first,
                   const char *want)
{
	struct ldbc_param p = {.p1 = p1, .p2 = p2};
	snprintf(p.first, sizeof p.first, "%s", first ? first : "");
	char *got = answer_text(l->x, &l->g, &l->s, q, &p);
	if (strcmp(got, want))
		fail_msg("%s(%lld, %lld, %s):\n got  %s\n want %s", ldbc_query_name(q),
		         (long long)p1, (long long)p2, first ? first : "-", got, want);
	free(got);
}

static void small_loads_and_answers(void **state)
{
	struct env *e = *state;
	struct ldbc_counts n;
	struct fail f = {0};
	assert_int_equal(ldbc_load(e->s, e->dir, false, &n, &f), E_OK);
	assert_int_equal(n.persons, 6);
	assert_int_equal(n.knows, 5);
	assert_int_equal(n.posts, 3);
	assert_int_equal(n.comments, 5);
	assert_int_equal(n.replies, 4); /* the reply to oneself is none */
	assert_int_equal(n.interactions, 4);
	assert_int_equal(n.skills_dropped, 1); /* "tag seven" repeats "Tag Seven" */
	/* Members, as the product sees them. */
	assert_int_equal(count(e->s, "SELECT count(*) FROM members WHERE handle LIKE 'ldbc-%' "
	                             "AND pw_hash = '!'"),
	                 6);
	assert_int_equal(count(e->s, "SELECT count(*) FROM connections"), 5);
	assert_int_equal(count(e->s, "SELECT count(*) FROM members WHERE handle = 'ldbc-50' AND "
	                             "email = '50@ldbc.invalid'"),
	                 1); /* 10 has ann10@example.com first */
	assert_int_equal(count(e->s, "SELECT count(*) FROM members WHERE handle = 'ldbc-20' AND "
	                             "email = '20@ldbc.invalid' AND display_name = 'Bob Lund' "
	                             "AND location = 'Oslo' AND created_at = 1266161530000"),
	                 1);
	assert_int_equal(count(e->s, "SELECT count(*) FROM languages l JOIN members m ON "
	                             "m.id = l.member_id WHERE m.handle = 'ldbc-30'"),
	                 2); /* x-klingon is no ISO code */
	assert_int_equal(count(e->s, "SELECT count(*) FROM skills WHERE name = 'Tag Seven'"), 2);
	assert_int_equal(count(e->s, "SELECT count(*) FROM positions p JOIN members m ON "
	                             "m.id = p.member_id WHERE m.handle = 'ldbc-30' AND "
	                             "p.company = 'Comp_B' AND p.ord = 0 AND p.date_from = '2010' "
	                             "AND p.date_to IS NULL"),
	                 1);
	assert_int_equal(count(e->s, "SELECT count(*) FROM education WHERE school = 'Uni_A'"), 2);
	assert_int_equal(count(e->s, "SELECT min(created_at) FROM connections"), 1000);
	assert_int_equal(count(e->s, "SELECT count(*) FROM events WHERE kind = 'ldbc.loaded'"), 1);

	struct loaded l;
	open_loaded(e->s, &l);
	assert_int_equal(ldbc_person_count(l.x), 6);
	uint32_t m20 = ldbc_member(l.x, 20), m40 = ldbc_member(l.x, 40);
	assert_int_equal(ldbc_person_id(l.x, m20), 20);
	assert_int_equal(ldbc_member(l.x, 99), GRAPH_NONE);
	assert_int_equal(ldbc_weight2(l.x, m20, m40), 3);
	assert_int_equal(ldbc_weight2(l.x, m40, m20), 3);

	expect(&l, LDBC_IC13, 10, 50, NULL, "[{\"shortestPathLength\":3}]");
	expect(&l, LDBC_IC13, 50, 10, NULL, "[{\"shortestPathLength\":3}]");
	expect(&l, LDBC_IC13, 10, 20, NULL, "[{\"shortestPathLength\":1}]");
	expect(&l, LDBC_IC13, 10, 10, NULL, "[{\"shortestPathLength\":0}]");
	expect(&l, LDBC_IC13, 10, 60, NULL, "[{\"shortestPathLength\":-1}]");
	expect(&l, LDBC_IC13, 10, 99, NULL, "[{\"shortestPathLength\":-1}]");
	expect(&l, LDBC_IC14, 10, 50, NULL,
	       "[{\"personIdsInPath\":[10,20,40,50],\"pathWeight\":1.5},"
	       "{\"personIdsInPath\":[10,20,30,50],\"pathWeight\":1.0}]");
	expect(&l, LDBC_IC14, 30, 40, NULL,
	       "[{\"personIdsInPath\":[30,20,40],\"pathWeight\":2.5},"
	       "{\"personIdsInPath\":[30,50,40],\"pathWeight\":0.0}]");
	expect(&l, LDBC_IC14, 10, 60, NULL, "[]");
	expect(&l, LDBC_IC14, 99, 10, NULL, "[]");
	expect(&l, LDBC_IC14, 10, 10, NULL, "[{\"personIdsInPath\":[10],\"pathWeight\":0.0}]");
	/* Distance, then last name, then id; lists in their documented orders. */
	expect(&l, LDBC_IC1, 20, 0, "Ann",
	       "[{\"friendId\":30,\"friendLastName\":\"Alm\",\"distanceFromPerson\":1,"
	       "\"friendBirthday\":445910400000,\"friendCreationDate\":1264660798781,"
	       "\"friendGender\":\"female\",\"friendBrowserUsed\":\"Safari\","
	       "\"friendLocationIp\":\"3.3.3.3\","
	       "\"friendEmails\":[\"ann30@example.com\",\"ann@alt.example\"],"
	       "\"friendLanguages\":[\"sv\",\"en\",\"x-klingon\"],\"friendCityName\":\"Bergen\","
	       "\"friendUniversities\":[{\"organizationName\":\"Uni_A\",\"year\":2001,"
	       "\"placeName\":\"Oslo\"},{\"organizationName\":\"Uni_A\",\"year\":2005,"
	       "\"placeName\":\"Oslo\"},{\"organizationName\":\"Uni_C\",\"year\":2005,"
	       "\"placeName\":\"Bergen\"}],"
	       "\"friendCompanies\":[{\"organizationName\":\"Comp_B\",\"year\":2008,"
	       "\"placeName\":\"Norway\"},{\"organizationName\":\"Comp_B\",\"year\":2010,"
	       "\"placeName\":\"Norway\"}]},"
	       "{\"friendId\":10,\"friendLastName\":\"Berg\",\"distanceFromPerson\":1,"
	       "\"friendBirthday\":628646400000,\"friendCreationDate\":1266161530447,"
	       "\"friendGender\":\"female\",\"friendBrowserUsed\":\"Firefox\","
	       "\"friendLocationIp\":\"1.1.1.1\",\"friendEmails\":[\"ann10@example.com\"],"
	       "\"friendLanguages\":[\"sv\",\"en\"],\"friendCityName\":\"Oslo\","
	       "\"friendUniversities\":[],\"friendCompanies\":[]},"
	       "{\"friendId\":50,\"friendLastName\":\"Berg\",\"distanceFromPerson\":2,"
	       "\"friendBirthday\":3,\"friendCreationDate\":4,\"friendGender\":\"female\","
	       "\"friendBrowserUsed\":\"Firefox\",\"friendLocationIp\":\"5.5.5.5\","
	       "\"friendEmails\":[\"ann10@example.com\"],\"friendLanguages\":[\"en\"],"
	       "\"friendCityName\":\"Oslo\",\"friendUniversities\":[],\"friendCompanies\":[]}]");
	struct ldbc_param p = {.p1 = 10};
	snprintf(p.first, sizeof p.first, "Ann");
	json_t *j = answer(l.x, &l.g, &l.s, LDBC_IC1, &p);
	assert_int_equal(json_array_size(j), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 0), "friendId")), 30);
	assert_int_equal(
	    json_integer_value(json_object_get(json_array_get(j, 0), "distanceFromPerson")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 1), "friendId")), 50);
	assert_int_equal(
	    json_integer_value(json_object_get(json_array_get(j, 1), "distanceFromPerson")), 3);
	json_decref(j);
	expect(&l, LDBC_IC1, 60, 0, "Ann", "[]");
	expect(&l, LDBC_IC1, 10, 0, "Nobody", "[]");
	expect(&l, LDBC_IC1, 99, 0, "Ann", "[]");
	expect(&l, LDBC_IC1, 30, 0, "Eve", "[]"); /* no path to Eve */

	/* Parameter rows drawn twice with one seed are the same rows. */
	struct ldbc_param a[50], b[50];
	assert_int_equal(ldbc_params_generate(l.x, LDBC_IC14, 50, 9, a), 50);
	assert_int_equal(ldbc_params_generate(l.x, LDBC_IC14, 50, 9, b), 50);
	assert_memory_equal(a, b, sizeof a);
	for (int i = 0; i < 50; i++) {
		assert_int_not_equal(a[i].p1, a[i].p2);
		assert_int_not_equal(ldbc_member(l.x, a[i].p1), GRAPH_NONE);
		assert_int_not_equal(ldbc_member(l.x, a[i].p2), GRAPH_NONE);
	}
	close_loaded(&l);

	/* A second load is refused and changes nothing. */
	memset(&f, 0, sizeof f);
	assert_int_equal(ldbc_load(e->s, e->dir, false, &n, &f), E_CONFLICT);
	assert_int_equal(count(e->s, "SELECT count(*) FROM members"), 6);
}

/* Runs ldbc_run over a parameter text and returns what it printed. */
static char *run_text(struct loaded *l, enum ldbc_query q, const char *params, enum err want)
{
	FILE *in = fmemopen((void *)params, strlen(params), "r");
	char *out = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&out, &len);
	struct fail f = {0};
	assert_int_equal(ldbc_run(l->x, &l->g, q, in, o, &f), want);
	fclose(in);
	fclose(o);
	return out;
}

static void small_run_prints_a_line_per_row(void **state)
{
	struct env *e = *state;
	struct ldbc_counts n;
	struct fail f = {0};
	assert_int_equal(ldbc_load(e->s, e->dir, false, &n, &f), E_OK);
	struct loaded l;
	open_loaded(e->s, &l);
	char *out = run_text(&l, LDBC_IC13, "person1Id|person2Id\n10|50\n10|60\n\n50|50\n", E_OK);
	assert_string_equal(out, "[{\"shortestPathLength\":3}]\n[{\"shortestPathLength\":-1}]\n"
	                         "[{\"shortestPathLength\":0}]\n");
	free(out);
	out = run_text(&l, LDBC_IC13, "person1Id|person2Id\n10|50\n10|x\n", E_BAD_QUERY);
	assert_string_equal(out, "[{\"shortestPathLength\":3}]\n");
	free(out);
	close_loaded(&l);
}

/* Each malformed variant fails with its file and line and leaves the store
 * as it was. */
static void malformed_files_change_nothing(void **state)
{
	struct env *e = *state;
	static const struct {
		const char *file, *text, *want;
	} cases[] = {
	    {"person_knows_person_0_0.csv", "Person.id|Person.id|creationDate\n10|20|1000\n20|30\n",
	     "person_knows_person_0_0.csv:3: expected 3 fields, found 2"},
	    {"person_knows_person_0_0.csv",
	     "Person.id|Person.id|creationDate\n10|20|1000\n20|30|1|2\n",
	     "person_knows_person_0_0.csv:3: expected 3 fields, found 4"},
	    {"person_knows_person_0_0.csv", "Person.id|Person.id|creationDate\n10|20|yesterday\n",
	     "person_knows_person_0_0.csv:2: column 3 (creationDate): not a date"},
	    {"person_knows_person_0_0.csv", "Person.id|Person.id|creationDate\n10|77|1000\n",
	     "person_knows_person_0_0.csv:2: column 2 (Person.id): unknown person"},
	    {"person_knows_person_0_0.csv", "Person.id|Person.id\n10|20\n",
	     "person_knows_person_0_0.csv:1: unexpected header"},
	    {"person_0_0.csv",
	     "id|firstName|lastName|gender|birthday|creationDate|locationIP|browserUsed|language|"
	     "email\n10|Ann|Berg|female|1|2|ip|b|en|e@x.se\n2x0|Bob|Lund|male|1|2|ip|b|en|\n",
	     "person_0_0.csv:3: column 1 (id): not a whole number"},
	    {"person_0_0.csv",
	     "id|firstName|lastName|gender|birthday|creationDate|locationIP|browserUsed|language|"
	     "email\n10|Ann|Berg|female|1987-02-30|2|ip|b|en|e@x.se\n",
	     "person_0_0.csv:2: column 5 (birthday): not a date"},
	    {"comment_replyOf_post_0_0.csv", "Comment.id|Post.id\n2000|1000\n2003|4242\n",
	     "comment_replyOf_post_0_0.csv:3: unknown post 4242"},
	    {"tag_0_0.csv", "id|name|url\n7|T|u\n7|T|u\n",
	     "tag_0_0.csv:3: column 1 (id): duplicate"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		write_small(e->dir);
		write_file(e->dir, cases[i].file, cases[i].text);
		struct ldbc_counts n;
		struct fail f = {0};
		enum err got = ldbc_load(e->s, e->dir, false, &n, &f);
		if (got != E_BAD_FIELD || !f.detail || !strstr(f.detail, cases[i].want))
			fail_msg("case %zu: got %d \"%s\", want \"%s\"", i, got,
			         f.detail ? f.detail : "", cases[i].want);
		assert_int_equal(count(e->s, "SELECT count(*) FROM members"), 0);
		assert_int_equal(count(e->s, "SELECT count(*) FROM ldbc_persons"), 0);
		assert_int_equal(count(e->s, "SELECT count(*) FROM connections"), 0);
	}
	char path[600];
	write_small(e->dir);
	snprintf(path, sizeof path, "%s/comment_replyOf_comment_0_0.csv", e->dir);
	unlink(path);
	struct ldbc_counts n;
	struct fail f = {0};
	assert_int_equal(ldbc_load(e->s, e->dir, false, &n, &f), E_NOT_FOUND);
	assert_non_null(strstr(f.detail, "comment_replyOf_comment_0_0.csv"));
	memset(&f, 0, sizeof f);
	assert_int_equal(ldbc_load(e->s, tmpdir, false, &n, &f), E_NOT_FOUND);
	assert_int_equal(count(e->s, "SELECT count(*) FROM members"), 0);
}

/* ---- ldbc-tiny against a plain BFS ----------------------------------------- */

/* What this test reads from the CSV files itself. */
struct tiny {
	size_t n;
	int64_t *id;
	char **first, **last;
	uint32_t *deg, **adj;
	uint32_t *w2; /* n * n reply weights in half units, symmetric */
};

static char tiny_dir[512];

static bool tiny_present(void)
{
	const char *shared = getenv("TIES_SHARED");
	snprintf(tiny_dir, sizeof tiny_dir, "%s/data/ldbc-tiny",
	         shared && *shared ? shared : "../shared");
	char p[600];
	snprintf(p, sizeof p, "%s/dynamic/person_0_0.csv", tiny_dir);
	return access(p, R_OK) == 0;
}

/* Splits line at '|' (in place) into at most max fields; returns how many. */
static size_t fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	for (char *p = line; n < max;) {
		f[n++] = p;
		char *bar = strchr(p, '|');
		if (!bar)
			break;
		*bar = '\0';
		p = bar + 1;
	}
	return n;
}

/* Calls fn for each data row of tiny_dir/rel. */
static void each_row(const char *rel, void (*fn)(struct tiny *t, char **f, size_t n, void *arg),
                     struct tiny *t, void *arg)
{
	char path[700];
	snprintf(path, sizeof path, "%s/%s", tiny_dir, rel);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char *line = NULL;
	size_t cap = 0;
	bool header = true;
	while (getline(&line, &cap, fp) > 0) {
		char *f[16];
		size_t n = fields(line, f, 16);
		if (!header)
			fn(t, f, n, arg);
		header = false;
	}
	free(line);
	fclose(fp);
}

static long tiny_index(const struct tiny *t, int64_t id)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->id[i] == id)
			return (long)i;
	return -1;
}

static void person_fn(struct tiny *t, char **f, size_t n, void *arg)
{
	(void)arg;
	assert_int_equal(n, 9);
	t->id = realloc(t->id, (t->n + 1) * sizeof *t->id);
	t->first = realloc(t->first, (t->n + 1) * sizeof *t->first);
	t->last = realloc(t->last, (t->n + 1) * sizeof *t->last);
	t->id[t->n] = strtoll(f[0], NULL, 10);
	t->first[t->n] = strdup(f[1]);
	t->last[t->n] = strdup(f[2]);
	t->n++;
}

static void knows_fn(struct tiny *t, char **f, size_t n, void *arg)
{
	(void)arg;
	assert_int_equal(n, 3);
	long a = tiny_index(t, strtoll(f[0], NULL, 10)), b = tiny_index(t, strtoll(f[1], NULL, 10));
	assert_true(a >= 0 && b >= 0);
	t->adj[a] = realloc(t->adj[a], (t->deg[a] + 1) * sizeof **t->adj);
	t->adj[a][t->deg[a]++] = (uint32_t)b;
	t->adj[b] = realloc(t->adj[b], (t->deg[b] + 1) * sizeof **t->adj);
	t->adj[b][t->deg[b]++] = (uint32_t)a;
}

/* Messages: id -> creator index, in two parallel arrays per kind. */
struct msgs {
	int64_t *post, *comment;
	long *post_by, *comment_by;
	size_t n_post, n_comment;
	int64_t (*reply)[3]; /* creator index, target id, 1 = post */
	size_t n_reply;
};

static void post_fn(struct tiny *t, char **f, size_t n, void *arg)
{
	struct msgs *m = arg;
	assert_int_equal(n, 11);
	m->post = realloc(m->post, (m->n_post + 1) * sizeof *m->post);
	m->post_by = realloc(m->post_by, (m->n_post + 1) * sizeof *m->post_by);
	m->post[m->n_post] = strtoll(f[0], NULL, 10);
	m->post_by[m->n_post++] = tiny_index(t, strtoll(f[8], NULL, 10));
}

static void comment_fn(struct tiny *t, char **f, size_t n, void *arg)
{
	struct msgs *m = arg;
	assert_int_equal(n, 10);
	long by = tiny_index(t, strtoll(f[6], NULL, 10));
	m->comment = realloc(m->comment, (m->n_comment + 1) * sizeof *m->comment);
	m->comment_by = realloc(m->comment_by, (m->n_comment + 1) * sizeof *m->comment_by);
	m->comment[m->n_comment] = strtoll(f[0], NULL, 10);
	m->comment_by[m->n_comment++] = by;
	m->reply = realloc(m->reply, (m->n_reply + 1) * sizeof *m->reply);
	bool to_post = f[8][0] != '\0';
	m->reply[m->n_reply][0] = by;
	m->reply[m->n_reply][1] = strtoll(to_post ? f[8] : f[9], NULL, 10);
	m->reply[m->n_reply++][2] = to_post;
}

static long creator(const int64_t *ids, const long *by, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return by[i];
	return -1;
}

static void tiny_read(struct tiny *t)
{
	memset(t, 0, sizeof *t);
	each_row("dynamic/person_0_0.csv", person_fn, t, NULL);
	t->deg = calloc(t->n, sizeof *t->deg);
	t->adj = calloc(t->n, sizeof *t->adj);
	each_row("dynamic/person_knows_person_0_0.csv", knows_fn, t, NULL);
	struct msgs m = {0};
	each_row("dynamic/post_0_0.csv", post_fn, t, &m);
	each_row("dynamic/comment_0_0.csv", comment_fn, t, &m);
	t->w2 = calloc(t->n * t->n, sizeof *t->w2);
	for (size_t i = 0; i < m.n_reply; i++) {
		long x = (long)m.reply[i][0];
		long y = m.reply[i][2]
		             ? creator(m.post, m.post_by, m.n_post, m.reply[i][1])
		             : creator(m.comment, m.comment_by, m.n_comment, m.reply[i][1]);
		assert_true(x >= 0 && y >= 0);
		if (x == y)
			continue;
		uint32_t w = m.reply[i][2] ? 2 : 1;
		t->w2[(size_t)x * t->n + (size_t)y] += w;
		t->w2[(size_t)y * t->n + (size_t)x] += w;
	}
	free(m.post);
	free(m.comment);
	free(m.post_by);
	free(m.comment_by);
	free(m.reply);
}

static void tiny_free(struct tiny *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->first[i]);
		free(t->last[i]);
		free(t->adj[i]);
	}
	free(t->id);
	free(t->first);
	free(t->last);
	free(t->deg);
	free(t->adj);
	free(t->w2);
}

/* Plain BFS: dist[] from s (-1 unreachable). */
static void bfs(const struct tiny *t, size_t s, int *dist)
{
	size_t *q = malloc(t->n * sizeof *q), head = 0, tail = 0;
	for (size_t i = 0; i < t->n; i++)
		dist[i] = -1;
	dist[s] = 0;
	q[tail++] = s;
	while (head < tail) {
		size_t u = q[head++];
		for (uint32_t k = 0; k < t->deg[u]; k++) {
			uint32_t v = t->adj[u][k];
			if (dist[v] < 0) {
				dist[v] = dist[u] + 1;
				q[tail++] = v;
			}
		}
	}
	free(q);
}

static void check_ic13(struct loaded *l, const struct tiny *t, size_t a, size_t b,
                       const int *dist_a)
{
	int want = a == b ? 0 : dist_a[b];
	int got = ldbc_ic13(l->x, &l->g, &l->s, t->id[a], t->id[b]);
	if (got != want)
		fail_msg("ic13(%lld, %lld): ties %d, BFS %d", (long long)t->id[a],
		         (long long)t->id[b], got, want);
}

static const struct tiny *sort_t;
static const int *sort_dist;
static int ic1_order(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	if (sort_dist[i] != sort_dist[j])
		return sort_dist[i] - sort_dist[j];
	int c = strcmp(sort_t->last[i], sort_t->last[j]);
	if (c)
		return c;
	return sort_t->id[i] < sort_t->id[j] ? -1 : sort_t->id[i] > sort_t->id[j];
}

static void check_ic1(struct loaded *l, const struct tiny *t, long a, const char *name,
                      const int *dist_a)
{
	size_t *c = malloc((t->n + 1) * sizeof *c), nc = 0;
	for (size_t i = 0; a >= 0 && i < t->n; i++)
		if ((long)i != a && !strcmp(t->first[i], name) && dist_a[i] >= 1 && dist_a[i] <= 3)
			c[nc++] = i;
	sort_t = t;
	sort_dist = dist_a;
	qsort(c, nc, sizeof *c, ic1_order);
	if (nc > 20)
		nc = 20;
	struct ldbc_param p = {.p1 = a >= 0 ? t->id[a] : 1};
	snprintf(p.first, sizeof p.first, "%s", name);
	json_t *j = answer(l->x, &l->g, &l->s, LDBC_IC1, &p);
	if (json_array_size(j) != nc)
		fail_msg("ic1(%lld, %s): ties %zu rows, BFS %zu", (long long)p.p1, name,
		         json_array_size(j), nc);
	for (size_t k = 0; k < nc; k++) {
		json_t *r = json_array_get(j, k);
		assert_int_equal(json_integer_value(json_object_get(r, "friendId")), t->id[c[k]]);
		assert_int_equal(json_integer_value(json_object_get(r, "distanceFromPerson")),
		                 dist_a[c[k]]);
		assert_string_equal(json_string_value(json_object_get(r, "friendLastName")),
		                    t->last[c[k]]);
	}
	json_decref(j);
	free(c);
}

/* Every shortest path from a to b by DFS down the distances to b. */
struct paths_acc {
	int64_t (*ids)[16];
	uint32_t *w2;
	size_t n, len;
};

static void dfs(const struct tiny *t, const int *dist_b, size_t u, size_t *path, size_t k,
                struct paths_acc *acc)
{
	path[k] = u;
	if (dist_b[u] == 0) {
		acc->ids = realloc(acc->ids, (acc->n + 1) * sizeof *acc->ids);
		acc->w2 = realloc(acc->w2, (acc->n + 1) * sizeof *acc->w2);
		uint32_t w = 0;
		for (size_t i = 0; i <= k; i++) {
			acc->ids[acc->n][i] = t->id[path[i]];
			if (i > 0)
				w += t->w2[path[i - 1] * t->n + path[i]];
		}
		acc->w2[acc->n++] = w;
		return;
	}
	for (uint32_t i = 0; i < t->deg[u]; i++)
		if (dist_b[t->adj[u][i]] == dist_b[u] - 1)
			dfs(t, dist_b, t->adj[u][i], path, k + 1, acc);
}

static void check_ic14(struct loaded *l, const struct tiny *t, size_t a, size_t b,
                       const int *dist_b)
{
	struct paths_acc acc = {0};
	size_t path[16];
	if (a == b || dist_b[a] > 0) {
		assert_true(dist_b[a] < 15);
		acc.len = (size_t)dist_b[a] + 1;
		dfs(t, dist_b, a, path, 0, &acc);
	}
	struct ldbc_param p = {.p1 = t->id[a], .p2 = t->id[b]};
	json_t *j = answer(l->x, &l->g, &l->s, LDBC_IC14, &p);
	if (json_array_size(j) != acc.n)
		fail_msg("ic14(%lld, %lld): ties %zu paths, BFS %zu", (long long)p.p1,
		         (long long)p.p2, json_array_size(j), acc.n);
	bool *used = calloc(acc.n + 1, 1);
	double prev = 1e300;
	json_t *prev_ids = NULL;
	for (size_t k = 0; k < acc.n; k++) {
		json_t *r = json_array_get(j, k), *ids = json_object_get(r, "personIdsInPath");
		double w = json_number_value(json_object_get(r, "pathWeight"));
		assert_int_equal(json_array_size(ids), acc.len);
		/* order: weight descending, then ids ascending */
		assert_true(w <= prev);
		if (prev_ids && w == prev) {
			int cmp = 0;
			for (size_t i = 0; i < acc.len && !cmp; i++) {
				json_int_t x = json_integer_value(json_array_get(prev_ids, i));
				json_int_t y = json_integer_value(json_array_get(ids, i));
				cmp = x < y ? -1 : x > y;
			}
			assert_true(cmp < 0);
		}
		prev = w;
		prev_ids = ids;
		/* the same path exists in the BFS answer with the same weight */
		bool found = false;
		for (size_t m = 0; m < acc.n && !found; m++) {
			if (used[m])
				continue;
			bool same = true;
			for (size_t i = 0; i < acc.len && same; i++)
				same = json_integer_value(json_array_get(ids, i)) == acc.ids[m][i];
			if (same) {
				found = used[m] = true;
				assert_true(w * 2 == (double)acc.w2[m]);
			}
		}
		if (!found)
			fail_msg("ic14(%lld, %lld): path %zu of ties is not a shortest path",
			         (long long)p.p1, (long long)p.p2, k);
	}
	json_decref(j);
	free(used);
	free(acc.ids);
	free(acc.w2);
}

/* The rows of one parameter file: two columns each. */
static size_t read_params(const char *name, char (*rows)[2][300], size_t max)
{
	char path[700];
	snprintf(path, sizeof path, "%s/substitution_parameters/%s", tiny_dir, name);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[700];
	size_t n = 0;
	bool header = true;
	while (fgets(line, sizeof line, fp) && n < max) {
		char *f[4];
		if (header || fields(line, f, 4) != 2) {
			header = false;
			continue;
		}
		snprintf(rows[n][0], sizeof rows[n][0], "%s", f[0]);
		snprintf(rows[n][1], sizeof rows[n][1], "%s", f[1]);
		n++;
	}
	fclose(fp);
	assert_true(n > 0);
	return n;
}

static void tiny_equals_plain_bfs(void **state)
{
	struct env *e = *state;
	if (!tiny_present()) {
		print_message("skipped: no LDBC data at %s (set TIES_SHARED)\n", tiny_dir);
		skip();
	}
	struct ldbc_counts cnt;
	struct fail f = {0};
	if (ldbc_load(e->s, tiny_dir, false, &cnt, &f))
		fail_msg("loading %s: %s", tiny_dir, f.detail);
	struct tiny t;
	tiny_read(&t);
	assert_int_equal(cnt.persons, t.n);
	struct loaded l;
	open_loaded(e->s, &l);
	int *dist = malloc(t.n * sizeof *dist), *dist2 = malloc(t.n * sizeof *dist2);
	size_t checked13 = 0, checked14 = 0, checked1 = 0;

	/* Every row of the benchmark's own parameter files. */
	static char rows[64][2][300];
	size_t n = read_params("interactive_13_param.txt", rows, 64);
	for (size_t i = 0; i < n; i++) {
		long a = tiny_index(&t, strtoll(rows[i][0], NULL, 10));
		long b = tiny_index(&t, strtoll(rows[i][1], NULL, 10));
		int got = ldbc_ic13(l.x, &l.g, &l.s, strtoll(rows[i][0], NULL, 10),
		                    strtoll(rows[i][1], NULL, 10));
		int want = -1;
		if (a >= 0 && b >= 0) {
			bfs(&t, (size_t)a, dist);
			want = dist[b];
		} else if (!strcmp(rows[i][0], rows[i][1])) {
			want = 0;
		}
		assert_int_equal(got, want);
		checked13++;
	}
	n = read_params("interactive_14_param.txt", rows, 64);
	for (size_t i = 0; i < n; i++) {
		long a = tiny_index(&t, strtoll(rows[i][0], NULL, 10));
		long b = tiny_index(&t, strtoll(rows[i][1], NULL, 10));
		assert_true(a >= 0 && b >= 0);
		bfs(&t, (size_t)b, dist);
		check_ic14(&l, &t, (size_t)a, (size_t)b, dist);
		checked14++;
	}
	n = read_params("interactive_1_param.txt", rows, 64);
	for (size_t i = 0; i < n; i++) {
		long a = tiny_index(&t, strtoll(rows[i][0], NULL, 10));
		assert_true(a >= 0);
		bfs(&t, (size_t)a, dist);
		check_ic1(&l, &t, a, rows[i][1], dist);
		checked1++;
	}

	/* Then every pair (IC13), every pair among the first 80 persons (IC14),
	 * and every person with the first names of 40 persons (IC1). */
	for (size_t a = 0; a < t.n; a++) {
		bfs(&t, a, dist);
		for (size_t b = 0; b < t.n; b++, checked13++)
			check_ic13(&l, &t, a, b, dist);
		for (size_t k = 0; k < 40; k++, checked1++)
			check_ic1(&l, &t, (long)a, t.first[(k * 37 + 11) % t.n], dist);
	}
	for (size_t b = 0; b < 80 && b < t.n; b++) {
		bfs(&t, b, dist2);
		for (size_t a = 0; a < 80 && a < t.n; a++, checked14++)
			check_ic14(&l, &t, a, b, dist2);
	}
	print_message("ldbc-tiny: %zu IC1, %zu IC13, %zu IC14 answers equal to a plain BFS\n",
	              checked1, checked13, checked14);
	free(dist);
	free(dist2);
	close_loaded(&l);
	tiny_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(dates_parse),
	    cmocka_unit_test(params_parse),
	    cmocka_unit_test_setup_teardown(small_loads_and_answers, setup, teardown),
	    cmocka_unit_test_setup_teardown(small_run_prints_a_line_per_row, setup, teardown),
	    cmocka_unit_test_setup_teardown(malformed_files_change_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(tiny_equals_plain_bfs, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
