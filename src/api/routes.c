/* routes — the one table of API endpoints: method, path, handler, who may
 * call it.  docs/openapi.json describes the same set; a test checks they
 * agree. */
#include "api/api.h"
#include "api/handlers.h"

const struct route api_routes[] = {
    {"POST", "/api/v1/auth/signup", h_signup, AUTH_NONE, "Create an account and a session"},
    {"POST", "/api/v1/auth/signin", h_signin, AUTH_NONE, "Sign in: start a session"},
    {"POST", "/api/v1/auth/signout", h_signout, AUTH_MEMBER, "End the current session"},
    {"POST", "/api/v1/auth/password", h_password, AUTH_MEMBER, "Change the password"},
    {"GET", "/api/v1/me", h_me, AUTH_MEMBER, "My account and whole profile"},
    {"DELETE", "/api/v1/me", h_delete_me, AUTH_MEMBER, "Delete my account and all I own"},
    {"PATCH", "/api/v1/me/profile", h_patch_profile, AUTH_MEMBER, "Edit my profile"},
    {"GET", "/api/v1/me/profile/strength", h_strength, AUTH_MEMBER,
     "How complete my profile is and what is missing"},
    {"GET", "/api/v1/profiles/{handle}", h_profile, AUTH_OPTIONAL,
     "A member's profile, as the viewer may see it"},
    {"GET", "/api/v1/admin/members", h_admin_members, AUTH_ADMIN, "List members (admin)"},
    {"PUT", "/api/v1/admin/members/{handle}/kind", h_admin_kind, AUTH_ADMIN,
     "Set an account's kind (admin)"},
    {"GET", "/api/v1/openapi.json", h_openapi, AUTH_NONE, "This API's OpenAPI 3 document"},
};
const size_t api_n_routes = sizeof api_routes / sizeof api_routes[0];
