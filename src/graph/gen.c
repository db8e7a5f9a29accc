/* gen — the synthetic network generator (see gen.h for the shape).
 *
 * How: each member gets a company (Zipf), a city (the company's home city
 * mostly, else Zipf) and a target degree t (Pareto, mean = the average asked
 * for).  Sampling "proportional to t" inside a company, a city or the whole
 * network draws from stub arrays where each member appears about
 * STUBS_PER_MEMBER * t / avg times, grouped by company and by city, so every
 * draw is O(1).  Round one: each member starts t/2 * (1 - P_TRIAD) edges to a
 * colleague, a neighbour in town or anyone (a member ends with about t: half
 * started, half received).  Round two closes triangles: a random neighbour's
 * random neighbour.  Then the list is sorted, deduplicated, capped at
 * GRAPH_MAX_CONNECTIONS per member, topped up (as many draws as the last
 * round's yield of new edges says) and trimmed at random to exactly
 * members * avg / 2 edges.  Random reads of the big arrays are batched and
 * prefetched.  Single-threaded, one PRNG stream: deterministic by
 * construction (the same on every machine). */
#include "graph/gen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "graph/graph.h"
#include "graph/graph_int.h"

#define COMPANY_SIZE     20  /* members per company on average */
#define CITY_SIZE        500 /* members per city on average */
#define COMPANY_ZIPF     0.8
#define CITY_ZIPF        1.0
#define HOME_CITY        0.7 /* share of a company's people living in its home city */
#define PARETO_ALPHA     2.2
#define P_COLLEAGUE      0.45
#define P_CITY           0.25
#define P_TRIAD          0.2 /* the rest (0.1): anyone */
#define STUBS_PER_MEMBER 16
#define TOPUP_ROUNDS     8

#define PAIR(a, b) ((uint64_t)(a) << 32 | (uint64_t)(b))
#define HI(p)      ((uint32_t)((p) >> 32))
#define LO(p)      ((uint32_t)(p))

/* ---- PRNG ----------------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t gen_rng_next(struct gen_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint32_t gen_rng_below(struct gen_rng *r, uint32_t n)
{
	return (uint32_t)(((gen_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

double gen_rng_unit(struct gen_rng *r)
{
	return (double)(gen_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n) for 64-bit n (the modulo bias is below 2^-30 here). */
static uint64_t below64(struct gen_rng *r, uint64_t n)
{
	return gen_rng_next(r) % n;
}

/* x rounded down or up at random, so that the mean is x. */
static uint32_t round_random(struct gen_rng *r, double x)
{
	double f = floor(x);
	return (uint32_t)f + (gen_rng_unit(r) < x - f);
}

/* ---- distributions -------------------------------------------------------- */

void gen_zipf_init(struct gen_zipf *z, uint32_t n, double s)
{
	z->n = n;
	z->cdf = xmalloc((size_t)n * sizeof *z->cdf);
	double sum = 0;
	for (uint32_t k = 0; k < n; k++) {
		sum += pow((double)k + 1, -s);
		z->cdf[k] = sum;
	}
	for (uint32_t k = 0; k < n; k++)
		z->cdf[k] /= sum;
}

uint32_t gen_zipf_draw(const struct gen_zipf *z, struct gen_rng *r)
{
	double u = gen_rng_unit(r);
	uint32_t lo = 0, hi = z->n - 1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (z->cdf[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

void gen_zipf_release(struct gen_zipf *z)
{
	free(z->cdf);
	z->cdf = NULL;
	z->n = 0;
}

/* Members repeated by weight, grouped: group k's stubs are v[start[k] ..
 * start[k+1]). */
struct stubs {
	uint32_t *v;
	uint64_t *start;
	uint64_t n;
};

static void stubs_build(struct stubs *st, const uint32_t *group, uint32_t groups,
                        const uint32_t *weight, uint32_t n)
{
	st->start = xcalloc((size_t)groups + 1, sizeof *st->start);
	for (uint32_t i = 0; i < n; i++)
		st->start[group[i] + 1] += weight[i];
	for (uint32_t k = 0; k < groups; k++)
		st->start[k + 1] += st->start[k];
	st->n = st->start[groups];
	st->v = xmalloc((size_t)st->n * sizeof *st->v);
	uint64_t *pos = xmalloc(((size_t)groups + 1) * sizeof *pos);
	memcpy(pos, st->start, ((size_t)groups + 1) * sizeof *pos);
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t w = 0; w < weight[i]; w++)
			st->v[pos[group[i]]++] = i;
	}
	free(pos);
}

static void stubs_free(struct stubs *st)
{
	free(st->v);
	free(st->start);
}

/* ---- edge lists ----------------------------------------------------------- */

struct pairs {
	uint64_t *v;
	size_t n, cap;
};

static void push(struct pairs *p, uint32_t a, uint32_t b)
{
	if (a == b)
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap + p->cap / 2 : 1024;
		p->v = xrealloc(p->v, cap * sizeof *p->v);
		p->cap = cap;
	}
	p->v[p->n++] = a < b ? PAIR(a, b) : PAIR(b, a);
}

