/* Unit tests for src/api: the field-table decoder, cursors, and the route
 * table against the OpenAPI document kept in the repo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/decode.h"
#include "api/paging.h"

extern const unsigned char openapi_json[];
extern const unsigned long openapi_json_len;

struct item {
	char *name;
	int64_t year;
};
struct thing {
	char *title, *color;
	bool flag;
	struct dlist tags;
	struct dlist items;
	struct item main;
};
static const char *const colors[] = {"red", "blue", NULL};
static const struct field item_fields[] = {
    {"name", F_STR, offsetof(struct item, name), FD_REQUIRED, .max = 5, .min = 1},
    {"year", F_INT, offsetof(struct item, year), FD_NULLABLE, .lo = 1900, .hi = 2100},
    FD_END,
};
static const struct field thing_fields[] = {
    {"title", F_STR, offsetof(struct thing, title), FD_REQUIRED, .max = 10},
    {"color", F_ENUM, offsetof(struct thing, color), 0, .max = 10, .choices = colors},
    {"flag", F_BOOL, offsetof(struct thing, flag), 0, .max = 0},
    {"tags", F_STRS, offsetof(struct thing, tags), 0, .max = 4, .max_items = 2},
    {"items", F_OBJS, offsetof(struct thing, items), 0, .max_items = 3, .sub = item_fields,
     .sub_size = sizeof(struct item)},
    {"main", F_OBJ, offsetof(struct thing, main), FD_NULLABLE, .sub = item_fields,
     .sub_size = sizeof(struct item)},
    FD_END,
};

static enum err dec(const char *json, struct thing *t, uint64_t *present, struct fail *f)
{
	memset(t, 0, sizeof *t);
	memset(f, 0, sizeof *f);
	enum err e = decode_body(json, strlen(json), thing_fields, t, present, f);
	return e;
}

static void decoder_accepts_and_marks_presence(void **state)
{
	(void)state;
	struct thing t;
	struct fail f;
	uint64_t present;
	assert_int_equal(
	    dec("{\"title\":\"Hej\",\"flag\":true,\"tags\":[\"a\",\"Ö\"],"
	        "\"items\":[{\"name\":\"x\",\"year\":2000},{\"name\":\"y\",\"year\":null}],"
	        "\"main\":{\"name\":\"m\"}}",
	        &t, &present, &f),
	    E_OK);
	assert_string_equal(t.title, "Hej");
	assert_null(t.color);
	assert_true(t.flag);
	assert_int_equal(t.tags.n, 2);
	assert_string_equal(((char **)t.tags.items)[1], "Ö");
	assert_int_equal(t.items.n, 2);
	assert_int_equal(((struct item *)t.items.items)[0].year, 2000);
	assert_int_equal(((struct item *)t.items.items)[1].year, 0);
	assert_string_equal(t.main.name, "m");
	assert_true(present & 1);        /* title */
	assert_false(present & 2);       /* color */
	assert_true(present & 4);        /* flag */
	assert_true(present & (1 << 5)); /* main */
	decode_free(thing_fields, &t);
}

static void decoder_refuses_with_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *json;
		enum err err;
		const char *field;
	} cases[] = {
	    {"{\"title\":\"x\",\"other\":1}", E_UNKNOWN_FIELD, "other"},
	    {"{\"title\":5}", E_WRONG_TYPE, "title"},
	    {"{}", E_MISSING_FIELD, "title"},
	    {"{\"title\":\"01234567890\"}", E_TOO_LONG, "title"},
	    {"{\"title\":\"ÅÅÅÅÅÅÅÅÅÅ\"}", E_OK, NULL}, /* 10 characters, 20 bytes */
	    {"{\"title\":\"x\",\"color\":\"green\"}", E_BAD_FIELD, "color"},
	    {"{\"title\":\"x\",\"tags\":[\"a\",\"b\",\"c\"]}", E_TOO_MANY, "tags"},
	    {"{\"title\":\"x\",\"tags\":[\"a\",7]}", E_WRONG_TYPE, "tags[1]"},
	    {"{\"title\":\"x\",\"tags\":[\"\"]}", E_MISSING_FIELD, "tags[0]"},
	    {"{\"title\":\"x\",\"items\":[{\"name\":\"a\"},{\"year\":2000}]}", E_MISSING_FIELD,
	     "items[1].name"},
	    {"{\"title\":\"x\",\"items\":[{\"name\":\"a\",\"year\":1800}]}", E_BAD_FIELD,
	     "items[0].year"},
	    {"{\"title\":\"x\",\"items\":[{\"name\":\"a\",\"zip\":1}]}", E_UNKNOWN_FIELD,
	     "items[0].zip"},
	    {"{\"title\":\"x\",\"main\":{\"name\":\"toolong\"}}", E_TOO_LONG, "main.name"},
	    {"{\"title\":\"x\",\"main\":[]}", E_WRONG_TYPE, "main"},
	    {"{\"title\":\"x\",\"flag\":1}", E_WRONG_TYPE, "flag"},
	    {"{\"title\":\"x\",\"title\":\"y\"}", E_BAD_JSON, NULL},
	    {"{\"title\":\"x\"", E_BAD_JSON, NULL},
	    {"[]", E_BAD_JSON, NULL},
	    {"{\"title\":\"a\\u0000b\"}", E_BAD_JSON, NULL},
	    {"{\"title\":\"\xc3\x28\"}", E_BAD_UTF8, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct thing t;
		struct fail f;
		enum err e = dec(cases[i].json, &t, NULL, &f);
		if (e != cases[i].err)
			fail_msg("case %zu (%s): got %s want %s", i, cases[i].json, err_code(e),
			         err_code(cases[i].err));
		if (cases[i].field)
			assert_string_equal(f.field, cases[i].field);
		decode_free(thing_fields, &t);
	}
}

