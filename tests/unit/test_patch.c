#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "patch.h"

static char *fixture(const char *name, gsize *len)
{
  char *path = g_build_filename(FIXTURES, "patch", name, NULL);
  char *text;
  assert_true(g_file_get_contents(path, &text, len, NULL));
  g_free(path);
  return text;
}

static struct pl_patch *parse(const char *text)
{
  return pl_patch_parse(text, strlen(text));
}

static struct pl_trailer *trailer(const struct pl_patch *p, guint i)
{
  assert_true(i < p->trailers->len);
  return g_ptr_array_index(p->trailers, i);
}

static void test_format_patch_full(void **state)
{
  (void)state;
  gsize len;
  char *text = fixture("format-patch-full.txt", &len);
  struct pl_patch *p = pl_patch_parse(text, len);

  assert_int_equal(p->headers->len, 3);
  assert_string_equal(pl_patch_header(p, "from"),
                      "\"Lovelace, Ada\" <ada@example.org>");
  assert_string_equal(pl_patch_header(p, "Date"),
                      "Mon, 12 Dec 1842 10:00:00 +0000");
  /* folded in-body Subject: unfolded, the white space kept */
  assert_string_equal(pl_patch_header(p, "Subject"),
                      "[PATCH v2 3/7] engine: rework the counting of loops");
  assert_null(pl_patch_header(p, "To"));
  assert_non_null(p->author);
  assert_string_equal(p->author->name, "Lovelace, Ada");
  assert_string_equal(p->author->address, "ada@example.org");
  assert_memory_equal(text + p->body_offset, "The engine counted", 18);

  assert_true(g_str_has_prefix(p->message, "The engine counted by one"));
  assert_true(g_str_has_suffix(
      p->message, "kept the logic]\n"
                  "Signed-off-by: \"Lovelace, Ada\" <ada@example.org>"));
  assert_int_equal(p->trailers->len, 8);
  assert_string_equal(trailer(p, 0)->key, "Fixes");
  assert_null(trailer(p, 0)->person);
  assert_string_equal(trailer(p, 5)->key, "Co-developed-by");
  assert_string_equal(trailer(p, 5)->value,
                      "Mary Somerville <mary@example.org>");
  assert_string_equal(trailer(p, 7)->person->name, "Lovelace, Ada");

  assert_string_equal(
      p->notes,
      "v2: count by two in helper() as well (Charles)\n"
      "v1: https://lists.example.org/r/20231012-count-v1-3-abc@example.org");
  assert_memory_equal(text + p->separator_offset, "---\nv2:", 7);

  assert_non_null(p->diffstat);
  assert_int_equal(p->diffstat->files->len, 7);
  assert_int_equal(p->diffstat->files_changed, 7);
  assert_int_equal(p->diffstat->insertions, 12);
  assert_int_equal(p->diffstat->deletions, 11);

  assert_true(pl_patch_has_diff(p));
  assert_int_equal(p->diff->files->len, 7);
  assert_int_equal(p->diff->added, 12);
  assert_int_equal(p->diff->removed, 11);
  /* git patch-id --stable < tests/fixtures/patch/format-patch-full.txt */
  assert_string_equal(p->patch_id, "17533d9050d84e67fe7d4909f5e34b6b71fd6f3a");

  assert_int_equal(p->info->len, 3);
  assert_string_equal(pl_patch_info(p, "base-commit"),
                      "1111111111111111111111111111111111111111");
  assert_string_equal(pl_patch_info(p, "Change-Id"), "20231012-count-4f5e6d");
  assert_string_equal(pl_patch_info(p, "prerequisite-patch-id"),
                      "2222222222222222222222222222222222222222");
  assert_null(pl_patch_info(p, "Supersedes"));
  assert_memory_equal(text + p->signature_offset, "-- \nAda Lovelace", 16);
  assert_null(p->pull);
  pl_patch_free(p);
  g_free(text);
}