/* Sorts p and drops repeats. */
static void sort_unique(struct pairs *p)
{
	graph_sort_u64(p->v, p->n);
	size_t w = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (w == 0 || p->v[w - 1] != p->v[i])
			p->v[w++] = p->v[i];
	}
	p->n = w;
}

/* Merges the sorted, unique q into p (the same), dropping repeats; frees q. */
static void merge_into(struct pairs *p, struct pairs *q)
{
	size_t n = p->n + q->n, i = 0, j = 0, w = 0;
	uint64_t *v = xmalloc((n ? n : 1) * sizeof *v);
	while (i < p->n || j < q->n) {
		uint64_t x;
		if (j >= q->n || (i < p->n && p->v[i] <= q->v[j]))
			x = p->v[i++];
		else
			x = q->v[j++];
		if (w == 0 || v[w - 1] != x)
			v[w++] = x;
	}
	free(p->v);
	free(q->v);
	memset(q, 0, sizeof *q);
	p->v = v;
	p->n = w;
	p->cap = n;
}

/* Drops edges (in list order) that would take an end past cap connections. */
static void cap_degrees(struct pairs *p, uint32_t *deg, uint32_t n, uint32_t cap)
{
	memset(deg, 0, (size_t)n * sizeof *deg);
	size_t w = 0;
	for (size_t i = 0; i < p->n; i++) {
		uint32_t a = HI(p->v[i]), b = LO(p->v[i]);
		if (deg[a] < cap && deg[b] < cap) {
			deg[a]++;
			deg[b]++;
			p->v[w++] = p->v[i];
		}
	}
	p->n = w;
}

/* ---- the generator -------------------------------------------------------- */

struct world {
	struct gen_rng r;
	uint32_t n;
	const uint32_t *company, *city;
	const double *target;
	uint32_t *company_size, *city_size;
	struct stubs by_company, by_city;
};

static const uint32_t *slot_in(struct world *w, const struct stubs *st, uint32_t k)
{
	uint64_t lo = st->start[k], n = st->start[k + 1] - lo;
	return &st->v[lo + below64(&w->r, n)];
}

static const uint32_t *slot_any(struct world *w)
{
	return &w->by_company.v[below64(&w->r, w->by_company.n)];
}

/* Where i's next partner comes from: a colleague, a neighbour in town or
 * anyone, by the mix.  A small company (or town) cannot give a member many
 * distinct partners, so its share shrinks to about what it holds and the
 * rest goes to anyone: drawing the same few people again would only make
 * duplicates.  Returns a slot of a stub array, read later, so that a batch
 * of draws can be prefetched. */
static const uint32_t *partner_slot(struct world *w, uint32_t i)
{
	double t = w->target[i] > 1 ? w->target[i] : 1;
	uint32_t c = w->company[i], k = w->city[i];
	double pc = (w->company_size[c] - 1) / t, pk = 2 * (w->city_size[k] - 1) / t;
	pc = pc < P_COLLEAGUE ? pc : P_COLLEAGUE;
	pk = pk < P_CITY ? pk : P_CITY;
	double u = gen_rng_unit(&w->r) * (1 - P_TRIAD);
	if (u < pc)
		return slot_in(w, &w->by_company, c);
	if (u < pc + pk)
		return slot_in(w, &w->by_city, k);
	return slot_any(w);
}

