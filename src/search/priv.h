/* priv — internals shared by the files of src/search (not for use outside):
 * the stored document layout, the walks that turn a document into term
 * postings and into word byte ranges (both number positions the same way),
 * posting list access, sorted-array search and the per-query scratch.
 *
 * A document's items in plain form (what put walks, and what a stored
 * document is turned back into): in field order, u8 kind (| ITEM_CURRENT),
 * u8 item, u16 len, len bytes.  kind is a search_field, or ITEM_LANGUAGE.
 *
 * Stored document (search_member.blob):
 *   u32 cur[ncur]        value ids of the current companies (SX_COMPANY)
 *   u16 klen, klen bytes the name key (text_key of the name) for sorting
 *   items in stored form, in field order:
 *     u8 head            kind | ITEM_CURRENT | ITEM_IDX | ITEM_TAIL
 *     [u8 item]          with ITEM_IDX; else one more than the previous
 *                        item of this kind (0 for the first)
 *     varint nwords      the words (text_tok) of the value, each
 *       varint id << 1 | gap   id in search_index.words; gap = 1: varint
 *                        length and the bytes before the word follow (else
 *                        they are "" before the first word, " " before others)
 *     [varint n, bytes]  with ITEM_TAIL: the bytes after the last word
 * (varints: 7 bits a byte, low first; word ids stay below 2^31).  The
 * words are stored once in the dict, so a document costs about two bytes a
 * word and two an item; the text comes back byte for byte.  Unaligned
 * fields are read with memcpy.
 *
 * Positions: within a field, items follow each other with one empty
 * position between them, so no phrase spans two items; positions past
 * 1 << SEARCH_POS_BITS are not indexed. */
#ifndef TIES_SEARCH_PRIV_H
#define TIES_SEARCH_PRIV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "search/search.h"

#define ITEM_LANGUAGE SF__COUNT
#define ITEM_KIND     0x0fu
#define ITEM_IDX      0x10u
#define ITEM_TAIL     0x20u
#define ITEM_CURRENT  0x80u

#define POS_LIMIT   (1u << SEARCH_POS_BITS)
#define FP(f, p)    ((uint16_t)((unsigned)(f) << SEARCH_POS_BITS | (unsigned)(p)))
#define FP_FIELD(x) ((unsigned)(x) >> SEARCH_POS_BITS)
#define FP_POS(x)   ((unsigned)(x) & (POS_LIMIT - 1u))

#define NO_MEMBER UINT32_MAX

struct item {
	unsigned kind; /* search_field or ITEM_LANGUAGE */
	unsigned idx;  /* item number in the document's array */
	bool current;
	const char *s;
	size_t len;
};

struct blob_it {
	const unsigned char *p, *end;
};

/* Turns m's stored items into plain form in out (reset first). */
void blob_plain(const struct search_index *x, const struct search_member *m, struct buf *out);
/* Iterates items in plain form. */
void items_begin(const struct buf *plain, struct blob_it *it);
bool blob_next(struct blob_it *it, struct item *out);
/* The name key of a stored document. */
const char *blob_namekey(const struct search_member *m, size_t *n);

/* Checks a caller's member list (near, near0): present when n > 0, sorted
 * ascending without duplicates.  E_OK, or E_BAD_QUERY naming `field`. */
enum err check_members(const uint32_t *v, size_t n, const char *field, struct fail *f);

/* A sketch of how the words of a name key (words split at ' ') begin: for
 * each word one bit for its first byte (bits 0..35: a letter or digit has
 * its own; bits 36..39: other bytes, hashed) and one for its first two
 * bytes (bits 40..63, hashed).  A member whose name has a word starting
 * with q has every bit of head_bits(q) set, so typeahead passes over most
 * members without reading their stored name. */
static inline unsigned head_hash(unsigned x, unsigned buckets)
{
	return (unsigned)(((uint64_t)(uint32_t)(x * 2654435761u) * buckets) >> 32);
}

static inline uint64_t head_bits(const char *w, size_t n)
{
	unsigned c0 = (unsigned char)w[0];
	unsigned slot = c0 >= 'a' && c0 <= 'z'   ? c0 - 'a'
	                : c0 >= '0' && c0 <= '9' ? 26 + c0 - '0'
	                                         : 36 + head_hash(c0, 4);
	uint64_t h = (uint64_t)1 << slot;
	if (n > 1 && w[1] != ' ')
		h |= (uint64_t)1 << (40 + head_hash(c0 << 8 | (unsigned char)w[1], 24));
	return h;
}

static inline uint64_t name_heads(const char *k, size_t n)
{
	uint64_t h = 0;
	for (size_t i = 0; i < n; i++) {
		if (k[i] != ' ' && (i == 0 || k[i - 1] == ' '))
			h |= head_bits(k + i, n - i);
	}
	return h;
}

