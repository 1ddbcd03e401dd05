#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "mail.h"

/* Parses tests/fixtures/mail/<name>; the mail holds the only reference. */
static struct pl_mail *load(const char *name)
{
  char *path = g_build_filename(FIXTURES, "mail", name, NULL);
  gchar *data;
  gsize len;
  GError *error = NULL;
  if (!g_file_get_contents(path, &data, &len, &error))
    fail_msg("%s: %s", path, error->message);
  g_free(path);
  GBytes *raw = g_bytes_new_take(data, len);
  struct pl_mail *mail = pl_mail_parse(raw);
  g_bytes_unref(raw);
  assert_non_null(mail);
  return mail;
}

static void check_text(struct pl_mail *mail, const char *want)
{
  size_t len = 12345;
  const char *text = pl_mail_text(mail, &len);
  assert_non_null(text);
  assert_int_equal(len, strlen(want));
  assert_memory_equal(text, want, len);
  assert_int_equal(text[len], '\0');
}

static void check_person(const GPtrArray *people, guint i, const char *name, const char *address)
{
  assert_true(i < people->len);
  const struct pl_person *p = people->pdata[i];
  if (name) {
    assert_non_null(p->name);
    assert_string_equal(p->name, name);
  } else {
    assert_null(p->name);
  }
  assert_non_null(p->address);
  assert_string_equal(p->address, address);
}

static void check_ids(const GPtrArray *ids, const char *const *want, guint n)
{
  assert_non_null(ids);
  assert_int_equal(ids->len, n);
  for (guint i = 0; i < n; i++)
    assert_string_equal(ids->pdata[i], want[i]);
}

static const struct pl_part *part_at(struct pl_mail *mail, guint i)
{
  const GPtrArray *parts = pl_mail_parts(mail);
  assert_true(i < parts->len);
  return parts->pdata[i];
}

static void check_part(const struct pl_part *part, const char *type, const char *charset,
                       const char *filename, const char *disposition, const char *content,
                       size_t content_len)
{
  assert_string_equal(part->type, type);
  if (charset) {
    assert_non_null(part->charset);
    assert_string_equal(part->charset, charset);
  } else {
    assert_null(part->charset);
  }
  if (filename) {
    assert_non_null(part->filename);
    assert_string_equal(part->filename, filename);
  } else {
    assert_null(part->filename);
  }
  if (disposition) {
    assert_non_null(part->disposition);
    assert_string_equal(part->disposition, disposition);
  } else {
    assert_null(part->disposition);
  }
  assert_non_null(part->content);
  gsize len;
  const char *data = g_bytes_get_data(part->content, &len);
  assert_int_equal(len, content_len);
  assert_memory_equal(data, content, len);
}

#define CHECK_PART(part, type, charset, filename, disposition, content)                  \
  check_part(part, type, charset, filename, disposition, content, sizeof(content) - 1)

static void qp_crlf_is_decoded_to_lf(void **state)
{
  (void)state;
  struct pl_mail *m = load("qp-crlf.eml");
  assert_string_equal(pl_mail_subject(m), "quoted-printable with CRLF");
  assert_string_equal(pl_mail_message_id(m), "qp-crlf@example.org");
  check_text(m, "caf\xc3\xa9 au lait, a line that is long enough to need a soft"
                " break in the middle\n"
                "a=b and x == y\n"
                "soft at end of wordjoined\n");
  /* The part's content keeps the message's line ends: only text is LF. */
  CHECK_PART(part_at(m, 0), "text/plain", "utf-8", NULL, NULL,
             "caf\xc3\xa9 au lait, a line that is long enough to need a soft"
             " break in the middle\r\n"
             "a=b and x == y\r\n"
             "soft at end of wordjoined\r\n");
  assert_null(pl_mail_damage(m));
  pl_mail_free(m);
}

static void base64_body_is_decoded(void **state)
{
  (void)state;
  struct pl_mail *m = load("base64.eml");
  check_text(m, "Hello W\xc3\xb6rld,\nthis is base64.\n");
  assert_int_equal(pl_mail_parts(m)->len, 1);
  assert_null(pl_mail_damage(m));
  pl_mail_free(m);
}

