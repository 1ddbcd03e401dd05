/* Charset conversion to UTF-8 with the fallback real mail needs. */
#ifndef PL_CHARSET_H
#define PL_CHARSET_H

#include <stddef.h>

/* Converts len bytes declared as charset (NULL or "": none declared, taken
 * as UTF-8) to UTF-8. When the charset is unknown to iconv, or the bytes
 * are invalid in it or decode to code points above U+10FFFF: the bytes
 * themselves if they are valid UTF-8, else Latin-1. Latin-1 here, and for
 * an iso-8859-1 label, reads 0x80-0x9f as windows-1252 (curly quotes, not
 * C1 controls), as browsers do. Real mail says charset=y, unknown-8bit,
 * utf-7, gbk, big5, iso-2022-jp, koi8-r.
 * Returns a NUL-terminated string the caller frees with g_free (the text
 * may itself hold NUL bytes: *out_len, when not NULL, gets the length).
 * *fell_back, when not NULL, is set to 1 when the declared charset could
 * not be used (or, none declared, the bytes are not UTF-8), else 0.
 * Cost: one pass, one copy (iconv's output is checked: one pass more); a
 * failed conversion adds one more pass. */
char *pl_charset_to_utf8(const char *bytes, size_t len, const char *charset,
                         size_t *out_len, int *fell_back);

#endif