static void test_git_cover_letter(void **state)
{
  (void)state;
  gsize len;
  char *text = fixture("cover-letter.txt", &len);
  struct pl_patch *p = pl_patch_parse(text, len);
  assert_int_equal(p->headers->len, 0);
  assert_null(p->author);
  assert_false(pl_patch_has_diff(p));
  assert_null(p->diff);
  assert_null(p->patch_id);
  assert_null(p->notes);
  /* the message ends where the diffstat begins */
  assert_true(g_str_has_suffix(p->message, "\n  docs: describe the counting"));
  assert_int_equal(p->trailers->len, 0);
  assert_non_null(p->diffstat);
  assert_int_equal(p->diffstat->files->len, 2);
  assert_int_equal(p->diffstat->insertions, 10);
  assert_int_equal(p->diffstat->deletions, 8);
  assert_int_equal(p->message_end, p->diffstat->offset);
  assert_int_equal(p->info->len, 2);
  assert_string_equal(pl_patch_info(p, "supersedes"),
                      "20231012-count-v1-0-abc@example.org");
  assert_string_equal(pl_patch_info(p, "base-commit"),
                      "1111111111111111111111111111111111111111");
  assert_int_not_equal(p->signature_offset, PL_PATCH_NONE);
  pl_patch_free(p);
  g_free(text);
}

static void test_b4_cover_letter(void **state)
{
  (void)state;
  struct pl_patch *p =
      parse("This series counts by two.\n"
            "\n"
            "---\n"
            "Ada Lovelace (2):\n"
            "      engine: count by two\n"
            "      docs: describe the counting\n"
            "\n"
            " docs/new.txt | 2 ++\n"
            " src/main.c   | 4 ++--\n"
            " 2 files changed, 4 insertions(+), 2 deletions(-)\n"
            "---\n"
            "base-commit: 1111111111111111111111111111111111111111\n"
            "change-id: 20231012-count-4f5e6d\n"
            "\n"
            "Best regards,\n"
            "-- \n"
            "Ada Lovelace <ada@example.org>\n");
  assert_string_equal(p->message, "This series counts by two.");
  assert_string_equal(p->notes, "Ada Lovelace (2):\n"
                                "      engine: count by two\n"
                                "      docs: describe the counting");
  assert_int_equal(p->diffstat->files->len, 2);
  assert_false(pl_patch_has_diff(p));
  assert_int_equal(p->info->len, 2);
  assert_string_equal(pl_patch_info(p, "change-id"), "20231012-count-4f5e6d");
  pl_patch_free(p);
}

static void test_cover_letter_b4_lines_are_not_trailers(void **state)
{
  (void)state;
  struct pl_patch *p = parse("This series counts by two.\n"
                             "\n"
                             "base-commit: 1111111111111111111111111111111111111111\n"
                             "change-id: 20231012-count-4f5e6d\n"
                             "-- \n"
                             "2.43.0\n");
  assert_string_equal(p->message, "This series counts by two.");
  assert_int_equal(p->trailers->len, 0);
  assert_int_equal(p->info->len, 2);
  pl_patch_free(p);
}

static void test_pull_request(void **state)
{
  (void)state;
  gsize len;
  char *text = fixture("pull-request.txt", &len);
  struct pl_patch *p = pl_patch_parse(text, len);
  assert_non_null(p->pull);
  assert_string_equal(p->pull->repository,
                      "git://git.example.org/pub/scm/engine/engine.git");
  assert_string_equal(p->pull->ref, "tags/engine-fixes-6.7");
  assert_string_equal(p->pull->base, "1111111111111111111111111111111111111111");
  assert_string_equal(p->pull->head, "3333333333333333333333333333333333333333");
  assert_false(pl_patch_has_diff(p));
  assert_int_equal(p->diffstat->files->len, 1);
  assert_true(g_str_has_prefix(p->message, "Hi Linus,"));
  pl_patch_free(p);
  g_free(text);
}

