/* names.c — see names.h */
#include "anli/names.h"

#include <string.h>

void names_byline(struct sbuf *out, const char *org, const char *author, const char *role)
{
	const char *part[3] = {org, author, role};
	int any = 0;
	for (int i = 0; i < 3; i++) {
		if (!part[i] || !*part[i])
			continue;
		if (any)
			sbuf_addc(out, ' ');
		sbuf_adds(out, part[i]);
		any = 1;
	}
}

void names_chapter_label(struct sbuf *out, const char *label, int number, const char *title)
{
	if (label && *label)
		sbuf_printf(out, "%s ", label);
	else
		sbuf_printf(out, "%d ", number);
	if (title)
		sbuf_adds(out, title);
}

static const struct {
	char code;
	const char *name;
} kinds[] = {{'h', "heading"}, {'s', "subheading"}, {'p', "paragraph"}, {'c', "caption"}};

const char *names_block_kind(int code)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (kinds[i].code == code)
			return kinds[i].name;
	return NULL;
}

int names_block_code(const char *name)
{
	for (size_t i = 0; name && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(kinds[i].name, name))
			return kinds[i].code;
	return 0;
}