static void latin1_body_is_converted(void **state)
{
  (void)state;
  struct pl_mail *m = load("latin1.eml");
  /* 0x93/0x94 in a Latin-1 label are windows-1252 curly quotes. */
  check_text(m, "caf\xc3\xa9 cr\xc3\xa8me \xe2\x80\x9cquoted\xe2\x80\x9d\n");
  CHECK_PART(part_at(m, 0), "text/plain", "iso-8859-1", NULL, NULL,
             "caf\xe9 cr\xe8me \x93quoted\x94\n");
  assert_null(pl_mail_damage(m));
  pl_mail_free(m);
}

static void charset_y_falls_back_to_latin1(void **state)
{
  (void)state;
  struct pl_mail *m = load("charset-y.eml");
  check_text(m, "na\xc3\xafve\n");
  assert_string_equal(pl_mail_damage(m), "text not valid in its declared charset");
  pl_mail_free(m);
}

static void unknown_8bit_falls_back_to_latin1(void **state)
{
  (void)state;
  struct pl_mail *m = load("charset-unknown-8bit.eml");
  check_text(m, "se\xc3\xb1or\n");
  assert_string_equal(pl_mail_damage(m), "text not valid in its declared charset");
  pl_mail_free(m);
}

static void utf8_declared_with_latin1_bytes(void **state)
{
  (void)state;
  struct pl_mail *m = load("utf8-declared-latin1-bytes.eml");
  check_text(m, "d\xc3\xa9j\xc3\xa0 vu\n");
  assert_string_equal(pl_mail_damage(m), "text not valid in its declared charset");
  pl_mail_free(m);
}

static void us_ascii_declared_with_utf8_bytes(void **state)
{
  (void)state;
  struct pl_mail *m = load("us-ascii-declared-utf8-bytes.eml");
  check_text(m, "caf\xc3\xa9 \xe2\x80\x94 ok\n");
  assert_string_equal(pl_mail_damage(m), "text not valid in its declared charset");
  pl_mail_free(m);
}

static void gbk_body_is_converted(void **state)
{
  (void)state;
  struct pl_mail *m = load("gbk.eml");
  check_text(m, "\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c\n");
  assert_null(pl_mail_damage(m));
  pl_mail_free(m);
}

static void koi8_r_body_is_converted(void **state)
{
  (void)state;
  struct pl_mail *m = load("koi8-r.eml");
  check_text(m, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, "
                "\xd0\xbc\xd0\xb8\xd1\x80\n");
  assert_null(pl_mail_damage(m));
  pl_mail_free(m);
}

static void iso_2022_jp_body_is_converted(void **state)
{
  (void)state;
  struct pl_mail *m = load("iso-2022-jp.eml");
  check_text(m, "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf\n");
  assert_null(pl_mail_damage(m));
  pl_mail_free(m);
}

static void rfc2047_names_and_subject(void **state)
{
  (void)state;
  struct pl_mail *m = load("rfc2047-names.eml");
  assert_string_equal(pl_mail_subject(m), "Re: [PATCH] caf\xc3\xa9: fix cr\xc3\xa8me");
  const GPtrArray *from = pl_mail_addresses(m, "From");
  assert_int_equal(from->len, 1);
  check_person(from, 0, "Ren\xc3\xa9 Fran\xc3\xa7ois", "rene@example.org");
  const GPtrArray *to = pl_mail_addresses(m, "To");
  assert_int_equal(to->len, 2);
  check_person(to, 0, "J\xc3\xb6rg M\xc3\xbcller", "joerg@example.org");
  check_person(to, 1, "\xe5\xbc\xa0\xe4\xb8\x89", "zhang@example.cn");
  assert_string_equal(pl_mail_header(m, "To"),
                      "J\xc3\xb6rg M\xc3\xbcller <joerg@example.org>, "
                      "\xe5\xbc\xa0\xe4\xb8\x89 <zhang@example.cn>");
  pl_mail_free(m);
}

static void subject_adjacent_base64_words_gmime_133(void **state)
{
  (void)state;
  struct pl_mail *m = load("subject-adjacent-base64.eml");
  /* =?UTF-8?B?W1BBVENIXSDDvA==?= =?UTF-8?B?YmVyIGFsbGVzOiBmaXg=?= */
  assert_string_equal(pl_mail_subject(m), "[PATCH] \xc3\xbc" "ber alles: fix");
  assert_string_equal(pl_mail_header(m, "subject"), "[PATCH] \xc3\xbc" "ber alles: fix");
  pl_mail_free(m);
}

