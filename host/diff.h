/* The diffstat and the diff of a patch text: git's `diff --git` format
 * (modes, new and deleted files, renames and copies, binary files) and
 * plain unified diffs (`--- a/x` / `+++ b/x`). Pure text, no mail. Input
 * is UTF-8 with LF line ends, a pointer and a length (no NUL needed).
 * Offsets are byte offsets into that text; counts are saturating 64-bit
 * numbers, so `| 99999999999999999999 +++` gives G_MAXUINT64. */
#ifndef PL_DIFF_H
#define PL_DIFF_H

#include <glib.h>
#include <stddef.h>

#define PL_DIFF_NONE ((size_t)-1)

/* One file line of a diffstat: ` path | 12 ++++----`,
 * ` path | Bin 0 -> 1234 bytes`, ` dir/{old => new}.c | 0`. */
struct pl_diff_stat_file {
  char *path;     /* the path shown (the new one for a rename), unquoted */
  char *old_path; /* for a rename shown as `a => b` or `{a => b}`: the old
                   * path; NULL otherwise */
  int truncated;  /* 1 when git cut the front of the path to `.../` (the
                   * path then starts with "...") */
  int binary;     /* 1 for a `Bin` line */
  guint64 changes;    /* the number before the graph; 0 for binary */
  guint64 insertions; /* from the graph: its '+' count when the graph is
                       * not scaled, else changes shared in proportion */
  guint64 deletions;
  int exact;          /* 1 when the graph has one sign per change */
  guint64 old_size, new_size; /* binary `Bin a -> b bytes`; else 0 */
};

struct pl_diff_stat {
  GPtrArray *files;      /* struct pl_diff_stat_file *, owned, in order */
  guint64 files_changed; /* from ` 3 files changed, 10 insertions(+), */
  guint64 insertions;    /*  2 deletions(-)`; 0 when a part is missing */
  guint64 deletions;
  size_t offset, length; /* the block: file lines, summary line, and the
                          * ` create mode ...` lines after it, LFs in */
  size_t summary_offset, summary_length; /* the summary line, no LF */
};

enum pl_diff_status {
  PL_DIFF_MODIFIED,
  PL_DIFF_ADDED,
  PL_DIFF_DELETED,
  PL_DIFF_RENAMED,
  PL_DIFF_COPIED,
};

enum pl_diff_binary {
  PL_DIFF_TEXT,           /* not binary */
  PL_DIFF_BINARY_PATCH,   /* `GIT binary patch` with literal/delta data */
  PL_DIFF_BINARY_DIFFERS, /* `Binary files a/x and b/x differ` */
};

struct pl_diff_hunk {
  guint64 old_start, old_count; /* from `@@ -a,b +c,d @@`; a count left */
  guint64 new_start, new_count; /* out is 1 */
  char *section;                /* text after the closing `@@`, trimmed;
                                 * NULL when there is none */
  guint64 added, removed;       /* '+' and '-' lines counted */
  int truncated;  /* 1 when the text ran out of hunk lines before the
                   * counts of the header were met */
  size_t offset, length; /* the `@@` line through the hunk's last line */
};

struct pl_diff_file {
  char *old_path; /* without the a/ prefix; NULL for an added file */
  char *new_path; /* without the b/ prefix; NULL for a deleted file */
  enum pl_diff_status status;
  unsigned old_mode, new_mode; /* e.g. 0100644; 0 when not given */
  int similarity;    /* rename or copy similarity in percent; -1 if none */
  int dissimilarity; /* `dissimilarity index` of a rewrite; -1 if none */
  char *old_id, *new_id; /* object names of the `index` line; NULL */
  enum pl_diff_binary binary;
  int git;               /* 1 for a `diff --git` file, 0 for plain */
  guint64 added, removed; /* lines, summed over the hunks */
  GPtrArray *hunks;      /* struct pl_diff_hunk *, owned, in order */
  size_t offset, length; /* from the `diff --git` (or `---`) line through
                          * the file's last line */
};

struct pl_diff {
  GPtrArray *files;       /* struct pl_diff_file *, owned, in order */
  guint64 added, removed; /* summed over the files */
  size_t offset, length;  /* the diff in the text, from the start given
                           * to pl_diff_parse (a plain diff's preamble
                           * included) through its last line */
};

/* Where a diff starts at or after offset from, stopping at to (exclusive;
 * pass len for the end): the first line starting with `diff --git `, or
 * a `--- ` line directly followed by a `+++ ` line (with the `Index: `,
 * `====`, `diff -u` lines just before it, as quilt writes). When a `-- `
 * signature line comes first, or there is no diff, returns PL_DIFF_NONE
 * and sets *signature (when not NULL) to the signature's offset or
 * PL_DIFF_NONE. Cost: one pass over the lines looked at. */
size_t pl_diff_find(const char *text, size_t len, size_t from, size_t to,
                    size_t *signature);

/* Parses the diff that starts at offset start (as pl_diff_find returns
 * it) up to the first line that cannot continue it: hunks are read by
 * their line counts, so a removed line "-- " inside a hunk is kept and a
 * "-- " signature after the last hunk ends the diff. A blank line inside
 * a hunk counts as an empty context line (mailers eat the space); a hunk
 * whose lines run out early is kept and marked truncated. Returns NULL
 * when no file starts at start; else a diff the caller frees with
 * pl_diff_free, which frees its files and hunks. Linear, no recursion. */
struct pl_diff *pl_diff_parse(const char *text, size_t len, size_t start);

/* Frees a diff; NULL is fine. */
void pl_diff_free(struct pl_diff *diff);

/* Parses one line (without its LF) as a diffstat file line. Returns a
 * new file the caller frees with pl_diff_stat_file_free, or NULL when
 * the line is not one (it must start with white space and hold a path,
 * a '|', and a count with an optional graph of '+'/'-', or `Bin`). */
struct pl_diff_stat_file *pl_diff_stat_parse_line(const char *line,
                                                  size_t len);

/* Frees a diffstat file line; NULL is fine. */
void pl_diff_stat_file_free(struct pl_diff_stat_file *file);

/* 1 when the line (without its LF) is a diffstat summary line,
 * ` N file(s) changed[, N insertion(s)(+)][, N deletion(s)(-)]` (leading
 * white space optional, trailing white space allowed), filling the
 * counts that are not NULL (0 for a part that is missing); else 0. */
int pl_diff_stat_is_summary(const char *line, size_t len, guint64 *files,
                            guint64 *insertions, guint64 *deletions);

/* The first diffstat block in [from, to): a run of file lines (maybe
 * none) ending with a summary line; the ` create mode`, ` delete mode`,
 * ` rename`, ` copy`, ` mode change`, ` rewrite` lines that --summary
 * prints after it belong to the block. Returns NULL when there is none;
 * else a diffstat the caller frees with pl_diff_stat_free. Cost: one
 * pass over [from, to). */
struct pl_diff_stat *pl_diff_stat_find(const char *text, size_t len,
                                       size_t from, size_t to);

/* Frees a diffstat; NULL is fine. */
void pl_diff_stat_free(struct pl_diff_stat *stat);

#endif
