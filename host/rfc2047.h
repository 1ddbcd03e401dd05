/* Header text: unfolding and RFC 2047 encoded words. */
#ifndef PL_RFC2047_H
#define PL_RFC2047_H

/* Returns value with every line break that is followed by white space
 * removed (the white space kept), and any other CR/LF dropped. The caller
 * frees it with g_free. */
char *pl_header_unfold(const char *value);

/* Decodes the RFC 2047 encoded words of an (unfolded) header value to
 * UTF-8. White space between adjacent encoded words is dropped. The bytes
 * of adjacent words in the same charset are joined before conversion, so
 * a character split over two words survives, and a base64 word ending in
 * '=' does not swallow the next one (GMime 3.2.13 loses it: gmime #133).
 * Text outside words that is raw 8-bit goes through pl_charset_to_utf8
 * with no charset (UTF-8 if valid, else Latin-1); so do words whose charset
 * is unknown. Malformed words are kept as they are. The caller frees the
 * result with g_free. */
char *pl_rfc2047_decode(const char *value);

#endif
