/* jw — streaming JSON writer. */
#include "base/jw.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

void jw_init(struct jw *w, struct buf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
}

static void sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (!w->first[w->depth])
			buf_addc(w->b, ',');
		w->first[w->depth] = false;
	}
}

static void open(struct jw *w, char o, char c)
{
	sep(w);
	buf_addc(w->b, o);
	if (w->depth + 1 >= JW_DEPTH) {
		w->b->over = true;
		return;
	}
	w->depth++;
	w->first[w->depth] = true;
	w->close[w->depth] = c;
}

void jw_obj(struct jw *w)
{
	open(w, '{', '}');
}
void jw_arr(struct jw *w)
{
	open(w, '[', ']');
}

void jw_end(struct jw *w)
{
	if (w->depth <= 0)
		return;
	buf_addc(w->b, w->close[w->depth]);
	w->depth--;
}

void json_escape(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_addc(b, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		char u[7];
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else if (c < 0x20 || c == 0x7f) {
			u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0';
			u[4] = hex[c >> 4], u[5] = hex[c & 15], u[6] = '\0';
			rep = u;
		} else if (c == '<') {
			rep = "\\u003c"; /* safe to embed in HTML */
		}
		if (rep) {
			buf_add(b, s + start, i - start);
			buf_adds(b, rep);
			start = i + 1;
		}
	}
	buf_add(b, s + start, n - start);
	buf_addc(b, '"');
}

void jw_key(struct jw *w, const char *k)
{
	sep(w);
	json_escape(w->b, k, strlen(k));
	buf_addc(w->b, ':');
	w->after_key = true;
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
	sep(w);
	json_escape(w->b, s, n);
}

void jw_str(struct jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	jw_strn(w, s, strlen(s));
}

void jw_int(struct jw *w, int64_t v)
{
	sep(w);
	buf_addf(w->b, "%" PRId64, v);
}

void jw_double(struct jw *w, double v)
{
	sep(w);
	if (!isfinite(v))
		buf_adds(w->b, "null");
	else
		buf_addf(w->b, "%.17g", v);
}

void jw_bool(struct jw *w, bool v)
{
	sep(w);
	buf_adds(w->b, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	sep(w);
	buf_adds(w->b, "null");
}

void jw_raw(struct jw *w, const char *json, size_t n)
{
	sep(w);
	buf_add(w->b, json, n);
}

void jw_kstr(struct jw *w, const char *k, const char *s)
{
	jw_key(w, k), jw_str(w, s);
}
void jw_kint(struct jw *w, const char *k, int64_t v)
{
	jw_key(w, k), jw_int(w, v);
}
void jw_kbool(struct jw *w, const char *k, bool v)
{
	jw_key(w, k), jw_bool(w, v);
}
void jw_kdouble(struct jw *w, const char *k, double v)
{
	jw_key(w, k), jw_double(w, v);
}
