/* search_bench — standalone benchmark of the people-search index (not a
 * test).  Generates N synthetic profiles, bulk-loads them into a struct
 * search_index and times queries and typeahead from random searchers,
 * printing one table:
 *
 *   search_bench [--members N] [--seed S] [--queries Q] [--no-near] [--rows BITS]
 *                [--count-max C]
 *
 * Defaults: 1,000,000 members, seed 1, 400 queries per row, every row (--rows
 * is a bit mask of the rows of the table to run, from the top).  Queries pass
 * the searcher's 1st and 2nd degree as search_query.near unless --no-near
 * (every match then gets a tier() call, as without it), and a visibility
 * mask (a fifth of the members show only their card to searchers outside
 * their 3rd degree).  Times are wall clock and, in the cpu columns, the
 * thread's CPU time (the host may be shared).  Built with -DSEARCH_BENCH_V0
 * it uses only the API before near and fields existed, to measure the
 * index as it was.
 *
 * Profiles: a Nordic (or English) origin picks the languages and the name
 * pools (a few hundred first and last names); headlines, titles, skills,
 * industries, cities and companies come from pools drawn Zipf-like (a few
 * very common values, a long tail); a third of the members have a summary of
 * 20-80 words from a vocabulary of common words and a generated tail.  Each
 * member's profile is a function of (seed, member), so it can be made again.
 *
 * Searchers: each query comes from a random searcher with 150 random
 * 1st-degree members (sorted array), about 20,000 2nd-degree members (a
 * bitmap), a 3rd degree of about 40% of everyone else (a hash of the pair)
 * and 1% of members hidden (private or blocked).  Query words are chosen by
 * measured document frequency: common (20-70% of profiles), medium (1-5%),
 * rare (under 0.1%); two-word queries pair common and medium ones.  Every
 * fourth query whose total came out estimated is run again without near,
 * to check that the page is the same and to see how far off the estimate
 * was.  Typeahead takes 1-4 letters of a real first name, or a first name
 * and 1 letter of the next word ('first l'), or 2-3 ('first la'), or the
 * whole first name and a space ('first ').  The last rows time updates: a
 * put replacing a profile with another, and a remove. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/mem.h"
#include "bench_util.h"
#include "graph/gen.h"
#include "search/search.h"
#include "text/text.h"

/* ---- pools -------------------------------------------------------------- */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const first_sv[] = {
    "Anna",   "Eva",    "Maria",  "Karin",  "Sara",    "Emma",   "Elin",     "Johanna",
    "Linnéa", "Ingrid", "Malin",  "Sofia",  "Frida",   "Ida",    "Hanna",    "Maja",
    "Ebba",   "Klara",  "Åsa",    "Märta",  "Ylva",    "Tove",   "Erik",     "Lars",
    "Anders", "Johan",  "Per",    "Karl",   "Nils",    "Mikael", "Magnus",   "Fredrik",
    "Oskar",  "Gustav", "Henrik", "Björn",  "Mattias", "Jonas",  "Göran",    "Håkan",
    "Örjan",  "Måns",   "Sven",   "Ulf",    "Tobias",  "Axel",   "Viktor",   "Emil",
    "Linus",  "Hugo",   "Albin",  "Ludvig", "Elias",   "Astrid", "Birgitta", "Signe"};
static const char *const first_no[] = {
    "Kari",     "Marit",   "Silje",  "Ingvild", "Solveig", "Hilde",  "Ragnhild", "Tone",  "Guro",
    "Synnøve",  "Åshild",  "Marte",  "Nora",    "Thea",    "Eline",  "Sunniva",  "Hege",  "Liv",
    "Tuva",     "Frøydis", "Vilde",  "Oda",     "Ole",     "Knut",   "Bjørn",    "Terje", "Geir",
    "Trond",    "Arne",    "Øyvind", "Eirik",   "Håvard",  "Sindre", "Jørgen",   "Espen", "Even",
    "Torbjørn", "Sigurd",  "Audun",  "Vegard",  "Stian",   "Ståle",  "Ørjan",    "Aksel", "Sverre"};
static const char *const first_da[] = {
    "Mette",    "Hanne",  "Susanne", "Lene",   "Tina",     "Pia",       "Louise", "Camilla",
    "Line",     "Sofie",  "Freja",   "Ida",    "Signe",    "Cecilie",   "Maja",   "Laura",
    "Mathilde", "Søs",    "Jens",    "Søren",  "Niels",    "Rasmus",    "Mads",   "Jesper",
    "Morten",   "Thomas", "Kasper",  "Mikkel", "Frederik", "Christian", "Anders", "Jakob",
    "Troels",   "Bo",     "Torben",  "Ebbe",   "Asger",    "Bent",      "Palle",  "Jørn"};
static const char *const first_fi[] = {
    "Aino",  "Anneli", "Elina",    "Hanna",  "Johanna", "Kaisa", "Katja",  "Laura", "Leena",
    "Liisa", "Maija",  "Marjatta", "Minna",  "Noora",   "Päivi", "Riikka", "Sanna", "Satu",
    "Tiina", "Tuula",  "Venla",    "Aleksi", "Antti",   "Eero",  "Heikki", "Ilkka", "Jari",
    "Juha",  "Jukka",  "Kari",     "Lauri",  "Markku",  "Matti", "Mikko",  "Olli",  "Pekka",
    "Petri", "Sami",   "Timo",     "Tuomas", "Väinö",   "Ville", "Jyrki",  "Esa"};
static const char *const first_en[] = {
    "James", "Mary",  "John",  "Patricia",  "Robert", "Jennifer", "Michael", "Linda",
    "David", "Susan", "Sarah", "Daniel",    "Laura",  "Emily",    "Oliver",  "Sophie",
    "Lucy",  "Jack",  "Harry", "Charlotte", "Priya",  "Arjun",    "Ana",     "Lukas"};
