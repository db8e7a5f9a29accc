/* cli — the `ties` command line: one table of subcommands (main.c), one file
 * per subcommand (cmd_*.c).  Each returns the process exit code: 0 success,
 * 1 failure (message on stderr), 2 usage error. */
#ifndef TIES_CLI_CLI_H
#define TIES_CLI_CLI_H
#include <stdbool.h>

#include "base/err.h"

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_ldbc(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_net(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_search(int argc, char **argv);

/* The database path: --db, else $TIES_DB, else "ties.db". */
const char *cli_db_default(void);
/* Prints "ties: <what>: <detail>" to stderr; returns 1. */
int cli_fail(const char *what, const struct fail *f);
/* Parses a whole decimal number in [lo, hi]; -1 when s is not one. */
long cli_int(const char *s, long lo, long hi);
/* True if argv[i] is -h/--help. */
bool cli_wants_help(int argc, char **argv);

#endif
