/* ties — entry point: dispatches to the subcommand table in cli/cli.h. */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("ties: under construction\n", stderr);
	return 1;
}
