/* outfile.c - -o FILE written to a temporary file and renamed into place when complete. */
#include "cli_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int dd_outfile_open(dd_outfile *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	size_t n = strlen(path);
	o->path = dd_xstrdup(path);
	o->tmp = dd_xmalloc(n + 16);
	memcpy(o->tmp, path, n);
	memcpy(o->tmp + n, ".ddtmp-XXXXXX", 14);
	int fd = mkstemp(o->tmp);
	if (fd >= 0) {
		/* mkstemp makes the file 0600; give it the mode a plain create (or
		 * the file it replaces) would have. */
		struct stat st;
		mode_t mode;
		if (stat(path, &st) == 0)
			mode = st.st_mode & 07777;
		else {
			mode_t um = umask(0);
			umask(um);
			mode = 0666 & ~um;
		}
		(void)fchmod(fd, mode);
	}
	if (fd < 0 || !(o->fp = fdopen(fd, "w"))) {
		fprintf(stderr, "%s: error: cannot create output: %s [DD-%03d]\n", path,
		        strerror(errno), DD_E_OUTPUT);
		if (fd >= 0)
			close(fd), unlink(o->tmp);
		free(o->path);
		free(o->tmp);
		o->path = o->tmp = NULL;
		return -1;
	}
	return 0;
}

int dd_outfile_close(dd_outfile *o, int ok)
{
	int rc = 0;
	if (!o->fp)
		return 0;
	if (fflush(o->fp) != 0 || ferror(o->fp))
		rc = -1;
	if (!o->path) {
		if (rc)
			fputs("docdrift: error writing standard output\n", stderr);
		o->fp = NULL;
		return rc;
	}
	if (fclose(o->fp) != 0)
		rc = -1;
	o->fp = NULL;
	if (rc == 0 && ok && rename(o->tmp, o->path) != 0)
		rc = -1;
	if (rc)
		fprintf(stderr, "%s: error: cannot write output: %s [DD-%03d]\n", o->path,
		        strerror(errno), DD_E_OUTPUT);
	if (rc || !ok)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	return rc;
}
