/* csv — reading LDBC's `|`-separated files: a header line that must match the
 * layout exactly, then rows with exactly as many fields (LDBC quotes
 * nothing, so a `|` inside a field is a malformed row).  Every failure names
 * the file and the line.  Also the LDBC date formats. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "ldbc/ldbc.h"
#include "ldbc/ldbc_int.h"

/* Splits line at '|' into c->f; returns the number of fields (capped at
 * CSV_MAX_FIELDS + 1, meaning "too many"). */
static size_t split(struct csv *c, char *line)
{
	size_t n = 0;
	char *p = line;
	for (;;) {
		if (n == CSV_MAX_FIELDS)
			return n + 1;
		c->f[n++] = p;
		char *bar = strchr(p, '|');
		if (!bar)
			break;
		*bar = '\0';
		p = bar + 1;
	}
	return n;
}

/* Reads one line without its newline (and a '\r' before it).  1, 0 at the
 * end, -1 when over-long. */
static int read_line(struct csv *c)
{
	errno = 0;
	ssize_t len = getline(&c->line, &c->cap, c->fp);
	if (len < 0)
		return 0;
	c->lineno++;
	if (len > 0 && c->line[len - 1] == '\n')
		c->line[--len] = '\0';
	if (len > 0 && c->line[len - 1] == '\r')
		c->line[--len] = '\0';
	return (size_t)len > CSV_LINE_MAX ? -1 : 1;
}

enum err csv_open(struct csv *c, const char *dir, const char *rel, const char *header,
                  struct fail *f)
{
	enum err e = E_OK;
	memset(c, 0, sizeof *c);
	snprintf(c->path, sizeof c->path, "%s/%s", dir, rel);
	snprintf(c->header, sizeof c->header, "%s", header);
	c->fp = fopen(c->path, "r");
	if (!c->fp) {
		e = fail_set(f, E_NOT_FOUND, NULL, "%s: %s", c->path, strerror(errno));
		goto out;
	}
	int r = read_line(c);
	if (r <= 0) {
		e = fail_set(f, E_BAD_FIELD, NULL, "%s:1: %s", c->path,
		             r == 0 ? "empty file (no header line)" : "line too long");
		goto out;
	}
	if (strcmp(c->line, header) != 0) {
		e = fail_set(f, E_BAD_FIELD, NULL, "%s:1: unexpected header, expected %s", c->path,
		             header);
		goto out;
	}
	char tmp[512];
	snprintf(tmp, sizeof tmp, "%s", header);
	c->ncols = split(c, tmp);
out:
	if (e)
		csv_close(c);
	return e;
}

int csv_next(struct csv *c, struct fail *f)
{
	int r = read_line(c);
	if (r == 0) {
		if (ferror(c->fp)) {
			fail_set(f, E_BAD_FIELD, NULL, "%s:%ld: read error", c->path,
			         c->lineno + 1);
			return -1;
		}
		return 0;
	}
	if (r < 0) {
		fail_set(f, E_BAD_FIELD, NULL, "%s:%ld: line too long", c->path, c->lineno);
		return -1;
	}
	size_t len = strlen(c->line);
	if (utf8_chars(c->line, len) < 0) {
		fail_set(f, E_BAD_FIELD, NULL, "%s:%ld: not valid UTF-8", c->path, c->lineno);
		return -1;
	}
	size_t n = split(c, c->line);
	if (n != c->ncols) {
		if (n > CSV_MAX_FIELDS)
			fail_set(f, E_BAD_FIELD, NULL, "%s:%ld: expected %zu fields, found more",
			         c->path, c->lineno, c->ncols);
		else
			fail_set(f, E_BAD_FIELD, NULL, "%s:%ld: expected %zu fields, found %zu",
			         c->path, c->lineno, c->ncols, n);
		return -1;
	}
	return 1;
}

void csv_close(struct csv *c)
{
	if (c->fp)
		fclose(c->fp);
	free(c->line);
	c->fp = NULL;
	c->line = NULL;
	c->cap = 0;
}

/* The name of column col, from the header. */
static void column_name(const struct csv *c, size_t col, char *out, size_t cap)
{
	const char *p = c->header;
	for (size_t i = 0; i < col && p; i++) {
		p = strchr(p, '|');
		if (p)
			p++;
	}
	if (!p) {
		snprintf(out, cap, "?");
		return;
	}
	size_t n = strcspn(p, "|");
	snprintf(out, cap, "%.*s", (int)n, p);
}

enum err csv_bad(struct csv *c, size_t col, const char *what, struct fail *f)
{
	char name[64];
	column_name(c, col, name, sizeof name);
	return fail_set(f, E_BAD_FIELD, NULL, "%s:%ld: column %zu (%s): %s", c->path, c->lineno,
	                col + 1, name, what);
}

bool parse_i64(const char *s, int64_t *out)
{
	if (!*s || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || errno == ERANGE || end == s)
		return false;
	*out = (int64_t)v;
	return true;
}

enum err csv_i64(struct csv *c, size_t col, int64_t *out, struct fail *f)
{
	if (!parse_i64(c->f[col], out))
		return csv_bad(c, col, "not a whole number", f);
	return E_OK;
}

enum err csv_date(struct csv *c, size_t col, int64_t *out, struct fail *f)
{
	if (!ldbc_parse_date(c->f[col], out))
		return csv_bad(c, col, "not a date (epoch ms, YYYY-MM-DD or ISO 8601)", f);
	return E_OK;
}

/* ---- dates ------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int64_t y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* n decimal digits at *p into *v; advances *p. */
static bool digits(const char **p, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		char ch = (*p)[i];
		if (ch < '0' || ch > '9')
			return false;
		x = x * 10 + (ch - '0');
	}
	*p += n;
	*v = x;
	return true;
}

bool ldbc_parse_date(const char *s, int64_t *ms)
{
	const char *p = s;
	bool all_digits = *p != '\0';
	for (const char *q = s; *q; q++)
		all_digits = all_digits && *q >= '0' && *q <= '9';
	if (all_digits)
		return strlen(s) <= 15 && parse_i64(s, ms);
	int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0;
	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
	    !digits(&p, 2, &d))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return false;
	int64_t off_min = 0;
	if (*p == 'T') {
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi) || *p++ != ':' ||
		    !digits(&p, 2, &sec))
			return false;
		if (h > 23 || mi > 59 || sec > 59)
			return false;
		if (*p == '.') {
			p++;
			int n = 0;
			while (p[n] >= '0' && p[n] <= '9')
				n++;
			if (n < 1 || n > 3 || !digits(&p, n, &frac))
				return false;
			for (int i = n; i < 3; i++)
				frac *= 10;
		}
		if (*p == 'Z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om;
			if (!digits(&p, 2, &oh))
				return false;
			if (*p == ':')
				p++;
			if (!digits(&p, 2, &om) || oh > 23 || om > 59)
				return false;
			off_min = sign * (oh * 60 + om);
		}
	}
	if (*p)
		return false;
	int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off_min * 60;
	*ms = secs * 1000 + frac;
	return true;
}
