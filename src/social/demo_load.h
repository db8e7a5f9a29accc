/* demo_load — writes the generated demo network (demo/demo.h) into the store
 * through the same domain operations members use, in one transaction, so a
 * newcomer's first `make run` shows a living network. */
#ifndef TIES_SOCIAL_DEMO_LOAD_H
#define TIES_SOCIAL_DEMO_LOAD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "demo/demo.h"
#include "social/ties.h"

#define DEMO_EMAIL DEMO_ASTRID_EMAIL

struct demo_summary {
	bool loaded;
	size_t members, connections, follows, invitations;
};

/* Loads n members (0 = default) from seed into s.  Fails with E_CONFLICT if
 * any demo member exists already; changes nothing on failure. */
enum err demo_load(struct store *s, size_t n, uint64_t seed, struct demo_summary *out,
                   struct fail *f);
/* Loads the default demo network when the store has no members. */
enum err demo_load_if_empty(struct ties *t, struct demo_summary *out, struct fail *f);

#endif
