/* policy — the one place that answers "may this viewer ...?".  Handlers ask
 * it; they never re-implement a rule.  Each question takes who is asking
 * (member 0 = signed-out visitor) and the facts that decide it. */
#ifndef TIES_SOCIAL_POLICY_H
#define TIES_SOCIAL_POLICY_H
#include <stdbool.h>
#include <stdint.h>

struct viewer {
	int64_t member; /* 0 = signed out */
	bool admin;
};

enum profile_view {
	VIEW_NONE, /* as if the profile did not exist */
	VIEW_CARD, /* name and headline only */
	VIEW_FULL,
};

/* degree: 1..3 within the viewer's network, 0 = unknown/out of network. */
enum profile_view policy_profile_view(const struct viewer *v, int64_t owner, const char *visibility,
                                      int degree, bool blocked);

#endif