static void test_pull_request_older_form(void **state)
{
  (void)state;
  const char *text = "The following changes since commit abcdef0123456:\n"
                     "  Linux 3.0\n"
                     "are available in the git repository at:\n"
                     "\n"
                     "  https://git.example.org/engine.git\n";
  struct pl_patch_pull *pull = pl_patch_pull_parse(text, strlen(text));
  assert_non_null(pull);
  assert_string_equal(pull->repository, "https://git.example.org/engine.git");
  assert_null(pull->ref);
  assert_string_equal(pull->base, "abcdef0123456");
  assert_null(pull->head);
  pl_patch_pull_free(pull);
  text = "The following changes since commit abcdef0123456:\n\nnothing\n";
  assert_null(pl_patch_pull_parse(text, strlen(text)));
  assert_null(pl_patch_pull_parse(NULL, 0));
}

static void test_quilt_plain_diff(void **state)
{
  (void)state;
  gsize len;
  char *text = fixture("quilt-plain.txt", &len);
  struct pl_patch *p = pl_patch_parse(text, len);
  assert_string_equal(pl_patch_header(p, "Subject"),
                      "[patch 2/5] engine: count by two");
  assert_string_equal(p->message,
                      "Count every loop of the helper by two.\n\n"
                      "Signed-off-by: Ada Lovelace <ada@example.org>");
  assert_int_equal(p->trailers->len, 1);
  /* quilt's Index: and ==== lines belong to the diff, not the notes */
  assert_null(p->notes);
  assert_true(pl_patch_has_diff(p));
  assert_int_equal(p->diff->files->len, 2);
  struct pl_diff_file *f = g_ptr_array_index(p->diff->files, 1);
  assert_false(f->git);
  assert_string_equal(f->new_path, "src/main.c");
  assert_int_equal(p->diff->added, 9);
  assert_int_equal(p->diff->removed, 9);
  /* our own value (git patch-id ignores plain diffs): a regression guard */
  assert_string_equal(p->patch_id, "53d8e4183d8a55012777b33f63c0df22d3aa1413");
  assert_memory_equal(text + p->signature_offset, "-- \nquilt", 9);
  pl_patch_free(p);
  g_free(text);
}

static void test_pseudo_header_edges(void **state)
{
  (void)state;
  struct pl_patch *p = parse("\n\n  \nText.\n");
  assert_int_equal(p->headers->len, 0);
  assert_int_equal(p->body_offset, 5);
  assert_string_equal(p->message, "Text.");
  pl_patch_free(p);

  /* no blank line after the block: the body starts right after it */
  p = parse("from: ada@example.org\nText.\n");
  assert_int_equal(p->headers->len, 1);
  assert_string_equal(((struct pl_patch_header *)p->headers->pdata[0])->name,
                      "from");
  assert_null(p->author->name);
  assert_string_equal(p->author->address, "ada@example.org");
  assert_string_equal(p->message, "Text.");
  pl_patch_free(p);

  /* a From without an address is kept, but names no author */
  p = parse("From: Ada\n\nText.\n");
  assert_string_equal(pl_patch_header(p, "From"), "Ada");
  assert_null(p->author);
  pl_patch_free(p);

  /* encoded words are decoded, as git mailinfo does */
  p = parse("From: =?UTF-8?q?J=C3=B6rg_R=C3=B6del?= <joro@example.org>\n"
            "Subject: =?UTF-8?B?w6Rw?= fix\n\nText.\n");
  assert_string_equal(p->author->name, "J\xc3\xb6rg R\xc3\xb6" "del");
  assert_string_equal(p->author->address, "joro@example.org");
  assert_string_equal(pl_patch_header(p, "Subject"), "\xc3\xa4p fix");
  pl_patch_free(p);

  /* only at the top, and only From/Date/Subject */
  p = parse("Fromage: brie\n\nText.\n");
  assert_int_equal(p->headers->len, 0);
  assert_true(g_str_has_prefix(p->message, "Fromage: brie"));
  pl_patch_free(p);
  p = parse("Text.\n\nFrom: Ada <ada@example.org>\n");
  assert_int_equal(p->headers->len, 0);
  assert_null(p->author);
  pl_patch_free(p);
}

