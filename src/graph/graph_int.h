/* graph_int — internals shared by the files of src/graph/ (not for use
 * elsewhere): the per-member exception lists and sorted-set helpers.
 *
 * A struct graph_set is sorted ascending without duplicates; cap == 0 with
 * v == NULL is the empty set.  Sets grow by a quarter (not doubling) so that
 * a graph edited after a bulk load stays close to exact fit. */
#ifndef TIES_GRAPH_GRAPH_INT_H
#define TIES_GRAPH_GRAPH_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

/* Invariants, for member m with connections N(m):
 *   unfollowed ⊆ N(m), and c ∈ m.unfollowed ⇔ m ∈ c.unfollowed_by;
 *   followees ∩ N(m) = ∅, and f ∈ m.followees ⇔ m ∈ f.followers;
 *   b ∈ m.blocked ⇔ m ∈ b.blocked_by; a blocked pair has no connection and
 *   no follow either way. */
enum graph_xset {
	X_UNFOLLOWED,    /* connections m does not follow */
	X_UNFOLLOWED_BY, /* connections that do not follow m */
	X_FOLLOWEES,     /* non-connections m follows */
	X_FOLLOWERS,     /* non-connections that follow m */
	X_BLOCKED,       /* members m blocked */
	X_BLOCKED_BY,    /* members who blocked m */
	X__COUNT
};

struct graph_extra {
	struct graph_set s[X__COUNT];
};

/* Index of the first element >= x in v[0..n). */
static inline uint32_t gset_lower(const uint32_t *v, uint32_t n, uint32_t x)
{
	uint32_t lo = 0;
	while (n > 0) {
		uint32_t half = n / 2;
		if (v[lo + half] < x) {
			lo += half + 1;
			n -= half + 1;
		} else {
			n = half;
		}
	}
	return lo;
}

static inline bool gset_has(const struct graph_set *s, uint32_t x)
{
	uint32_t i = gset_lower(s->v, s->n, x);
	return i < s->n && s->v[i] == x;
}

/* a's connection list, ready to be changed: a list still in the bulk load's
 * slab is copied to its own allocation first. */
struct graph_set *graph_conn_mut(struct graph *g, uint32_t a);
/* Empties a's connection list, wherever it lives. */
void graph_conn_free(struct graph *g, uint32_t a);

/* Adds x; false if it was there. */
bool gset_add(struct graph_set *s, uint32_t x);
/* Removes x; false if it was not there.  Frees the array when it empties. */
bool gset_del(struct graph_set *s, uint32_t x);
void gset_free(struct graph_set *s);

/* Bits of the sieve of graph_query.c's degree scan (a power of two): the
 * members marked for the scan are also marked at (member mod this) in a
 * bitmap small enough for the L1 cache, and only a hit there is looked up
 * in the exact bitmap over all members.  Members this far apart alias. */
#define GRAPH_SIEVE_BITS (1u << 17)

/* Whether the scans of graph_query.c may use the CPU's vector instructions
 * (where it has them).  True; the tests turn it off to prove the plain scan
 * too.  Set it only while no query runs. */
extern bool graph_vector_scan;

/* ---- two_hop and the ball number (struct graph_member.two_hop_ball) ------ */
#define GRAPH_TWO_HOP_BITS 40
#define GRAPH_TWO_HOP_MASK ((UINT64_C(1) << GRAPH_TWO_HOP_BITS) - 1)

static inline uint64_t graph_two_hop(const struct graph_member *m)
{
	return m->two_hop_ball & GRAPH_TWO_HOP_MASK;
}

/* m's ball number + 1; 0 if m has none. */
static inline uint32_t graph_ball_no(const struct graph_member *m)
{
	return (uint32_t)(m->two_hop_ball >> GRAPH_TWO_HOP_BITS);
}

/* ---- balls (graph_balls.c) ------------------------------------------------ */
/* a's ball, or NULL if a has none. */
static inline const uint64_t *graph_ball(const struct graph *g, uint32_t a)
{
	uint32_t k = graph_ball_no(&g->m[a]);
	return k ? g->balls + (size_t)(k - 1) * g->ball_words : NULL;
}

/* Only members with at least this many connections get a ball (the tests
 * lower it; set it only while no bulk load runs). */
extern uint32_t graph_ball_min_degree;

/* Sets in bits the members of N(a) and of N(c) for each c ∈ N(a) that are
 * below `below` (bits covers them; the caller zeroes it). */
void graph_fill_ball(const struct graph *g, uint32_t a, uint64_t *bits, uint32_t below);
/* graph_balls_build chooses the members that get a ball and builds the
 * balls (at the end of a bulk load); graph_balls_free frees them and clears
 * the records' ball numbers. */
void graph_balls_build(struct graph *g);
void graph_balls_free(struct graph *g);
/* Upkeep, called by the writes of graph.c: after the connection a–b was
 * added, after it was removed, and after every other member dropped a (its
 * own list, `had`, still intact) when a is removed. */
void graph_balls_connected(struct graph *g, uint32_t a, uint32_t b);
void graph_balls_disconnected(struct graph *g, uint32_t a, uint32_t b);
void graph_balls_member_gone(struct graph *g, uint32_t a, const struct graph_set *had);
/* True if every ball is the bitmap it should be; else appends the first
 * that is not to why (may be NULL). */
bool graph_balls_check(const struct graph *g, struct buf *why);
size_t graph_balls_bytes(const struct graph *g);

/* Sorts v[0..n) ascending (LSD radix over the bytes that vary, O(n)). */
void graph_sort_u64(uint64_t *v, size_t n);
/* Frees the staging of an unfinished bulk load (graph_bulk.c). */
void graph_bulk_drop(struct graph *g);

#endif
