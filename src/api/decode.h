/* decode — request bodies decoded through declared field tables.
 *
 * A table lists the fields an endpoint takes: name, JSON type, bounds, and the
 * offset of the C member that receives it.  Unknown fields, wrong types,
 * missing required fields, over-long strings and over-long lists are refused
 * with the field's name (dotted path for nested fields, e.g.
 * "past_positions[2].title").  Which fields were present is recorded in a
 * bitmask, so PATCH handlers can tell "absent" from "empty".  Everything the
 * decoder allocates is released by decode_free() with the same table. */
#ifndef TIES_API_DECODE_H
#define TIES_API_DECODE_H
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "base/utf8.h"

enum ftype {
	F_STR,  /* char *  (NULL when JSON null and nullable) */
	F_INT,  /* int64_t */
	F_BOOL, /* bool */
	F_ENUM, /* char *, one of .choices */
	F_STRS, /* struct dlist of char * */
	F_OBJ,  /* struct embedded at offset, decoded with .sub (NULL JSON = absent) */
	F_OBJS, /* struct dlist of .sub structs of .size bytes */
	F_INTS, /* struct dlist of int64_t within [lo, hi] */
};

struct field {
	const char *name;
	enum ftype type;
	size_t offset;
	unsigned flags;
	size_t max; /* F_STR/F_ENUM/F_STRS items: max characters */
	size_t min; /* F_STR: min characters */
	size_t max_items;
	const char *const *choices; /* F_ENUM, NULL-terminated */
	const struct field *sub;    /* F_OBJ, F_OBJS */
	size_t sub_size;
	int64_t lo, hi; /* F_INT bounds */
};
#define FD_REQUIRED 1u
#define FD_NULLABLE 2u
#define FD_END                                                                                     \
	{                                                                                          \
		0                                                                                  \
	}

/* Parses body as a JSON object and decodes it into out using fields.  The
 * bit (1 << i) of *present is set for each table entry i that appeared.
 * On failure fills f (code and field) and leaves out in a state decode_free()
 * can release. */
enum err decode_body(const char *body, size_t len, const struct field *fields, void *out,
                     uint64_t *present, struct fail *f);
void decode_free(const struct field *fields, void *out);

/* Swaps the members of a and b (two structs of the table's type) for every
 * field marked in present: applies a decoded PATCH onto a loaded record, and
 * leaves the replaced values in b for release. */
void decode_swap_present(const struct field *fields, uint64_t present, void *a, void *b);

#endif
