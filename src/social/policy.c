/* policy — visibility rules of PRODUCT.md "Members and profiles". */
#include "social/policy.h"

#include <string.h>

enum profile_view policy_profile_view(const struct viewer *v, int64_t owner, const char *visibility,
                                      int degree, bool blocked)
{
	if (v->member && v->member == owner)
		return VIEW_FULL;
	if (blocked)
		return VIEW_NONE; /* blocking cuts every path, either way */
	if (v->admin)
		return VIEW_FULL;
	if (strcmp(visibility, "public") == 0)
		return VIEW_FULL;
	if (strcmp(visibility, "private") == 0 || !v->member)
		return VIEW_NONE;
	if (strcmp(visibility, "members") == 0)
		return VIEW_FULL;
	/* "network": 1st to 3rd degree see it all; other members see the card. */
	return degree >= 1 && degree <= 3 ? VIEW_FULL : VIEW_CARD;
}
