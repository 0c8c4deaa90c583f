/* tui.h — the full-screen reader. */
#ifndef ANLI_TUI_H
#define ANLI_TUI_H

struct cli_start;

/* Run the reader on the database at db_path.  ambiwidth: 0 = ask the
 * terminal, 1 or 2 = fixed.  start: where to open (an ID given), else
 * resume where the user left off (unless start->fresh); start->state the
 * per-user state file's --state.  Returns the process exit code. */
int tui_main(const char *db_path, int ambiwidth, const struct cli_start *start);

struct present_opts; /* slides.h */

/* The presentation (issue 13, `anli present ID...` without --dump): the
 * items po->items in a full-screen deck of slides (slides.h), or with
 * po->follow the presenter view following another presentation.  The
 * options are parsed and checked by the CLI (src/cli/present.c).
 * ambiwidth as for tui_main.  Returns the process exit code.
 * Until the presentation view is merged, src/tui/present_stub.c says
 * "presentation view not built yet" and returns 2. */
int tui_present(const char *db_path, int ambiwidth, const struct present_opts *po);

#endif
