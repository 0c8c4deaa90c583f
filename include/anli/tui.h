/* tui.h — the full-screen reader. */
#ifndef ANLI_TUI_H
#define ANLI_TUI_H

struct cli_start;

/* Run the reader on the database at db_path.  ambiwidth: 0 = ask the
 * terminal, 1 or 2 = fixed.  start: where to open (an ID given), else
 * resume where the user left off (unless start->fresh); start->state the
 * per-user state file's --state.  Returns the process exit code. */
int tui_main(const char *db_path, int ambiwidth, const struct cli_start *start);

#endif
