/* graph — the in-memory network index: who is connected to whom, who follows
 * and who blocks whom, and the questions the product asks of that (degree,
 * mutual connections, network size, shortest paths).  Derived from the store
 * and rebuildable at any time (graph_bulk_*, graph_equal for `ties check`).
 * Knows neither SQL nor HTTP.
 *
 * Members are dense numbers 0..n-1 (a number may be unused).  Invariants:
 *   - connections are undirected: b ∈ N(a) ⇔ a ∈ N(b); N(a) is a sorted uint32
 *     array without a; |N(a)| <= GRAPH_MAX_CONNECTIONS for incremental writes
 *     (a bulk load takes what the store says);
 *   - follows are one-way.  A connection implies a follow both ways, stored
 *     implicitly; a connected member who unfollows is recorded as an exception
 *     ("unfollowed connections").  Follows between members who are not
 *     connected are stored explicitly (followees and followers arrays);
 *   - connecting makes both follow each other (any earlier unfollow is gone);
 *     **disconnecting ends the follow both ways** (neither keeps following the
 *     other; either may follow again afterwards);
 *   - a block (a blocked b) removes the connection and every follow between
 *     the two, and while it lasts graph_connect and graph_follow refuse the
 *     pair in either direction (E_FORBIDDEN).  The queries (degree, paths,
 *     mutual) do not otherwise look at blocks: what a viewer may see of a
 *     blocked member is the policy module's question (graph_blocked_either).
 *
 * Concurrency: the graph does no locking.  Readers take `const struct graph *`
 * and their own struct graph_scratch, so many threads can query at once under
 * the caller's read lock; every mutator needs the write lock.  Pointers
 * returned by graph_connections/graph_blocks stay valid until the next write.
 *
 * Member numbers at or beyond graph_size() are treated by the queries as
 * members without any edge; mutators refuse them with E_NOT_FOUND (call
 * graph_ensure first).  The struct fields are private to src/graph/. */
#ifndef TIES_GRAPH_GRAPH_H
#define TIES_GRAPH_GRAPH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

#define GRAPH_MAX_CONNECTIONS 30000
/* graph_degree: out of network (not within 3 hops, or no such member). */
#define GRAPH_OUT 4
/* Member numbers are below GRAPH_NONE. */
#define GRAPH_NONE UINT32_MAX

/* A sorted array of member numbers; exact-fit after a bulk load. */
struct graph_set {
	uint32_t *v;
	uint32_t n, cap;
};

struct graph_extra; /* follow exceptions and blocks; most members have none */
struct graph_bulk;  /* staging between graph_bulk_begin and graph_bulk_finish */

/* 32 bytes, and the array is line-aligned: a record never straddles two
 * cache lines (a degree query reads ~130 of them at random). */
struct graph_member {
	struct graph_set conn;
	struct graph_extra *x; /* NULL when the member has no exception and no block */
	/* Two fields in one word (graph_int.h reads them):
	 *   - the low GRAPH_TWO_HOP_BITS: two_hop, the sum of |N(c)| over
	 *     c ∈ N(m), the list entries a 3rd-degree search from m reads.  Kept
	 *     by every write (adding to the word adds to it: it never leaves
	 *     its bits, being at most the number of directed edges), so
	 *     graph_degree picks the cheaper end without reading either end's
	 *     connections;
	 *   - the bits above: m's ball number + 1, or 0 if m has no ball (the
	 *     balls of the best-connected members, graph_balls.c). */
	uint64_t two_hop_ball;
};

struct graph {
	struct graph_member *m;
	uint32_t n, cap;
	uint64_t edges;   /* undirected connections */
	uint64_t version; /* changes whenever a connection does; unique per graph_init */
	struct graph_bulk *bulk;
	/* The connection lists of the last bulk load, back to back in member
	 * order (huge pages where the kernel allows).  A list in it moves to its
	 * own allocation the first time it changes. */
	uint32_t *slab;
	size_t slab_len; /* entries */
	/* The balls (graph_balls.c): ball k is ball_words words from
	 * balls + k * ball_words, the bitmap of the members within 2 hops of
	 * ball_owner[k], over the members below ball_n. */
	uint64_t *balls;
	uint32_t *ball_owner;
	uint32_t nballs, ball_n;
	size_t ball_words;
};

/* Per-thread working memory of the queries: BFS labels and queues sized to the
 * member count, and a bitmap that is all zero between calls.  Grows by itself
 * when the graph has grown.  Never share one between threads.
 *
 * It also caches one viewer's "ball" (1st + 2nd degree members as a bitmap):
 * the second graph_degree in a row from the same viewer builds it, and from
 * then on that viewer's degree queries cost about one bitmap test per
 * connection of the other member (search results, feeds, member lists ask
 * many questions of one viewer).  The cache checks g and g->version itself. */
