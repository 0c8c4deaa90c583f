/* tui.h — the full-screen reader. */
#ifndef ANLI_TUI_H
#define ANLI_TUI_H

/* Run the reader on the database at db_path.  ambiwidth: 0 = ask the
 * terminal, 1 or 2 = fixed.  Returns the process exit code. */
int tui_main(const char *db_path, int ambiwidth);

#endif
