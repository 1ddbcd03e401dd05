/* Diagnostics: every warning about the input goes through here, so that a
 * run can end with one line counting what it skipped or found damaged. */
#ifndef PL_DIAG_H
#define PL_DIAG_H

enum pl_diag_kind {
  PL_DIAG_NOTE,    /* informational, counted nowhere */
  PL_DIAG_SKIPPED, /* a message could not be read at all and was left out */
  PL_DIAG_DAMAGED, /* a message was read, but part of it was broken */
};

/* Prints "patchlore: <input>: <message>" on stderr and counts it by kind.
 * input is NULL when the message already names it (a pl_error's message). */
void pl_diag(enum pl_diag_kind kind, const char *input, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Counts of what was reported so far. */
unsigned pl_diag_count(enum pl_diag_kind kind);

/* Prints the closing line ("patchlore: 2 messages skipped, 1 damaged")
 * when anything was skipped or damaged; prints nothing otherwise. */
void pl_diag_summary(void);

/* Silences stderr output (counts go on); for tests. */
void pl_diag_set_quiet(int quiet);

#endif
