/* Header unfolding and RFC 2047 decoding (host/rfc2047.h) on any header
 * value: unfolding leaves no CR or LF, decoding always gives UTF-8, and a
 * value with no "=?" and only ASCII comes back unchanged. */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "rfc2047.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* Header values are C strings: the input up to its first NUL. */
  char *value = g_strndup((const char *)data, size);

  char *unfolded = pl_header_unfold(value);
  FUZZ_CHECK(unfolded != NULL && strpbrk(unfolded, "\r\n") == NULL);
  FUZZ_CHECK(strlen(unfolded) <= strlen(value));

  char *decoded = pl_rfc2047_decode(unfolded);
  FUZZ_CHECK(decoded != NULL && g_utf8_validate(decoded, -1, NULL));
  int plain = strstr(unfolded, "=?") == NULL;
  for (const char *p = unfolded; plain && *p; p++)
    plain = (unsigned char)*p < 0x80;
  if (plain)
    FUZZ_CHECK(strcmp(decoded, unfolded) == 0);
  g_free(decoded);

  /* Folded values reach the decoder too (a caller may skip unfolding). */
  decoded = pl_rfc2047_decode(value);
  FUZZ_CHECK(decoded != NULL && g_utf8_validate(decoded, -1, NULL));
  g_free(decoded);

  g_free(unfolded);
  g_free(value);
  return 0;
}
