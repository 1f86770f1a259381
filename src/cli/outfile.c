/* outfile.c - -o FILE written to a temporary file and renamed into place when
 * complete; anything but a regular file is written in place. */
#include "cli_internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file's name beside FILE: short, so that a FILE of 255 bytes
 * (NAME_MAX) still has one, and hidden. */
#define DD_OUT_TMP ".docdrift-XXXXXX"

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
#define NCAUGHT (sizeof caught / sizeof caught[0])

/* Removes the temporary files and dies of the signal as if uncaught
 * (SA_RESETHAND restored the default; the raised signal is delivered when
 * the handler returns). */
static void on_signal(int sig)
{
	int saved = errno;
	dd_cleanup_run();
	raise(sig);
	errno = saved;
}

/* Once: a signal that would kill the process removes the temporary files
 * first. One the caller ignores (nohup) stays ignored. */
static void catch_signals(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	for (size_t i = 0; i < NCAUGHT; i++) {
		struct sigaction old, sa;
		if (sigaction(caught[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = SA_RESETHAND;
		sigaction(caught[i], &sa, NULL);
	}
}

static void block_signals(int how)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaddset(&set, caught[i]);
	pthread_sigmask(how, &set, NULL);
}

static int open_error(dd_outfile *o, const char *path)
{
	fprintf(stderr, "%s: error: cannot create output: %s [DD-%03d]\n", path, strerror(errno),
	        DD_E_OUTPUT);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->slot = -1;
	return -1;
}

int dd_outfile_open(dd_outfile *o, const char *path)
{
	memset(o, 0, sizeof *o);
	o->slot = -1;
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	o->path = dd_xstrdup(path);
	struct stat st;
	int exists = lstat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		return open_error(o, path);
	if (exists && !S_ISREG(st.st_mode)) {
		/* A device, a FIFO, a symlink (/dev/stdout): renaming a file over
		 * it would replace it, so write through. */
		if (!(o->fp = fopen(path, "w")))
			return open_error(o, path);
		return 0;
	}
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	o->tmp = dd_xmalloc(dir + sizeof DD_OUT_TMP);
	memcpy(o->tmp, path, dir);
	memcpy(o->tmp + dir, DD_OUT_TMP, sizeof DD_OUT_TMP);
	catch_signals();
	/* no signal between creating the file and registering it */
	block_signals(SIG_BLOCK);
	int fd = mkstemp(o->tmp);
	if (fd >= 0)
		o->slot = dd_cleanup_add(o->tmp);
	block_signals(SIG_UNBLOCK);
	if (fd < 0)
		return open_error(o, path);
	/* mkstemp makes the file 0600; give it the mode a plain create (or the
	 * file it replaces) would have. */
	mode_t mode;
	if (exists)
		mode = st.st_mode & 07777;
	else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	(void)fchmod(fd, mode);
	if (!(o->fp = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(o->tmp);
		dd_cleanup_remove(o->slot);
		errno = e;
		return open_error(o, path);
	}
	return 0;
}

int dd_outfile_close(dd_outfile *o, int ok)
{
	int rc = 0, err = 0;
	if (!o->fp)
		return 0;
	errno = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp)) {
		rc = -1;
		err = errno ? errno : EIO;
	}
	if (!o->path) {
		if (rc)
			fprintf(stderr, "docdrift: error: cannot write standard output: %s [DD-%03d]\n",
			        strerror(err), DD_E_OUTPUT);
		o->fp = NULL;
		return rc;
	}
	if (fclose(o->fp) != 0 && !rc) {
		rc = -1;
		err = errno;
	}
	o->fp = NULL;
	if (o->tmp) {
		if (rc == 0 && ok && rename(o->tmp, o->path) != 0) {
			rc = -1;
			err = errno;
		}
		if (rc || !ok)
			unlink(o->tmp);
		dd_cleanup_remove(o->slot);
	}
	if (rc)
		fprintf(stderr, "%s: error: cannot write output: %s [DD-%03d]\n", o->path, strerror(err),
		        DD_E_OUTPUT);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->slot = -1;
	return rc;
}
