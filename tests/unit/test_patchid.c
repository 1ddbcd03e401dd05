/* The expected ids were computed once with git 2.39.5:
 *   printf '%s' "<the diff below>" | git patch-id --stable
 * (for the fixture: git patch-id --stable <
 *  tests/fixtures/patch/format-patch-full.txt); the first column is the id. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "patchid.h"

#define TWO                                                                  \
  "diff --git a/a.c b/a.c\n"                                                 \
  "index 1111111..2222222 100644\n"                                          \
  "--- a/a.c\n"                                                              \
  "+++ b/a.c\n"                                                              \
  "@@ -1,3 +1,3 @@ int a(void)\n"                                            \
  " int a(void)\n"                                                           \
  "-{ return 1; }\n"                                                         \
  "+{ return 2; }\n"                                                         \
  " \n"
#define TWO_B                                                                \
  "diff --git a/b.c b/b.c\n"                                                 \
  "index 3333333..4444444 100644\n"                                          \
  "--- a/b.c\n"                                                              \
  "+++ b/b.c\n"                                                              \
  "@@ -10,2 +10,3 @@\n"                                                     \
  " int b;\n"                                                                \
  "+int c;\n"                                                                \
  " int d;\n"

#define TWO_ID "b22183cdcb0cf82728d5782fc22952f63594649d"

static void assert_id(const char *text, const char *expected)
{
  char out[PL_PATCHID_HEX_LEN + 1];
  assert_int_equal(pl_patchid_stable(text, strlen(text), out), 1);
  assert_string_equal(out, expected);
}

static void test_matches_git_on_two_files(void **state)
{
  (void)state;
  assert_id(TWO TWO_B, TWO_ID);
}

static void test_file_order_does_not_matter(void **state)
{
  (void)state;
  assert_id(TWO_B TWO, TWO_ID);
}

static void test_white_space_does_not_matter(void **state)
{
  (void)state;
  const char *ws = "diff --git a/a.c b/a.c\n"
                   "index 1111111..2222222 100644\n"
                   "--- a/a.c\n"
                   "+++ b/a.c\n"
                   "@@ -1,3 +1,3 @@ int a(void)\n"
                   " int a(void)\n"
                   "-{ return 1; }\n"
                   "+{  return\t2;}\n"
                   " \n" TWO_B;
  assert_id(ws, TWO_ID);
}

static void test_line_numbers_and_index_do_not_matter(void **state)
{
  (void)state;
  const char *moved = "diff --git a/a.c b/a.c\n"
                      "index 9999999..8888888 100644\n"
                      "--- a/a.c\n"
                      "+++ b/a.c\n"
                      "@@ -41,3 +45,3 @@ other\n"
                      " int a(void)\n"
                      "-{ return 1; }\n"
                      "+{ return 2; }\n"
                      " \n"
                      "diff --git a/b.c b/b.c\n"
                      "--- a/b.c\n"
                      "+++ b/b.c\n"
                      "@@ -100,2 +104,3 @@\n"
                      " int b;\n"
                      "+int c;\n"
                      " int d;\n";
  assert_id(moved, TWO_ID);
}

static void test_a_changed_line_changes_the_id(void **state)
{
  (void)state;
  const char *changed = TWO "diff --git a/b.c b/b.c\n"
                            "index 3333333..4444444 100644\n"
                            "--- a/b.c\n"
                            "+++ b/b.c\n"
                            "@@ -10,2 +10,3 @@\n"
                            " int b;\n"
                            "+int e;\n"
                            " int d;\n";
  assert_id(changed, "fb77285afb964aa2121d7711c0f614678c224c00");
}

static void test_message_and_signature_around_the_diff(void **state)
{
  (void)state;
  assert_id("Subject: x\n\nSome text.\n\nSigned-off-by: A <a@b.c>\n---\n"
            " a.c | 2 +-\n\n" TWO TWO_B "-- \n2.43.0\n",
            TWO_ID);
}

static void test_mode_change_only(void **state)
{
  (void)state;
  assert_id("diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n",
            "0801bff7999b122f0df44a0663a00deef879a340");
}

static void test_binary_hashes_object_names(void **state)
{
  (void)state;
  assert_id("diff --git a/logo.png b/logo.png\n"
            "new file mode 100644\n"
            "index 0000000000000000000000000000000000000000.."
            "c8b49c8cd518e58491924bfc364ff26e01a85009\n"
            "GIT binary patch\n"
            "literal 12\n"
            "TcmZQzWMXDvWn<^y<l^Sx1}Xp-\n"
            "\n"
            "literal 0\n"
            "HcmV?d00001\n"
            "\n",
            "576c02e05296391914edbe06172e69102a62163c");
}

static void test_hunk_counts_left_out(void **state)
{
  (void)state;
  assert_id("diff --git a/x b/x\nindex 1..2 100644\n--- a/x\n+++ b/x\n"
            "@@ -5 +5 @@\n-old\n+new\n",
            "51f81a60872c18a0add9bed7219e697b7e8adf5e");
}

static void test_format_patch_fixture(void **state)
{
  (void)state;
  char *text;
  gsize len;
  assert_true(g_file_get_contents(FIXTURES "/patch/format-patch-full.txt",
                                  &text, &len, NULL));
  char out[PL_PATCHID_HEX_LEN + 1];
  assert_int_equal(pl_patchid_stable(text, len, out), 1);
  assert_string_equal(out, "17533d9050d84e67fe7d4909f5e34b6b71fd6f3a");
  g_free(text);
}

static void test_no_diff_gives_no_id(void **state)
{
  (void)state;
  char out[PL_PATCHID_HEX_LEN + 1] = "x";
  const char *text = "Just words.\n\nSigned-off-by: A <a@b.c>\n";
  assert_int_equal(pl_patchid_stable(text, strlen(text), out), 0);
  assert_string_equal(out, "");
  assert_int_equal(pl_patchid_stable("", 0, out), 0);
  assert_int_equal(pl_patchid_stable(NULL, 0, out), 0);
}

static void test_unterminated_last_line(void **state)
{
  (void)state;
  /* the same diff with and without its last LF */
  const char *text = TWO TWO_B;
  char a[PL_PATCHID_HEX_LEN + 1], b[PL_PATCHID_HEX_LEN + 1];
  assert_int_equal(pl_patchid_stable(text, strlen(text) - 1, a), 1);
  assert_int_equal(pl_patchid_stable(text, strlen(text), b), 1);
  assert_string_equal(a, b);
}

