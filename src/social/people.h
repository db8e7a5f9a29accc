/* people — people search as PRODUCT.md "Search" defines it, on the search
 * index (search/) and the network index (graph/): who may appear (never
 * private profiles, never across a block, never yourself), in which tier
 * (1st, 2nd, group co-members, 3rd, everyone else), with which filters.
 *
 * Tiers come from the searcher's network view: bitmaps of their 1st, 2nd
 * and 3rd degree, built by one bounded BFS and kept in the reader with the
 * graph version they were built at, so typing in the search box (a query a
 * keystroke) builds them once (DESIGN.md: LinkedIn's network cache). */
#ifndef TIES_SOCIAL_PEOPLE_H
#define TIES_SOCIAL_PEOPLE_H
#include <stdint.h>

#include "base/err.h"
#include "search/search.h"
#include "social/profile.h"
#include "social/ties.h"

/* Profile visibility name -> enum vis. */
uint8_t vis_from_name(const char *visibility);

/* The search document of a profile.  Points into p and into mem, which the
 * caller releases with people_doc_release after using d. */
struct people_doc_mem {
	struct search_position *positions;
	char **education;
	const char **skills;
};
void people_doc(const struct profile *p, struct search_doc *d, struct people_doc_mem *mem);
void people_doc_release(struct people_doc_mem *mem);

struct people_query {
	const char *q;
	const char *filter[SX__COUNT];
	int degree; /* 0 any, 1, 2, or 3 = 3rd and beyond */
	uint32_t offset, limit;
	unsigned langs; /* the searcher's languages (LANG_BIT) */
};

/* The searcher's languages from their profile. */
unsigned people_langs(struct store *s, int64_t member);

/* Runs a search for viewer into rd->res.  The caller holds t->index_lock
 * for reading.  E_BAD_QUERY with f naming the parameter. */
enum err people_search(struct ties *t, struct reader *rd, int64_t viewer,
                       const struct people_query *q, struct fail *f);
/* Name typeahead, closest first, into rd->res. */
enum err people_typeahead(struct ties *t, struct reader *rd, int64_t viewer, const char *q,
                          uint32_t limit, struct fail *f);

#endif
