/* search — the in-memory people-search index: profile words -> members,
 * per field, normalised, accent-folded and stemmed (text/text.h), with
 * exact-value filters, facets and name typeahead.  Derived state: the store
 * is the truth and `ties check` compares a live index with a rebuilt one
 * (search_equal).  Knows neither SQL nor HTTP.
 *
 * Members are dense uint32 numbers; the index keeps arrays as long as the
 * largest number put.  A member's document is stored so that a later put or
 * remove can find what to take out, and so that highlights can be given as
 * byte ranges into the caller's field text: each word as the id of its
 * exact spelling in a dictionary of words, with the bytes between words
 * only where they are not one space (about two bytes a word; the text comes
 * back byte for byte).
 *
 * Terms.  Each word of a field yields the keys of text_terms(): its folded
 * surface form and its folded stems in the profile's languages (English
 * always).  Names are not stemmed, and query stems never match names (only
 * a query word's surface form does), so "anna" does not find "Ann".
 *
 * Postings.  Per term key one list sorted by (member, field, position):
 * a uint32 member array and a parallel uint16 array of field << 12 |
 * position (so 4096 word positions per field are indexed; later words only
 * count for length).  A list of one entry lives inline in the term.  This is
 * 6 bytes per indexed (key, word occurrence); words without accents whose
 * stem equals the word cost one key.  Updates insert and delete a member's
 * entries in each of its terms (binary search + memmove), so a put costs
 * the size of its terms' lists; puts in increasing member order (a rebuild)
 * only append.
 *
 * Ranking: the caller's tier (0 = 1st degree ... 4 = everyone else, < 0 =
 * must not appear) ascending, then BM25F, then profile strength descending,
 * then member number ascending.  BM25F: k1 = 1.2, and per field a weight W
 * and a length normalisation B:
 *     name 3.0/0.3, headline 2.5/0.5, title 2.0/0.3, skill 1.5/0.3,
 *     company 1.5/0.3, location 1.0/0.3, industry 1.0/0.3,
 *     education 1.0/0.3, summary 1.0/0.75
 * (names and headlines say who someone is; a summary mentions much in
 * passing).  A query element's idf uses the largest df among its keys; a
 * phrase's idf is the sum of its words'.
 *
 * Queries: every word must match (AND), in any field; a quoted phrase
 * ("..." or typographic quotes) must match its words at consecutive
 * positions of one field item.  Stop words of the searcher's languages
 * ("inom", "och", "of") are dropped from unquoted words unless nothing else
 * is left.
 *
 * Privacy: the caller may say, per member, which fields the searcher may
 * see (search_query.fields).  Hidden fields neither match, nor score, nor
 * light up, nor filter, nor count in facets: a member whose profile shows
 * only its card is found by its name and headline alone.  (Term statistics,
 * idf and average field lengths, are the whole index's.)
 *
 * Speed: a query walks every member that holds all its words, calling the
 * caller's tier() for each, unless the caller passes its 1st and 2nd degree
 * as search_query.near: those are ranked first, and when they fill the page
 * (the common case for a word in many profiles) the rest is only counted,
 * for a bounded while, and total and facets are estimated from that
 * (search_result.total_estimated).  The page itself is always exact.
 *
 * Cost, measured with bench/search_bench.c on 1,000,000 synthetic profiles
 * (about 70 keys each, a third with a summary) on one core of a shared
 * host: bulk put 25-30 us a document (give the building text_ctx a large
 * cache, then search_compact()); index 671 MB accounted (postings 406,
 * stored documents 203, dictionaries 61), 707 MB of RSS growth; a put
 * replacing a document 6.5 ms at the median (memmove in long lists), a
 * remove 2.7 ms.  Queries from random searchers with a 1st degree of 150
 * and a 2nd of 20,000 passed as near, p50 / p99: a word in 20-70% of
 * profiles 3.3 / 5.2 ms, in 1-5% 2.1 / 2.7 ms, under 0.1% 0.2 / 0.4 ms,
 * two words 3.3 / 6.5 ms.  Without near (or when near does not fill the
 * page: a searcher with a small network, a deep page) every match is walked,
 * about 50 ns a member with the bench's tier() and fields(): 13 / 30 ms for
 * the common words, 3.3 / 22 ms for two words.  Name typeahead p99 about 1.1 ms
 * for one word; a whole word and a prefix ("anna l") 0.3 / 0.7 ms, by
 * intersecting member sets (a bitmap) instead of reading stored names.

 *
 * Concurrency: queries and typeahead only read the index and may run in
 * parallel (under the caller's read lock), each with its own text_ctx and
 * search_result; put and remove need the write lock.  The index has writer
 * scratch of its own, used only by put/remove. */