static const char *const last_sv[] = {
    "Andersson", "Johansson", "Karlsson",   "Nilsson",    "Eriksson",  "Larsson",  "Olsson",
    "Persson",   "Svensson",  "Gustafsson", "Pettersson", "Jonsson",   "Jansson",  "Hansson",
    "Bengtsson", "Jönsson",   "Lindberg",   "Lindqvist",  "Lindström", "Lundberg", "Lundgren",
    "Berglund",  "Bergström", "Sandberg",   "Forsberg",   "Sjöberg",   "Wallin",   "Engström",
    "Eklund",    "Håkansson", "Holm",       "Nyström",    "Åberg",     "Öberg",    "Ström",
    "Hedlund",   "Sundqvist", "Björk",      "Falk",       "Strand",    "Ekström",  "Löfgren",
    "Hägglund",  "Blomqvist", "Åkesson",    "Sjögren",    "Norén",     "Wikström"};
static const char *const last_no[] = {
    "Hansen",      "Johansen",  "Olsen",       "Larsen",     "Andersen",  "Pedersen", "Nilsen",
    "Kristiansen", "Jensen",    "Karlsen",     "Johnsen",    "Pettersen", "Eriksen",  "Berg",
    "Haugen",      "Hagen",     "Johannessen", "Andreassen", "Jacobsen",  "Dahl",     "Jørgensen",
    "Halvorsen",   "Henriksen", "Lund",        "Sørensen",   "Solberg",   "Bakke",    "Moen",
    "Lie",         "Nygård",    "Bråten",      "Sæther",     "Haugland",  "Løvås",    "Fjeld",
    "Aasen",       "Myhre",     "Ødegård",     "Tveit",      "Rønning",   "Kvamme"};
static const char *const last_da[] = {
    "Nielsen",  "Jensen",       "Hansen",      "Pedersen",  "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen",    "Jørgensen",   "Petersen",  "Madsen",   "Kristensen",  "Olsen",
    "Thomsen",  "Christiansen", "Poulsen",     "Johansen",  "Møller",   "Mortensen",   "Østergaard",
    "Kjær",     "Bech",         "Dalgaard",    "Lauridsen", "Frandsen", "Skov",        "Brøndum",
    "Holm",     "Juhl",         "Vestergaard", "Nørgaard",  "Bak",      "Lund"};
static const char *const last_fi[] = {
    "Korhonen",  "Virtanen", "Mäkinen",  "Nieminen",    "Mäkelä",   "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen",    "Lehtinen", "Saarinen",   "Salminen",
    "Heinonen",  "Niemi",    "Heikkilä", "Kinnunen",    "Salonen",  "Turunen",    "Salo",
    "Laitinen",  "Tuominen", "Rantanen", "Karjalainen", "Jokinen",  "Mattila",    "Savolainen",
    "Lahtinen",  "Ahonen",   "Räsänen",  "Väisänen",    "Pöyhönen", "Kärkkäinen"};
static const char *const last_en[] = {
    "Smith",  "Johnson", "Williams", "Brown",  "Jones",    "Miller", "Davis",   "Wilson",
    "Taylor", "Clarke",  "Walker",   "Wright", "Patel",    "Singh",  "Schmidt", "Müller",
    "Garcia", "Martin",  "Dubois",   "Rossi",  "Kowalski", "Novak",  "Murphy",  "O'Brien"};

static const char *const seniority[] = {"Senior", "Lead",  "Junior",    "Principal", "Head of",
                                        "Chief",  "Staff", "Associate", "Assistant", "Deputy"};
static const char *const domain[] = {"Software",
                                     "Data",
                                     "Project",
                                     "Product",
                                     "Sales",
                                     "Marketing",
                                     "Financial",
                                     "Business",
                                     "Technical",
                                     "Quality",
                                     "Supply Chain",
                                     "HR",
                                     "Operations",
                                     "Customer Success",
                                     "Security",
                                     "Cloud",
                                     "Mechanical",
                                     "Electrical",
                                     "Research",
                                     "Communications",
                                     "Design",
                                     "Legal",
                                     "Procurement",
                                     "Logistics",
                                     "Health",
                                     "Energy",
                                     "Risk",
                                     "IT",
                                     "Network",
                                     "Frontend",
                                     "Backend",
                                     "Embedded",
                                     "Machine Learning",
                                     "Brand",
                                     "Account",
                                     "Content",
                                     "Talent",
                                     "Process",
                                     "Production",
                                     "Service"};
static const char *const role[] = {
    "Engineer",   "Manager",   "Consultant",    "Developer",  "Analyst",    "Specialist",
    "Designer",   "Architect", "Coordinator",   "Director",   "Advisor",    "Owner",
    "Scientist",  "Officer",   "Administrator", "Lead",       "Technician", "Controller",
    "Strategist", "Recruiter", "Partner",       "Researcher", "Planner",    "Buyer"};
/* local titles per language (sv, no, da, fi) */
static const char *const local_title[4][12] = {
    {"Utvecklare", "Konsult", "Projektledare", "Ingenjör", "Säljare", "Ekonom", "Civilingenjör",
     "Systemutvecklare", "Verksamhetsutvecklare", "Inköpare", "Controller", "Enhetschef"},
    {"Utvikler", "Konsulent", "Prosjektleder", "Ingeniør", "Selger", "Økonom", "Rådgiver",
     "Systemutvikler", "Daglig leder", "Innkjøper", "Seniorrådgiver", "Avdelingsleder"},
    {"Udvikler", "Konsulent", "Projektleder", "Ingeniør", "Sælger", "Økonom", "Rådgiver",
     "Systemudvikler", "Direktør", "Indkøber", "Specialist", "Afdelingsleder"},
    {"Ohjelmistokehittäjä", "Konsultti", "Projektipäällikkö", "Insinööri", "Myyjä", "Ekonomi",
     "Diplomi-insinööri", "Asiantuntija", "Toimitusjohtaja", "Ostaja", "Kehityspäällikkö",
     "Tuotepäällikkö"}};
