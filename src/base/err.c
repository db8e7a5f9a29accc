/* err — tables generated from err.def. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
	int status;
	const char *code;
	const char *msg;
} table[] = {
#define ERR(name, status, code, msg) {status, code, msg},
#include "base/err.def"
#undef ERR
};

int err_status(enum err e)
{
	return e < E__COUNT ? table[e].status : 500;
}
const char *err_code(enum err e)
{
	return e < E__COUNT ? table[e].code : "internal";
}
const char *err_message(enum err e)
{
	return e < E__COUNT ? table[e].msg : "internal error";
}

enum err fail_set(struct fail *f, enum err e, const char *field, const char *fmt, ...)
{
	if (!f)
		return e;
	f->err = e;
	f->field = field;
	if (!fmt) {
		f->detail = err_message(e);
		return e;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->buf, sizeof f->buf, fmt, ap);
	va_end(ap);
	f->detail = f->buf;
	return e;
}