/* Name words (search_index.names) starting with this byte, which no word
 * key holds, are the words names repeat: NAME_TWICE + w lists the members
 * whose name holds word w twice or more (typeahead tells "anna a" from
 * them without looking at names).  They sort before every word. */
#define NAME_TWICE     '\001'
#define NAME_TWICE_MAX (1 + TEXT_KEY_MAX)

/* search_fac.cur0: more current companies follow in the blob (value ids
 * stay below 2^31: a dict that large would not fit in memory anyway). */
#define FAC_MORE 0x80000000u

/* The i-th current-company value id of a stored document (i < ncur). */
static inline uint32_t blob_cur_at(const struct search_member *m, unsigned i)
{
	uint32_t v;
	memcpy(&v, m->blob + (size_t)i * sizeof v, sizeof v);
	return v;
}

/* Position numbering (shared by the term walk and the highlight walk). */
struct posctr {
	uint32_t base[SF__COUNT];
};

/* ---- sorted arrays ------------------------------------------------------ */

/* First index in a[0..n) whose value is >= v (n if none). */
uint32_t lower_bound(const uint32_t *a, uint32_t n, uint32_t v);
/* gallop() past a[from] < v. */
uint32_t gallop_on(const uint32_t *a, uint32_t n, uint32_t from, uint32_t v);

/* The same as lower_bound, searching forward from index `from` by
 * galloping (the common case, a[from] >= v, inline). */
static inline uint32_t gallop(const uint32_t *a, uint32_t n, uint32_t from, uint32_t v)
{
	if (from >= n || a[from] >= v)
		return from;
	return gallop_on(a, n, from, v);
}

static inline const uint32_t *term_m(const struct search_term *t)
{
	return t->cap ? (const uint32_t *)t->u.p : &t->u.one.m;
}

static inline const uint16_t *term_fp(const struct search_term *t)
{
	return t->cap ? (const uint16_t *)((const uint32_t *)t->u.p + t->cap) : &t->u.one.fp;
}

/* ---- per-query scratch (owned by a search_result) ----------------------- */

#define QMAX_KEYS (1 + 2 * LANG__COUNT)
#define QMAX_SRC  (SEARCH_MAX_QUERY_WORDS + SX__COUNT)

/* One posting list taking part in a query, with its cursor. */
struct qkey {
	const uint32_t *m;
	const uint16_t *fp; /* NULL for member lists */
	uint32_t n, cur, df;
	bool surface;
};

/* A query word (the union of its keys' lists) or a filter (one list). */
struct qsrc {
	struct qkey k[QMAX_KEYS];
	unsigned nk;
	uint64_t size;
};

struct qword {
	struct qsrc src;
	uint32_t off; /* position relative to its element's first word */
	bool stop, used;
	double idf;
	uint16_t *fp; /* the word's (field, position)s in the current member */
	size_t nfp, fpcap;
	char key[TEXT_KEY_MAX]; /* typeahead: the folded word */
	size_t klen;
};

struct qelem {
	unsigned w0, nw;
	bool phrase, dropped;
	double idf;
	uint32_t tf[SF__COUNT];
};

struct cand {
	uint32_t member;
	int tier;
	double score;
	uint8_t strength;
	uint16_t fields; /* matched fields (visible ones) */
	uint16_t see;    /* the fields the searcher may see (SEARCH_SEE_*) */
};

struct search_scratch {
	struct qword w[SEARCH_MAX_QUERY_WORDS];
	unsigned nw;
	struct qelem e[SEARCH_MAX_QUERY_WORDS];
	unsigned ne;
	struct qsrc filt[SX__COUNT];
	unsigned nfilt;
	unsigned need;       /* SEARCH_SEE_* bits the active filters need */
	struct qsrc nearsrc; /* search_query.near as a source */
	struct qsrc *src[QMAX_SRC];
	unsigned nsrc;
	uint64_t steps; /* posting cursor moves (src_next calls) of the walk */
	/* parse state */
	const struct search_index *x;
	unsigned langs, seg_w0;
	uint32_t seg_last;
	bool seg_any;
	/* ranking */
	struct cand *heap;
	size_t nheap, heapcap;
	/* facets: per value id counts (kept all zero between queries) */
	uint32_t *count[2];
	size_t ccap[2];
	uint32_t *touched[2];
	size_t ntouched[2], tcap[2];
	/* highlights */
	uint16_t *match;
	size_t nmatch, matchcap;
	/* typeahead */
	struct buf tmp; /* a filter's value key; typeahead's member bitmaps */
	struct buf doc; /* a hit's document in plain form (highlights) */
};

/* Allocates r->s on first use. */
struct search_scratch *scratch_get(struct search_result *r);
/* Makes room for n hits / n highlights in r. */
void result_hits(struct search_result *r, size_t n);
void result_hl(struct search_result *r, const struct search_hl *h);

#endif
