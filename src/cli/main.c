/* main.c — entry point */
#include "anli/cli.h"
#include "anli/i18n.h"

#include <locale.h>

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void i18n_init(void)
{
	bindtextdomain("anli", LOCALEDIR);
	textdomain("anli");
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	i18n_init();
	return cli_main(argc, argv);
}
