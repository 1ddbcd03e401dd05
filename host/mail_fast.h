/* The fast path of the mail model: the text of the overwhelmingly common
 * message that is one text/plain (or text/x-patch, text/x-diff) part, read
 * without building GMime's object tree. It only takes mail whose header
 * block and content headers it reads exactly as GMime 3.2 does, and undoes
 * the transfer encoding with GMime's own decoder; anything else is left to
 * the GMime path. Internal to mail.c (and the checks that compare both). */
#ifndef PL_MAIL_FAST_H
#define PL_MAIL_FAST_H

#include <stddef.h>

/* What one pass over a message's header block found. */
struct pl_mail_scan {
  /* Every line is a well-formed field ("Name:" with a printable ASCII
   * name) or the fold of one, and an empty line ends them: GMime's parser
   * is certain to find a message, and its body starts at body. */
  int clean;
  size_t body;
  /* How many Content-Type and Content-Transfer-Encoding fields there are,
   * and where the last one's raw value lies (after the colon, up to the
   * end of its last line). */
  int n_type, n_encoding;
  size_t type_at, type_end;
  size_t encoding_at, encoding_end;
};

/* Scans the header block of a raw message of len bytes into *scan.
 * Cost: one pass over the header block; no allocation. */
void pl_mail_scan(const char *data, size_t len, struct pl_mail_scan *scan);

/* The raw value of the first field called name (any case) in a clean
 * header block, as GMime's header list keeps it: from after the colon to
 * the end of its last line, folds and line ends kept. Returns it (in
 * data), *value_len set, or NULL when there is no such field. Cost: one
 * pass over the header block. */
const char *pl_mail_fast_header(const char *data, const struct pl_mail_scan *scan,
                                const char *name, size_t *value_len);

/* When *scan (of these bytes) is clean and shows a single text/plain,
 * text/x-patch or text/x-diff part in 7bit, 8bit, binary, quoted-printable
 * or base64: its content with the transfer encoding undone, byte for byte
 * what GMime's data wrapper writes. *content points into data, or into
 * *owned when decoding needed a buffer (free *owned with g_free; it is
 * NULL otherwise); *charset gets the charset parameter or NULL (free with
 * g_free). Returns 1 then; 0, setting nothing, when the message needs
 * GMime. Cost: one pass over an encoded body, none over a plain one. */
int pl_mail_fast_content(const char *data, size_t len, const struct pl_mail_scan *scan,
                         const char **content, size_t *content_len, char **owned,
                         char **charset);

#endif