static void folded_subject_and_references(void **state)
{
  (void)state;
  struct pl_mail *m = load("subject-folded.eml");
  /* Unfolding drops the line breaks and keeps the white space after them. */
  assert_string_equal(pl_mail_subject(m),
                      "[PATCH v3 07/12] mm/page_alloc: a subject long enough"
                      " that git send-email folds it over\tthree lines");
  static const char *const refs[] = {"first.1@example.org", "second.2@example.org",
                                     "third.3@example.org"};
  check_ids(pl_mail_references(m), refs, 3);
  static const char *const irt[] = {"third.3@example.org"};
  check_ids(pl_mail_in_reply_to(m), irt, 1);
  pl_mail_free(m);
}

static void alternative_with_html_first_gives_plain(void **state)
{
  (void)state;
  struct pl_mail *m = load("alternative-html-first.eml");
  check_text(m, "the plain part");
  assert_int_equal(pl_mail_parts(m)->len, 2);
  CHECK_PART(part_at(m, 0), "text/html", "utf-8", NULL, NULL, "<p>the html part</p>");
  CHECK_PART(part_at(m, 1), "text/plain", "utf-8", NULL, NULL, "the plain part");
  pl_mail_free(m);
}

static void mixed_with_html_first_gives_plain(void **state)
{
  (void)state;
  struct pl_mail *m = load("mixed-html-first.eml");
  check_text(m, "plain \xc3\xa9t\xc3\xa9");
  assert_int_equal(pl_mail_parts(m)->len, 2);
  CHECK_PART(part_at(m, 0), "text/html", "utf-8", NULL, NULL, "<p>html</p>");
  CHECK_PART(part_at(m, 1), "text/plain", "iso-8859-1", NULL, NULL, "plain \xe9t\xe9");
  pl_mail_free(m);
}

static void nested_multipart_in_tree_order(void **state)
{
  (void)state;
  struct pl_mail *m = load("multipart-nested.eml");
  const GPtrArray *parts = pl_mail_parts(m);
  assert_int_equal(parts->len, 4);
  CHECK_PART(part_at(m, 0), "text/html", NULL, NULL, NULL, "<b>inner html</b>");
  CHECK_PART(part_at(m, 1), "text/plain", NULL, NULL, NULL, "inner plain");
  CHECK_PART(part_at(m, 2), "application/octet-stream", NULL, "blob.bin", "attachment",
             "\x00\x01\x02\xff");
  assert_null(part_at(m, 2)->text);
  CHECK_PART(part_at(m, 3), "text/plain", NULL, NULL, NULL, "outer plain");
  check_text(m, "inner plain");
  pl_mail_free(m);
}

#define PATCH_TEXT                                                                       \
  "diff --git a/frob.c b/frob.c\n"                                                       \
  "--- a/frob.c\n"                                                                       \
  "+++ b/frob.c\n"                                                                       \
  "@@ -1 +1 @@\n"                                                                        \
  "-int frob_count;\n"                                                                   \
  "+size_t frob_count;\n"

static void patch_attachment_x_patch(void **state)
{
  (void)state;
  struct pl_mail *m = load("patch-attachment-x-patch.eml");
  assert_int_equal(pl_mail_parts(m)->len, 2);
  CHECK_PART(part_at(m, 0), "text/html", "utf-8", NULL, NULL, "<p>patch attached</p>");
  CHECK_PART(part_at(m, 1), "text/x-patch", "us-ascii", "0001-frob-use-size_t.patch",
             "attachment", PATCH_TEXT);
  assert_string_equal(part_at(m, 1)->text, PATCH_TEXT);
  check_text(m, PATCH_TEXT);
  pl_mail_free(m);
}

static void patch_attachment_x_diff(void **state)
{
  (void)state;
  struct pl_mail *m = load("patch-attachment-x-diff.eml");
  assert_int_equal(pl_mail_parts(m)->len, 2);
  /* The type is lower-cased ("Text/X-Diff" in the mail). */
  CHECK_PART(part_at(m, 1), "text/x-diff", "us-ascii", "frob.diff", "attachment",
             PATCH_TEXT);
  check_text(m, PATCH_TEXT);
  pl_mail_free(m);
}