#ifndef TIES_SEARCH_SEARCH_H
#define TIES_SEARCH_SEARCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "search/dict.h"
#include "text/text.h"

enum search_field {
	SF_NAME,
	SF_HEADLINE,
	SF_SUMMARY,
	SF_TITLE,   /* positions' titles, current and past */
	SF_COMPANY, /* positions' companies, current and past */
	SF_EDUCATION,
	SF_SKILL,
	SF_LOCATION,
	SF_INDUSTRY,
	SF__COUNT
};

/* "name", "headline", ... ("" for an invalid f). */
const char *search_field_name(enum search_field f);

/* Built-in exact filters (case- and accent-insensitive, whole value). */
enum search_filter {
	SX_COMPANY,      /* a current position's company */
	SX_PAST_COMPANY, /* a past position's company */
	SX_LOCATION,
	SX_INDUSTRY,
	SX_SKILL,
	SX_LANGUAGE, /* as declared ("sv", "Swedish" ...); English is not implied */
	SX__COUNT
};

#define SEARCH_MAX_QUERY_BYTES 200
#define SEARCH_MAX_QUERY_WORDS 16
#define SEARCH_MAX_PAGE        100
#define SEARCH_MAX_DEPTH       1000
#define SEARCH_MAX_FACETS      20
#define SEARCH_MAX_TA          20    /* typeahead hits */
#define SEARCH_TA_SCAN         10000 /* typeahead candidates looked at, at most */
#define SEARCH_MAX_ITEMS       255   /* positions, education, skills, languages */
#define SEARCH_MAX_VALUE       65535 /* bytes of one text value */
#define SEARCH_MAX_STRENGTH    100
#define SEARCH_POS_BITS        12 /* word positions per field: 1 << 12 */

/* ---- documents ---------------------------------------------------------- */

struct search_position {
	const char *title, *company; /* NULL or "" = none */
	bool current;
};

/* A member's profile as the index sees it.  Strings are NUL-terminated
 * UTF-8; NULL and "" mean absent.  Item numbers in highlights are indexes
 * into these arrays (positions for SF_TITLE and SF_COMPANY). */
struct search_doc {
	const char *name, *headline, *summary, *location, *industry;
	const struct search_position *positions;
	size_t npositions;
	const char *const *education;
	size_t neducation;
	const char *const *skills;
	size_t nskills;
	const char *const *languages; /* codes or names; the known ones pick stemmers */
	size_t nlanguages;
	unsigned strength; /* profile strength 0..100 */
};

/* ---- the index (fields are private) ------------------------------------- */

struct search_term {
	uint32_t n, cap, df; /* entries, capacity (0 = inline), distinct members */
	union {
		void *p; /* cap members (uint32) then cap fps (uint16) */
		struct {
			uint32_t m;
			uint16_t fp;
		} one;
	} u;
};

struct search_mlist { /* a sorted set of members */
	uint32_t *m;
	uint32_t n, cap;
};

struct search_member {
	unsigned char *blob; /* NULL = no document (layout in priv.h) */
	uint32_t blen;
	/* the name key's first 16 bytes, big-endian, zero-padded (typeahead
	 * ranks and passes over most candidates without touching the blob) */
	uint64_t name8, name16;
	uint16_t flen[SF__COUNT];
	uint8_t strength, langs, ncur;
};

/* What facets read of a member, apart (8 bytes a member: a walk over many
 * matches touches few cache lines and pages). */