struct graph_scratch {
	uint32_t n;        /* members the arrays cover */
	uint32_t base;     /* labels below base are "not seen" */
	uint32_t *da, *db; /* BFS labels from either end: base + distance */
	uint32_t *qa, *qb; /* BFS queues, one per end */
	uint32_t *meet;    /* meeting members of a bidirectional BFS */
	uint64_t *bits;    /* bitmap over members */
	uint64_t *sieve;   /* bits' marks by member mod GRAPH_SIEVE_BITS */
	uint64_t *ball;    /* bitmap of ball_of's 1st and 2nd degree, or NULL */
	const struct graph *ball_g, *last_g;
	uint64_t ball_version;
	uint32_t ball_of, last_of; /* the cached viewer; the viewer of the last query */
};

/* ---- lifecycle ------------------------------------------------------------ */
/* Caller-owned storage; graph_release frees everything and leaves g empty. */
void graph_init(struct graph *g);
void graph_release(struct graph *g);
/* Grows g to hold member numbers < n (never shrinks).  n <= GRAPH_NONE. */
void graph_ensure(struct graph *g, uint32_t n);
/* One past the highest member number g holds. */
uint32_t graph_size(const struct graph *g);

void graph_scratch_init(struct graph_scratch *s);
void graph_scratch_release(struct graph_scratch *s);

/* ---- connections ---------------------------------------------------------- */
/* Connects a and b (both then follow each other).  E_OK; E_BAD_FIELD if
 * a == b; E_NOT_FOUND if either is >= graph_size; E_CONFLICT if already
 * connected; E_FORBIDDEN if either blocked the other; E_TOO_MANY if either
 * already has GRAPH_MAX_CONNECTIONS.  Nothing changes unless E_OK.  Like
 * graph_disconnect, it also updates the two_hop count of every connection
 * of both ends: O(|N(a)| + |N(b)|) beside the sorted inserts. */
enum err graph_connect(struct graph *g, uint32_t a, uint32_t b);
/* Ends the connection and every follow between a and b.  False if they were
 * not connected (nothing changes then). */
bool graph_disconnect(struct graph *g, uint32_t a, uint32_t b);
bool graph_connected(const struct graph *g, uint32_t a, uint32_t b);
/* a's connections, sorted ascending; *n gets their number.  NULL with *n = 0
 * when there are none.  Owned by g, valid until the next write. */
const uint32_t *graph_connections(const struct graph *g, uint32_t a, uint32_t *n);
/* Undirected connections in the whole graph. */
uint64_t graph_edge_count(const struct graph *g);

/* ---- follows -------------------------------------------------------------- */
/* a starts following b.  E_OK; E_BAD_FIELD if a == b; E_NOT_FOUND out of
 * range; E_CONFLICT if a already follows b; E_FORBIDDEN if blocked. */
enum err graph_follow(struct graph *g, uint32_t a, uint32_t b);
/* a stops following b (a connection stays).  False if a did not follow b. */
bool graph_unfollow(struct graph *g, uint32_t a, uint32_t b);
bool graph_follows(const struct graph *g, uint32_t a, uint32_t b);
/* Members a follows / members following a, ascending.  Writes at most max of
 * them (the smallest) into out and returns how many there are in all. */
uint32_t graph_followees(const struct graph *g, uint32_t a, uint32_t *out, uint32_t max);
uint32_t graph_followers(const struct graph *g, uint32_t a, uint32_t *out, uint32_t max);

/* ---- blocks --------------------------------------------------------------- */
/* a blocks b: drops their connection and the follows both ways.  E_OK;
 * E_BAD_FIELD if a == b; E_NOT_FOUND out of range; E_CONFLICT if a already
 * blocked b (b blocking a as well is allowed). */
enum err graph_block(struct graph *g, uint32_t a, uint32_t b);
/* False if a had not blocked b.  Nothing is restored. */
bool graph_unblock(struct graph *g, uint32_t a, uint32_t b);
/* a blocked b. */
bool graph_blocked(const struct graph *g, uint32_t a, uint32_t b);
bool graph_blocked_either(const struct graph *g, uint32_t a, uint32_t b);
/* Members a blocked, ascending (owned by g, as graph_connections). */
const uint32_t *graph_blocks(const struct graph *g, uint32_t a, uint32_t *n);

