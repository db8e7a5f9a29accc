/* gen — a synthetic professional network for demos, tests and benchmarks
 * (`ties gen`).  Deterministic: the same parameters give the same network on
 * every machine (own PRNG, xoshiro256** seeded by splitmix64; no rand()).
 *
 * The shape: companies and cities with Zipf-like sizes; each company has a
 * home city where most of its people live; member degrees are heavy-tailed
 * (Pareto, a few members with thousands of connections, never more than
 * GRAPH_MAX_CONNECTIONS); most connections are between colleagues or people
 * of the same city, some anywhere, and a share closes triangles (a friend of
 * a friend).  The undirected edge list has no self-loops and no duplicates,
 * and there are exactly members * avg_degree / 2 edges (rounded) unless the
 * degree cap or a tiny network makes that impossible. */
#ifndef TIES_GRAPH_GEN_H
#define TIES_GRAPH_GEN_H
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

#define GEN_MAX_MEMBERS 100000000u

/* xoshiro256**: fast, good, 2^256-1 period.  Not for secrets. */
struct gen_rng {
	uint64_t s[4];
};

void gen_rng_seed(struct gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t gen_rng_below(struct gen_rng *r, uint32_t n);
/* Uniform in [0, 1). */
double gen_rng_unit(struct gen_rng *r);

/* Zipf-distributed draws from 0 .. n-1: P(k) proportional to (k + 1)^-s.
 * n > 0; a binary search over the cumulative distribution per draw. */
struct gen_zipf {
	double *cdf;
	uint32_t n;
};
void gen_zipf_init(struct gen_zipf *z, uint32_t n, double s);
uint32_t gen_zipf_draw(const struct gen_zipf *z, struct gen_rng *r);
void gen_zipf_release(struct gen_zipf *z);

struct gen_params {
	uint32_t members;  /* 2 .. GEN_MAX_MEMBERS */
	double avg_degree; /* > 0, at most members - 1 and GRAPH_MAX_CONNECTIONS */
	uint64_t seed;
};

struct gen_edge {
	uint32_t a, b; /* a < b */
};

/* The result; owned by the caller, freed with gen_network_release. */
struct gen_network {
	uint32_t members, companies, cities;
	uint32_t *company;      /* per member: 0 .. companies-1 */
	uint32_t *city;         /* per member: 0 .. cities-1 */
	uint32_t *company_city; /* per company: its home city */
	struct gen_edge *edge;  /* sorted by (a, b), unique */
	uint64_t edges;
};

/* Generates the network into *net (any previous contents are not freed).
 * E_BAD_FIELD (with f saying which parameter) on bad parameters, *net then
 * zeroed.  Memory: about 40 bytes per edge at the peak; 1M members
 * with average 150 take about 10 s of one core. */
enum err gen_run(const struct gen_params *p, struct gen_network *net, struct fail *f);
void gen_network_release(struct gen_network *net);

/* Unique, pronounceable names for company and city numbers, appended to out:
 * "Tovarel Systems", "Mirasol". */
void gen_company_name(uint32_t company, struct buf *out);
void gen_city_name(uint32_t city, struct buf *out);

#endif
