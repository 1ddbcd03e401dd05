/* The message path (host/mail.h) on raw bytes: parse, then every field a
 * script can ask for: text, headers, subject, addresses, ids, date,
 * List-Id and parts. Decoded header values and texts must be UTF-8 (texts
 * may hold NUL bytes). The text is asked for first, so a plain message
 * takes the fast path (mail_fast.h); a second parse asks for the parts
 * first, so its text comes from GMime's tree, and both texts must be the
 * same bytes. */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "mail.h"

/* UTF-8, NUL bytes allowed, as pl_mail_text documents. */
static int utf8_with_nuls(const char *s, size_t len)
{
  const char *end = s + len;
  while (s < end) {
    const char *stop;
    if (g_utf8_validate_len(s, (gsize)(end - s), &stop))
      return 1;
    if (*stop != '\0')
      return 0;
    s = stop + 1;
  }
  return 1;
}

static void check_people(const GPtrArray *people)
{
  FUZZ_CHECK(people != NULL);
  for (guint i = 0; i < people->len; i++) {
    const struct pl_person *p = people->pdata[i];
    FUZZ_CHECK(p->address != NULL);
    FUZZ_CHECK(p->name == NULL || *p->name != '\0');
  }
}

static void check_ids(const GPtrArray *ids)
{
  FUZZ_CHECK(ids != NULL);
  for (guint i = 0; i < ids->len; i++)
    FUZZ_CHECK(*(const char *)ids->pdata[i] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  GBytes *raw = g_bytes_new(data, size);
  struct pl_mail *mail = pl_mail_parse(raw);
  g_bytes_unref(raw);
  FUZZ_CHECK(g_bytes_get_size(pl_mail_raw(mail)) == size);

  size_t len = 0;
  const char *text = pl_mail_text(mail, &len);
  FUZZ_CHECK(text != NULL && text[len] == '\0');
  FUZZ_CHECK(utf8_with_nuls(text, len));

  const GPtrArray *headers = pl_mail_header_list(mail);
  for (guint i = 0; i < headers->len; i++) {
    const struct pl_header *h = headers->pdata[i];
    FUZZ_CHECK(h->name != NULL && h->value != NULL);
    FUZZ_CHECK(g_utf8_validate(h->value, -1, NULL));
    struct pl_person person;
    if (pl_person_parse(h->value, &person))
      FUZZ_CHECK(person.address != NULL);
    pl_person_clear(&person);
  }
  GPtrArray *received = pl_mail_headers(mail, "Received");
  g_ptr_array_unref(received);

  const char *subject = pl_mail_subject(mail);
  FUZZ_CHECK(subject != NULL && g_utf8_validate(subject, -1, NULL));

  static const char *const address_headers[] = {"From", "To", "Cc", "Reply-To", "Sender"};
  for (size_t i = 0; i < G_N_ELEMENTS(address_headers); i++)
    check_people(pl_mail_addresses(mail, address_headers[i]));
  /* Asked twice: the cached array comes back. */
  FUZZ_CHECK(pl_mail_addresses(mail, "from") == pl_mail_addresses(mail, "From"));

  int64_t when = 0;
  int offset = 0;
  (void)pl_mail_date(mail, &when, &offset);

  const char *id = pl_mail_message_id(mail);
  FUZZ_CHECK(id == NULL || *id != '\0');
  check_ids(pl_mail_in_reply_to(mail));
  check_ids(pl_mail_references(mail));
  (void)pl_mail_list_id(mail);

  const GPtrArray *parts = pl_mail_parts(mail);
  for (guint i = 0; i < parts->len; i++) {
    const struct pl_part *part = parts->pdata[i];
    FUZZ_CHECK(part->type != NULL && part->content != NULL);
    if (part->text) {
      FUZZ_CHECK(part->text[part->text_len] == '\0');
      FUZZ_CHECK(utf8_with_nuls(part->text, part->text_len));
    }
  }

  (void)pl_mail_damage(mail);

  raw = g_bytes_new_static(data, size);
  struct pl_mail *tree = pl_mail_parse(raw);
  g_bytes_unref(raw);
  FUZZ_CHECK(pl_mail_parts(tree)->len == parts->len);
  size_t tree_len = 0;
  const char *tree_text = pl_mail_text(tree, &tree_len);
  FUZZ_CHECK(tree_len == len && memcmp(tree_text, text, len) == 0);
  pl_mail_free(tree);
  pl_mail_free(mail);
  return 0;
}
