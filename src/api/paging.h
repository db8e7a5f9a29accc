/* paging — opaque cursors for every list.  A cursor encodes the sort key of
 * the last item sent ("after"); clients pass it back unchanged.  Page sizes
 * are bounded: `limit` defaults to 20, at most PAGE_MAX. */
#ifndef TIES_API_PAGING_H
#define TIES_API_PAGING_H
#include <stdbool.h>
#include <stdint.h>

#include "api/api.h"

#define PAGE_DEFAULT 20
#define PAGE_MAX     100

struct page {
	int64_t after; /* decoded cursor, 0 = from the start */
	int64_t limit;
};

/* Reads ?cursor= and ?limit=; a malformed one is E_BAD_QUERY naming it. */
enum err page_parse(struct ctx *c, struct page *out);
/* Writes "next_cursor": string or null. */
void page_next_json(struct ctx *c, bool more, int64_t last);
void page_cursor_encode(int64_t v, char out[24]);
bool page_cursor_decode(const char *s, int64_t *v);

#endif
