/* i18n.h — every user-visible string goes through _() (gettext). */
#ifndef ANLI_I18N_H
#define ANLI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Bind the text domain "anli" (LOCALEDIR, set by the Makefile). */
void i18n_init(void);

#endif