static void missing_headers(void **state)
{
  (void)state;
  struct pl_mail *m = load("missing-headers.eml");
  assert_string_equal(pl_mail_subject(m), "");
  assert_null(pl_mail_header(m, "Subject"));
  assert_int_equal(pl_mail_addresses(m, "From")->len, 0);
  assert_null(pl_mail_message_id(m));
  assert_int_equal(pl_mail_in_reply_to(m)->len, 0);
  assert_int_equal(pl_mail_references(m)->len, 0);
  assert_null(pl_mail_list_id(m));
  int64_t when = 42;
  int offset = 42;
  assert_int_equal(pl_mail_date(m, &when, &offset), 0);
  check_text(m, "no subject, from, message-id or date\n");
  assert_null(pl_mail_damage(m));
  pl_mail_free(m);
}

static void date_and_its_offset(void **state)
{
  (void)state;
  struct pl_mail *m = load("qp-crlf.eml");
  int64_t when = 0;
  int offset = 0;
  /* Mon, 3 Nov 2025 10:00:00 +0100 */
  assert_int_equal(pl_mail_date(m, &when, &offset), 1);
  assert_int_equal(when, 1762160400);
  assert_int_equal(offset, 60);
  pl_mail_free(m);

  m = load("headers-repeated.eml");
  /* Tue, 4 Nov 2025 23:30:00 -0730 */
  assert_int_equal(pl_mail_date(m, &when, &offset), 1);
  assert_int_equal(when, 1762326000);
  assert_int_equal(offset, -450);
  pl_mail_free(m);
}

static void malformed_references_and_in_reply_to(void **state)
{
  (void)state;
  struct pl_mail *m = load("references-malformed.eml");
  /* Garbage and comments skipped, the unterminated id dropped, trailing
   * dots kept, the repeated id kept once. */
  static const char *const refs[] = {"a.1@example.org", "trailing.dot.@example.org.",
                                     "b.2@example.org"};
  check_ids(pl_mail_references(m), refs, 3);
  static const char *const irt[] = {"b.2@example.org"};
  check_ids(pl_mail_in_reply_to(m), irt, 1);
  assert_string_equal(pl_mail_message_id(m), "references-malformed@example.org");
  pl_mail_free(m);
}

static void several_addresses_groups_and_quoted_commas(void **state)
{
  (void)state;
  struct pl_mail *m = load("addresses-many.eml");
  const GPtrArray *from = pl_mail_addresses(m, "From");
  assert_int_equal(from->len, 1);
  check_person(from, 0, "Edgecombe, Rick P", "rick.p.edgecombe@intel.com");

  const GPtrArray *to = pl_mail_addresses(m, "To");
  assert_int_equal(to->len, 4);
  check_person(to, 0, "Alice Example", "alice@example.org");
  check_person(to, 1, NULL, "bob@example.org");
  check_person(to, 2, NULL, "carol@example.org");
  check_person(to, 3, "Doe, Jane", "jane@example.org");

  /* The group's members, flattened, then the mailbox after it. */
  const GPtrArray *cc = pl_mail_addresses(m, "Cc");
  assert_int_equal(cc->len, 3);
  check_person(cc, 0, "Dave", "dave@example.org");
  check_person(cc, 1, NULL, "eve@example.org");
  check_person(cc, 2, "Frank", "frank@example.org");

  /* Header names are case-insensitive and the answer is cached. */
  assert_ptr_equal(pl_mail_addresses(m, "CC"), cc);
  assert_int_equal(pl_mail_addresses(m, "Reply-To")->len, 0);
  pl_mail_free(m);
}

static void name_only_address_and_empty_group(void **state)
{
  (void)state;
  struct pl_mail *m = load("address-name-only.eml");
  const GPtrArray *to = pl_mail_addresses(m, "To");
  assert_int_equal(to->len, 2);
  check_person(to, 0, "Name Only", "");
  check_person(to, 1, NULL, "bob@example.org");
  assert_int_equal(pl_mail_addresses(m, "Cc")->len, 0);
  pl_mail_free(m);
}

