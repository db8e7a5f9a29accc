/* mem — allocation that never returns NULL.  Allocation failure aborts the
 * process: a server that cannot allocate cannot keep its promises anyway, and
 * checking every call would bury the logic. */
#ifndef TIES_BASE_MEM_H
#define TIES_BASE_MEM_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* n bytes at an address that is a multiple of align (a power of two); freed
 * with free(). */
void *xaligned(size_t align, size_t n);
/* n bytes starting on a cache line; from 2 MB on, on a huge-page boundary
 * with the kernel asked to back it with huge pages (Linux transparent huge
 * pages in "madvise" mode; harmless where they are off).  For big arrays
 * read at random: fewer TLB misses. */
void *xaligned_lines(size_t n);
/* Grows an array to hold at least `need` items of `size` bytes, doubling. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* An owned array of items whose type the holder knows (used by decoded
 * requests and domain records alike). */
struct dlist {
	void *items;
	size_t n;
};

#endif