static const char *const skills[] = {"Project management",
                                     "Leadership",
                                     "Python",
                                     "Java",
                                     "SQL",
                                     "Excel",
                                     "Agile",
                                     "Scrum",
                                     "Lean",
                                     "Sales",
                                     "Marketing",
                                     "C++",
                                     "JavaScript",
                                     "TypeScript",
                                     "React",
                                     "AWS",
                                     "Azure",
                                     "Kubernetes",
                                     "Docker",
                                     "Linux",
                                     "Communication",
                                     "Negotiation",
                                     "Strategy",
                                     "Business development",
                                     "Customer service",
                                     "Accounting",
                                     "Budgeting",
                                     "Six Sigma",
                                     "AutoCAD",
                                     "SAP",
                                     "Salesforce",
                                     "Power BI",
                                     "Tableau",
                                     "Machine learning",
                                     "Statistics",
                                     "Rust",
                                     "Go",
                                     "C",
                                     "Kotlin",
                                     "Swift",
                                     "Figma",
                                     "UX design",
                                     "Copywriting",
                                     "SEO",
                                     "Recruiting",
                                     "Coaching",
                                     "Public speaking",
                                     "Change management",
                                     "ITIL",
                                     "Prince2",
                                     "Supply chain",
                                     "Procurement",
                                     "Logistics",
                                     "Quality assurance",
                                     "ISO 9001",
                                     "GDPR",
                                     "Contract law",
                                     "Risk management",
                                     "Data analysis",
                                     "Cloud computing",
                                     "Networking",
                                     "Cybersecurity",
                                     "Embedded systems",
                                     "PLC",
                                     "Simulink",
                                     "Matlab",
                                     "Spark",
                                     "Hadoop",
                                     "Terraform",
                                     "Ansible",
                                     "Git",
                                     "CI/CD",
                                     "Microservices",
                                     "GraphQL",
                                     "PostgreSQL",
                                     "MongoDB",
                                     "Redis",
                                     "Kafka",
                                     "Elasticsearch",
                                     "Pandas",
                                     "TensorFlow",
                                     "PyTorch",
                                     "Computer vision",
                                     "NLP",
                                     "Product management",
                                     "Roadmapping",
                                     "Stakeholder management",
                                     "Facilitation",
                                     "Kanban",
                                     "SAFe",
                                     "Jira",
                                     "Confluence",
                                     "Svenska",
                                     "Norsk",
                                     "Dansk",
                                     "Suomi",
                                     "Ledarskap",
                                     "Projektledning",
                                     "Försäljning",
                                     "Prosjektledelse",
                                     "Johtaminen"};
static const char *const industries[] = {"Information Technology",
                                         "Software Development",
                                         "Financial Services",
                                         "Banking",
                                         "Management Consulting",
                                         "Telecommunications",
                                         "Automotive",
                                         "Retail",
                                         "Healthcare",
                                         "Pharmaceuticals",
                                         "Energy",
                                         "Construction",
                                         "Manufacturing",
                                         "Logistics",
                                         "Education",
                                         "Government Administration",
                                         "Media",
                                         "Insurance",
                                         "Real Estate",
                                         "Hospitality",
                                         "Food Production",
                                         "Mining",
                                         "Shipping",
                                         "Forestry",
                                         "Gaming",
                                         "Biotechnology",
                                         "Marketing Services",
                                         "Legal Services",
                                         "Non-profit",
                                         "Research",
                                         "Aviation",
                                         "Defense",
                                         "Utilities",
                                         "Staffing and Recruiting",
                                         "Fashion",
                                         "Architecture"};
static const char *const cities[] = {
    "Stockholm",   "Göteborg",     "Malmö",      "Oslo",     "København", "Helsinki",    "Bergen",
    "Uppsala",     "Aarhus",       "Espoo",      "Tampere",  "Trondheim", "Västerås",    "Örebro",
    "Linköping",   "Odense",       "Stavanger",  "Vantaa",   "Oulu",      "Turku",       "Aalborg",
    "Helsingborg", "Jönköping",    "Norrköping", "Lund",     "Umeå",      "Gävle",       "Tromsø",
    "Drammen",     "Kristiansand", "Jyväskylä",  "Lahti",    "Kuopio",    "Esbjerg",     "Randers",
    "Kolding",     "Luleå",        "Sundsvall",  "Karlstad", "Växjö",     "Fredrikstad", "Sandnes",
    "Ålesund",     "Bodø",         "Pori",       "Joensuu",  "Vaasa",     "Roskilde"};
static const char *const schools[] = {"KTH Royal Institute of Technology",
                                      "Chalmers University of Technology",
                                      "Lund University",
                                      "Uppsala University",
                                      "Linköping University",
                                      "Stockholm School of Economics",
                                      "Luleå University of Technology",
                                      "Umeå University",
                                      "NTNU",
                                      "University of Oslo",
                                      "University of Bergen",
                                      "BI Norwegian Business School",
                                      "Aalto University",
                                      "University of Helsinki",
                                      "Tampere University",
                                      "University of Turku",
                                      "Technical University of Denmark",
                                      "University of Copenhagen",
                                      "Aarhus University",
                                      "Copenhagen Business School",
                                      "Aalborg University",
                                      "University of Southern Denmark",
                                      "Karolinska Institutet",
                                      "Örebro University",
                                      "Åbo Akademi",
                                      "Hanken School of Economics"};
