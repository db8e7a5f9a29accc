/* demo_words — the static tables the demo generator draws from: name pools by
 * origin, cities, organisations, teams with their roles (titles in English,
 * Swedish, Norwegian, Danish and Finnish), skills, schools, sentences for
 * summaries and invitation notes.  Internal to src/demo/.
 *
 * Invariants: every string is valid UTF-8; every index in a table refers to an
 * entry of the table it names (checked by the demo unit test through the
 * generated data); templates use only the placeholders {title} {company}
 * {city} {topic} {skill} {since} {years} {first} (see demo.c). */
#ifndef TIES_DEMO_DEMO_WORDS_H
#define TIES_DEMO_DEMO_WORDS_H
#include <stddef.h>

struct dw_list {
	const char *const *v;
	size_t n;
};

#define DW_LIST(a)                                                                                 \
	{                                                                                          \
		(a), sizeof(a) / sizeof((a)[0])                                                    \
	}
#define DW_NONE                                                                                    \
	{                                                                                          \
		NULL, 0                                                                            \
	}

/* Languages a title, a topic or a sentence comes in (the Nordic four plus
 * English); other origins write in English. */
enum dw_lang { DW_EN, DW_SV, DW_NO, DW_DA, DW_FI, DW_NLANG };

/* Where a member comes from: name pools, schools, own language. */
struct dw_origin {
	const char *lang;    /* ISO 639-1 */
	enum dw_lang writes; /* the language of their local titles and texts */
	struct dw_list female, male, last;
	struct dw_list schools;
	struct dw_list degrees; /* local degree names, used now and then */
};

enum dw_origin_id { O_SV, O_NO, O_DA, O_FI, O_EN, O_DE, O_PL, O_FR, O_ES, O_NL, O_HI, O__COUNT };

struct dw_city {
	const char *location; /* "Göteborg, Sweden" */
	enum dw_origin_id origin;
	const char *local; /* the name in Nordic texts when it differs, else NULL */
};

struct dw_role {
	const char *title[DW_NLANG];
	int level; /* 0 junior .. 3 executive */
	unsigned weight;
	int recruiter; /* the account kind is "recruiter" */
};

struct dw_team {
	const char *name;
	const struct dw_role *roles;
	size_t n_roles;
	struct dw_list skills;
	struct dw_list fields;          /* fields of study */
	struct dw_list taglines;        /* follow "{title} | " in a headline (English) */
	const char *headline[DW_NLANG]; /* a whole headline per language */
	struct dw_list sentences;       /* English summary sentences */
	const char *topic[DW_NLANG];    /* what the team works with, per language */
	int account_facing;             /* sells to / serves the customers */
};

enum dw_team_id {
	T_ENG,
	T_PRODUCT,
	T_SALES,
	T_CS,
	T_CONSULT,
	T_MARKETING,
	T_HR,
	T_FINANCE,
	T_MGMT,
	T_PROD,
	T_QUALITY,
	T_SUPPLY,
	T_IT,
	T_BANK,
	T_RESEARCH,
	T__COUNT
};

#define DW_MAX_OFFICES 12
#define DW_MAX_TEAMS   10

struct dw_company {
	const char *name;
	const char *kind; /* "vendor" | "customer" | "partner" | "university" */
	const char *industry;
	unsigned weight; /* share of members */
	int n_offices;
	int offices[DW_MAX_OFFICES]; /* city indexes */
	unsigned office_w[DW_MAX_OFFICES];
	int n_teams;
	int teams[DW_MAX_TEAMS];
	unsigned team_w[DW_MAX_TEAMS];
};

extern const struct dw_origin dw_origins[O__COUNT];
extern const struct dw_city dw_cities[];
extern const size_t dw_n_cities;
extern const struct dw_team dw_teams[T__COUNT];
extern const struct dw_company dw_companies[];
extern const size_t dw_n_companies;

/* Employers of past positions outside the demo organisations. */
extern const struct dw_list dw_past_companies;
/* Skills anyone may have, in English, and by language (DW_SV.. only). */
extern const struct dw_list dw_general_skills;
extern const struct dw_list dw_local_skills[DW_NLANG];
/* Generic degrees (English) and languages learnt besides the own one. */
extern const struct dw_list dw_degrees;
/* Headline shapes per language: "{title} at {company}". */
extern const char *const dw_title_at[DW_NLANG];
/* Summary sentences per language: openers, middles and closers. */
extern const struct dw_list dw_open[DW_NLANG];
extern const struct dw_list dw_middle[DW_NLANG];
extern const struct dw_list dw_close[DW_NLANG];
/* Invitation notes: personal templates and stock texts, per language. */
extern const struct dw_list dw_notes[DW_NLANG];
extern const char *const dw_stock_notes[DW_NLANG];
/* The ISO 639-1 code of each dw_lang. */
extern const char *const dw_lang_code[DW_NLANG];

#endif
