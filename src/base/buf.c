/* buf — capped growable buffer. */
#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof *b);
	b->max = max ? max : BUF_DEFAULT_MAX;
}

void buf_release(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

void buf_reset(struct buf *b)
{
	b->n = 0;
	b->over = false;
	if (b->p)
		b->p[0] = '\0';
}

static bool reserve(struct buf *b, size_t extra)
{
	if (b->over)
		return false;
	if (extra > b->max || b->n + extra > b->max) {
		b->over = true;
		return false;
	}
	if (b->n + extra + 1 > b->cap)
		b->p = xgrow(b->p, &b->cap, b->n + extra + 1, 1);
	return true;
}

void buf_add(struct buf *b, const void *p, size_t n)
{
	if (!reserve(b, n))
		return;
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}
void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[256];
	va_list ap2;
	va_copy(ap2, ap);
	int len = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (len < 0) {
		va_end(ap2);
		return;
	}
	if ((size_t)len < sizeof tmp) {
		buf_add(b, tmp, (size_t)len);
	} else if (reserve(b, (size_t)len)) {
		vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap2);
		b->n += (size_t)len;
	}
	va_end(ap2);
}

char *buf_detach(struct buf *b, size_t *len)
{
	if (!b->p)
		buf_add(b, "", 0);
	char *p = b->p;
	if (len)
		*len = b->n;
	b->p = NULL;
	b->n = b->cap = 0;
	b->over = false;
	return p;
}
