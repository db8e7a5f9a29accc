/* cmd_import — `ties import edges FILE`: members and connections from a real
 * edge list.  SNAP files ("a b" per line, '#' comments, gzip or plain) and the
 * GitHub MUSAE pair (edges CSV + target CSV with user names).  Everything is
 * parsed and checked before the store is touched, then written in one
 * transaction: a malformed line stops the import with its line number and
 * leaves the store unchanged.  Directed links (Slashdot) become connections:
 * a connection is mutual, so a->b and b->a are one connection. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "base/clock.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "social/bulk.h"
#include "social/profile.h"
#include "store/store.h"

static const char usage[] =
    "usage: ties import edges FILE [--format snap|musae] [--names FILE] [--prefix P] [--db PATH]\n"
    "\n"
    "Creates a member for every id in the edge list and connects the pairs.\n"
    "  snap   one \"a b\" pair a line (tab or space), '#' comments; gzip or plain.\n"
    "         Handles are <prefix>-<id>: prefix fb for facebook_*, slashdot for\n"
    "         soc-Slashdot*, else snap (or --prefix).\n"
    "  musae  id_1,id_2 CSV with a header; names from the matching *_target.csv\n"
    "         (id,name,ml_target) or --names.  Handles are the GitHub user names,\n"
    "         lower-cased, '_' and '.' as '-', gh- in front when they do not start\n"
    "         with a letter, -2, -3 for names that collide.\n"
    "The format defaults to musae for .csv files, else snap.  All or nothing.\n";

struct edges {
	uint64_t (*pair)[2];
	size_t n, cap;
	uint64_t self_loops;
};

static int fail_line(const char *file, unsigned long line, const char *what)
{
	fprintf(stderr, "ties import: %s:%lu: %s; nothing was imported\n", file, line, what);
	return 1;
}

/* Parses an unsigned decimal at *p, advancing it. */
static bool parse_u64(const char **p, uint64_t *out)
{
	const char *s = *p;
	if (!isdigit((unsigned char)*s))
		return false;
	uint64_t v = 0;
	while (isdigit((unsigned char)*s)) {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s++ - '0');
	}
	*p = s;
	*out = v;
	return true;
}

static int read_edges(const char *file, bool csv, struct edges *ed, FILE *progress)
{
	gzFile gz = gzopen(file, "rb");
	if (!gz) {
		fprintf(stderr, "ties import: cannot open %s\n", file);
		return 1;
	}
	char line[4096];
	unsigned long no = 0;
	int rc = 0;
	uint64_t t0 = clock_mono_ns();
	while (gzgets(gz, line, sizeof line)) {
		no++;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			rc = fail_line(file, no, "line too long");
			break;
		}
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0')
			continue;
		if (csv && no == 1 && !isdigit((unsigned char)*p))
			continue; /* header */
		uint64_t a, b;
		if (!parse_u64(&p, &a)) {
			rc = fail_line(file, no, "expected a member id");
			break;
		}
		if (csv ? *p != ',' : (*p != ' ' && *p != '\t')) {
			rc = fail_line(file, no,
			               csv ? "expected ',' between the ids" : "expected two ids");
			break;
		}
		while (*p == ' ' || *p == '\t' || (csv && *p == ','))
			p++;
		if (!parse_u64(&p, &b)) {
			rc = fail_line(file, no, "expected a second member id");
			break;
		}
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p != '\n' && *p != '\0') {
			rc = fail_line(file, no, "unexpected text after the two ids");
			break;
		}
		if (a == b) {
			ed->self_loops++;
			continue;
		}
		ed->pair = xgrow(ed->pair, &ed->cap, ed->n + 1, sizeof *ed->pair);
		ed->pair[ed->n][0] = a < b ? a : b;
		ed->pair[ed->n][1] = a < b ? b : a;
		ed->n++;
		if (progress && (ed->n & 0xffff) == 0) {
			fprintf(progress, "\r\033[Kreading %s: %zu edges (%.0f/s)", file, ed->n,
			        (double)ed->n / ((double)(clock_mono_ns() - t0) / 1e9));
			fflush(progress);
		}
	}
	if (!rc && !gzeof(gz)) {
		int zerr;
		rc = fail_line(file, no, gzerror(gz, &zerr));
	}
	gzclose(gz);
	return rc;
}

static int cmp_pair(const void *x, const void *y)
{
	const uint64_t *a = x, *b = y;
	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] != b[1] ? (a[1] < b[1] ? -1 : 1) : 0;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* Index of id in the sorted array ids (it is there). */
