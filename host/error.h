/* Errors of the core: a code that maps to an exit status and a message
 * that names the input and what is wrong with it. */
#ifndef PL_ERROR_H
#define PL_ERROR_H

enum pl_status {
  PL_OK = 0,
  PL_ERR_RUNTIME = 1, /* a script failed, or the core hit a bug */
  PL_ERR_USAGE = 2,   /* bad arguments: unknown option, bad revision syntax */
  PL_ERR_INPUT = 3,   /* the input cannot be read: not an archive, unknown revision */
};

struct pl_error {
  enum pl_status code;
  char *message; /* "<input>: <what is wrong>" */
};

/* Sets *err (when err is not NULL and *err is still NULL) to a new error
 * with a printf-style message. Returns -1 so callers can `return pl_fail(...)`. */
int pl_fail(struct pl_error **err, enum pl_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Frees an error; NULL is fine. */
void pl_error_free(struct pl_error *err);

#endif