static const char *const langs_extra[] = {"en", "de", "fr", "es", "sv", "no", "da", "fi", "pl"};
static const char *const common_words[] = {"and",
                                           "the",
                                           "with",
                                           "of",
                                           "in",
                                           "to",
                                           "a",
                                           "for",
                                           "experience",
                                           "team",
                                           "work",
                                           "years",
                                           "I",
                                           "am",
                                           "my",
                                           "passionate",
                                           "about",
                                           "projects",
                                           "customers",
                                           "development",
                                           "business",
                                           "solutions",
                                           "working",
                                           "have",
                                           "on",
                                           "as",
                                           "an",
                                           "at",
                                           "results",
                                           "strong",
                                           "background",
                                           "international",
                                           "people",
                                           "building",
                                           "teams",
                                           "digital",
                                           "growth",
                                           "leading",
                                           "helping",
                                           "companies",
                                           "focus",
                                           "quality",
                                           "complex",
                                           "systems",
                                           "new",
                                           "technology",
                                           "innovation",
                                           "och",
                                           "med",
                                           "jag",
                                           "har",
                                           "inom",
                                           "erfarenhet",
                                           "arbetar",
                                           "og",
                                           "med",
                                           "jeg",
                                           "erfaring",
                                           "innen",
                                           "ja",
                                           "olen",
                                           "kokemusta",
                                           "työskentelen",
                                           "sustainable",
                                           "product",
                                           "delivery",
                                           "agile",
                                           "data",
                                           "change",
                                           "transformation",
                                           "learning",
                                           "mentor",
                                           "cross-functional",
                                           "stakeholders",
                                           "global",
                                           "nordic",
                                           "markets",
                                           "curious",
                                           "driven",
                                           "love",
                                           "outdoors",
                                           "family",
                                           "coffee",
                                           "running",
                                           "music"};
static const char *const syll[] = {"ka", "lo", "mi", "ren", "sto", "vi",  "na", "tor", "el",
                                   "ja", "ri", "ku", "sen", "da",  "ber", "an", "is",  "ol"};
static const char *const taglines[] = {"Helping teams ship",
                                       "Building the future of",
                                       "Passionate about",
                                       "Open to new opportunities",
                                       "Making",
                                       "Driving growth in",
                                       "Hiring"};

#define NCOMPANIES  20000
#define NTAILCITIES 2000
#define NVOCAB      20000

static struct gen_zipf z_dom, z_role, z_sen, z_skill, z_ind, z_city, z_co, z_school, z_vocab,
    z_local;

/* ---- profiles ----------------------------------------------------------- */

/* One generated profile with the storage its strings point into. */
struct gdoc {
	struct search_doc d;
	struct search_position pos[4];
	const char *edu[2], *sk[12], *lang[3];
	struct buf text; /* every generated string, NUL-separated */
	size_t off[64];
	size_t noff;
};

static void vocab_word(uint32_t i, struct buf *b)
{
	if (i < NELEM(common_words)) {
		buf_adds(b, common_words[i]);
		return;
	}
	uint32_t h = i * 2654435761u;
	for (int k = 0; k < 2 + (int)(h % 3); k++) {
		buf_adds(b, syll[h % NELEM(syll)]);
		h = h / NELEM(syll) * 7 + 11 + (uint32_t)k;
	}
}

/* Starts a string in g->text; returns its index (strings are fixed up at
 * the end, when the buffer no longer moves). */
static size_t str_begin(struct gdoc *g)
{
	g->off[g->noff] = g->text.n;
	return g->noff++;
}

static void str_end(struct gdoc *g)
{
	buf_addc(&g->text, '\0');
}

static const char *title_of(struct gdoc *g, struct gen_rng *r, int origin, bool *local)
{
	(void)g;
	*local = false;
	if (origin < 4 && gen_rng_below(r, 3) == 0) {
		*local = true;
		return local_title[origin][gen_zipf_draw(&z_local, r)];
	}
	return NULL;
}

static void add_title(struct gdoc *g, struct gen_rng *r, int origin)
{
	bool local;
	const char *t = title_of(g, r, origin, &local);
	if (local) {
		buf_adds(&g->text, t);
		return;
	}
	if (gen_rng_below(r, 3) == 0) {
		buf_adds(&g->text, seniority[gen_zipf_draw(&z_sen, r)]);
		buf_addc(&g->text, ' ');
	}
	if (gen_rng_below(r, 4)) {
		buf_adds(&g->text, domain[gen_zipf_draw(&z_dom, r)]);
		buf_addc(&g->text, ' ');
	}
	buf_adds(&g->text, role[gen_zipf_draw(&z_role, r)]);
}