/* Edges whose second end is still to be read from a stub slot.  Memory
 * latency rules here: the slots of a batch are prefetched together. */
#define BATCH 32

struct batch {
	uint32_t src[BATCH];
	const uint32_t *slot[BATCH];
	int n;
};

static void batch_flush(struct batch *b, struct pairs *e)
{
	for (int k = 0; k < b->n; k++)
		push(e, b->src[k], *b->slot[k]);
	b->n = 0;
}

static void batch_add(struct batch *b, struct pairs *e, uint32_t i, const uint32_t *slot)
{
	__builtin_prefetch(slot);
	b->src[b->n] = i;
	b->slot[b->n++] = slot;
	if (b->n == BATCH)
		batch_flush(b, e);
}

/* Round one: each member starts its share of edges by the mix. */
static void first_round(struct world *w, struct pairs *e)
{
	struct batch b = {.n = 0};
	for (uint32_t i = 0; i < w->n; i++) {
		uint32_t k = round_random(&w->r, w->target[i] * (1 - P_TRIAD) / 2);
		for (uint32_t j = 0; j < k; j++)
			batch_add(&b, e, i, partner_slot(w, i));
	}
	batch_flush(&b, e);
}

/* Tops up with `count` more edges, both ends drawn by degree. */
static void top_up(struct world *w, struct pairs *e, uint64_t count)
{
	const uint32_t *src[BATCH];
	struct batch b = {.n = 0};
	uint64_t done = 0;
	while (done < count) {
		int m = count - done < BATCH ? (int)(count - done) : BATCH;
		for (int k = 0; k < m; k++) {
			src[k] = slot_any(w);
			__builtin_prefetch(src[k]);
		}
		for (int k = 0; k < m; k++)
			batch_add(&b, e, *src[k], partner_slot(w, *src[k]));
		done += (uint64_t)m;
	}
	batch_flush(&b, e);
}

/* A friend-of-friend draw in flight: i's neighbour x, and the random number
 * that picks x's neighbour once x's list is in cache. */
struct wedge {
	uint32_t i, x;
	uint64_t raw;
	uint64_t at;
};

static void wedges_flush(struct world *w, struct wedge *q, int n, const uint64_t *off,
                         const uint32_t *adj, struct pairs *e)
{
	for (int k = 0; k < n; k++) {
		uint64_t dx = off[q[k].x + 1] - off[q[k].x]; /* >= 1: i is there */
		q[k].at = off[q[k].x] + q[k].raw % dx;
		__builtin_prefetch(&adj[q[k].at]);
	}
	for (int k = 0; k < n; k++) {
		uint32_t y = adj[q[k].at];
		if (y == q[k].i)
			y = *slot_any(w);
		push(e, q[k].i, y);
	}
}

/* Round two: friends of friends, over a CSR of the edges so far. */
static void close_triangles(struct world *w, struct pairs *e)
{
	uint32_t n = w->n;
	uint64_t *off = xcalloc((size_t)n + 1, sizeof *off);
	for (size_t i = 0; i < e->n; i++) {
		off[HI(e->v[i]) + 1]++;
		off[LO(e->v[i]) + 1]++;
	}
	for (uint32_t x = 0; x < n; x++)
		off[x + 1] += off[x];
	uint32_t *adj = xmalloc((size_t)(off[n] ? off[n] : 1) * sizeof *adj);
	uint64_t *pos = xmalloc(((size_t)n + 1) * sizeof *pos);
	memcpy(pos, off, ((size_t)n + 1) * sizeof *pos);
	for (size_t i = 0; i < e->n; i++) {
		uint32_t a = HI(e->v[i]), b = LO(e->v[i]);
		adj[pos[a]++] = b;
		adj[pos[b]++] = a;
	}
	free(pos);
	struct wedge q[BATCH];
	int nq = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = round_random(&w->r, w->target[i] * P_TRIAD / 2);
		uint64_t di = off[i + 1] - off[i];
		for (uint32_t j = 0; j < k; j++) {
			if (!di) {
				push(e, i, *slot_any(w));
				continue;
			}
			uint32_t x = adj[off[i] + below64(&w->r, di)];
			q[nq] = (struct wedge){i, x, gen_rng_next(&w->r), 0};
			__builtin_prefetch(&off[x]);
			nq++;
			if (nq == BATCH) {
				wedges_flush(w, q, nq, off, adj, e);
				nq = 0;
			}
		}
	}
	wedges_flush(w, q, nq, off, adj, e);
	free(adj);
	free(off);
}

