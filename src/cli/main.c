/* ties — entry point: the subcommand table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
    {"serve", cmd_serve, "run the server (HTTP API and web app)"},
    {"init", cmd_init, "create or migrate the database"},
    {"user", cmd_user, "add, promote and list members"},
    {"demo", cmd_demo, "load the demo network into the database"},
    {"ldbc", cmd_ldbc, "load the LDBC benchmark data and answer IC1, IC13, IC14"},
    {"import", cmd_import, "import members and connections from an edge list"},
    {"gen", cmd_gen, "generate a synthetic professional network"},
    {"net", cmd_net, "ask the network index: degree, mutual, path, size"},
    {"check", cmd_check, "prove the indexes equal ones rebuilt from the store"},
    {"search", cmd_search, "people search as a member would see it"},
};

static void usage(FILE *out)
{
	fputs("usage: ties <command> [options]\n\n"
	      "ties is a self-hosted professional network.\n\ncommands:\n",
	      out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
	fputs(
	    "\nRun 'ties <command> --help' for a command's options.\n"
	    "Environment: TIES_DB (database path, default ties.db), TIES_LOG (debug|info|warn).\n",
	    out);
}

const char *cli_db_default(void)
{
	const char *e = getenv("TIES_DB");
	return e && *e ? e : "ties.db";
}

int cli_fail(const char *what, const struct fail *f)
{
	fprintf(stderr, "ties: %s: %s\n", what, f->detail ? f->detail : err_message(f->err));
	return 1;
}

long cli_int(const char *s, long lo, long hi)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return -1;
	return v;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "ties: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
