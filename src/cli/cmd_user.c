/* cmd_user — `ties user add|promote|list`: operator account management on
 * the store directly (the server may be running: SQLite's locking and the
 * busy timeout serialise the writes). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/jw.h"
#include "cli/cli.h"
#include "social/account.h"
#include "social/profile.h"
#include "store/store.h"

static const char usage[] =
    "usage: ties user add --email EMAIL --name NAME [--handle HANDLE] [--kind KIND] [--db PATH]\n"
    "       ties user promote HANDLE [--kind KIND] [--db PATH]\n"
    "       ties user list [--db PATH]\n"
    "\n"
    "add      create a member; the password is read from $TIES_PASSWORD or,\n"
    "         if unset, from the first line of standard input\n"
    "promote  set a member's account kind (default admin)\n"
    "list     print every member as one JSON object per line\n"
    "KIND is basic, premium, recruiter or admin.\n";

static int read_password(char *out, size_t cap)
{
	const char *env = getenv("TIES_PASSWORD");
	if (env) {
		snprintf(out, cap, "%s", env);
		return 0;
	}
	if (isatty(0))
		fputs("password: ", stderr);
	if (!fgets(out, (int)cap, stdin))
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

static int user_add(struct store *s, const char *email, const char *name, const char *handle,
                    const char *kind)
{
	if (!email || !name) {
		fprintf(stderr, "ties user add: --email and --name are required\n%s", usage);
		return 2;
	}
	char pw[PASSWORD_MAX * 4 + 2];
	if (read_password(pw, sizeof pw)) {
		fputs("ties user add: no password given (set TIES_PASSWORD or pipe it in)\n",
		      stderr);
		return 2;
	}
	struct fail f = {0};
	int64_t id = 0;
	struct signup in = {
	    .email = email, .password = pw, .display_name = name, .handle = handle, .kind = kind};
	if (account_create(s, &in, false, &id, &f))
		return cli_fail("user add", &f);
	struct profile p;
	if (profile_load(s, id, &p) == E_OK) {
		printf("{\"handle\":\"%s\",\"kind\":\"%s\"}\n", p.handle, p.kind);
		profile_release(&p);
	}
	return 0;
}

static int user_promote(struct store *s, const char *handle, const char *kind)
{
	int64_t id = 0;
	struct fail f = {0};
	if (profile_id_by_handle(s, handle, &id)) {
		fprintf(stderr, "ties user promote: no member with handle '%s'\n", handle);
		return 1;
	}
	if (account_set_kind(s, id, kind ? kind : "admin", &f))
		return cli_fail("user promote", &f);
	printf("{\"handle\":\"%s\",\"kind\":\"%s\"}\n", handle, kind ? kind : "admin");
	return 0;
}

static int user_list(struct store *s)
{
	struct scur c;
	store_query(s, &c,
	            "SELECT handle, display_name, email, kind, created_at FROM members ORDER BY id",
	            0, NULL);
	struct buf b;
	buf_init(&b, 0);
	while (scur_next(&c)) {
		struct jw w;
		buf_reset(&b);
		jw_init(&w, &b);
		jw_obj(&w);
		jw_kstr(&w, "handle", scur_text(&c, 0));
		jw_kstr(&w, "display_name", scur_text(&c, 1));
		jw_kstr(&w, "email", scur_text(&c, 2));
		jw_kstr(&w, "kind", scur_text(&c, 3));
		jw_kint(&w, "created_at", scur_int(&c, 4));
		jw_end(&w);
		puts(b.p);
	}
	buf_release(&b);
	enum err e = scur_close(&c);
	if (e) {
		struct fail f = {.err = e, .detail = store_errmsg(s)};
		return cli_fail("user list", &f);
	}
	return 0;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"email", required_argument, NULL, 'e'},
	    {"name", required_argument, NULL, 'n'},
	    {"handle", required_argument, NULL, 'H'},
	    {"kind", required_argument, NULL, 'k'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *sub = argv[1];
	const char *db = cli_db_default(), *email = NULL, *name = NULL, *handle = NULL,
	           *kind = NULL;
	int c;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'e':
			email = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'H':
			handle = optarg;
			break;
		case 'k':
			kind = optarg;
			break;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	const char *positional = optind < argc ? argv[optind] : NULL;
	bool want_positional = strcmp(sub, "promote") == 0;
	if ((positional && !want_positional) ||
	    (want_positional && (!positional || optind + 1 < argc))) {
		fprintf(stderr, "ties user %s: wrong arguments\n%s", sub, usage);
		return 2;
	}
	if (strcmp(sub, "add") && strcmp(sub, "promote") && strcmp(sub, "list")) {
		fprintf(stderr, "ties user: unknown subcommand '%s'\n%s", sub, usage);
		return 2;
	}
	if (!account_init()) {
		fputs("ties: cannot initialise libsodium\n", stderr);
		return 1;
	}
	struct store *s;
	struct fail f = {0};
	if (store_open(&s, db, &f))
		return cli_fail("cannot open the store", &f);
	int rc;
	if (!strcmp(sub, "add"))
		rc = user_add(s, email, name, handle, kind);
	else if (!strcmp(sub, "promote"))
		rc = user_promote(s, positional, kind);
	else
		rc = user_list(s);
	store_close(s);
	return rc;
}