static size_t find_id(const uint64_t *ids, size_t n, uint64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* MUSAE names: id -> name, from "id,name,ml_target" lines. */
static int read_names(const char *file, const uint64_t *ids, size_t n, char **names)
{
	FILE *fp = fopen(file, "r");
	if (!fp) {
		fprintf(stderr, "ties import: cannot open the names file %s (use --names)\n", file);
		return 1;
	}
	char line[1024];
	unsigned long no = 0;
	int rc = 0;
	while (fgets(line, sizeof line, fp)) {
		no++;
		if (no == 1 && !isdigit((unsigned char)line[0]))
			continue;
		const char *p = line;
		uint64_t id;
		if (!parse_u64(&p, &id) || *p != ',') {
			rc = fail_line(file, no, "expected id,name,ml_target");
			break;
		}
		const char *name = p + 1;
		const char *comma = strchr(name, ',');
		if (!comma || comma == name) {
			rc = fail_line(file, no, "expected id,name,ml_target");
			break;
		}
		size_t k = find_id(ids, n, id);
		if (k < n && ids[k] == id && !names[k])
			names[k] = xstrndup(name, (size_t)(comma - name));
	}
	fclose(fp);
	for (size_t i = 0; !rc && i < n; i++)
		if (!names[i]) {
			fprintf(stderr,
			        "ties import: %s has no name for id %llu; nothing was imported\n",
			        file, (unsigned long long)ids[i]);
			rc = 1;
		}
	return rc;
}

/* A GitHub user name as a ties handle (see usage). */
static void github_handle(const char *name, char *out, size_t cap)
{
	char tmp[HANDLE_MAX + 1];
	size_t n = 0;
	for (const char *p = name; *p && n < HANDLE_MAX - 3; p++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*p);
		if (isalnum(c) && c < 0x80)
			tmp[n++] = (char)c;
		else if (n > 0 && tmp[n - 1] != '-')
			tmp[n++] = '-';
	}
	while (n > 0 && tmp[n - 1] == '-')
		n--;
	tmp[n] = '\0';
	if (!islower((unsigned char)tmp[0]) || n < HANDLE_MIN)
		snprintf(out, cap, "gh-%.*s", HANDLE_MAX - 3, n ? tmp : "user");
	else
		snprintf(out, cap, "%.*s", HANDLE_MAX, tmp);
	size_t m = strlen(out);
	while (m > 0 && out[m - 1] == '-')
		out[--m] = '\0';
}

struct handle_set {
	char **v;
	size_t n, cap;
};

static bool handle_seen(struct handle_set *hs, const char *h)
{
	/* linear probing over a power-of-two table */
	if ((hs->n + 1) * 2 > hs->cap) {
		size_t cap = hs->cap ? hs->cap * 2 : 1024;
		char **v = xcalloc(cap, sizeof *v);
		for (size_t i = 0; i < hs->cap; i++) {
			if (!hs->v[i])
				continue;
			uint32_t h2 = 2166136261u;
			for (const char *p = hs->v[i]; *p; p++)
				h2 = (h2 ^ (unsigned char)*p) * 16777619u;
			size_t k = h2 & (cap - 1);
			while (v[k])
				k = (k + 1) & (cap - 1);
			v[k] = hs->v[i];
		}
		free(hs->v);
		hs->v = v;
		hs->cap = cap;
	}
	uint32_t hh = 2166136261u;
	for (const char *p = h; *p; p++)
		hh = (hh ^ (unsigned char)*p) * 16777619u;
	size_t k = hh & (hs->cap - 1);
	while (hs->v[k]) {
		if (strcmp(hs->v[k], h) == 0)
			return true;
		k = (k + 1) & (hs->cap - 1);
	}
	hs->v[k] = xstrdup(h);
	hs->n++;
	return false;
}

