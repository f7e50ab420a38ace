// Disk faults on demand, for the server's fault tests (tests/server/faults.test.ts).
// Loaded into the server with LD_PRELOAD, it wraps the C library's write, sync and truncate
// calls. While the file named by FAULT_CONTROL exists and holds ENOSPC, EROFS or EIO, each such
// call on a file under FAULT_DIR fails with that error, as on a full disk, a file system
// remounted read-only, or a failing disk; remove the file and the disk is healthy again.
// Everything else (other files, sockets, reads) passes straight through.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static const char *fault_dir;
static const char *control;
static size_t fault_dir_length;

__attribute__((constructor)) static void setup(void) {
	fault_dir = getenv("FAULT_DIR");
	control = getenv("FAULT_CONTROL");
	fault_dir_length = fault_dir ? strlen(fault_dir) : 0;
}

/* The error to inject for a call on fd, or 0 to let it through. */
static int injected_error(int fd) {
	if (!fault_dir || !control) return 0;
	char link[64];
	char path[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t length = readlink(link, path, sizeof path - 1);
	if (length < 0) return 0;
	path[length] = '\0';
	if (strncmp(path, fault_dir, fault_dir_length) != 0) return 0;

	int saved_errno = errno;
	int file = open(control, O_RDONLY);
	if (file < 0) {
		errno = saved_errno;
		return 0;
	}
	char mode[16] = {0};
	ssize_t got = read(file, mode, sizeof mode - 1);
	close(file);
	errno = saved_errno;
	if (got <= 0) return 0;
	if (strncmp(mode, "ENOSPC", 6) == 0) return ENOSPC;
	if (strncmp(mode, "EROFS", 5) == 0) return EROFS;
	if (strncmp(mode, "EIO", 3) == 0) return EIO;
	return 0;
}

#define REAL(name) static __typeof__(&name) real = NULL; if (!real) real = dlsym(RTLD_NEXT, #name)
#define FAIL_IF_INJECTED(fd) do { int e = injected_error(fd); if (e) { errno = e; return -1; } } while (0)

ssize_t write(int fd, const void *buffer, size_t count) {
	REAL(write);
	FAIL_IF_INJECTED(fd);
	return real(fd, buffer, count);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
	REAL(pwrite);
	FAIL_IF_INJECTED(fd);
	return real(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off64_t offset) {
	REAL(pwrite64);
	FAIL_IF_INJECTED(fd);
	return real(fd, buffer, count, offset);
}

int fsync(int fd) {
	REAL(fsync);
	FAIL_IF_INJECTED(fd);
	return real(fd);
}

int fdatasync(int fd) {
	REAL(fdatasync);
	FAIL_IF_INJECTED(fd);
	return real(fd);
}

int ftruncate(int fd, off_t length) {
	REAL(ftruncate);
	FAIL_IF_INJECTED(fd);
	return real(fd, length);
}

int ftruncate64(int fd, off64_t length) {
	REAL(ftruncate64);
	FAIL_IF_INJECTED(fd);
	return real(fd, length);
}