#define PLAIN                                                                \
  "--- a/a.c\t2023-01-01 00:00:00\n"                                         \
  "+++ b/a.c\t2023-01-02 00:00:00\n"                                         \
  "@@ -1,2 +1,2 @@\n"                                                        \
  "-one\n"                                                                   \
  "+two\n"                                                                   \
  " three\n"                                                                 \
  "Index: b.c\n"                                                             \
  "===================================================================\n"    \
  "--- b.c.orig\n"                                                           \
  "+++ b.c\n"                                                                \
  "@@ -1 +1 @@\n"                                                            \
  "-four\n"                                                                  \
  "+five\n"

static void test_plain_diff_has_an_id_of_its_own(void **state)
{
  (void)state;
  char a[PL_PATCHID_HEX_LEN + 1], b[PL_PATCHID_HEX_LEN + 1];
  char c[PL_PATCHID_HEX_LEN + 1];
  const char *same = PLAIN;
  assert_int_equal(pl_patchid_stable(PLAIN, strlen(PLAIN), a), 1);
  assert_int_equal(pl_patchid_stable(same, strlen(same), b), 1);
  assert_string_equal(a, b);
  /* both files count: changing the second one changes the id */
  char *changed = g_strdup(PLAIN);
  strstr(changed, "+five")[4] = 'x';
  assert_int_equal(pl_patchid_stable(changed, strlen(changed), c), 1);
  assert_string_not_equal(a, c);
  g_free(changed);
}

static void test_hostile_counts_stay_linear(void **state)
{
  (void)state;
  GString *s = g_string_new("diff --git a/x b/x\n--- a/x\n+++ b/x\n"
                            "@@ -1,99999999999999999999 +1,2147483648 @@\n");
  for (int i = 0; i < 200000; i++)
    g_string_append(s, "+x\n");
  char out[PL_PATCHID_HEX_LEN + 1];
  assert_int_equal(pl_patchid_stable(s->str, s->len, out), 1);
  assert_int_equal(strlen(out), PL_PATCHID_HEX_LEN);
  g_string_free(s, TRUE);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_matches_git_on_two_files),
      cmocka_unit_test(test_file_order_does_not_matter),
      cmocka_unit_test(test_white_space_does_not_matter),
      cmocka_unit_test(test_line_numbers_and_index_do_not_matter),
      cmocka_unit_test(test_a_changed_line_changes_the_id),
      cmocka_unit_test(test_message_and_signature_around_the_diff),
      cmocka_unit_test(test_mode_change_only),
      cmocka_unit_test(test_binary_hashes_object_names),
      cmocka_unit_test(test_hunk_counts_left_out),
      cmocka_unit_test(test_format_patch_fixture),
      cmocka_unit_test(test_no_diff_gives_no_id),
      cmocka_unit_test(test_unterminated_last_line),
      cmocka_unit_test(test_plain_diff_has_an_id_of_its_own),
      cmocka_unit_test(test_hostile_counts_stay_linear),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
