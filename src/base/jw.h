/* jw — a streaming JSON writer into a buf.  Keeps track of commas so callers
 * write keys and values in order; strings are escaped (input must be valid
 * UTF-8, which every store field is by construction).
 *
 *   jw_obj(&w); jw_key(&w, "id"); jw_int(&w, 7); jw_kstr(&w, "name", s); jw_end(&w);
 */
#ifndef TIES_BASE_JW_H
#define TIES_BASE_JW_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define JW_DEPTH 32

struct jw {
	struct buf *b;
	int depth;
	bool after_key;
	bool first[JW_DEPTH];
	char close[JW_DEPTH];
};

void jw_init(struct jw *w, struct buf *b);
void jw_obj(struct jw *w);
void jw_arr(struct jw *w);
void jw_end(struct jw *w);
void jw_key(struct jw *w, const char *k);
void jw_str(struct jw *w, const char *s); /* NULL writes null */
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, int64_t v);
void jw_double(struct jw *w, double v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* Appends already-encoded JSON as one value. */
void jw_raw(struct jw *w, const char *json, size_t n);

/* key + value shorthands */
void jw_kstr(struct jw *w, const char *k, const char *s);
void jw_kint(struct jw *w, const char *k, int64_t v);
void jw_kbool(struct jw *w, const char *k, bool v);
void jw_kdouble(struct jw *w, const char *k, double v);

/* Escapes s[0..n) as a JSON string literal (with quotes) into b. */
void json_escape(struct buf *b, const char *s, size_t n);

#endif