static void headers_by_name(void **state)
{
  (void)state;
  struct pl_mail *m = load("headers-repeated.eml");
  GPtrArray *received = pl_mail_headers(m, "received");
  assert_int_equal(received->len, 3);
  assert_string_equal(received->pdata[0],
                      "from a.example.org by b.example.org; Mon, 3 Nov 2025 10:00:03 +0100");
  assert_string_equal(received->pdata[1],
                      "from c.example.org\tby a.example.org; Mon, 3 Nov 2025 10:00:02 +0100");
  assert_string_equal(received->pdata[2],
                      "from d.example.org by c.example.org; Mon, 3 Nov 2025 10:00:01 +0100");
  g_ptr_array_unref(received);

  GPtrArray *none = pl_mail_headers(m, "X-Absent");
  assert_int_equal(none->len, 0);
  g_ptr_array_unref(none);

  assert_string_equal(pl_mail_header(m, "RECEIVED"),
                      "from a.example.org by b.example.org; Mon, 3 Nov 2025 10:00:03 +0100");
  assert_string_equal(pl_mail_header(m, "Subject"), "upper-case header names");
  assert_string_equal(pl_mail_subject(m), "upper-case header names");
  assert_string_equal(pl_mail_header(m, "List-ID"),
                      "Demo development list <demo-list.lists.example.org>");
  assert_string_equal(pl_mail_list_id(m), "demo-list.lists.example.org");

  /* The list keeps the order and the names as written. */
  const GPtrArray *all = pl_mail_header_list(m);
  assert_int_equal(all->len, 8);
  const struct pl_header *h = all->pdata[4];
  assert_string_equal(h->name, "SUBJECT");
  h = all->pdata[5];
  assert_string_equal(h->name, "list-id");
  h = all->pdata[7];
  assert_string_equal(h->name, "Message-ID");
  assert_string_equal(h->value, "<headers-repeated@example.org>");
  pl_mail_free(m);
}

static void person_parse(void **state)
{
  (void)state;
  struct pl_person p;

  assert_int_equal(pl_person_parse("Name <a@b>", &p), 1);
  assert_string_equal(p.name, "Name");
  assert_string_equal(p.address, "a@b");
  pl_person_clear(&p);
  assert_null(p.name);
  assert_null(p.address);

  assert_int_equal(pl_person_parse("\"Last, First\" <a@b>", &p), 1);
  assert_string_equal(p.name, "Last, First");
  assert_string_equal(p.address, "a@b");
  pl_person_clear(&p);

  assert_int_equal(pl_person_parse("\"Foo \\\"Bar\\\" Baz\" <a@b>", &p), 1);
  assert_string_equal(p.name, "Foo \"Bar\" Baz");
  pl_person_clear(&p);

  assert_int_equal(pl_person_parse("a@b", &p), 1);
  assert_null(p.name);
  assert_string_equal(p.address, "a@b");
  pl_person_clear(&p);

  assert_int_equal(pl_person_parse("<a@b>", &p), 1);
  assert_null(p.name);
  assert_string_equal(p.address, "a@b");
  pl_person_clear(&p);

  assert_int_equal(pl_person_parse("a@b (Name)", &p), 1);
  assert_string_equal(p.name, "Name");
  assert_string_equal(p.address, "a@b");
  pl_person_clear(&p);

  assert_int_equal(pl_person_parse("  Spaced Name   <  a@b >  ", &p), 1);
  assert_string_equal(p.name, "Spaced Name");
  assert_string_equal(p.address, "a@b");
  pl_person_clear(&p);
}

static void person_parse_garbage(void **state)
{
  (void)state;
  static const char *const garbage[] = {
      "garbage", "", "   ", "foo at bar dot com", "Name <a@b", "Name <>", "a@b with words",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(garbage); i++) {
    struct pl_person p;
    assert_int_equal(pl_person_parse(garbage[i], &p), 0);
    assert_null(p.name);
    assert_null(p.address);
  }
  struct pl_person p;
  assert_int_equal(pl_person_parse(NULL, &p), 0);
}