/* Drops every connection, follow and block of a, in both directions (an
 * account deleted).  The number stays valid, without edges. */
void graph_remove_member(struct graph *g, uint32_t a);

/* ---- queries (the interface a sharded index would sit behind) ------------ */
/* 0 if a == b, 1 connected, 2 a mutual connection, 3 a connection of a is
 * connected to a connection of b, else GRAPH_OUT.  a is the viewer: asking
 * for several b in a row from one a uses the viewer cache of s (see struct
 * graph_scratch).  Cost without it: a binary search, then N(b) marked in a
 * bitmap and N(a) tested against it (or the other way round: the end with
 * the smaller two_hop is expanded), then the lists of that end's
 * connections (hubs first; only lists over 256 times the other end's
 * connections galloped), except that a connection with a ball (the best
 * connected members have one, graph_balls.c) answers by one bit. */
int graph_degree(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b);
/* Number of members connected to both a and b. */
uint32_t graph_mutual_count(const struct graph *g, uint32_t a, uint32_t b);
/* Writes the first max mutual connections, ascending, into out; returns
 * their number in all. */
uint32_t graph_mutual(const struct graph *g, uint32_t a, uint32_t b, uint32_t *out, uint32_t max);
/* Members at exactly 1, 2 and 3 hops from a (a itself not counted). */
void graph_network_size(const struct graph *g, struct graph_scratch *s, uint32_t a, uint64_t *n1,
                        uint64_t *n2, uint64_t *n3);
/* Length in hops of a shortest path from a to b of at most max_hops hops
 * (0 = unbounded), or -1 if there is none.  When out_max > hops, writes one
 * such path into out: out[0] = a, ..., out[hops] = b (untouched otherwise).
 * Up to 3 hops the degree search finds it; beyond, a bidirectional BFS that
 * expands the end whose frontier has fewer list entries. */
int graph_path(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b, int max_hops,
               uint32_t *out, int out_max);
/* Calls fn(path, hops + 1, arg) for every shortest path from a to b (path[0]
 * = a, path[hops] = b; the array is only valid during the call), in a
 * deterministic order, stopping after max_paths calls (their number can
 * grow exponentially with the length).  Returns the hops, or -1 if b cannot
 * be reached from a. */
int graph_all_shortest_paths(const struct graph *g, struct graph_scratch *s, uint32_t a, uint32_t b,
                             void (*fn)(const uint32_t *path, int len, void *arg), void *arg,
                             size_t max_paths);

/* ---- bulk load ------------------------------------------------------------ */
/* Rebuilds g from scratch: graph_bulk_begin empties g (keeping its size),
 * then the graph_bulk_* calls stage facts in any order and with duplicates
 * (self-pairs are dropped), and graph_bulk_finish builds sorted, exact-fit
 * arrays with a radix sort (a few sequential passes, no sorted inserts;
 * 75M connections in about 5 s of one core, peak about 20 bytes per
 * connection), then the balls of the best-connected members (~3 s more on
 * two cores at that size).  Member numbers grow g as needed.  No other
 * mutator may be called in between.  Meaning of the facts:
 *   edge(a, b)     a and b are connected (implies follows both ways);
 *   unfollow(a, b) a does not follow its connection b (ignored unless connected);
 *   follow(a, b)   a follows b (ignored if connected: that follow is implied);
 *   block(a, b)    a blocked b (applied last: drops connection and follows).
 * The connection limit is not enforced: the store is the truth. */
void graph_bulk_begin(struct graph *g);
void graph_bulk_edge(struct graph *g, uint32_t a, uint32_t b);
void graph_bulk_follow(struct graph *g, uint32_t a, uint32_t b);
void graph_bulk_unfollow(struct graph *g, uint32_t a, uint32_t b);
void graph_bulk_block(struct graph *g, uint32_t a, uint32_t b);
void graph_bulk_finish(struct graph *g);

/* ---- checks and accounting ----------------------------------------------- */
/* True if x and y hold the same connections, follows and blocks, and the
 * same two_hop counts, and if each one's balls are what its connections make
 * them (both derived, so this proves their upkeep; the two may have given
 * balls to different members); sizes may differ by members without edges.
 * Otherwise appends the first difference, in words, to why (may be NULL). */
bool graph_equal(const struct graph *x, const struct graph *y, struct buf *why);
/* Bytes allocated for g (arrays at capacity, plus allocator headers). */
size_t graph_memory_bytes(const struct graph *g);
/* How the degree queries test list entries on this CPU: "AVX2 gather" or
 * "plain loop" (for benchmark reports). */
const char *graph_scan_kind(void);

#endif
