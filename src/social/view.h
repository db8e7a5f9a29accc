/* view — what a viewer sees of another member wherever that member appears
 * (profile, list, search hit, path): the degree (0 you, 1st–3rd, or out of
 * network), the number of mutual connections, any open invitation between
 * them, and the actions open to the viewer.  One function computes it so every
 * list says the same thing. */
#ifndef TIES_SOCIAL_VIEW_H
#define TIES_SOCIAL_VIEW_H
#include <stdbool.h>
#include <stdint.h>

#include "base/jw.h"
#include "graph/graph.h"
#include "social/ties.h"
#include "store/store.h"

struct member_view {
	int64_t viewer, member;
	int degree; /* 0 self, 1..3, GRAPH_OUT */
	uint32_t mutual;
	bool connected, following, blocked;
	int64_t invitation_id; /* open invitation between the two, 0 = none */
	bool invited_by_viewer;
};

/* Computes v.  The caller holds t->index_lock for reading and passes its own
 * scratch.  viewer 0 (signed out) sees degree GRAPH_OUT and no actions. */
void view_compute(struct ties *t, struct store *s, struct graph_scratch *gs, int64_t viewer,
                  int64_t member, struct member_view *v);

/* Writes "degree", "mutual_count", "actions", "invitation_id" members. */
void view_json(const struct member_view *v, struct jw *w);

/* Writes a whole card object {handle, display_name, headline, degree, ...}
 * for member (E_NOT_FOUND when it does not exist).  Caller holds the read
 * lock. */
enum err card_json(struct ties *t, struct store *s, struct graph_scratch *gs, int64_t viewer,
                   int64_t member, struct jw *w);

#endif
