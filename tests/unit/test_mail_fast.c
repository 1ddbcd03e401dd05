#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "mail.h"
#include "mail_fast.h"

static int takes_fast_path(const char *data, size_t len)
{
  struct pl_mail_scan scan;
  pl_mail_scan(data, len, &scan);
  const char *content;
  size_t n;
  char *owned = NULL, *charset = NULL;
  int fast = pl_mail_fast_content(data, len, &scan, &content, &n, &owned, &charset);
  g_free(owned);
  g_free(charset);
  return fast;
}

/* The GMime path's text: the first text part of pl_mail_parts, or "". */
static char *gmime_text(struct pl_mail *mail, size_t *len)
{
  const GPtrArray *parts = pl_mail_parts(mail);
  for (guint i = 0; i < parts->len; i++) {
    const struct pl_part *p = parts->pdata[i];
    if (!strcmp(p->type, "text/plain") || !strcmp(p->type, "text/x-patch") ||
        !strcmp(p->type, "text/x-diff")) {
      *len = p->text_len;
      return g_memdup2(p->text, p->text_len + 1);
    }
  }
  *len = 0;
  return g_strdup("");
}

/* pl_mail_text (fast path or not) gives what the GMime path gives, text
 * and damage; returns whether the fast path was taken. */
static int check_same_len(const char *data, size_t len, const char *want_text)
{
  GBytes *raw = g_bytes_new(data, len);
  struct pl_mail *slow = pl_mail_parse(raw);
  size_t slow_len;
  char *slow_text = gmime_text(slow, &slow_len);
  struct pl_mail *quick = pl_mail_parse(raw);
  size_t text_len;
  const char *text = pl_mail_text(quick, &text_len);
  assert_int_equal(text_len, slow_len);
  assert_memory_equal(text, slow_text, text_len);
  assert_int_equal(text[text_len], '\0');
  if (want_text) {
    assert_int_equal(text_len, strlen(want_text));
    assert_memory_equal(text, want_text, text_len);
  }
  if (pl_mail_damage(slow) || pl_mail_damage(quick)) {
    assert_non_null(pl_mail_damage(slow));
    assert_non_null(pl_mail_damage(quick));
    assert_string_equal(pl_mail_damage(quick), pl_mail_damage(slow));
  }
  g_free(slow_text);
  pl_mail_free(quick);
  pl_mail_free(slow);
  g_bytes_unref(raw);
  return takes_fast_path(data, len);
}

static int check_same(const char *data, const char *want_text)
{
  return check_same_len(data, strlen(data), want_text);
}

static void check_people(const GPtrArray *a, const GPtrArray *b)
{
  assert_int_equal(a->len, b->len);
  for (guint i = 0; i < a->len; i++) {
    const struct pl_person *x = a->pdata[i], *y = b->pdata[i];
    assert_true(g_strcmp0(x->name, y->name) == 0);
    assert_string_equal(x->address, y->address);
  }
}