/* b4 lines wherever git and b4 put them: closing the message above the
 * separator, closing notes without a diffstat, and after the diff (format-
 * patch --base), where a removed "- " line, read "-- ", ends nothing. */
static void test_info_around_the_diff(void **state)
{
  (void)state;
  struct pl_patch *p = parse("Fix.\n\nSigned-off-by: Ada <ada@example.org>\n\n"
                             "base-commit: abc1234\n---\n f | 1 +\n"
                             " 1 file changed, 1 insertion(+)\n\n"
                             "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n x\n+y\n");
  assert_int_equal(p->info->len, 1);
  assert_string_equal(pl_patch_info(p, "base-commit"), "abc1234");
  assert_string_equal(p->message, "Fix.\n\nSigned-off-by: Ada <ada@example.org>");
  assert_int_equal(p->trailers->len, 1);
  pl_patch_free(p);

  p = parse("Fix.\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n x\n-- \n\n"
            "base-commit: abc1234\n-- \n2.40.1\n");
  assert_true(pl_patch_has_diff(p));
  assert_int_equal(p->info->len, 1);
  assert_string_equal(pl_patch_info(p, "base-commit"), "abc1234");
  pl_patch_free(p);

  p = parse("Fix.\n---\nv2: a typo fixed\n\nbase-commit: abc1234\nchange-id: 20250101-fix-1\n");
  assert_string_equal(p->notes, "v2: a typo fixed");
  assert_int_equal(p->info->len, 2);
  assert_string_equal(pl_patch_info(p, "change-id"), "20250101-fix-1");
  pl_patch_free(p);
}

static void test_empty_text(void **state)
{
  (void)state;
  struct pl_patch *p = pl_patch_parse(NULL, 0);
  assert_string_equal(p->message, "");
  assert_false(pl_patch_has_diff(p));
  assert_int_equal(p->trailers->len, 0);
  assert_int_equal(p->info->len, 0);
  assert_null(p->notes);
  assert_null(p->diffstat);
  assert_int_equal(p->separator_offset, PL_PATCH_NONE);
  assert_int_equal(p->signature_offset, PL_PATCH_NONE);
  pl_patch_free(p);
  p = parse("");
  assert_string_equal(p->message, "");
  pl_patch_free(p);
  pl_patch_free(NULL);
  assert_false(pl_patch_has_diff(NULL));
}

static void test_separator_without_diff(void **state)
{
  (void)state;
  struct pl_patch *p = parse("Text.\n---   \nnotes here\n-- \nsig\n");
  assert_string_equal(p->message, "Text.");
  assert_string_equal(p->notes, "notes here");
  assert_false(pl_patch_has_diff(p));
  assert_int_equal(p->separator_offset, 6);
  assert_int_equal(p->signature_offset, strlen("Text.\n---   \nnotes here\n"));
  pl_patch_free(p);
}

#define DIFF                                                                 \
  "diff --git a/x b/x\n"                                                     \
  "--- a/x\n"                                                                \
  "+++ b/x\n"                                                                \
  "@@ -1 +1 @@\n"                                                            \
  "-a\n"                                                                     \
  "+b\n"

static void test_diff_without_separator(void **state)
{
  (void)state;
  struct pl_patch *p =
      parse("Text.\n\nSigned-off-by: Ada <ada@example.org>\n" DIFF);
  assert_string_equal(p->message,
                      "Text.\n\nSigned-off-by: Ada <ada@example.org>");
  assert_int_equal(p->trailers->len, 1);
  assert_null(p->notes);
  assert_null(p->diffstat);
  assert_true(pl_patch_has_diff(p));
  assert_non_null(p->patch_id);
  assert_int_equal(p->separator_offset, PL_PATCH_NONE);
  pl_patch_free(p);
}