struct search_fac {
	uint32_t cur0; /* the first current company's value id (| FAC_MORE when
	                * there are more), DICT_NONE = none */
	uint32_t loc;  /* location value id, DICT_NONE = none */
};

struct search_values {
	struct dict keys;           /* value key (text_key) -> id */
	struct search_mlist *lists; /* id -> members */
	char **display;             /* id -> the value as the lowest member wrote it */
	size_t cap;
};

struct search_wpair;

struct search_index {
	struct dict keys;          /* term keys */
	struct search_term *terms; /* by term id */
	size_t tcap;
	struct search_member *mem; /* by member number */
	struct search_fac *fac;    /* by member number, mcap long too */
	uint64_t *heads;           /* by member number, mcap long: name_heads() of the name key */
	size_t mcap;
	struct dict words; /* the words of stored documents, as written */
	uint32_t ndocs;
	uint64_t flen_sum[SF__COUNT];
	struct search_values vals[SX__COUNT];
	struct dict names; /* folded name words (typeahead) */
	struct search_mlist *nlists;
	size_t nlcap;
	uint32_t *nsorted; /* name word ids in string order */
	size_t nsorted_n, nsorted_cap;
	/* writer scratch */
	struct search_wpair *pairs;
	size_t npairs, pcap;
	struct buf tmp, key, plain, stored;
};

void search_init(struct search_index *x);
void search_release(struct search_index *x);

/* Indexes doc as member's document, replacing any earlier one.  Strings are
 * copied.  Fails, leaving the index as it was, with E_BAD_UTF8 (invalid
 * text), E_TOO_LONG (a value over SEARCH_MAX_VALUE bytes), E_TOO_MANY (over
 * SEARCH_MAX_ITEMS items) or E_BAD_FIELD (strength over 100, member
 * UINT32_MAX); f names the field. */
enum err search_put(struct search_index *x, struct text_ctx *ctx, uint32_t member,
                    const struct search_doc *doc, struct fail *f);
/* Trims every list to its size: call once after a bulk load (growth by
 * doubling leaves a quarter of postings memory unused on average), and with
 * glibc hands the freed pages back to the system (malloc_trim: without it
 * the process keeps about 130 MB more at 1,000,000 members). */
void search_compact(struct search_index *x);
/* Takes member's document out (nothing happens if there is none). */
void search_remove(struct search_index *x, struct text_ctx *ctx, uint32_t member);
bool search_has(const struct search_index *x, uint32_t member);

/* ---- queries ------------------------------------------------------------ */

/* Visibility masks (search_query.fields): bit 1u << f for each enum
 * search_field f the searcher may see, and SEARCH_SEE_LANGUAGES for the
 * member's declared languages (which are no search_field: they are only
 * filtered on, never matched as words). */
#define SEARCH_SEE_LANGUAGES (1u << SF__COUNT)
#define SEARCH_SEE_ALL       ((1u << (SF__COUNT + 1)) - 1u)
#define SEARCH_SEE_CARD      ((1u << SF_NAME) | (1u << SF_HEADLINE))

/* Members that `near` must hold: every member of tiers below this (1st and
 * 2nd degree) when the caller passes a near list. */
#define SEARCH_NEAR_TIERS 2
/* When the first page is known early (see search_query.near), the walk
 * goes on only to count: up to this many visible matches, or as many
 * posting cursor moves as SEARCH_COUNT_STEPS times that (a few words of
 * which few members hold all), whichever comes first. */
#define SEARCH_COUNT_MAX   20000
#define SEARCH_COUNT_STEPS 3

