/* schema — the numbered migrations, per backend.  Migration N is applied once,
 * in one transaction with the row recording it in schema_migrations. */
#ifndef TIES_STORE_SCHEMA_H
#define TIES_STORE_SCHEMA_H

struct migration {
	int version;
	const char *name;
	const char *sql;
};
/* The index of connections by their second member, as the migrations create
 * it; bulk loads into an empty table drop it and create it again at the end
 * (src/social/bulk.c). */
#define SCHEMA_CONNECTIONS_B "CREATE INDEX connections_b ON connections(b, a)"

extern const struct migration schema_sqlite[];
extern const int schema_sqlite_count;

#endif
