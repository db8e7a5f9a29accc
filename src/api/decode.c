/* decode — JSON (jansson) to C structs through field tables. */
#include "api/decode.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

struct path {
	char buf[160];
};

static const char *name_of(struct path *pa, const char *prefix, const char *name, long index)
{
	if (index >= 0)
		snprintf(pa->buf, sizeof pa->buf, "%s%s%s[%ld]", prefix, *prefix ? "." : "", name,
		         index);
	else
		snprintf(pa->buf, sizeof pa->buf, "%s%s%s", prefix, *prefix && *name ? "." : "",
		         name);
	return pa->buf;
}

/* The field name reported in errors must outlive decoding: keep it in f->buf's
 * neighbour storage.  We copy it into a static-per-thread buffer. */
static _Thread_local char err_field[160];

static enum err bad(struct fail *f, enum err e, const char *field, const char *detail)
{
	snprintf(err_field, sizeof err_field, "%s", field);
	return fail_set(f, e, err_field, "%s: %s", err_field, detail);
}

static enum err decode_obj(json_t *obj, const struct field *fields, void *out, uint64_t *present,
                           const char *prefix, struct fail *f);

static enum err decode_str(json_t *v, const struct field *fd, const char *fname, char **dst,
                           struct fail *f)
{
	if (json_is_null(v) && (fd->flags & FD_NULLABLE)) {
		*dst = NULL;
		return E_OK;
	}
	if (!json_is_string(v))
		return bad(f, E_WRONG_TYPE, fname, "must be a string");
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	long chars = utf8_chars(s, n);
	if (chars < 0 || memchr(s, '\0', n))
		return bad(f, E_BAD_UTF8, fname, "must be valid UTF-8 text");
	if (fd->max && (size_t)chars > fd->max) {
		char d[64];
		snprintf(d, sizeof d, "at most %zu characters", fd->max);
		return bad(f, E_TOO_LONG, fname, d);
	}
	if ((size_t)chars < fd->min) {
		char d[64];
		snprintf(d, sizeof d, "at least %zu characters", fd->min);
		return bad(f, fd->min == 1 ? E_MISSING_FIELD : E_BAD_FIELD, fname,
		           fd->min == 1 ? "must not be empty" : d);
	}
	if (fd->type == F_ENUM) {
		bool ok = false;
		for (const char *const *c = fd->choices; *c && !ok; c++)
			ok = strcmp(*c, s) == 0;
		if (!ok) {
			char d[128];
			size_t used = (size_t)snprintf(d, sizeof d, "must be one of");
			for (const char *const *c = fd->choices; *c && used < sizeof d; c++)
				used += (size_t)snprintf(d + used, sizeof d - used, " %s", *c);
			return bad(f, E_BAD_FIELD, fname, d);
		}
	}
	*dst = xstrndup(s, n);
	return E_OK;
}

static enum err decode_value(json_t *v, const struct field *fd, void *out, const char *prefix,
                             struct fail *f)
{
	struct path pa;
	const char *fname = name_of(&pa, prefix, fd->name, -1);
	char *base = (char *)out + fd->offset;
	switch (fd->type) {
	case F_STR:
	case F_ENUM:
		return decode_str(v, fd, fname, (char **)base, f);
	case F_INT:
		if (json_is_null(v) && (fd->flags & FD_NULLABLE)) {
			*(int64_t *)base = 0;
			return E_OK;
		}
		if (!json_is_integer(v))
			return bad(f, E_WRONG_TYPE, fname, "must be an integer");
		if (json_integer_value(v) < fd->lo || json_integer_value(v) > fd->hi) {
			char d[96];
			snprintf(d, sizeof d, "must be between %lld and %lld", (long long)fd->lo,
			         (long long)fd->hi);
			return bad(f, E_BAD_FIELD, fname, d);
		}
		*(int64_t *)base = json_integer_value(v);
		return E_OK;
	case F_BOOL:
		if (!json_is_boolean(v))
			return bad(f, E_WRONG_TYPE, fname, "must be true or false");
		*(bool *)base = json_is_true(v);
		return E_OK;
	case F_OBJ:
		if (json_is_null(v) && (fd->flags & FD_NULLABLE))
			return E_OK;
		if (!json_is_object(v))
			return bad(f, E_WRONG_TYPE, fname, "must be an object");
		return decode_obj(v, fd->sub, base, NULL, fname, f);
	case F_STRS:
	case F_OBJS:
	case F_INTS: {
		if (!json_is_array(v))
			return bad(f, E_WRONG_TYPE, fname, "must be a list");
		size_t n = json_array_size(v);
		if (n > fd->max_items) {
			char d[64];
			snprintf(d, sizeof d, "at most %zu items", fd->max_items);
			return bad(f, E_TOO_MANY, fname, d);
		}
		struct dlist *l = (struct dlist *)base;
		size_t elem = fd->type == F_STRS   ? sizeof(char *)
		              : fd->type == F_INTS ? sizeof(int64_t)
		                                   : fd->sub_size;
		l->items = xcalloc(n ? n : 1, elem);
		l->n = 0;
		struct field item = *fd;
		item.type = F_STR;
		item.flags = 0;
		item.min = 1;
		for (size_t i = 0; i < n; i++) {
			struct path pi;
			const char *iname = name_of(&pi, prefix, fd->name, (long)i);
			json_t *e = json_array_get(v, i);
			enum err r;
			if (fd->type == F_INTS) {
				struct field num = *fd;
				num.type = F_INT;
				num.name = "";
				num.offset = 0;
				r = decode_value(e, &num, (int64_t *)l->items + i, iname, f);
			} else if (fd->type == F_STRS) {
				r = decode_str(e, &item, iname, (char **)l->items + i, f);
			} else if (!json_is_object(e)) {
				r = bad(f, E_WRONG_TYPE, iname, "must be an object");
			} else {
				r = decode_obj(e, fd->sub, (char *)l->items + i * elem, NULL, iname,
				               f);
			}
			l->n = i + 1; /* so decode_free releases what was decoded */
			if (r)
				return r;
		}
		return E_OK;
	}
	}
	return E_INTERNAL;
}