static void check_strings(const GPtrArray *a, const GPtrArray *b)
{
  assert_int_equal(a->len, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_string_equal(a->pdata[i], b->pdata[i]);
}

/* The fields read from raw header values are the same whether GMime's
 * parse is built first or not. */
static void check_fields_len(const char *data, size_t len)
{
  GBytes *raw = g_bytes_new(data, len);
  struct pl_mail *slow = pl_mail_parse(raw), *quick = pl_mail_parse(raw);
  pl_mail_parts(slow);
  static const char *const fields[] = {"From", "To", "Cc", "Reply-To", "Content-Type"};
  for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
    check_people(pl_mail_addresses(slow, fields[i]), pl_mail_addresses(quick, fields[i]));
  assert_true(g_strcmp0(pl_mail_message_id(slow), pl_mail_message_id(quick)) == 0);
  check_strings(pl_mail_in_reply_to(slow), pl_mail_in_reply_to(quick));
  check_strings(pl_mail_references(slow), pl_mail_references(quick));
  pl_mail_free(quick);
  pl_mail_free(slow);
  g_bytes_unref(raw);
}

static void test_header_fields(void **state)
{
  (void)state;
  static const char *const mails[] = {
      /* The first of a repeated field; a blank before the colon; folds. */
      "From: First <first@example.org>\nFrom: Second <second@example.org>\n"
      "To :\t\"Some, One\" <one@example.org>,\r\n two@example.org\r\n"
      "Message-ID:\n <id@example.org>\nReferences: <a@x>\n\t<b@x> <c@x>\n"
      "In-Reply-To: <c@x>\n\nbody\n",
      /* A field name that only starts like one asked for. */
      "From-Name: not@example.org\nFromage: no@example.org\nCc: cc@example.org\n\n",
      /* Content-* fields live on GMime's part, not in the message's list. */
      "Content-Type: a@example.org\nFrom: f@example.org\n\n",
      /* Not clean: GMime reads every field. */
      "From someone Mon Jan  1 00:00:00 2024\nFrom: f@example.org\n\n",
      "From: f@example.org\nbroken line\nTo: t@example.org\n\n",
      "From: f@example.org",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(mails); i++)
    check_fields_len(mails[i], strlen(mails[i]));
  GBytes *raw = g_bytes_new_static(mails[0], strlen(mails[0]));
  struct pl_mail *mail = pl_mail_parse(raw);
  const GPtrArray *from = pl_mail_addresses(mail, "From");
  assert_int_equal(from->len, 1);
  assert_string_equal(((struct pl_person *)from->pdata[0])->address, "first@example.org");
  assert_int_equal(pl_mail_addresses(mail, "To")->len, 2);
  assert_string_equal(pl_mail_message_id(mail), "id@example.org");
  assert_int_equal(pl_mail_references(mail)->len, 3);
  pl_mail_free(mail);
  g_bytes_unref(raw);
}

static void test_plain_without_content_type(void **state)
{
  (void)state;
  assert_true(check_same("From: a@example.org\nSubject: x\n\nhello\n", "hello\n"));
}

static void test_charset_quoted_with_other_parameters(void **state)
{
  (void)state;
  assert_true(check_same("Subject: x\nContent-Type: text/plain; format=flowed; "
                         "charset=\"iso-8859-1\"; delsp=yes\n\ncaf\xe9\n",
                         "caf\xc3\xa9\n"));
}

static void test_upper_case_type_and_charset(void **state)
{
  (void)state;
  assert_true(check_same("Content-Type: TEXT/PLAIN; CHARSET=UTF-8\r\n\r\nline\r\n", "line\n"));
}

static void test_folded_content_type(void **state)
{
  (void)state;
  assert_true(check_same("Content-Type: text/plain;\r\n\tcharset=us-ascii\r\n"
                         "Subject: x\r\n\r\nbody\r\n",
                         "body\n"));
}

static void test_blank_before_colon_and_x_patch(void **state)
{
  (void)state;
  assert_true(check_same("Content-Type : text/x-patch\nContent-Transfer-Encoding :  8bit \n\n"
                         "--- a\n+++ b\n",
                         "--- a\n+++ b\n"));
}

static void test_quoted_printable_soft_breaks_and_crlf(void **state)
{
  (void)state;
  assert_true(check_same("Content-Type: text/plain; charset=utf-8\r\n"
                         "Content-Transfer-Encoding: Quoted-Printable\r\n\r\n"
                         "soft=\r\nbreak caf=C3=A9 =3D bad=ZZ end=\n=\r\n",
                         "softbreak caf\xc3\xa9 = bad=ZZ end"));
}

static void test_base64(void **state)
{
  (void)state;
  assert_true(check_same("Content-Type: text/plain; charset=utf-8\n"
                         "Content-Transfer-Encoding: base64\n\n"
                         "aGVsbG8gd29y\nbGQK\n",
                         "hello world\n"));
}

static void test_invalid_in_declared_charset(void **state)
{
  (void)state;
  assert_true(check_same("Content-Type: text/plain; charset=utf-8\n\nbad \xff byte\n", NULL));
}

static void test_empty_body(void **state)
{
  (void)state;
  assert_true(check_same("Subject: x\n\n", ""));
}

/* An empty line first: GMime finds a message without headers. */
static void test_no_header_fields(void **state)
{
  (void)state;
  assert_true(check_same("\nbody\n", "body\n"));
  assert_true(check_same("\r\nbody\r\n", "body\n"));
}

static void test_nul_in_body(void **state)
{
  (void)state;
  static const char mail[] = "Subject: x\n\na\0b\n";
  assert_true(check_same_len(mail, sizeof mail - 1, NULL));
}

/* What the fast path leaves to GMime: each still reads the same. */
static void test_left_to_gmime(void **state)
{
  (void)state;
  static const char *const mails[] = {
      /* A comment, RFC 2231 and RFC 2047 parameters, an escape. */
      "Content-Type: text/plain (comment); charset=utf-8\n\nx\n",
      "Content-Type: text/plain; charset*=utf-8''%41\n\nx\n",
      "Content-Type: text/plain; charset=\"=?utf-8?q?latin1?=\"\n\nx\n",
      "Content-Type: text/plain; charset=\"ut\\f-8\"\n\nx\n",
      /* Junk after the type or a value, an empty value. */
      "Content-Type: text/plain junk; charset=iso-8859-1\n\ncaf\xe9\n",
      "Content-Type: text/plain; charset=\"iso-8859-1\"junk\n\ncaf\xe9\n",
      "Content-Type: text/plain; charset=utf-8 latin1\n\ncaf\xe9\n",
      "Content-Type: text/plain; charset=; format=flowed\n\nx\n",
      /* Repeated fields. */
      "Content-Type: text/plain; charset=utf-8\nContent-Type: text/html\n\n<p>x</p>\n",
      "Content-Transfer-Encoding: base64\nContent-Transfer-Encoding: 8bit\n\naGk=\n",
      /* Encodings GMime reads otherwise, or that are not spelt out. */
      "Content-Transfer-Encoding: base64; junk\n\naGk=\n",
      "Content-Transfer-Encoding: base64 junk\n\naGk=\n",
      "Content-Transfer-Encoding: x-uuencode\n\nbegin 644 f\n#:&D*\n`\nend\n",
      /* Other types. */
      "Content-Type: text/html\n\n<p>x</p>\n",
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nin\n--b--\n",
      "Content-Type: message/rfc822\n\nSubject: inner\n\ninner body\n",
      /* Header blocks that are not clean. */
      "From someone Mon Jan  1 00:00:00 2024\nSubject: x\n\nbody\n",
      "Subject: x\nnot a header\n\nbody\n",
      "Subject: x\nBad Name: y\n\nbody\n",
      " folded first\nSubject: x\n\nbody\n",
      "Subject: x\n",
      "Subject: x",
      "Subject: x\nX-8bit-N\xe4me: y\n\nbody\n",
      "no headers at all\n",
      "",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(mails); i++)
    assert_false(check_same(mails[i], NULL));
  static const char nul_header[] = "Subject: a\0b\n\nbody\n";
  assert_false(check_same_len(nul_header, sizeof nul_header - 1, NULL));
}

/* Parsing a clean header block waits for GMime; the damage of one that is
 * not is known at once. */
static void test_damage_known_at_parse(void **state)
{
  (void)state;
  GBytes *raw = g_bytes_new_static("no headers at all\n", 18);
  struct pl_mail *mail = pl_mail_parse(raw);
  assert_non_null(pl_mail_damage(mail));
  assert_string_equal(pl_mail_damage(mail), "not a mail message (no headers found)");
  pl_mail_free(mail);
  g_bytes_unref(raw);
  raw = g_bytes_new_static("", 0);
  mail = pl_mail_parse(raw);
  assert_string_equal(pl_mail_damage(mail), "empty message");
  pl_mail_free(mail);
  g_bytes_unref(raw);
  raw = g_bytes_new_static("Subject: x\n\nbody\n", 17);
  mail = pl_mail_parse(raw);
  assert_null(pl_mail_damage(mail));
  assert_string_equal(pl_mail_subject(mail), "x");
  assert_string_equal(pl_mail_text(mail, NULL), "body\n");
  pl_mail_free(mail);
  g_bytes_unref(raw);
}

/* Every fixture message reads the same through pl_mail_text as through
 * its parts, whichever path it takes. */
static void test_fixtures(void **state)
{
  (void)state;
  char *dir_path = g_build_filename(FIXTURES, "mail", NULL);
  GDir *dir = g_dir_open(dir_path, 0, NULL);
  assert_non_null(dir);
  const char *name;
  unsigned n = 0;
  while ((name = g_dir_read_name(dir))) {
    if (!g_str_has_suffix(name, ".eml"))
      continue;
    char *path = g_build_filename(dir_path, name, NULL);
    gchar *data;
    gsize len;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    check_same_len(data, len, NULL);
    check_fields_len(data, len);
    g_free(data);
    g_free(path);
    n++;
  }
  g_dir_close(dir);
  g_free(dir_path);
  assert_true(n > 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_without_content_type),
      cmocka_unit_test(test_charset_quoted_with_other_parameters),
      cmocka_unit_test(test_upper_case_type_and_charset),
      cmocka_unit_test(test_folded_content_type),
      cmocka_unit_test(test_blank_before_colon_and_x_patch),
      cmocka_unit_test(test_quoted_printable_soft_breaks_and_crlf),
      cmocka_unit_test(test_base64),
      cmocka_unit_test(test_invalid_in_declared_charset),
      cmocka_unit_test(test_empty_body),
      cmocka_unit_test(test_no_header_fields),
      cmocka_unit_test(test_nul_in_body),
      cmocka_unit_test(test_left_to_gmime),
      cmocka_unit_test(test_damage_known_at_parse),
      cmocka_unit_test(test_header_fields),
      cmocka_unit_test(test_fixtures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