static void gen_doc(struct gdoc *g, uint64_t seed, uint32_t m)
{
	struct gen_rng r;
	gen_rng_seed(&r, seed * 1000003u + m);
	buf_reset(&g->text);
	g->noff = 0;
	memset(&g->d, 0, sizeof g->d);
	int origin = (int)gen_rng_below(&r, 10); /* 0 sv 1 no 2 da 3 fi, 4.. mostly sv */
	origin = origin < 4 ? origin : origin < 7 ? 0 : origin < 9 ? (int)gen_rng_below(&r, 4) : 4;
	static const struct {
		const char *const *f, *const *l;
		size_t nf, nl;
		const char *code;
	} pools[5] = {
	    {first_sv, last_sv, NELEM(first_sv), NELEM(last_sv), "sv"},
	    {first_no, last_no, NELEM(first_no), NELEM(last_no), "no"},
	    {first_da, last_da, NELEM(first_da), NELEM(last_da), "da"},
	    {first_fi, last_fi, NELEM(first_fi), NELEM(last_fi), "fi"},
	    {first_en, last_en, NELEM(first_en), NELEM(last_en), "en"},
	};
	/* name */
	size_t s_name = str_begin(g);
	buf_adds(&g->text, pools[origin].f[gen_rng_below(&r, (uint32_t)pools[origin].nf)]);
	buf_addc(&g->text, ' ');
	if (gen_rng_below(&r, 8) == 0) {
		buf_adds(&g->text, pools[origin].f[gen_rng_below(&r, (uint32_t)pools[origin].nf)]);
		buf_addc(&g->text, ' ');
	}
	buf_adds(&g->text, pools[origin].l[gen_rng_below(&r, (uint32_t)pools[origin].nl)]);
	str_end(g);
	/* positions */
	size_t npos = 1 + gen_rng_below(&r, 4), s_title[4], s_co[4];
	uint32_t co0 = 0;
	for (size_t i = 0; i < npos; i++) {
		s_title[i] = str_begin(g);
		add_title(g, &r, origin);
		str_end(g);
		s_co[i] = str_begin(g);
		uint32_t co = (uint32_t)gen_zipf_draw(&z_co, &r);
		if (!i)
			co0 = co;
		gen_company_name(co, &g->text);
		str_end(g);
		g->pos[i].current = i == 0 && gen_rng_below(&r, 5) != 0;
	}
	/* headline */
	char title0[128];
	snprintf(title0, sizeof title0, "%s", g->text.p + g->off[s_title[0]]);
	size_t s_head = str_begin(g);
	switch (gen_rng_below(&r, 4)) {
	case 0:
		buf_adds(&g->text, title0);
		buf_adds(&g->text, " at ");
		gen_company_name(co0, &g->text);
		break;
	case 1:
		buf_adds(&g->text, title0);
		buf_adds(&g->text, " | ");
		buf_adds(&g->text, skills[gen_zipf_draw(&z_skill, &r)]);
		buf_adds(&g->text, ", ");
		buf_adds(&g->text, skills[gen_zipf_draw(&z_skill, &r)]);
		break;
	case 2:
		buf_adds(&g->text, taglines[gen_rng_below(&r, NELEM(taglines))]);
		buf_addc(&g->text, ' ');
		buf_adds(&g->text, domain[gen_zipf_draw(&z_dom, &r)]);
		break;
	default:
		add_title(g, &r, origin);
		break;
	}
	str_end(g);
	/* location, industry */
	size_t s_loc = str_begin(g);
	size_t c = gen_zipf_draw(&z_city, &r);
	if (c < NELEM(cities))
		buf_adds(&g->text, cities[c]);
	else
		gen_city_name((uint32_t)c, &g->text);
	str_end(g);
	const char *industry = industries[gen_zipf_draw(&z_ind, &r)];
	/* education */
	size_t nedu = gen_rng_below(&r, 3);
	for (size_t i = 0; i < nedu; i++)
		g->edu[i] = schools[gen_zipf_draw(&z_school, &r)];
	/* skills */
	size_t nsk = 3 + gen_rng_below(&r, 10);
	for (size_t i = 0; i < nsk; i++)
		g->sk[i] = skills[gen_zipf_draw(&z_skill, &r)];
	/* languages */
	size_t nl = 1 + gen_rng_below(&r, 3);
	g->lang[0] = pools[origin].code;
	for (size_t i = 1; i < nl; i++)
		g->lang[i] = langs_extra[gen_rng_below(&r, NELEM(langs_extra))];
	/* summary */
	size_t s_sum = SIZE_MAX;
	if (gen_rng_below(&r, 3) == 0) {
		s_sum = str_begin(g);
		size_t nw = 20 + gen_rng_below(&r, 61);
		for (size_t i = 0; i < nw; i++) {
			if (i)
				buf_adds(&g->text, gen_rng_below(&r, 12) == 0 ? ". " : " ");
			vocab_word((uint32_t)gen_zipf_draw(&z_vocab, &r), &g->text);
		}
		buf_addc(&g->text, '.');
		str_end(g);
	}
	/* the strings are in place now */
	const char *t = g->text.p;
	g->d.name = t + g->off[s_name];
	g->d.headline = t + g->off[s_head];
	g->d.summary = s_sum == SIZE_MAX ? NULL : t + g->off[s_sum];
	g->d.location = t + g->off[s_loc];
	g->d.industry = industry;
	for (size_t i = 0; i < npos; i++) {
		g->pos[i].title = t + g->off[s_title[i]];
		g->pos[i].company = t + g->off[s_co[i]];
	}
	g->d.positions = g->pos;
	g->d.npositions = npos;
	g->d.education = g->edu;
	g->d.neducation = nedu;
	g->d.skills = g->sk;
	g->d.nskills = nsk;
	g->d.languages = g->lang;
	g->d.nlanguages = nl;
	g->d.strength = gen_rng_below(&r, 101);
}

/* ---- searchers ---------------------------------------------------------- */

struct searcher {
	uint32_t id, n;
	uint32_t first[150];
	uint64_t *second; /* bitmap */
	uint32_t *near;   /* first and second, sorted */
	size_t nnear, nearcap;
	unsigned langs;
	uint64_t salt;
};

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static void searcher_new(struct searcher *s, struct gen_rng *r, uint32_t n)
{
	s->id = gen_rng_below(r, n);
	s->n = n;
	for (int i = 0; i < 150; i++)
		s->first[i] = gen_rng_below(r, n);
	qsort(s->first, 150, sizeof *s->first, u32_cmp);
	memset(s->second, 0, ((size_t)n + 63) / 64 * 8);
	s->nnear = 0;
	for (int i = 0; i < 150; i++)
		s->near[s->nnear++] = s->first[i];
	for (int i = 0; i < 20000; i++) {
		uint32_t m = gen_rng_below(r, n);
		s->second[m / 64] |= 1ull << (m % 64);
		s->near[s->nnear++] = m;
	}
	qsort(s->near, s->nnear, sizeof *s->near, u32_cmp);
	size_t k = 0;
	for (size_t i = 0; i < s->nnear; i++)
		if (!k || s->near[k - 1] != s->near[i])
			s->near[k++] = s->near[i];
	s->nnear = k;
	static const unsigned lb[] = {1u << LANG_SV, 1u << LANG_NO, 1u << LANG_DA, 1u << LANG_FI,
	                              0};
	s->langs = lb[gen_rng_below(r, 5)];
	s->salt = gen_rng_next(r);
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

static uint64_t tier_calls;

static int tier_fn(uint32_t m, void *arg)
{
	const struct searcher *s = arg;
	tier_calls++;
	uint64_t h = mix(m ^ s->salt);
	if (h % 100 == 0 || m == s->id)
		return -1; /* private, blocked, or the searcher */
	uint32_t lo = 0, hi = 150;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (s->first[mid] < m)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < 150 && s->first[lo] == m)
		return 0;
	if (s->second[m / 64] >> (m % 64) & 1)
		return 1;
	return (h >> 8) % 10 < 4 ? 3 : 4;
}

