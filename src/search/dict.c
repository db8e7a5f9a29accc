/* dict — string interning for the search index (see dict.h). */
#include "search/dict.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

void dict_init(struct dict *d)
{
	memset(d, 0, sizeof *d);
}

void dict_release(struct dict *d)
{
	free(d->arena);
	free(d->off);
	free(d->slot);
	memset(d, 0, sizeof *d);
}

const char *dict_str(const struct dict *d, uint32_t id, size_t *n)
{
	const char *p = d->arena + d->off[id];
	uint16_t len;
	memcpy(&len, p, sizeof len);
	if (n)
		*n = len;
	return p + sizeof len;
}

static bool same(const struct dict *d, uint32_t id, const char *s, size_t n)
{
	size_t len;
	const char *p = dict_str(d, id, &len);
	return len == n && memcmp(p, s, n) == 0;
}

uint32_t dict_find(const struct dict *d, const char *s, size_t n)
{
	if (!d->nslot || n > DICT_MAX_LEN)
		return DICT_NONE;
	size_t mask = d->nslot - 1;
	for (size_t i = (size_t)hash(s, n) & mask;; i = (i + 1) & mask) {
		uint32_t v = d->slot[i];
		if (!v)
			return DICT_NONE;
		if (same(d, v - 1, s, n))
			return v - 1;
	}
}

static void place(uint32_t *slot, size_t nslot, uint64_t h, uint32_t id)
{
	size_t mask = nslot - 1;
	size_t i = (size_t)h & mask;
	while (slot[i])
		i = (i + 1) & mask;
	slot[i] = id + 1;
}

static void rehash(struct dict *d)
{
	size_t nslot = d->nslot ? d->nslot * 2 : 64;
	uint32_t *slot = xcalloc(nslot, sizeof *slot);
	for (uint32_t id = 0; id < d->n; id++) {
		size_t len;
		const char *p = dict_str(d, id, &len);
		place(slot, nslot, hash(p, len), id);
	}
	free(d->slot);
	d->slot = slot;
	d->nslot = nslot;
}

uint32_t dict_intern(struct dict *d, const char *s, size_t n, bool *added)
{
	if (n > DICT_MAX_LEN)
		n = DICT_MAX_LEN; /* callers cut first; never store more */
	uint32_t id = dict_find(d, s, n);
	if (added)
		*added = id == DICT_NONE;
	if (id != DICT_NONE)
		return id;
	if ((d->n + 1) * 2 > d->nslot)
		rehash(d);
	size_t need = d->alen + sizeof(uint16_t) + n + 1;
	d->arena = xgrow(d->arena, &d->acap, need, 1);
	uint16_t len = (uint16_t)n;
	memcpy(d->arena + d->alen, &len, sizeof len);
	memcpy(d->arena + d->alen + sizeof len, s, n);
	d->arena[d->alen + sizeof len + n] = '\0';
	d->off = xgrow(d->off, &d->ncap, d->n + 1, sizeof *d->off);
	id = (uint32_t)d->n++;
	d->off[id] = (uint32_t)d->alen;
	d->alen = need;
	place(d->slot, d->nslot, hash(s, n), id);
	return id;
}

int dict_cmp(const struct dict *d, uint32_t a, uint32_t b)
{
	size_t na, nb;
	const char *pa = dict_str(d, a, &na), *pb = dict_str(d, b, &nb);
	int c = memcmp(pa, pb, na < nb ? na : nb);
	if (c)
		return c;
	return na < nb ? -1 : na > nb;
}

size_t dict_bytes(const struct dict *d)
{
	return d->acap + d->ncap * sizeof *d->off + d->nslot * sizeof *d->slot;
}