struct search_query {
	const char *q; /* the words, UTF-8, at most 200 bytes and 16 words */
	size_t qlen;
	unsigned langs; /* the searcher's languages (LANG_BIT); English is added */
	/* the member's tier for this searcher; < 0 = hide the member (NULL =
	 * everyone is tier 4: tools and tests) */
	int (*tier)(uint32_t member, void *arg);
	void *tier_arg;
	/* optional (NULL = keep all): false drops the member */
	bool (*keep)(uint32_t member, void *arg);
	void *keep_arg;
	const char *filter[SX__COUNT]; /* NULL or "" = no filter of that kind */
	uint32_t offset;               /* cursor: position in the ranked list, < SEARCH_MAX_DEPTH */
	uint32_t limit;                /* page size, 1..SEARCH_MAX_PAGE */
	uint32_t nfacets;              /* top values per facet, 0..SEARCH_MAX_FACETS */
	/* Optional (NULL = the searcher may see every field of everyone): the
	 * fields of member this searcher may see, a mask of SEARCH_SEE_* bits
	 * (other bits are ignored: ~0u = everything; SEARCH_SEE_CARD = name and
	 * headline).  Called for members that otherwise match, after keep() and
	 * tier() >= 0, possibly twice for a member of `near`.  A member matches
	 * only when every query word and phrase matches in visible fields, and
	 * only when the fields of its filters are visible (company and past
	 * company: SF_COMPANY; location, industry, skill: their fields;
	 * language: SEARCH_SEE_LANGUAGES); its score, `fields` and highlights
	 * use visible fields only; facets count its company and location only
	 * when those fields are visible. */
	unsigned (*fields)(uint32_t member, void *arg);
	void *fields_arg;
	/* Optional, for speed (NULL = rank by walking every match): the members
	 * that may be in tiers below SEARCH_NEAR_TIERS (the searcher's 1st and
	 * 2nd degree), sorted ascending without duplicates (E_BAD_QUERY "near"
	 * otherwise); it may hold others too (their tier still comes from
	 * tier()).  A member outside it must not get a tier below
	 * SEARCH_NEAR_TIERS from tier(), or it may be missed.  nnear 0 = none.
	 * The near members are ranked first; when they fill offset + limit
	 * places with tiers below SEARCH_NEAR_TIERS, the page is final, and the
	 * rest of the matches are only counted, in member order, up to
	 * count_max visible ones (or count_max * SEARCH_COUNT_STEPS cursor
	 * moves): total and facets are then estimated from that prefix
	 * (result.total_estimated, facets_estimated).  Otherwise every match is
	 * walked and ranked, as without near. */
	const uint32_t *near;
	size_t nnear;
	uint32_t count_max; /* 0 = SEARCH_COUNT_MAX */
};

/* The byte range [start, end) of a matched word in the caller's text of
 * field `field`, item `item` (0 for single-valued fields). */
struct search_hl {
	uint8_t field, item;
	uint32_t start, end;
};

struct search_hit {
	uint32_t member;
	int tier;
	double score; /* BM25F; 0 for typeahead */
	uint8_t strength;
	uint16_t fields;  /* bit (1 << search_field) per (visible) field that matched */
	uint32_t hl, nhl; /* this hit's highlights: result.hls[hl .. hl + nhl) */
};

struct search_facet {
	const char *value; /* as a member wrote it; owned by the result */
	uint32_t count;    /* an estimate when result.facets_estimated */
};

struct search_scratch;

/* Caller-owned; reuse one per thread across queries (it keeps its scratch
 * allocations).  Pointers in it are valid until the next query with it. */
struct search_result {
	struct search_hit *hits;
	size_t nhits;
	struct search_hl *hls;
	size_t nhls;
	uint32_t total; /* matched, filtered and visible members (all pages) */
	bool more;      /* another page follows, within SEARCH_MAX_DEPTH */
	uint32_t next;  /* its cursor (offset) */
	struct search_facet companies[SEARCH_MAX_FACETS]; /* current companies */
	struct search_facet locations[SEARCH_MAX_FACETS];
	size_t ncompanies, nlocations;
	/* total ("about N") and the facet counts were extrapolated from the
	 * first count_max visible matches in member order (only with `near`,
	 * when the page was known before the end: see search_query.near);
	 * otherwise they are exact.  An estimated total is at least the number
	 * counted, and more than offset + limit. */
	bool total_estimated, facets_estimated;
	/* private */
	size_t hcap, hlcap;
	struct buf strs;
	struct search_scratch *s;
};

