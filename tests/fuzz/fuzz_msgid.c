/* The References / In-Reply-To tokenizer and the Message-ID reader
 * (host/msgid.h) on any header value: ids are non-empty, hold no white
 * space or angle brackets, and are never listed twice. */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "msgid.h"

static void check_id(const char *id)
{
  FUZZ_CHECK(id != NULL && *id != '\0');
  FUZZ_CHECK(strpbrk(id, " \t\r\n<>") == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* Header values are C strings: the input up to its first NUL. */
  char *value = g_strndup((const char *)data, size);

  size_t value_len = strlen(value);
  GPtrArray *ids = pl_msgid_list(value);
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < ids->len; i++) {
    const char *id = g_ptr_array_index(ids, i);
    check_id(id);
    FUZZ_CHECK(strlen(id) <= value_len);
    FUZZ_CHECK(g_hash_table_add(seen, (gpointer)id));
  }
  g_hash_table_destroy(seen);

  char *one = pl_msgid_one(value);
  if (ids->len > 0) {
    /* The first <...> token is the Message-ID and the first of the list. */
    FUZZ_CHECK(one != NULL && strcmp(one, g_ptr_array_index(ids, 0)) == 0);
  } else if (one != NULL) {
    FUZZ_CHECK(*one != '\0' && strlen(one) <= value_len);
  }
  g_free(one);
  g_ptr_array_unref(ids);
  g_free(value);
  return 0;
}
