/* outfile.h - output that is either complete or absent.
 *
 * `-o FILE` writes to a temporary file beside FILE and renames it over FILE
 * only when the command finished writing; a failed or interrupted run leaves
 * no partial output file. Without -o, standard output is used as is. */
#ifndef DD_OUTFILE_H
#define DD_OUTFILE_H

#include <stdio.h>

typedef struct dd_outfile {
	FILE *fp;        /* write here */
	char *path;      /* final path, NULL for stdout */
	char *tmp;       /* temporary path */
} dd_outfile;

/* Opens path (NULL or "-" = stdout). Returns 0, or -1 with a message on stderr. */
int dd_outfile_open(dd_outfile *o, const char *path);
/* Flushes and, for a file, renames it into place. ok = 0 discards it.
 * Returns 0, or -1 (message on stderr) when the output could not be written. */
int dd_outfile_close(dd_outfile *o, int ok);

#endif
