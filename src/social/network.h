/* network — the rules of PRODUCT.md "Connections and follows": invitations
 * (with the personal-note nudge, weekly limit, withdrawal cool-down and the
 * recipient's auto-accept rule), silent disconnection, follows, blocks, and
 * the notifications they leave.  Each operation is one writer turn (ties.h):
 * check the rules, commit rows + event + notifications in one transaction,
 * then apply the change to the network index. */
#ifndef TIES_SOCIAL_NETWORK_H
#define TIES_SOCIAL_NETWORK_H
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "social/ties.h"
#include "store/store.h"

#define NOTE_MAX           300
#define INVITE_COOLDOWN_MS (21LL * 24 * 3600 * 1000)
#define INVITE_WINDOW_MS   (7LL * 24 * 3600 * 1000)

/* Resolves handle to a member the viewer may know of: E_NOT_FOUND when there
 * is no such member or either blocked the other (viewer 0 = signed out). */
enum err net_find(struct ties *t, struct store *s, int64_t viewer, const char *handle, int64_t *id,
                  struct fail *f);

/* True if note is empty or one of the stock texts (data/stock-notes.txt),
 * compared without case, punctuation or spacing. */
bool note_is_stock(const char *note);

struct invite_result {
	int64_t invitation_id;
	bool connected; /* connected at once: auto-accepted, or they had invited us */
};
enum err net_invite(struct ties *t, struct store *s, int64_t sender, int64_t recipient,
                    const char *note, bool confirm_without_note, struct invite_result *out,
                    int64_t *retry_ms, struct fail *f);

enum invitation_act { INV_ACCEPT, INV_DECLINE, INV_IGNORE, INV_WITHDRAW };
/* member acts on invitation id (recipient accepts/declines/ignores, sender
 * withdraws).  *other gets the other party.  E_NOT_FOUND when the invitation
 * is not member's to act on, E_CONFLICT when it is no longer open. */
enum err net_invitation_act(struct ties *t, struct store *s, int64_t member, int64_t id,
                            enum invitation_act act, int64_t *other, struct fail *f);

/* Ends the connection silently: no notification, no trace in b's lists. */
enum err net_disconnect(struct ties *t, struct store *s, int64_t a, int64_t b, struct fail *f);
enum err net_follow(struct ties *t, struct store *s, int64_t a, int64_t b, bool on, struct fail *f);
/* a blocks (on) or unblocks b.  Blocking removes their connection, open
 * invitations, follows and the notifications between them. */
enum err net_block(struct ties *t, struct store *s, int64_t a, int64_t b, bool on, struct fail *f);

extern const char *const auto_accept_modes[]; /* off below second */
enum err net_set_auto_accept(struct ties *t, struct store *s, int64_t member, const char *mode,
                             int64_t below, struct fail *f);

#endif
