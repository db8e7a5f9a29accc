/* err — the error vocabulary (err.def) as a C enum, with lookups for the HTTP
 * status, the stable code string and the default message.  Functions return
 * `enum err` (E_OK == 0) rather than -1 so that every layer speaks the same
 * codes all the way out to problem+json and the CLI. */
#ifndef TIES_BASE_ERR_H
#define TIES_BASE_ERR_H

enum err {
#define ERR(name, status, code, msg) E_##name,
#include "base/err.def"
#undef ERR
	E__COUNT
};

int err_status(enum err e);
const char *err_code(enum err e);
const char *err_message(enum err e);

/* The detail of a failure beyond its code: which field, and a message for
 * humans.  Filled by the layer that knows; `field` and `detail` point at
 * static strings or at storage in `buf`. */
struct fail {
	enum err err;
	const char *field;
	const char *detail;
	char buf[256];
};

/* Records e with field and a printf-style detail (NULL fmt = default message)
 * in *f, and returns e so callers can `return fail_set(...)`. */
enum err fail_set(struct fail *f, enum err e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