/* Drops `excess` edges picked at random (keeping the list sorted). */
static void trim(struct world *w, struct pairs *e, uint64_t excess)
{
	for (uint64_t k = 0; k < excess;) {
		uint64_t at = below64(&w->r, e->n);
		if (e->v[at] != UINT64_MAX) {
			e->v[at] = UINT64_MAX;
			k++;
		}
	}
	size_t o = 0;
	for (size_t i = 0; i < e->n; i++) {
		if (e->v[i] != UINT64_MAX)
			e->v[o++] = e->v[i];
	}
	e->n = o;
}

static void assign_places(struct world *w, struct gen_network *net)
{
	struct gen_zipf zc, zk;
	gen_zipf_init(&zc, net->companies, COMPANY_ZIPF);
	gen_zipf_init(&zk, net->cities, CITY_ZIPF);
	for (uint32_t c = 0; c < net->companies; c++)
		net->company_city[c] = gen_zipf_draw(&zk, &w->r);
	for (uint32_t i = 0; i < net->members; i++) {
		uint32_t c = gen_zipf_draw(&zc, &w->r);
		net->company[i] = c;
		net->city[i] = gen_rng_unit(&w->r) < HOME_CITY ? net->company_city[c]
		                                               : gen_zipf_draw(&zk, &w->r);
	}
	gen_zipf_release(&zc);
	gen_zipf_release(&zk);
}

enum err gen_run(const struct gen_params *p, struct gen_network *net, struct fail *f)
{
	enum err e = E_OK;
	memset(net, 0, sizeof *net);
	uint32_t n = p->members;
	double avg = p->avg_degree;
	if (n < 2 || n > GEN_MAX_MEMBERS) {
		e = fail_set(f, E_BAD_FIELD, "members", "members must be 2 .. %u", GEN_MAX_MEMBERS);
		goto out;
	}
	if (!(avg > 0) || avg > n - 1 || avg > GRAPH_MAX_CONNECTIONS) {
		e = fail_set(f, E_BAD_FIELD, "avg_degree",
		             "the average degree must be above 0 and at most members - 1 and %d",
		             GRAPH_MAX_CONNECTIONS);
		goto out;
	}
	net->members = n;
	net->companies = n / COMPANY_SIZE ? n / COMPANY_SIZE : 1;
	net->cities = n / CITY_SIZE ? n / CITY_SIZE : 1;
	net->company = xmalloc((size_t)n * sizeof *net->company);
	net->city = xmalloc((size_t)n * sizeof *net->city);
	net->company_city = xmalloc((size_t)net->companies * sizeof *net->company_city);

	struct world w = {.n = n, .company = net->company, .city = net->city};
	gen_rng_seed(&w.r, p->seed);
	assign_places(&w, net);
	w.company_size = xcalloc(net->companies, sizeof *w.company_size);
	w.city_size = xcalloc(net->cities, sizeof *w.city_size);
	for (uint32_t i = 0; i < n; i++) {
		w.company_size[net->company[i]]++;
		w.city_size[net->city[i]]++;
	}

	/* Target degrees: Pareto with mean avg, capped. */
	uint32_t cap = n - 1 < GRAPH_MAX_CONNECTIONS ? n - 1 : GRAPH_MAX_CONNECTIONS;
	double xm = avg * (PARETO_ALPHA - 1) / PARETO_ALPHA;
	double *target = xmalloc((size_t)n * sizeof *target);
	uint32_t *weight = xmalloc((size_t)n * sizeof *weight);
	for (uint32_t i = 0; i < n; i++) {
		double t = xm * pow(1 - gen_rng_unit(&w.r), -1 / PARETO_ALPHA);
		target[i] = t < cap ? t : cap;
		uint32_t s = round_random(&w.r, target[i] * STUBS_PER_MEMBER / avg);
		weight[i] = s ? s : 1;
	}
	w.target = target;
	stubs_build(&w.by_company, net->company, net->companies, weight, n);
	stubs_build(&w.by_city, net->city, net->cities, weight, n);
	free(weight);

