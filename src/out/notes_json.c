/* notes_json.c — a note as the JSON object that `anli notes import` reads
 * (notesout.h; the format is specified in notes.h) */
#include "anli/notesout.h"

#include <time.h>

void out_iso_time(char *buf, size_t size, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The fields every revision has. */
static void fields(struct json *j, const struct note *n)
{
	char when[32];
	json_key(j, "uuid"), json_str(j, n->uuid);
	json_key(j, "rev"), json_int(j, n->rev);
	json_key(j, "etag"), json_str(j, n->etag);
	json_key(j, "kind"), json_str(j, note_kind_name(n->kind));
	json_key(j, "status"), json_str(j, note_status_name(n->status));
	json_key(j, "deleted"), json_bool(j, n->deleted);
	json_key(j, "item"), json_str(j, n->item_id);
	json_key(j, "anchor"), json_str(j, n->anchor_id);
	json_key(j, "quote"), json_str(j, n->sel.quote ? n->sel.quote : "");
	json_key(j, "prefix"), json_str(j, n->sel.prefix ? n->sel.prefix : "");
	json_key(j, "suffix"), json_str(j, n->sel.suffix ? n->sel.suffix : "");
	json_key(j, "offset"), json_int(j, n->sel.offset);
	json_key(j, "fix"), json_str(j, n->fix);
	json_key(j, "note"), json_str(j, n->text ? n->text : "");
	json_key(j, "anchor_state"), json_str(j, note_anchor_name(n->anchor_state));
	json_key(j, "applied"), json_bool(j, n->applied);
	json_key(j, "book"), json_str(j, n->book);
	json_key(j, "cite"), json_str(j, n->cite);
	json_key(j, "author"), json_str(j, n->author);
	json_key(j, "updated_by"), json_str(j, n->updated_by);
	out_iso_time(when, sizeof when, n->created);
	json_key(j, "created"), json_str(j, when);
	out_iso_time(when, sizeof when, n->updated);
	json_key(j, "updated"), json_str(j, when);
}

/* the people's columns that are not fields of the note */
static const int people[] = {NCOL_COLLECTION, NCOL_CHAPTER, NCOL_TITLE, NCOL_SECTION,
			     NCOL_PARAGRAPH, NCOL_BLOCK, NCOL_SOURCE, NCOL_PAGE};

void out_json_note(struct json *j, const struct note *n, int num, const struct out_notes_row *cells,
		   const struct note *hist, int nhist)
{
	json_begin_object(j);
	if (num)
		json_key(j, "num"), json_int(j, n->num);
	fields(j, n);
	if (cells)
		for (size_t k = 0; k < sizeof people / sizeof *people; k++) {
			const char *c = cells->cell[people[k]];
			json_key(j, out_notes_columns[people[k]]), json_str(j, c ? c : "");
		}
	if (nhist >= 0) {
		json_key(j, "history");
		json_begin_array(j);
		for (int i = 0; i < nhist; i++) {
			json_begin_object(j);
			fields(j, &hist[i]);
			json_key(j, "conflict"), json_bool(j, hist[i].conflict);
			json_end_object(j);
		}
		json_end_array(j);
	}
	json_end_object(j);
}
