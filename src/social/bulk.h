/* bulk — fast, all-or-nothing loading of many members and connections into
 * the store (`ties gen`, `ties import edges`, the LDBC loader): one
 * transaction, prepared statements, no per-row events (one "bulk.loaded"
 * event records the load).  Bulk members cannot sign in (their password hash
 * is "!") until an operator gives them one. */
#ifndef TIES_SOCIAL_BULK_H
#define TIES_SOCIAL_BULK_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "store/store.h"

struct bulk {
	struct store *s;
	int64_t now;
	uint64_t members, connections;
	uint64_t last_progress_ns;
	FILE *progress; /* NULL = quiet; else a terminal to draw progress on */
	const char *what;
	bool index_later; /* connections_b dropped by bulk_begin, rebuilt by bulk_end */
};

/* Starts the transaction.  progress: print progress there (a terminal). */
enum err bulk_begin(struct bulk *b, struct store *s, const char *what, FILE *progress,
                    struct fail *f);
struct bulk_member {
	const char *handle, *display_name, *email;
	const char *headline, *location, *industry;
	const char *title, *company; /* current position, NULL = none */
};
enum err bulk_member(struct bulk *b, const struct bulk_member *m, int64_t *id, struct fail *f);
/* Connects a and b (any order; a != b; the pair must be new). */
enum err bulk_connect(struct bulk *b, int64_t a, int64_t b_, int64_t at, struct fail *f);
/* Commits with one event naming what was loaded, or rolls back (ok false). */
enum err bulk_end(struct bulk *b, bool ok, struct fail *f);
/* Reports progress every ~100 ms when b->progress is set: "label: n". */
void bulk_progress(struct bulk *b, const char *label, uint64_t n, uint64_t total);

#endif
