/* handlers — every API handler, named h_<what>; routes.c maps them to paths. */
#ifndef TIES_API_HANDLERS_H
#define TIES_API_HANDLERS_H
#include "api/api.h"

enum err h_signup(struct ctx *c);
enum err h_signin(struct ctx *c);
enum err h_signout(struct ctx *c);
enum err h_password(struct ctx *c);
enum err h_delete_me(struct ctx *c);
enum err h_me(struct ctx *c);
enum err h_patch_profile(struct ctx *c);
enum err h_strength(struct ctx *c);
enum err h_profile(struct ctx *c);
enum err h_admin_members(struct ctx *c);
enum err h_admin_kind(struct ctx *c);
enum err h_admin_check(struct ctx *c);
enum err h_openapi(struct ctx *c);
enum err h_invite(struct ctx *c);
enum err h_invitations_received(struct ctx *c);
enum err h_invitations_sent(struct ctx *c);
enum err h_invitation_accept(struct ctx *c);
enum err h_invitation_decline(struct ctx *c);
enum err h_invitation_ignore(struct ctx *c);
enum err h_invitation_withdraw(struct ctx *c);
enum err h_connections(struct ctx *c);
enum err h_disconnect(struct ctx *c);
enum err h_mutual(struct ctx *c);
enum err h_path(struct ctx *c);
enum err h_network_size(struct ctx *c);
enum err h_follow(struct ctx *c);
enum err h_unfollow(struct ctx *c);
enum err h_followers(struct ctx *c);
enum err h_following(struct ctx *c);
enum err h_block(struct ctx *c);
enum err h_unblock(struct ctx *c);
enum err h_blocks(struct ctx *c);
enum err h_settings(struct ctx *c);
enum err h_settings_patch(struct ctx *c);
enum err h_notifications(struct ctx *c);
enum err h_notifications_read(struct ctx *c);
enum err h_search(struct ctx *c);
enum err h_typeahead(struct ctx *c);

#endif
