/* mem — aborting allocators. */
#include "base/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void oom(size_t n)
{
	fprintf(stderr, "ties: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

void *xaligned(size_t align, size_t n)
{
	/* C17's aligned_alloc wants n a multiple of align. */
	size_t whole = n ? (n + align - 1) & ~(align - 1) : align;
	void *p = aligned_alloc(align, whole);
	if (!p)
		oom(n);
	return p;
}

/* Asks for huge pages over the 2 MB-aligned part of p[0..n). */
static void mem_advise_huge(void *p, size_t n)
{
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1),
	          to = ((uintptr_t)p + n) & ~(huge - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
}

void *xaligned_lines(size_t n)
{
	const size_t huge = (size_t)2 << 20;
	void *p = xaligned(n >= huge ? huge : 64, n);
	mem_advise_huge(p, n);
	return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	*cap = c;
	return xrealloc(p, c * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}
