/* paging — cursors are "c" + base-36 of the key: opaque to clients, cheap to
 * check. */
#include "api/paging.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void page_cursor_encode(int64_t v, char out[24])
{
	char tmp[24];
	int n = 0;
	uint64_t u = (uint64_t)v;
	do {
		tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[u % 36];
		u /= 36;
	} while (u && n < 22);
	out[0] = 'c';
	for (int i = 0; i < n; i++)
		out[1 + i] = tmp[n - 1 - i];
	out[1 + n] = '\0';
}

bool page_cursor_decode(const char *s, int64_t *v)
{
	if (!s || s[0] != 'c' || !s[1] || strlen(s) > 14)
		return false;
	uint64_t u = 0;
	for (const char *p = s + 1; *p; p++) {
		const char *d = strchr("0123456789abcdefghijklmnopqrstuvwxyz", *p);
		if (!d || !*p)
			return false;
		u = u * 36 + (uint64_t)(d - "0123456789abcdefghijklmnopqrstuvwxyz");
	}
	if (u > INT64_MAX)
		return false;
	*v = (int64_t)u;
	return true;
}

enum err page_parse(struct ctx *c, struct page *out)
{
	out->after = 0;
	out->limit = PAGE_DEFAULT;
	const char *cur = ctx_query(c, "cursor");
	if (cur && *cur && !page_cursor_decode(cur, &out->after))
		return fail_set(&c->fail, E_BAD_QUERY, "cursor",
		                "cursor: not a cursor from this list");
	const char *lim = ctx_query(c, "limit");
	if (lim) {
		char *end;
		long v = strtol(lim, &end, 10);
		if (!*lim || *end || v < 1 || v > PAGE_MAX)
			return fail_set(&c->fail, E_BAD_QUERY, "limit",
			                "limit: a number from 1 to %d", PAGE_MAX);
		out->limit = v;
	}
	return E_OK;
}

void page_next_json(struct ctx *c, bool more, int64_t last)
{
	jw_key(&c->w, "next_cursor");
	if (!more) {
		jw_null(&c->w);
		return;
	}
	char cur[24];
	page_cursor_encode(last, cur);
	jw_str(&c->w, cur);
}