#ifndef SEARCH_BENCH_V0
static uint64_t mask_calls;

/* A fifth of the members show only their card beyond their 3rd degree. */
static unsigned mask_fn(uint32_t m, void *arg)
{
	const struct searcher *s = arg;
	mask_calls++;
	if (mix(m * 0x9e3779b97f4a7c15ull) % 5)
		return SEARCH_SEE_ALL;
	uint64_t h = mix(m ^ s->salt);
	if ((h >> 8) % 10 < 4 || s->second[m / 64] >> (m % 64) & 1)
		return SEARCH_SEE_ALL; /* 3rd or 2nd degree (1st degree: close enough) */
	return SEARCH_SEE_CARD;
}
#endif

/* ---- measuring ---------------------------------------------------------- */

struct sample {
	uint64_t *ns, *cpu;
	size_t n;
};

static uint64_t cpu_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

static void row(const char *name, struct sample *s, const char *note)
{
	if (!s->n)
		return;
	qsort(s->ns, s->n, sizeof *s->ns, cmp_u64);
	qsort(s->cpu, s->n, sizeof *s->cpu, cmp_u64);
	size_t i50 = s->n / 2, i99 = (s->n * 99) / 100;
	double sum = 0;
	for (size_t i = 0; i < s->n; i++)
		sum += s->ns[i];
	printf("%-22s %5zu %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f  %s\n", name, s->n, sum / s->n / 1e6,
	       s->ns[i50] / 1e6, s->ns[i99] / 1e6, s->ns[s->n - 1] / 1e6, s->cpu[i50] / 1e6,
	       s->cpu[i99] / 1e6, note);
}

/* ---- query words -------------------------------------------------------- */

struct qword {
	char w[64];
	uint32_t df;
};

static struct search_index idx;
static struct text_ctx qctx;
static struct search_result res, exact;

static uint32_t df_of(const char *w)
{
	struct search_query q = {.q = w, .qlen = strlen(w), .limit = 1};
	struct fail f;
	if (search_query(&idx, &qctx, &q, &res, &f))
		return 0;
	return res.total;
}

