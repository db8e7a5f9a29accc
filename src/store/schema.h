/* schema — the numbered migrations, per backend.  Migration N is applied once,
 * in one transaction with the row recording it in schema_migrations. */
#ifndef TIES_STORE_SCHEMA_H
#define TIES_STORE_SCHEMA_H

struct migration {
	int version;
	const char *name;
	const char *sql;
};
extern const struct migration schema_sqlite[];
extern const int schema_sqlite_count;

#endif
