/* Unit tests for src/base: buf, jw, utf8, err, clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/jw.h"
#include "base/utf8.h"

static void buf_caps_and_formats(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	buf_adds(&b, "hello");
	buf_addf(&b, "%d", 42);
	assert_string_equal(b.p, "hello42");
	assert_false(b.over);
	buf_adds(&b, "toolong");
	assert_true(b.over);
	assert_string_equal(b.p, "hello42"); /* nothing partial appended */
	buf_adds(&b, "x");
	assert_string_equal(b.p, "hello42"); /* sticky */
	buf_reset(&b);
	assert_false(b.over);
	buf_addf(&b, "%s", "0123456789");
	assert_int_equal(b.n, 10);
	buf_release(&b);
	buf_init(&b, 0);
	char big[600];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_addf(&b, "<%s>", big);
	assert_int_equal(b.n, 601);
	size_t n;
	char *p = buf_detach(&b, &n);
	assert_int_equal(n, 601);
	assert_int_equal(p[600], '>');
	free(p);
	assert_null(b.p);
}

static void jw_writes_valid_json(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	struct jw w;
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "name", "Åsa \"Ö\"\n\t<b>");
	jw_kint(&w, "n", -5);
	jw_key(&w, "list");
	jw_arr(&w);
	jw_int(&w, 1);
	jw_str(&w, NULL);
	jw_bool(&w, true);
	jw_obj(&w);
	jw_end(&w);
	jw_end(&w);
	jw_kdouble(&w, "x", 0.5);
	jw_kstr(&w, "ctl", "\x01");
	jw_end(&w);
	assert_string_equal(b.p, "{\"name\":\"Åsa \\\"Ö\\\"\\n\\t\\u003cb>\",\"n\":-5,"
	                         "\"list\":[1,null,true,{}],\"x\":0.5,\"ctl\":\"\\u0001\"}");
	buf_release(&b);
}

static void utf8_validation(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars("abc", 3), 3);
	assert_int_equal(utf8_chars("Tromsø", strlen("Tromsø")), 6);
	assert_int_equal(utf8_chars("😀", 4), 1);
	assert_int_equal(utf8_chars("\xff", 1), -1);
	assert_int_equal(utf8_chars("\xc3", 1), -1);             /* truncated */
	assert_int_equal(utf8_chars("\xc0\xaf", 2), -1);         /* overlong '/' */
	assert_int_equal(utf8_chars("\xed\xa0\x80", 3), -1);     /* surrogate */
	assert_int_equal(utf8_chars("\xf4\x90\x80\x80", 4), -1); /* > U+10FFFF */
	assert_int_equal(utf8_chars("", 0), 0);
}

static void err_table(void **state)
{
	(void)state;
	assert_int_equal(err_status(E_OK), 200);
	assert_int_equal(err_status(E_EMAIL_TAKEN), 409);
	assert_string_equal(err_code(E_RATE_LIMITED), "rate_limited");
	assert_int_equal(err_status(E_TOO_LARGE), 413);
	struct fail f = {0};
	assert_int_equal(fail_set(&f, E_BAD_FIELD, "email", "bad %s", "x"), E_BAD_FIELD);
	assert_string_equal(f.detail, "bad x");
	assert_string_equal(f.field, "email");
	fail_set(&f, E_NOT_FOUND, NULL, NULL);
	assert_string_equal(f.detail, err_message(E_NOT_FOUND));
}

static void clock_is_settable(void **state)
{
	(void)state;
	clock_set_ms(1000);
	assert_int_equal(clock_now_ms(), 1000);
	clock_advance_ms(500);
	assert_int_equal(clock_now_ms(), 1500);
	clock_set_ms(0);
	assert_true(clock_now_ms() > 1700000000000LL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(buf_caps_and_formats), cmocka_unit_test(jw_writes_valid_json),
	    cmocka_unit_test(utf8_validation),      cmocka_unit_test(err_table),
	    cmocka_unit_test(clock_is_settable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