static void binary_bytes_are_not_mail(void **state)
{
  (void)state;
  struct pl_mail *m = load("not-mail.bin");
  assert_string_equal(pl_mail_damage(m), "not a mail message (no headers found)");
  check_text(m, "");
  assert_int_equal(pl_mail_parts(m)->len, 0);
  assert_int_equal(pl_mail_header_list(m)->len, 0);
  assert_string_equal(pl_mail_subject(m), "");
  assert_int_equal(pl_mail_addresses(m, "From")->len, 0);
  assert_null(pl_mail_message_id(m));
  assert_int_equal(pl_mail_references(m)->len, 0);
  int64_t when;
  int offset;
  assert_int_equal(pl_mail_date(m, &when, &offset), 0);
  assert_int_equal(g_bytes_get_size(pl_mail_raw(m)), 24);
  pl_mail_free(m);
}

static void text_without_headers_is_not_mail(void **state)
{
  (void)state;
  struct pl_mail *m = load("not-mail-text.txt");
  assert_string_equal(pl_mail_damage(m), "not a mail message (no headers found)");
  check_text(m, "");
  pl_mail_free(m);
}

static void empty_message(void **state)
{
  (void)state;
  struct pl_mail *m = load("empty.eml");
  assert_string_equal(pl_mail_damage(m), "empty message");
  check_text(m, "");
  assert_int_equal(pl_mail_parts(m)->len, 0);
  assert_string_equal(pl_mail_subject(m), "");
  assert_null(pl_mail_message_id(m));
  pl_mail_free(m);
}

static void nul_bytes_in_text_are_kept(void **state)
{
  (void)state;
  struct pl_mail *m = load("nul-in-body.eml");
  size_t len = 0;
  const char *text = pl_mail_text(m, &len);
  assert_int_equal(len, 6);
  assert_memory_equal(text, "ab\0cd\n", 6);
  pl_mail_free(m);
}

static void mail_refs_its_raw_bytes(void **state)
{
  (void)state;
  static const char data[] = "Subject: s\n\nbody\n";
  GBytes *raw = g_bytes_new_static(data, sizeof data - 1);
  struct pl_mail *m = pl_mail_parse(raw);
  assert_ptr_equal(pl_mail_raw(m), raw);
  g_bytes_unref(raw);
  check_text(m, "body\n");
  /* Asked twice: the same cached string. */
  assert_ptr_equal(pl_mail_text(m, NULL), pl_mail_text(m, NULL));
  pl_mail_free(m);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(qp_crlf_is_decoded_to_lf),
      cmocka_unit_test(base64_body_is_decoded),
      cmocka_unit_test(latin1_body_is_converted),
      cmocka_unit_test(charset_y_falls_back_to_latin1),
      cmocka_unit_test(unknown_8bit_falls_back_to_latin1),
      cmocka_unit_test(utf8_declared_with_latin1_bytes),
      cmocka_unit_test(us_ascii_declared_with_utf8_bytes),
      cmocka_unit_test(gbk_body_is_converted),
      cmocka_unit_test(koi8_r_body_is_converted),
      cmocka_unit_test(iso_2022_jp_body_is_converted),
      cmocka_unit_test(rfc2047_names_and_subject),
      cmocka_unit_test(subject_adjacent_base64_words_gmime_133),
      cmocka_unit_test(folded_subject_and_references),
      cmocka_unit_test(alternative_with_html_first_gives_plain),
      cmocka_unit_test(mixed_with_html_first_gives_plain),
      cmocka_unit_test(nested_multipart_in_tree_order),
      cmocka_unit_test(patch_attachment_x_patch),
      cmocka_unit_test(patch_attachment_x_diff),
      cmocka_unit_test(missing_headers),
      cmocka_unit_test(date_and_its_offset),
      cmocka_unit_test(malformed_references_and_in_reply_to),
      cmocka_unit_test(several_addresses_groups_and_quoted_commas),
      cmocka_unit_test(name_only_address_and_empty_group),
      cmocka_unit_test(headers_by_name),
      cmocka_unit_test(person_parse),
      cmocka_unit_test(person_parse_garbage),
      cmocka_unit_test(binary_bytes_are_not_mail),
      cmocka_unit_test(text_without_headers_is_not_mail),
      cmocka_unit_test(empty_message),
      cmocka_unit_test(nul_bytes_in_text_are_kept),
      cmocka_unit_test(mail_refs_its_raw_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