int main(int argc, char **argv)
{
	uint64_t members = 1000000, seed = 1, nq = 400, rows = 4095, count_max = 0;
	bool use_near = true;
	for (int i = 1; i < argc; i++) {
		uint64_t *to = NULL;
		if (strcmp(argv[i], "--no-near") == 0) {
			use_near = false;
			continue;
		}
		if (strcmp(argv[i], "--members") == 0)
			to = &members;
		else if (strcmp(argv[i], "--seed") == 0)
			to = &seed;
		else if (strcmp(argv[i], "--queries") == 0)
			to = &nq;
		else if (strcmp(argv[i], "--rows") == 0)
			to = &rows;
		else if (strcmp(argv[i], "--count-max") == 0)
			to = &count_max;
		if (!to || i + 1 >= argc || !parse_u64(argv[i + 1], to) ||
		    (to == &members && (members < 1000 || members > 50000000))) {
			fprintf(stderr,
			        "usage: search_bench [--members N] [--seed S] [--queries Q] "
			        "[--no-near] [--rows BITS] [--count-max C]\n");
			return 2;
		}
		i++;
	}
	if (nq < 10)
		nq = 10;
	uint32_t n = (uint32_t)members;
	gen_zipf_init(&z_dom, NELEM(domain), 1.0);
	gen_zipf_init(&z_role, NELEM(role), 0.9);
	gen_zipf_init(&z_sen, NELEM(seniority), 1.0);
	gen_zipf_init(&z_skill, NELEM(skills), 1.0);
	gen_zipf_init(&z_ind, NELEM(industries), 1.0);
	gen_zipf_init(&z_city, NELEM(cities) + NTAILCITIES, 1.1);
	gen_zipf_init(&z_co, NCOMPANIES, 1.0);
	gen_zipf_init(&z_school, NELEM(schools), 0.8);
	gen_zipf_init(&z_vocab, NVOCAB, 1.0);
	gen_zipf_init(&z_local, 12, 1.0);

#ifdef SEARCH_BENCH_V0
	use_near = false;
#endif
	printf("search benchmark: %u members, seed %llu, %llu queries a row, %s\n\n", n,
	       (unsigned long long)seed, (unsigned long long)nq,
	       use_near ? "near = 1st + 2nd degree" : "no near list");
	struct text_ctx bctx;
	text_ctx_init(&bctx);
	text_ctx_cache(&bctx, 65536);
	text_ctx_init(&qctx);
	search_result_init(&res);
	search_result_init(&exact);
	struct gdoc g;
	memset(&g, 0, sizeof g);
	buf_init(&g.text, 0);

	/* generating costs about as much as indexing: time it apart */
	uint64_t t0 = clock_mono_ns(), gen_ns = 0;
	for (uint32_t m = 0; m < n && m < 100000; m++)
		gen_doc(&g, seed, m);
	gen_ns = (clock_mono_ns() - t0) * (n / (n < 100000 ? n : 100000));

	long long rss0 = rss_now();
	search_init(&idx);
	struct fail f;
	uint64_t bytes_text = 0;
	t0 = clock_mono_ns();
	for (uint32_t m = 0; m < n; m++) {
		gen_doc(&g, seed, m);
		bytes_text += g.text.n;
		if (search_put(&idx, &bctx, m, &g.d, &f)) {
			fprintf(stderr, "search_bench: put %u: %s\n", m, f.detail ? f.detail : "");
			return 1;
		}
	}
	search_compact(&idx);
	double t_build = secs(t0) - (double)gen_ns / 1e9;
	text_ctx_release(&bctx); /* its word cache is no part of the index */
	long long rss1 = rss_now();
	struct search_stats st;
	search_stats_get(&idx, &st);
	printf("build          %8.2f s   %.1f us a document (generating them apart), "
	       "%.1f MB of text\n",
	       t_build, t_build * 1e6 / n, bytes_text / 1048576.0);
	printf("index          %8.1f MB accounted: postings %.1f, documents %.1f, dicts %.1f "
	       "(%zu terms, %zu postings)\n",
	       st.bytes_total / 1048576.0, st.bytes_postings / 1048576.0, st.bytes_docs / 1048576.0,
	       st.bytes_dicts / 1048576.0, st.terms, st.postings);
	printf("RSS growth     %8.1f MB  (%.1f MB before loading, %.1f MB after loading, "
	       "compacting and releasing the building text_ctx)\n\n",
	       (rss1 - rss0) / 1048576.0, rss0 / 1048576.0, rss1 / 1048576.0);

	/* pick query words by document frequency */
	struct qword cand[512];
	size_t ncand = 0;
	struct buf wb;
	buf_init(&wb, 0);
	for (size_t i = 0; i < NELEM(role) + NELEM(domain) + NELEM(seniority) + 60; i++) {
		buf_reset(&wb);
		if (i < NELEM(role))
			buf_adds(&wb, role[i]);
		else if (i < NELEM(role) + NELEM(domain))
			buf_adds(&wb, domain[i - NELEM(role)]);
		else if (i < NELEM(role) + NELEM(domain) + NELEM(seniority))
			buf_adds(&wb, seniority[i - NELEM(role) - NELEM(domain)]);
		else
			vocab_word((uint32_t)(i - NELEM(role) - NELEM(domain) - NELEM(seniority)) *
			               97 % NVOCAB,
			           &wb);
		if (strchr(wb.p, ' ') || wb.n >= sizeof cand[0].w)
			continue;
		memcpy(cand[ncand].w, wb.p, wb.n + 1);
		cand[ncand].df = df_of(wb.p);
		ncand++;
	}
	for (size_t i = 0; i < NELEM(skills) && ncand < NELEM(cand); i++) {
		if (strchr(skills[i], ' ') || strlen(skills[i]) >= sizeof cand[0].w)
			continue;
		memcpy(cand[ncand].w, skills[i], strlen(skills[i]) + 1);
		cand[ncand].df = df_of(skills[i]);
		ncand++;
	}
	const char *classes[3] = {"common (20-70%)", "medium (1-5%)", "rare (< 0.1%)"};
	struct qword *pick[3][64];
	size_t npick[3] = {0};
	for (size_t i = 0; i < ncand; i++) {
		double p = (double)cand[i].df / n;
		int c = p >= 0.2 && p <= 0.7          ? 0
		        : p >= 0.01 && p <= 0.05      ? 1
		        : p < 0.001 && cand[i].df > 0 ? 2
		                                      : -1;
		if (c >= 0 && npick[c] < 64)
			pick[c][npick[c]++] = &cand[i];
	}
	for (int c = 0; c < 3; c++) {
		printf("%-16s", classes[c]);
		for (size_t i = 0; i < npick[c] && i < 8; i++)
			printf(" %s (%.1f%%)", pick[c][i]->w, 100.0 * pick[c][i]->df / n);
		printf("%s\n", npick[c] > 8 ? " ..." : "");
	}
	printf("\n");

	struct searcher sr;
	sr.second = xmalloc(((size_t)n + 63) / 64 * 8);
	sr.near = xmalloc(20150 * sizeof *sr.near);
	struct gen_rng r;
	gen_rng_seed(&r, seed ^ 0x5eedbe7c4u);
	struct sample sm = {xmalloc(nq * sizeof *sm.ns), xmalloc(nq * sizeof *sm.cpu), 0};
	char qs[256];
	printf("%-22s %5s %8s %8s %8s %8s %8s %8s\n", "query (ms)", "n", "mean", "p50", "p99",
	       "max", "p50 cpu", "p99 cpu");
	for (int kind = 0; kind < 4; kind++) {
		sm.n = 0;
		uint64_t hits = 0, calls0 = tier_calls, est = 0;
		unsigned nchecked = 0, mismatch = 0;
		double errmax = 0;
		if ((kind < 3 && !npick[kind]) || !(rows >> kind & 1))
			continue;
		for (uint64_t i = 0; i < nq + 5; i++) {
			if (i == 5) { /* the first five warm up */
				sm.n = 0;
				hits = 0;
				est = 0;
				calls0 = tier_calls;
			}
			searcher_new(&sr, &r, n);
			if (kind < 3) {
				snprintf(qs, sizeof qs, "%s",
				         pick[kind][gen_rng_below(&r, (uint32_t)npick[kind])]->w);
			} else {
				/* a common or medium word with a medium or common one */
				int a = npick[0] && gen_rng_below(&r, 2) ? 0 : 1;
				int b = npick[1] && gen_rng_below(&r, 2) ? 1 : 0;
				if (!npick[a] || !npick[b])
					break;
				snprintf(qs, sizeof qs, "%s %s",
				         pick[a][gen_rng_below(&r, (uint32_t)npick[a])]->w,
				         pick[b][gen_rng_below(&r, (uint32_t)npick[b])]->w);
			}
			struct search_query q = {.q = qs,
			                         .qlen = strlen(qs),
			                         .langs = sr.langs,
			                         .tier = tier_fn,
			                         .tier_arg = &sr,
			                         .limit = 20,
			                         .nfacets = 10};
#ifndef SEARCH_BENCH_V0
			q.fields = mask_fn;
			q.fields_arg = &sr;
			if (use_near) {
				q.near = sr.near;
				q.nnear = sr.nnear;
				q.count_max = (uint32_t)count_max;
			}
#endif
			uint64_t q0 = clock_mono_ns(), c0 = cpu_ns();
			if (search_query(&idx, &qctx, &q, &res, &f)) {
				fprintf(stderr, "search_bench: query '%s': %s\n", qs, f.detail);
				return 1;
			}
			sm.cpu[sm.n] = cpu_ns() - c0;
			sm.ns[sm.n++] = clock_mono_ns() - q0;
			hits += res.total;
#ifndef SEARCH_BENCH_V0
			est += res.total_estimated;
			if (res.total_estimated && i % 4 == 0) {
				/* the same query walking everything: same page? how far
				 * off is the estimate? */
				uint64_t calls = tier_calls;
				q.near = NULL;
				q.nnear = 0;
				if (search_query(&idx, &qctx, &q, &exact, &f))
					return 1;
				tier_calls = calls;
				bool same = exact.nhits == res.nhits;
				for (size_t h = 0; same && h < res.nhits; h++)
					same = exact.hits[h].member == res.hits[h].member &&
					       exact.hits[h].score == res.hits[h].score;
				mismatch += !same;
				double e = fabs((double)res.total - exact.total) / exact.total;
				errmax = e > errmax ? e : errmax;
				nchecked++;
			}
#endif
		}
		char note[160];
		int k = snprintf(note, sizeof note, "%.0f matches%s, %.0f tier() calls",
		                 (double)hits / sm.n, est ? " (some estimated)" : "",
		                 (double)(tier_calls - calls0) / sm.n);
		if (nchecked)
			snprintf(note + k, sizeof note - (size_t)k,
			         "; %u checked: %u pages differ, total off by %.1f%% at most",
			         nchecked, mismatch, 100 * errmax);
		row(kind == 3 ? "two words" : classes[kind], &sm, note);
	}

	/* typeahead: prefixes of names that exist */
	for (int kind = 0; kind < 7; kind++) {
		if (!(rows >> (kind + 4) & 1))
			continue;
		sm.n = 0;
		uint64_t more = 0;
		for (uint64_t i = 0; i < nq; i++) {
			searcher_new(&sr, &r, n);
			gen_doc(&g, seed, gen_rng_below(&r, n));
			const char *name = g.d.name;
			const char *sp = strchr(name, ' ');
			size_t len = 0;
			if (kind < 4) {
				/* 1..4 letters of the first name (code points) */
				size_t cps = 0;
				while (name[len] && name + len != sp && cps < (size_t)kind + 1) {
					len++;
					while ((name[len] & 0xc0) == 0x80)
						len++;
					cps++;
				}
			} else if (kind == 6) {
				len = (size_t)(sp - name) + 1;
			} else {
				/* the first name, a space and 1 letter of the next
				 * (kind 4) or 2-3 (kind 5) */
				len = (size_t)(sp - name) + 1;
				size_t k = kind == 4 ? 1 : 2 + gen_rng_below(&r, 2);
				for (size_t c = 0; c < k && name[len]; c++) {
					len++;
					while ((name[len] & 0xc0) == 0x80)
						len++;
				}
			}
			memcpy(qs, name, len);
			qs[len] = '\0';
			struct search_ta_query q = {
			    .q = qs, .qlen = len, .tier = tier_fn, .tier_arg = &sr, .limit = 8};
			uint64_t q0 = clock_mono_ns(), c0 = cpu_ns();
			if (search_typeahead(&idx, &qctx, &q, &res, &f)) {
				fprintf(stderr, "search_bench: typeahead '%s': %s\n", qs, f.detail);
				return 1;
			}
			sm.cpu[sm.n] = cpu_ns() - c0;
			sm.ns[sm.n++] = clock_mono_ns() - q0;
			more += res.more;
		}
		static const char *const tn[] = {"typeahead 1 letter",  "typeahead 2 letters",
		                                 "typeahead 3 letters", "typeahead 4 letters",
		                                 "typeahead 'first l'", "typeahead 'first la'",
		                                 "typeahead 'first '"};
		char note[64];
		snprintf(note, sizeof note, "%.0f%% scans cut", 100.0 * more / sm.n);
		row(tn[kind], &sm, note);
	}

	/* updates last: a profile edited (another generated profile in its
	 * place), then members leaving */
	if (rows >> 11 & 1) {
		for (int kind = 0; kind < 2; kind++) {
			sm.n = 0;
			for (uint64_t i = 0; i < nq; i++) {
				uint32_t m = gen_rng_below(&r, n);
				if (!kind)
					gen_doc(&g, seed + 1 + i, m);
				uint64_t q0 = clock_mono_ns(), c0 = cpu_ns();
				if (kind)
					search_remove(&idx, &qctx, m);
				else if (search_put(&idx, &qctx, m, &g.d, &f))
					return 1;
				sm.cpu[sm.n] = cpu_ns() - c0;
				sm.ns[sm.n++] = clock_mono_ns() - q0;
			}
			row(kind ? "remove" : "put (replace)", &sm, "");
		}
	}
	free(sm.ns);
	free(sm.cpu);
	free(sr.second);
	free(sr.near);
	buf_release(&wb);
	buf_release(&g.text);
	search_result_release(&res);
	search_result_release(&exact);
	search_release(&idx);
	text_ctx_release(&qctx);
	return 0;
}