static void handle_set_release(struct handle_set *hs)
{
	for (size_t i = 0; i < hs->cap; i++)
		free(hs->v[i]);
	free(hs->v);
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},    {"format", required_argument, NULL, 'f'},
	    {"names", required_argument, NULL, 'n'}, {"prefix", required_argument, NULL, 'p'},
	    {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
	};
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "edges") != 0) {
		fprintf(stderr, "ties import: unknown kind '%s'\n%s", argv[1], usage);
		return 2;
	}
	const char *db = cli_db_default(), *format = NULL, *names_file = NULL, *prefix = NULL;
	int c;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'n':
			names_file = optarg;
			break;
		case 'p':
			prefix = optarg;
			break;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "ties import edges: give exactly one FILE\n%s", usage);
		return 2;
	}
	const char *file = argv[optind];
	size_t flen = strlen(file);
	bool musae = format ? strcmp(format, "musae") == 0
	                    : flen > 4 && strcmp(file + flen - 4, ".csv") == 0;
	if (format && !musae && strcmp(format, "snap") != 0) {
		fprintf(stderr, "ties import: --format is snap or musae\n");
		return 2;
	}
	if (!prefix)
		prefix = strstr(file, "facebook")  ? "fb"
		         : strstr(file, "lashdot") ? "slashdot"
		                                   : "snap";
	if (!musae && (!islower((unsigned char)prefix[0]) || strlen(prefix) > 16)) {
		fprintf(stderr, "ties import: --prefix takes 1-16 lower-case letters\n");
		return 2;
	}
	char names_default[4096];
	if (musae && !names_file) {
		const char *edges_at = strstr(file, "_edges.csv");
		if (!edges_at) {
			fprintf(stderr, "ties import: give the MUSAE names file with --names\n");
			return 2;
		}
		snprintf(names_default, sizeof names_default, "%.*s_target.csv",
		         (int)(edges_at - file), file);
		names_file = names_default;
	}

	FILE *progress = isatty(2) ? stderr : NULL;
	uint64_t t0 = clock_mono_ns();
	struct edges ed = {0};
	uint64_t *ids = NULL;
	char **names = NULL;
	int64_t *member = NULL;
	size_t n_ids = 0;
	int rc = read_edges(file, musae, &ed, progress);
	if (rc)
		goto out;
	if (progress)
		fputs("\r\033[K", progress);
	/* distinct pairs and distinct ids */
	qsort(ed.pair, ed.n, sizeof *ed.pair, cmp_pair);
	size_t u = 0;
	for (size_t i = 0; i < ed.n; i++)
		if (u == 0 || cmp_pair(ed.pair[i], ed.pair[u - 1]) != 0)
			memcpy(ed.pair[u++], ed.pair[i], sizeof *ed.pair);
	size_t duplicates = ed.n - u;
	ed.n = u;
	ids = xcalloc(ed.n * 2 + 1, sizeof *ids);
	for (size_t i = 0; i < ed.n; i++)
		ids[n_ids++] = ed.pair[i][0], ids[n_ids++] = ed.pair[i][1];
	qsort(ids, n_ids, sizeof *ids, cmp_u64);
	u = 0;
	for (size_t i = 0; i < n_ids; i++)
		if (u == 0 || ids[i] != ids[u - 1])
			ids[u++] = ids[i];
	n_ids = u;
	names = xcalloc(n_ids + 1, sizeof *names);
	if (musae && (rc = read_names(names_file, ids, n_ids, names)))
		goto out;

	struct store *s;
	struct fail f = {0};
	if (store_open(&s, db, &f)) {
		rc = cli_fail("cannot open the store", &f);
		goto out;
	}
	struct bulk b;
	if (bulk_begin(&b, s, musae ? "musae" : prefix, progress, &f)) {
		rc = cli_fail("import", &f);
		store_close(s);
		goto out;
	}
	member = xcalloc(n_ids + 1, sizeof *member);
	struct handle_set seen = {0};
	enum err e = E_OK;
	for (size_t i = 0; !e && i < n_ids; i++) {
		char handle[HANDLE_MAX + 8], email[HANDLE_MAX + 32], display[160];
		if (musae) {
			char base[HANDLE_MAX + 1];
			github_handle(names[i], base, sizeof base);
			snprintf(handle, sizeof handle, "%s", base);
			for (unsigned k = 2; handle_seen(&seen, handle); k++)
				snprintf(handle, sizeof handle, "%.*s-%u", HANDLE_MAX - 6, base, k);
			snprintf(display, sizeof display, "%s", names[i]);
		} else {
			snprintf(handle, sizeof handle, "%s-%llu", prefix,
			         (unsigned long long)ids[i]);
			snprintf(display, sizeof display, "%s member %llu", prefix,
			         (unsigned long long)ids[i]);
		}
		snprintf(email, sizeof email, "%s@%s.import.invalid", handle,
		         musae ? "github" : prefix);
		struct bulk_member m = {.handle = handle, .display_name = display, .email = email};
		e = bulk_member(&b, &m, &member[i], &f);
		bulk_progress(&b, "members", i + 1, n_ids);
	}
	handle_set_release(&seen);
	for (size_t i = 0; !e && i < ed.n; i++) {
		e = bulk_connect(&b, member[find_id(ids, n_ids, ed.pair[i][0])],
		                 member[find_id(ids, n_ids, ed.pair[i][1])], 0, &f);
		bulk_progress(&b, "connections", i + 1, ed.n);
	}
	enum err end = bulk_end(&b, !e, &f);
	store_close(s);
	if (e || end) {
		rc = cli_fail("import (nothing was imported)", &f);
		goto out;
	}
	double secs = (double)(clock_mono_ns() - t0) / 1e9;
	printf("{\"members\":%zu,\"connections\":%zu,\"duplicates\":%zu,\"self_loops\":%llu,"
	       "\"seconds\":%.2f,\"edges_per_second\":%.0f}\n",
	       n_ids, ed.n, duplicates, (unsigned long long)ed.self_loops, secs,
	       (double)(ed.n + duplicates) / secs);
out:
	for (size_t i = 0; names && i < n_ids; i++)
		free(names[i]);
	free(names);
	free(member);
	free(ids);
	free(ed.pair);
	return rc;
}
