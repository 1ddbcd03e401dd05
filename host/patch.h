/* The patch in a message's decoded text: in-body pseudo-headers, commit
 * message and its trailers, notes, diffstat, diff, patch-id, the b4 lines
 * (base-commit, change-id, ...), and the fields of a pull request. Pure
 * text parsing: the input is the text already decoded to UTF-8 with LF
 * line ends, a pointer and a length (no NUL needed). Whether the message
 * is a patch or a cover letter is for the caller to say; this only says
 * what the text holds. */
#ifndef PL_PATCH_H
#define PL_PATCH_H

#include <glib.h>
#include <stddef.h>

#include "diff.h"
#include "trailer.h"

#define PL_PATCH_NONE ((size_t)-1)

/* An in-body pseudo-header: `From:`, `Date:` or `Subject:` at the top. */
struct pl_patch_header {
  char *name;  /* as written: "From" */
  char *value; /* unfolded (a line break before white space removed, the
                * white space kept) and trimmed */
};

/* What `git request-pull` writes:
 *   The following changes since commit <base>:
 *   are available in the Git repository at:
 *     <repository> <ref>
 *   for you to fetch changes up to <head>: */
struct pl_patch_pull {
  char *repository; /* URL; never NULL */
  char *ref;        /* branch or tag after the URL; NULL when none */
  char *base;       /* commit after "since commit"; NULL when missing */
  char *head;       /* commit after "up to"; NULL when missing */
};

struct pl_patch {
  GPtrArray *headers; /* struct pl_patch_header *, owned, in order */
  struct pl_trailer_person *author; /* from the first in-body From when it
                                     * holds an address (name without
                                     * quotes), else NULL; the caller
                                     * weighs it against the header From */
  char *message; /* the commit message: after the pseudo-headers up to
                  * the patch break (a `---` line, `diff -`, `Index: `,
                  * `--- file`), the diffstat of a cover letter, the
                  * signature, or the end; leading blank lines, trailing
                  * white space and a closing block of b4 lines removed;
                  * never NULL */
  GPtrArray *trailers; /* struct pl_trailer *, owned: the message's
                        * trailer block (see pl_trailer_parse) */
  char *notes; /* the text between the `---` line and the diff that is
                * not the diffstat: before it, and after it up to a `---`
                * or b4 line (a b4 cover letter's closing); parts trimmed
                * and joined by a blank line; NULL when none */
  struct pl_diff_stat *diffstat; /* after the `---` line, or in a cover
                                  * letter's message; NULL when none */
  struct pl_diff *diff; /* NULL when the text holds no diff */
  char *patch_id;       /* `git patch-id --stable` of the diff (40 hex
                         * digits); NULL when there is no diff */
  GPtrArray *info; /* struct pl_trailer *, owned: base-commit, change-id,
                    * prerequisite-*, Supersedes, Based-on lines (see
                    * pl_trailer_find_info) after the message when there
                    * is a diff, anywhere after the pseudo-headers when
                    * there is none */
  struct pl_patch_pull *pull; /* NULL unless the text is a pull request */

  /* Where the parts are, as byte offsets into the text parsed: */
  size_t body_offset;      /* first line after the pseudo-headers and the
                            * blank line after them (leading blank lines
                            * skipped) */
  size_t message_end;      /* where the message region ends (before
                            * trimming): the patch break, diffstat,
                            * signature or end */
  size_t separator_offset; /* the `---` line; PL_PATCH_NONE when none */
  size_t signature_offset; /* the `-- ` line that ends the text proper
                            * (after a diff, a bare `--` too: mailers
                            * strip the space); PL_PATCH_NONE when none */
};

/* Parses text (len bytes; NULL with len 0 is an empty text). Never
 * returns NULL: a text with nothing recognisable gives a patch whose
 * message is the text. The caller frees the result with pl_patch_free,
 * which frees everything it holds. Cost: a few linear passes over the
 * text and one SHA-1 over the diff; no recursion, memory linear in the
 * number of trailers, files and hunks. */
struct pl_patch *pl_patch_parse(const char *text, size_t len);

/* Parses only the in-body pseudo-headers at the top of text: a patch with
 * headers, author and body_offset set and nothing else (message,
 * trailers and info NULL). For callers that want the author without paying for the
 * diff and its patch-id. Free with pl_patch_free. Cost: the header lines. */
struct pl_patch *pl_patch_parse_headers(const char *text, size_t len);

/* Frees a patch and everything it owns; NULL is fine. */
void pl_patch_free(struct pl_patch *patch);

/* 1 when a diff was found (at least one file), else 0. */
int pl_patch_has_diff(const struct pl_patch *patch);

/* The value of the first pseudo-header named name (case-insensitive), or
 * NULL. The string belongs to the patch. */
const char *pl_patch_header(const struct pl_patch *patch, const char *name);

/* The value of the first info line with key (case-insensitive), e.g.
 * "base-commit", or NULL. The string belongs to the patch. */
const char *pl_patch_info(const struct pl_patch *patch, const char *key);

/* The pull request fields of text, or NULL when it has no "The following
 * changes since commit" line followed by an "are available in the Git
 * repository at:" line (older git: "git repository", or "at:" alone).
 * Free with pl_patch_pull_free. Linear. */
struct pl_patch_pull *pl_patch_pull_parse(const char *text, size_t len);

/* Frees pull request fields; NULL is fine. */
void pl_patch_pull_free(struct pl_patch_pull *pull);

#endif