	struct pairs edges = {0};
	first_round(&w, &edges);
	close_triangles(&w, &edges);
	size_t drawn = edges.n;
	sort_unique(&edges);

	/* Duplicates and the cap cost edges: top up, degree-proportionally,
	 * drawing as many more as the last round's yield says are needed. */
	double most = (double)n * (n - 1) / 2;
	double want = (double)n * avg / 2;
	uint64_t goal = (uint64_t)llround(want < most ? want : most);
	double yield = drawn ? (double)edges.n / drawn : 1;
	uint32_t *deg = xmalloc((size_t)n * sizeof *deg);
	for (int round = 0;; round++) {
		cap_degrees(&edges, deg, n, cap);
		if (edges.n >= goal) {
			trim(&w, &edges, edges.n - goal);
			break;
		}
		if (round == TOPUP_ROUNDS)
			break;
		yield = yield < 0.2 ? 0.2 : yield;
		uint64_t more_n = (uint64_t)((double)(goal - edges.n) / yield) + 1;
		struct pairs more = {0};
		top_up(&w, &more, more_n);
		sort_unique(&more);
		size_t before = edges.n;
		merge_into(&edges, &more);
		yield = (double)(edges.n - before) / (double)more_n;
	}
	free(deg);
	free(target);
	free(w.company_size);
	free(w.city_size);
	stubs_free(&w.by_company);
	stubs_free(&w.by_city);

	/* (hi, lo) pairs become struct gen_edge in place. */
	for (size_t i = 0; i < edges.n; i++) {
		struct gen_edge ge = {HI(edges.v[i]), LO(edges.v[i])};
		memcpy((char *)edges.v + i * sizeof ge, &ge, sizeof ge);
	}
	net->edge = (struct gen_edge *)(void *)edges.v;
	net->edges = edges.n;
out:
	return e;
}

void gen_network_release(struct gen_network *net)
{
	free(net->company);
	free(net->city);
	free(net->company_city);
	free(net->edge);
	memset(net, 0, sizeof *net);
}

/* ---- names ---------------------------------------------------------------- */

#define CONSONANTS "bdfgklmnprstvz"
#define VOWELS     "aeiou"
#define SYLLABLES  ((sizeof CONSONANTS - 1) * (sizeof VOWELS - 1))

/* i in base SYLLABLES, at least two digits, least significant first, each
 * digit shifted by its place and the digit before it (a bijection), as
 * consonant-vowel syllables.  CV syllables parse one way only, so distinct i
 * give distinct names. */
static void syllable_name(uint32_t i, uint32_t salt, struct buf *out)
{
	uint32_t digit[8];
	int nd = 0;
	do {
		digit[nd++] = i % SYLLABLES;
		i /= SYLLABLES;
	} while (i > 0 || nd < 2);
	uint32_t prev = salt;
	for (int k = 0; k < nd; k++) {
		uint32_t d = (digit[k] + 31 * (uint32_t)k + 17 * prev + salt) % SYLLABLES;
		prev = digit[k];
		char c = CONSONANTS[d / (sizeof VOWELS - 1)];
		if (k == 0)
			c = (char)(c - 'a' + 'A');
		buf_addc(out, c);
		buf_addc(out, VOWELS[d % (sizeof VOWELS - 1)]);
	}
}

void gen_company_name(uint32_t company, struct buf *out)
{
	static const char *const kind[] = {"Systems", "Labs",    "Group",     "Partners",
	                                   "Works",   "Health",  "Logistics", "Energy",
	                                   "Capital", "Studios", "Foods",     "Consulting"};
	syllable_name(company, 3, out);
	buf_addc(out, ' ');
	uint32_t h = company * 2654435761u;
	buf_adds(out, kind[(h >> 16) % (sizeof kind / sizeof kind[0])]);
}

void gen_city_name(uint32_t city, struct buf *out)
{
	syllable_name(city, 11, out);
}