static void swap_present_applies_a_patch(void **state)
{
	(void)state;
	struct thing a, b;
	struct fail f;
	uint64_t present;
	assert_int_equal(dec("{\"title\":\"old\",\"color\":\"red\"}", &a, NULL, &f), E_OK);
	assert_int_equal(dec("{\"title\":\"new\",\"tags\":[\"t\"]}", &b, &present, &f), E_OK);
	decode_swap_present(thing_fields, present, &a, &b);
	assert_string_equal(a.title, "new");
	assert_string_equal(a.color, "red");
	assert_int_equal(a.tags.n, 1);
	assert_string_equal(b.title, "old");
	decode_free(thing_fields, &a);
	decode_free(thing_fields, &b);
}

static void cursors_round_trip_and_reject_garbage(void **state)
{
	(void)state;
	int64_t vals[] = {0, 1, 35, 36, 123456789, INT64_MAX};
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		char c[24];
		int64_t back = -1;
		page_cursor_encode(vals[i], c);
		assert_true(page_cursor_decode(c, &back));
		assert_true(back == vals[i]);
	}
	int64_t v;
	assert_false(page_cursor_decode("x12", &v));
	assert_false(page_cursor_decode("c", &v));
	assert_false(page_cursor_decode("c12!", &v));
	assert_false(page_cursor_decode("czzzzzzzzzzzzzz", &v));
}

static void openapi_documents_every_route(void **state)
{
	(void)state;
	json_error_t jerr;
	json_t *doc = json_loadb((const char *)openapi_json, openapi_json_len, 0, &jerr);
	assert_non_null(doc);
	json_t *paths = json_object_get(doc, "paths");
	assert_non_null(paths);
	/* Collect the first disagreement, release the document, then fail. */
	char why[256] = "";
	for (size_t i = 0; i < api_n_routes && !why[0]; i++) {
		json_t *p = json_object_get(paths, api_routes[i].pattern);
		char m[8] = "";
		for (size_t k = 0; k < 7 && api_routes[i].method[k]; k++)
			m[k] = (char)tolower((unsigned char)api_routes[i].method[k]);
		if (!p || !json_object_get(p, m))
			snprintf(why, sizeof why, "%s %s is not in docs/openapi.json",
			         api_routes[i].method, api_routes[i].pattern);
	}
	/* and the document names no route the server lacks */
	const char *path;
	json_t *ops;
	json_object_foreach(paths, path, ops)
	{
		if (strcmp(path, "/healthz") == 0 || why[0])
			continue;
		const char *method;
		json_t *op;
		json_object_foreach(ops, method, op)
		{
			bool found = false;
			for (size_t i = 0; i < api_n_routes && !found; i++)
				found = strcmp(api_routes[i].pattern, path) == 0 &&
				        strcasecmp(api_routes[i].method, method) == 0;
			if (!found && !why[0])
				snprintf(why, sizeof why,
				         "docs/openapi.json has %s %s that no route serves", method,
				         path);
		}
	}
	json_decref(doc);
	if (why[0])
		fail_msg("%s", why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decoder_accepts_and_marks_presence),
	    cmocka_unit_test(decoder_refuses_with_the_field),
	    cmocka_unit_test(swap_present_applies_a_patch),
	    cmocka_unit_test(cursors_round_trip_and_reject_garbage),
	    cmocka_unit_test(openapi_documents_every_route),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
