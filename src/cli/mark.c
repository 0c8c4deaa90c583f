/* mark.c — anli mark ID read|unread|reviewed|needs-fix|none (state.h) */
#include "cmd.h"
#include "state.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/msg.h"
#include "anli/out.h"
#include "anli/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


int cmd_mark(const struct opts *o)
{
	if (o->format)
		return cli_usage_error("%s", _("mark prints nothing: --format does not apply"));
	if (o->nargs != 2)
		return cli_usage_error("%s", _("mark: expected an ID and read, unread, reviewed, needs-fix or none"));
	const char *what = o->args[1];
	int read = -1, review = -1;
	if (!strcmp(what, "read"))
		read = 1;
	else if (!strcmp(what, "unread"))
		read = 0;
	else if (!strcmp(what, "reviewed"))
		review = USER_REVIEW_OK;
	else if (!strcmp(what, "needs-fix"))
		review = USER_REVIEW_FIX;
	else if (!strcmp(what, "none"))
		review = USER_REVIEW_NONE;
	else
		return cli_usage_error(_("mark: '%s' is not read, unread, reviewed, needs-fix or none"), what);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct model_addr a;
	int rc = state_resolve(m, o->args[0], &a);
	if (rc != CLI_OK) {
		model_close(m);
		return rc;
	}
	if (a.block >= 0) {
		rc = cli_usage_error(_("mark: '%s' names a paragraph; marks are per item (e.g. %s)"), o->args[0],
				     m->items[a.item].id);
		model_addr_free(&a);
		model_close(m);
		return rc;
	}
	const char *id = m->items[a.item].id;
	struct user *u = state_open(o);
	rc = CLI_ERROR;
	if (user_active(u)) {
		char fp[17];
		state_fingerprint(m, fp);
		struct anli_err err;
		int r = read >= 0 ? user_read_set(u, id, read, fp, &err) : user_review_set(u, id, review, fp, &err);
		if (r)
			cli_error("%s", err.msg);
		else
			rc = CLI_OK;
	}
	user_close(u);
	model_addr_free(&a);
	model_close(m);
	return rc;
}
