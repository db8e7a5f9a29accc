/* h_meta — the API's own description. */
#include "api/api.h"
#include "api/handlers.h"

extern const unsigned char openapi_json[];
extern const unsigned long openapi_json_len;

enum err h_openapi(struct ctx *c)
{
	c->resp->status = 200;
	buf_add(&c->resp->body, openapi_json, openapi_json_len);
	return E_OK;
}
