/* Trailers: the "Token: value" lines at the end of a commit message
 * (Signed-off-by, Reviewed-by, Fixes, Link, ...), the ones a reviewer
 * gives in a reply, and the lines b4 writes about a series (base-commit,
 * change-id, prerequisite-patch-id) and Supersedes. Pure text, no mail.
 * All input is UTF-8 with LF line ends, as a pointer and a length (it
 * need not be NUL-terminated). */
#ifndef PL_TRAILER_H
#define PL_TRAILER_H

#include <glib.h>
#include <stddef.h>

/* A person named in text: "Name <address>", "\"Last, First\" <address>",
 * "address (Name)" or a bare address. */
struct pl_trailer_person {
  char *name;    /* display name, quotes and backslash escapes removed;
                  * NULL when there is none */
  char *address; /* never NULL; as written, without the angle brackets */
};

struct pl_trailer {
  char *key;   /* as written: "Reviewed-by", "Fixes", "base-commit" */
  char *value; /* trimmed; continuation lines joined with one space */
  struct pl_trailer_person *person; /* the person of the value; NULL when the
                                     * value names no address, and always
                                     * for keys that name things, not
                                     * people (Fixes, Link, Closes, ...) */
};

/* Parses len bytes as a person. Returns NULL when they hold no address
 * (an address has text on both sides of an '@', no white space and no
 * "://"). Text after the address ("<a@b> # v6.1", "[for the bits]") is
 * ignored. Free with pl_trailer_person_free. Cost: one pass. */
struct pl_trailer_person *pl_trailer_person_parse(const char *s, size_t len);

/* Frees a person; NULL is fine. */
void pl_trailer_person_free(struct pl_trailer_person *person);

/* Frees a trailer and its person; NULL is fine. */
void pl_trailer_free(struct pl_trailer *trailer);

/* 1 when key is one of the trailers that name a person by convention
 * (any key ending in "-by", case-insensitive, and Cc), else 0. */
int pl_trailer_key_is_person(const char *key);

/* The trailers of a commit message (the text between the in-body headers
 * and the "---" line), by git interpret-trailers' rules: the trailer block
 * is the last paragraph when its lines are all trailers ("Token: value",
 * Token made of letters, digits and '-', and lines starting with white
 * space continuing the trailer above them), or when at least one is a
 * "Signed-off-by: " or "(cherry picked from commit " line and at least a
 * quarter are trailers (so "[ maintainer note ]" lines are allowed);
 * lines starting with '#' are comments. The message has no title line
 * here: its first paragraph may be the block. Two additions: paragraphs
 * just above the block whose lines are all trailers with a key of the
 * kernel's list (Signed-off-by, Co-developed-by, Reviewed-by, Acked-by,
 * Tested-by, Reported-by, Suggested-by, any other "-by", Fixes, Link,
 * Closes, Cc) join it; and a URL line ("https://...") is not a trailer.
 * Non-trailer lines of the block are left out of the result. Returns an
 * array of struct pl_trailer * in message order that owns them (free
 * with g_ptr_array_unref); empty when there are none. Cost: linear. */
GPtrArray *pl_trailer_parse(const char *message, size_t len);

/* The trailers a reply gives, for collecting review tags: every line that
 * does not start with '>' (after optional white space) and reads
 * "Key-by: Name <address>" (any key ending in "-by" whose value names an
 * address) or "Fixes: <hex> ...", up to a "-- " signature line. A
 * "Key-by: Name" line whose next line is just "<address>" is taken as one
 * (mailers wrap long lines). Returns an owning array of struct
 * pl_trailer * in text order (free with g_ptr_array_unref). Linear. */
GPtrArray *pl_trailer_find_in_reply(const char *text, size_t len);

/* The lines that say what a patch or series applies to or replaces, at
 * the start of a line, anywhere in the text given (the caller chooses the
 * region: after the diff, or a cover letter), up to a "-- " signature
 * line: base-commit, change-id, prerequisite-patch-id,
 * prerequisite-change-id, prerequisite-message-id (as b4 writes them),
 * Supersedes and Based-on. Keys match case-insensitively and are kept as
 * written; person is always NULL. Returns an owning array of struct
 * pl_trailer * (free with g_ptr_array_unref). Linear. */
GPtrArray *pl_trailer_find_info(const char *text, size_t len);

/* 1 when the line (without its LF) is one of the lines
 * pl_trailer_find_info returns, else 0. */
int pl_trailer_is_info_line(const char *line, size_t len);

#endif
