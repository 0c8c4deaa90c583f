/* editkeys.c — input events into the line editor (editbuf.h): which keys
 * edit, what a paste becomes, what is left to the caller. */
#include "anli/editbuf.h"

static int blank(unsigned int c)
{
	return c == ' ' || c == '\t' || c == 0x3000;
}

int eb_paste(struct editbuf *b, unsigned int cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f') {
		b->paste_blank = 1; /* inserted before the next character, if any */
		return 0;
	}
	int space = b->paste_blank && b->cur > 0 && !blank(b->cp[b->cur - 1]);
	b->paste_blank = 0;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || b->n + (size_t)space >= EB_MAX)
		return 0; /* a control: dropped (the pending blank with it) */
	size_t at = b->cur;
	if (space)
		eb_insert(b, ' ');
	if (eb_insert(b, cp) == 0)
		return 1;
	if (space) /* refused (U+FFFD): no blank for it */
		eb_edit(b, EB_BACKSPACE);
	return b->cur != at;
}

int eb_key_of(const struct in_event *ev)
{
	if (ev->paste)
		return 0;
	if (ev->kind == IN_KEY) {
		int ctrl = ev->mods & INM_CTRL;
		switch (ev->key) {
		case INK_LEFT: return ctrl ? EB_WORD_LEFT : EB_LEFT;
		case INK_RIGHT: return ctrl ? EB_WORD_RIGHT : EB_RIGHT;
		case INK_HOME: return EB_HOME;
		case INK_END: return EB_END;
		case INK_DELETE: return EB_DELETE;
		default: return 0;
		}
	}
	if (ev->kind != IN_CHAR)
		return 0;
	if (ev->mods == INM_ALT) {
		switch (ev->cp) {
		case 'b': return EB_WORD_LEFT;
		case 'f': return EB_WORD_RIGHT;
		case 'd': return EB_KILL_WORD;
		default: return 0;
		}
	}
	if (ev->mods)
		return 0;
	switch (ev->cp) {
	case 'b' & 0x1f: return EB_LEFT;
	case 'f' & 0x1f: return EB_RIGHT;
	case 'a' & 0x1f: return EB_HOME;
	case 'e' & 0x1f: return EB_END;
	case 'd' & 0x1f: return EB_DELETE;
	case 'w' & 0x1f: return EB_WORD_BACK;
	case 'u' & 0x1f: return EB_KILL_START;
	case 'k' & 0x1f: return EB_KILL_END;
	case 'y' & 0x1f: return EB_YANK;
	case 't' & 0x1f: return EB_TRANSPOSE;
	default: return 0;
	}
}

int eb_event(struct editbuf *b, const struct in_event *ev)
{
	if (ev->kind == IN_PASTE_BEGIN || ev->kind == IN_PASTE_END)
		return 0;
	if (ev->paste)
		return ev->kind == IN_CHAR ? eb_paste(b, ev->cp) : 0; /* a key in a paste: nothing */
	int k = eb_key_of(ev);
	if (k)
		return eb_edit(b, (enum eb_key)k) == 1;
	if (ev->kind != IN_CHAR || ev->mods)
		return -1;
	if (ev->cp == 127 || ev->cp == 8)
		return eb_edit(b, EB_BACKSPACE) == 1;
	if (ev->cp < 0x20)
		return -1; /* Enter, Tab, C-c, …: the caller's */
	return eb_insert(b, ev->cp) == 0;
}