static enum err decode_obj(json_t *obj, const struct field *fields, void *out, uint64_t *present,
                           const char *prefix, struct fail *f)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		const struct field *fd = fields;
		while (fd->name && strcmp(fd->name, key) != 0)
			fd++;
		if (!fd->name) {
			struct path pa;
			return bad(f, E_UNKNOWN_FIELD, name_of(&pa, prefix, key, -1),
			           "this field is not accepted here");
		}
		enum err e = decode_value(v, fd, out, prefix, f);
		if (e)
			return e;
		if (present)
			*present |= 1ull << (fd - fields);
	}
	for (const struct field *fd = fields; fd->name; fd++) {
		if ((fd->flags & FD_REQUIRED) && !json_object_get(obj, fd->name)) {
			struct path pa;
			return bad(f, E_MISSING_FIELD, name_of(&pa, prefix, fd->name, -1),
			           "is required");
		}
	}
	return E_OK;
}

enum err decode_body(const char *body, size_t len, const struct field *fields, void *out,
                     uint64_t *present, struct fail *f)
{
	uint64_t dummy = 0;
	if (!present)
		present = &dummy;
	*present = 0;
	if (utf8_chars(body, len) < 0)
		return fail_set(f, E_BAD_UTF8, NULL, "the request body is not valid UTF-8");
	json_error_t jerr;
	json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return fail_set(f, E_BAD_JSON, NULL, "malformed JSON at line %d, column %d: %s",
		                jerr.line, jerr.column, jerr.text);
	enum err e;
	if (!json_is_object(root))
		e = fail_set(f, E_BAD_JSON, NULL, "the request body must be a JSON object");
	else
		e = decode_obj(root, fields, out, present, "", f);
	json_decref(root);
	return e;
}

void decode_free(const struct field *fields, void *out)
{
	for (const struct field *fd = fields; fd->name; fd++) {
		char *base = (char *)out + fd->offset;
		switch (fd->type) {
		case F_STR:
		case F_ENUM:
			free(*(char **)base);
			*(char **)base = NULL;
			break;
		case F_OBJ:
			decode_free(fd->sub, base);
			break;
		case F_STRS:
		case F_OBJS:
		case F_INTS: {
			struct dlist *l = (struct dlist *)base;
			for (size_t i = 0; fd->type != F_INTS && i < l->n; i++) {
				if (fd->type == F_STRS)
					free(((char **)l->items)[i]);
				else
					decode_free(fd->sub, (char *)l->items + i * fd->sub_size);
			}
			free(l->items);
			l->items = NULL;
			l->n = 0;
			break;
		}
		default:
			break;
		}
	}
}

static size_t field_size(const struct field *fd)
{
	switch (fd->type) {
	case F_STR:
	case F_ENUM:
		return sizeof(char *);
	case F_INT:
		return sizeof(int64_t);
	case F_BOOL:
		return sizeof(bool);
	case F_OBJ:
		return fd->sub_size;
	case F_STRS:
	case F_OBJS:
	case F_INTS:
		return sizeof(struct dlist);
	}
	return 0;
}

void decode_swap_present(const struct field *fields, uint64_t present, void *a, void *b)
{
	for (const struct field *fd = fields; fd->name; fd++) {
		if (!(present & (1ull << (fd - fields))))
			continue;
		size_t n = field_size(fd);
		unsigned char *x = (unsigned char *)a + fd->offset,
		              *y = (unsigned char *)b + fd->offset;
		for (size_t i = 0; i < n; i++) {
			unsigned char t = x[i];
			x[i] = y[i];
			y[i] = t;
		}
	}
}
