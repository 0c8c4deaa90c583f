/* tui.c — placeholder until the three-pane reader lands (issue 3). */
#include "anli/tui.h"

#include "anli/cli.h"
#include "anli/i18n.h"

#include <stdio.h>

int tui_main(const char *db_path, int ambiwidth)
{
	(void)db_path;
	(void)ambiwidth;
	fprintf(stderr, "%s\n", _("anli: the full-screen reader is not available yet; use 'anli list' and 'anli show ID'"));
	return CLI_ERROR;
}
