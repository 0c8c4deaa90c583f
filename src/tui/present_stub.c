/* present_stub.c — tui_present until the presentation view (issue 13,
 * another branch) is merged: that branch replaces this file. */
#include "anli/cli.h"
#include "anli/i18n.h"
#include "anli/msg.h"
#include "anli/slides.h"
#include "anli/tui.h"

int tui_present(const char *db_path, int ambiwidth, const struct present_opts *po)
{
	(void)db_path;
	(void)ambiwidth;
	(void)po;
	msg_error("anli", "%s", _("present: presentation view not built yet (use --dump or --format)"));
	return CLI_ERROR;
}
