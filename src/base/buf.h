/* buf — a growable byte buffer with a hard maximum (after curl's dynbuf).
 * Appends past the maximum set the sticky `over` flag and are dropped, so a
 * writer can append freely and check once at the end.  The contents are
 * always NUL-terminated. */
#ifndef TIES_BASE_BUF_H
#define TIES_BASE_BUF_H
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *p;
	size_t n, cap, max;
	bool over;
};

#define BUF_DEFAULT_MAX (64u << 20)

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the contents to the caller (free() them) and resets b. */
char *buf_detach(struct buf *b, size_t *len);

#endif