void search_result_init(struct search_result *r);
void search_result_release(struct search_result *r);

/* Runs q into r.  E_BAD_QUERY (f says why; field "q", "limit", "offset",
 * "nfacets" or "tier") for an empty query, one over 200 bytes or 16 words,
 * invalid UTF-8, unbalanced quotes, or bad paging.  An unknown word or
 * filter value is not an error: it matches nobody. */
enum err search_query(const struct search_index *x, struct text_ctx *ctx,
                      const struct search_query *q, struct search_result *r, struct fail *f);

struct search_ta_query {
	const char *q; /* "an", "anna l": every word but the last whole, the last a prefix
	                * (a trailing space makes the last one whole too) */
	size_t qlen;
	int (*tier)(uint32_t member, void *arg);
	void *tier_arg;
	bool (*keep)(uint32_t member, void *arg);
	void *keep_arg;
	uint32_t limit; /* 1..SEARCH_MAX_TA */
	/* optional, as in search_query: typeahead matches names only, so a
	 * member whose mask lacks 1u << SF_NAME is left out */
	unsigned (*fields)(uint32_t member, void *arg);
	void *fields_arg;
	/* Optional, as search_query.near (NULL / 0 = none): the members that
	 * may be in tiers below SEARCH_NEAR_TIERS, sorted ascending without
	 * duplicates (E_BAD_QUERY "near" otherwise); it may hold others too.  A
	 * member outside it must not get a tier below SEARCH_NEAR_TIERS from
	 * tier().  When the prefix matches more names than the scan looks at,
	 * the near members are checked first, each against its stored name, so
	 * the 1st and 2nd degree matches always come first and exactly; when
	 * they fill `limit` with tiers below SEARCH_NEAR_TIERS that is the
	 * answer (r->more false), otherwise the scan (not counting near
	 * members) fills the rest. */
	const uint32_t *near;
	size_t nnear;
	/* Optional, for speed, with near: the members of near that may be in
	 * tier 0 (the 1st degree), sorted ascending without duplicates.  They
	 * are checked first; when they fill `limit` with tier 0 the other near
	 * members are not looked at.  A member outside near0 must not get tier
	 * 0 from tier(). */
	const uint32_t *near0;
	size_t nnear0;
	/* Optional, for speed, with near: the same members as near as a bitmap
	 * (member m is bit m % 64 of word m / 64; near_bits_n members covered). */
	const uint64_t *near_bits;
	size_t near_bits_n;
	/* Optional, with near: the least tier tier() gives a member outside
	 * near (SEARCH_NEAR_TIERS..4; 0 = SEARCH_NEAR_TIERS).  When no tier
	 * between is in use (no group co-members), a higher floor lets the scan
	 * pass over a candidate on its name alone, without asking its tier,
	 * once the list is full. */
	int far_tier;
};

/* Name typeahead into r->hits (score 0; highlights: the name words that
 * matched), ranked by tier, then the folded name, then member number.  Each
 * query word must match a different word of the name.  At most
 * SEARCH_TA_SCAN candidates (besides the members of `near`) are looked at;
 * r->more says the scan stopped there (a very short prefix in a large
 * index: the hits are good ones, not necessarily the best; with `near`,
 * those in tiers below SEARCH_NEAR_TIERS are still exact).  E_BAD_QUERY as
 * for search_query. */
enum err search_typeahead(const struct search_index *x, struct text_ctx *ctx,
                          const struct search_ta_query *q, struct search_result *r, struct fail *f);

/* ---- checking and measuring --------------------------------------------- */

/* True when a and b hold the same documents and the same postings, values
 * and name words (ids may differ).  Otherwise describes the first
 * difference found in why (when not NULL). */
bool search_equal(const struct search_index *a, const struct search_index *b, struct buf *why);

struct search_stats {
	uint32_t docs;
	size_t terms, postings, name_words, values;
	size_t bytes_postings, bytes_docs, bytes_dicts, bytes_total;
};

void search_stats_get(const struct search_index *x, struct search_stats *st);

#endif