static void test_notes_after_the_diffstat(void **state)
{
  (void)state;
  const char *text = "Text.\n"
                     "---\n"
                     "v2: before\n"
                     "\n"
                     " x | 2 +-\n"
                     " 1 file changed, 1 insertion(+), 1 deletion(-)\n"
                     "\n"
                     "Changes in v2: after\n"
                     "\n" DIFF "--\n2.51.0\n";
  struct pl_patch *p = parse(text);
  assert_string_equal(p->notes, "v2: before\n\nChanges in v2: after");
  assert_int_equal(p->diffstat->files->len, 1);
  assert_int_equal(p->diff->files->len, 1);
  /* a bare "--" after a complete diff is the signature (space stripped) */
  assert_int_equal(p->signature_offset, strlen(text) - strlen("--\n2.51.0\n"));
  pl_patch_free(p);
}

static void test_equal_diffs_equal_ids(void **state)
{
  (void)state;
  /* the same diff under another message and notes */
  struct pl_patch *a = parse("One.\n---\n x | 2 +-\n\n" DIFF "-- \n2.4\n");
  struct pl_patch *b =
      parse("From: Ada <ada@example.org>\n\nTwo.\n\n" DIFF "\nbase-commit: 1\n");
  struct pl_patch *c = parse("One.\n---\n" DIFF);
  assert_string_equal(a->patch_id, b->patch_id);
  assert_string_equal(a->patch_id, c->patch_id);
  pl_patch_free(a);
  pl_patch_free(b);
  pl_patch_free(c);
  a = parse("One.\n---\n" DIFF);
  b = parse("One.\n---\n"
            "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+c\n");
  assert_string_not_equal(a->patch_id, b->patch_id);
  pl_patch_free(a);
  pl_patch_free(b);
}

static void test_hostile_text_stays_linear(void **state)
{
  (void)state;
  GString *s = g_string_new(NULL);
  /* 100,000 pseudo-headers, 200,000 diffstat-like lines without a
   * summary, a "---" per line, and a hunk of absurd counts */
  for (int i = 0; i < 100000; i++)
    g_string_append(s, "Subject: x\n");
  g_string_append(s, "\nText.\n---\n");
  for (int i = 0; i < 200000; i++)
    g_string_append(s, " a | 99999999999999999999 +++\n");
  g_string_append(s, "diff --git a/x b/x\n--- a/x\n+++ b/x\n"
                     "@@ -1,99999999999999999999 +1,99999999999999999999 @@\n");
  for (int i = 0; i < 200000; i++)
    g_string_append(s, "+---\n");
  struct pl_patch *p = pl_patch_parse(s->str, s->len);
  assert_int_equal(p->headers->len, 100000);
  assert_string_equal(p->message, "Text.");
  assert_null(p->diffstat);
  assert_true(pl_patch_has_diff(p));
  assert_int_equal(p->diff->added, 200000);
  assert_non_null(p->patch_id);
  pl_patch_free(p);

  /* the same line a million times */
  g_string_assign(s, "");
  for (int i = 0; i < 1000000; i++)
    g_string_append(s, "--- \n");
  p = pl_patch_parse(s->str, s->len);
  assert_false(pl_patch_has_diff(p));
  pl_patch_free(p);
  g_string_free(s, TRUE);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format_patch_full),
      cmocka_unit_test(test_git_cover_letter),
      cmocka_unit_test(test_b4_cover_letter),
      cmocka_unit_test(test_cover_letter_b4_lines_are_not_trailers),
      cmocka_unit_test(test_pull_request),
      cmocka_unit_test(test_pull_request_older_form),
      cmocka_unit_test(test_quilt_plain_diff),
      cmocka_unit_test(test_pseudo_header_edges),
      cmocka_unit_test(test_info_around_the_diff),
      cmocka_unit_test(test_empty_text),
      cmocka_unit_test(test_separator_without_diff),
      cmocka_unit_test(test_diff_without_separator),
      cmocka_unit_test(test_notes_after_the_diffstat),
      cmocka_unit_test(test_equal_diffs_equal_ids),
      cmocka_unit_test(test_hostile_text_stays_linear),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
