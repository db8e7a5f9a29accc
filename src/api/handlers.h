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
enum err h_openapi(struct ctx *c);

#endif
