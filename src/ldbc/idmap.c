/* idmap — int64 keys to uint32 values by open addressing with linear probing
 * (LDBC ids of persons and messages; pairs of member numbers).  The table
 * stays at most half full, so a probe ends after a few slots. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ldbc/ldbc_int.h"

static size_t slot_of(int64_t k, size_t cap)
{
	uint64_t x = (uint64_t)k;
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return (size_t)x & (cap - 1);
}

void idmap_init(struct idmap *m)
{
	memset(m, 0, sizeof *m);
}

void idmap_release(struct idmap *m)
{
	free(m->k);
	free(m->v);
	idmap_init(m);
}

static void rehash(struct idmap *m, size_t cap)
{
	int64_t *ok = m->k;
	uint32_t *ov = m->v;
	size_t ocap = m->cap;
	m->k = xmalloc(cap * sizeof *m->k);
	m->v = xmalloc(cap * sizeof *m->v);
	memset(m->v, 0xff, cap * sizeof *m->v);
	m->cap = cap;
	for (size_t i = 0; i < ocap; i++) {
		if (ov[i] == IDMAP_NONE)
			continue;
		size_t j = slot_of(ok[i], cap);
		while (m->v[j] != IDMAP_NONE)
			j = (j + 1) & (cap - 1);
		m->k[j] = ok[i];
		m->v[j] = ov[i];
	}
	free(ok);
	free(ov);
}

uint32_t *idmap_slot(struct idmap *m, int64_t k, uint32_t init)
{
	if ((m->n + 1) * 2 > m->cap)
		rehash(m, m->cap ? m->cap * 2 : 64);
	size_t j = slot_of(k, m->cap);
	while (m->v[j] != IDMAP_NONE) {
		if (m->k[j] == k)
			return &m->v[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->k[j] = k;
	m->v[j] = init;
	m->n++;
	return &m->v[j];
}

bool idmap_put(struct idmap *m, int64_t k, uint32_t v)
{
	size_t before = m->n;
	uint32_t *slot = idmap_slot(m, k, v);
	(void)slot;
	return m->n > before;
}

uint32_t idmap_get(const struct idmap *m, int64_t k)
{
	if (!m->cap)
		return IDMAP_NONE;
	size_t j = slot_of(k, m->cap);
	while (m->v[j] != IDMAP_NONE) {
		if (m->k[j] == k)
			return m->v[j];
		j = (j + 1) & (m->cap - 1);
	}
	return IDMAP_NONE;
}
