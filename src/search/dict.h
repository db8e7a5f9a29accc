/* dict — interned strings: each distinct byte string gets a dense id
 * (0, 1, 2 ...) that never changes while the dict lives; ids are never
 * reused.  The search index keeps its term keys, name words and filter
 * values in dicts and hangs per-id data on parallel arrays.
 *
 * Storage: one byte arena ([u16 length][bytes][NUL] per string), an id ->
 * offset array and an open-addressing hash table of ids (load <= 1/2).
 * Strings are at most DICT_MAX_LEN bytes.  Lookups are read-only and safe
 * from many threads at once; adding needs exclusive access. */
#ifndef TIES_SEARCH_DICT_H
#define TIES_SEARCH_DICT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DICT_NONE    UINT32_MAX
#define DICT_MAX_LEN 65535u

struct dict {
	char *arena;
	size_t alen, acap;
	uint32_t *off; /* id -> arena offset */
	size_t n, ncap;
	uint32_t *slot; /* id + 1, 0 = empty */
	size_t nslot;   /* power of two */
};

void dict_init(struct dict *d);
void dict_release(struct dict *d);
/* The id of s[0..n), or DICT_NONE. */
uint32_t dict_find(const struct dict *d, const char *s, size_t n);
/* The id of s[0..n) (n <= DICT_MAX_LEN), adding the string when new
 * (*added, when not NULL, tells which). */
uint32_t dict_intern(struct dict *d, const char *s, size_t n, bool *added);
/* The NUL-terminated string of id (which must exist); *n gets its length. */
const char *dict_str(const struct dict *d, uint32_t id, size_t *n);
/* Orders ids by their strings (memcmp, then length), like strcmp. */
int dict_cmp(const struct dict *d, uint32_t a, uint32_t b);
/* Bytes held. */
size_t dict_bytes(const struct dict *d);

#endif
