#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "diff.h"

static struct pl_diff_stat_file *stat_line(const char *s)
{
  return pl_diff_stat_parse_line(s, strlen(s));
}

static void test_stat_line_counts(void **state)
{
  (void)state;
  struct pl_diff_stat_file *f = stat_line(" src/main.c   |  16 ++++++++--------");
  assert_non_null(f);
  assert_string_equal(f->path, "src/main.c");
  assert_null(f->old_path);
  assert_int_equal(f->changes, 16);
  assert_int_equal(f->insertions, 8);
  assert_int_equal(f->deletions, 8);
  assert_true(f->exact);
  assert_false(f->binary);
  assert_false(f->truncated);
  pl_diff_stat_file_free(f);

  /* a mode change or pure rename: no graph */
  f = stat_line(" scripts/run.sh | 0");
  assert_non_null(f);
  assert_int_equal(f->changes, 0);
  assert_true(f->exact);
  pl_diff_stat_file_free(f);
}

static void test_stat_line_scaled_graph(void **state)
{
  (void)state;
  /* git scaled 300 changes (200+, 100-) to a graph of 30 */
  struct pl_diff_stat_file *f =
      stat_line(" big.c | 300 ++++++++++++++++++++----------");
  assert_non_null(f);
  assert_int_equal(f->changes, 300);
  assert_int_equal(f->insertions, 200);
  assert_int_equal(f->deletions, 100);
  assert_false(f->exact);
  pl_diff_stat_file_free(f);
}

static void test_stat_line_binary(void **state)
{
  (void)state;
  struct pl_diff_stat_file *f = stat_line(" img/logo.png | Bin 0 -> 1234 bytes");
  assert_non_null(f);
  assert_true(f->binary);
  assert_int_equal(f->old_size, 0);
  assert_int_equal(f->new_size, 1234);
  assert_int_equal(f->changes, 0);
  pl_diff_stat_file_free(f);
  f = stat_line(" img/logo.png | Bin");
  assert_non_null(f);
  assert_true(f->binary);
  pl_diff_stat_file_free(f);
  assert_null(stat_line(" img/logo.png | Bin 0 -> x bytes"));
}

static void assert_rename(const char *line, const char *old_path,
                          const char *path)
{
  struct pl_diff_stat_file *f = stat_line(line);
  assert_non_null(f);
  assert_string_equal(f->old_path, old_path);
  assert_string_equal(f->path, path);
  pl_diff_stat_file_free(f);
}

static void test_stat_line_renames(void **state)
{
  (void)state;
  assert_rename(" lib/{util.c => helpers.c} | 2 +-", "lib/util.c",
                "lib/helpers.c");
  assert_rename(" {lib => src}/util.c | 0", "lib/util.c", "src/util.c");
  assert_rename(" old.c => new.c | 4 ++--", "old.c", "new.c");
  assert_rename(" dir/{ => sub}/f.c | 0", "dir/f.c", "dir/sub/f.c");
  assert_rename(" dir/{sub => }/f.c | 0", "dir/sub/f.c", "dir/f.c");
  assert_rename(" { => sub}/f.c | 0", "f.c", "sub/f.c");
}

static void test_stat_line_truncated_and_quoted(void **state)
{
  (void)state;
  struct pl_diff_stat_file *f =
      stat_line(" .../nested/directory/notes.txt | 1 +");
  assert_non_null(f);
  assert_true(f->truncated);
  assert_string_equal(f->path, ".../nested/directory/notes.txt");
  pl_diff_stat_file_free(f);
  f = stat_line(" .../{old => new}/x.c | 1 +");
  assert_non_null(f);
  assert_true(f->truncated);
  assert_string_equal(f->old_path, ".../old/x.c");
  pl_diff_stat_file_free(f);
  f = stat_line(" \"caf\\303\\251.txt\" | 1 +");
  assert_non_null(f);
  assert_string_equal(f->path, "caf\xc3\xa9.txt");
  pl_diff_stat_file_free(f);
}

static void test_stat_line_absurd_number_saturates(void **state)
{
  (void)state;
  struct pl_diff_stat_file *f = stat_line(" x | 99999999999999999999 +++");
  assert_non_null(f);
  assert_int_equal(f->changes, G_MAXUINT64);
  assert_int_equal(f->insertions, G_MAXUINT64);
  assert_int_equal(f->deletions, 0);
  pl_diff_stat_file_free(f);
  f = stat_line(" x | 99999999999999999999 +-");
  assert_non_null(f);
  assert_true(f->insertions + f->deletions == G_MAXUINT64);
  pl_diff_stat_file_free(f);
}

static void test_not_stat_lines(void **state)
{
  (void)state;
  assert_null(stat_line("src/main.c | 2 +-")); /* no leading space */
  assert_null(stat_line(" src/main.c | two"));
  assert_null(stat_line(" src/main.c | 2 +x"));
  assert_null(stat_line(" src/main.c | 2+-"));
  assert_null(stat_line(" src/main.c |"));
  assert_null(stat_line(" | 2 +-"));
  assert_null(stat_line(" a table | with cells"));
  assert_null(stat_line("  engine: count by two"));
  assert_null(pl_diff_stat_parse_line(NULL, 0));
}

static int summary(const char *s, guint64 *f, guint64 *i, guint64 *d)
{
  return pl_diff_stat_is_summary(s, strlen(s), f, i, d);
}

static void test_summary_lines(void **state)
{
  (void)state;
  guint64 f, i, d;
  assert_true(summary(" 3 files changed, 10 insertions(+), 2 deletions(-)",
                      &f, &i, &d));
  assert_int_equal(f, 3);
  assert_int_equal(i, 10);
  assert_int_equal(d, 2);
  assert_true(summary(" 1 file changed, 1 insertion(+)", &f, &i, &d));
  assert_int_equal(f, 1);
  assert_int_equal(i, 1);
  assert_int_equal(d, 0);
  assert_true(summary(" 1 file changed, 5 deletions(-)  ", &f, &i, &d));
  assert_int_equal(i, 0);
  assert_int_equal(d, 5);
  assert_true(summary("2 files changed", &f, &i, &d));
  assert_int_equal(f, 2);
  assert_true(summary(" 1 file changed, 0 insertions(+), 0 deletions(-)",
                      NULL, NULL, NULL));
  assert_true(summary(" 99999999999999999999 files changed", &f, &i, &d));
  assert_int_equal(f, G_MAXUINT64);
  assert_false(summary(" 3 files changed, 10 insertions", &f, &i, &d));
  assert_false(summary(" 3 files changed and more", &f, &i, &d));
  assert_false(summary(" files changed", &f, &i, &d));
  assert_false(summary(" 3 files changed, 2 deletions(-), 1 insertion(+)",
                       &f, &i, &d));
}

static void test_stat_block_with_summary_extras(void **state)
{
  (void)state;
  const char *text = "v2: notes\n"
                     "\n"
                     " docs/new.txt | 2 ++\n"
                     " old.txt      | 2 --\n"
                     " 2 files changed, 2 insertions(+), 2 deletions(-)\n"
                     " create mode 100644 docs/new.txt\n"
                     " delete mode 100644 old.txt\n"
                     "\n"
                     "diff --git a/docs/new.txt b/docs/new.txt\n";
  size_t len = strlen(text);
  struct pl_diff_stat *st = pl_diff_stat_find(text, len, 0, len);
  assert_non_null(st);
  assert_int_equal(st->files->len, 2);
  assert_int_equal(st->files_changed, 2);
  assert_int_equal(st->offset, strlen("v2: notes\n\n"));
  assert_int_equal(st->summary_offset,
                   st->offset + strlen(" docs/new.txt | 2 ++\n"
                                       " old.txt      | 2 --\n"));
  assert_int_equal(st->summary_length,
                   strlen(" 2 files changed, 2 insertions(+), 2 deletions(-)"));
  assert_memory_equal(text + st->offset + st->length, "\ndiff", 5);
  pl_diff_stat_free(st);

  /* file lines broken off from the summary do not count */
  const char *broken = " a | 1 +\nprose\n 1 file changed, 1 insertion(+)\n";
  st = pl_diff_stat_find(broken, strlen(broken), 0, strlen(broken));
  assert_non_null(st);
  assert_int_equal(st->files->len, 0);
  assert_int_equal(st->offset, strlen(" a | 1 +\nprose\n"));
  pl_diff_stat_free(st);
  assert_null(pl_diff_stat_find(broken, strlen(broken), 0, 10));
}

static char *fixture(const char *name, gsize *len)
{
  char *path = g_build_filename(FIXTURES, "patch", name, NULL);
  char *text;
  assert_true(g_file_get_contents(path, &text, len, NULL));
  g_free(path);
  return text;
}

static struct pl_diff_file *file_at(struct pl_diff *d, guint i)
{
  assert_true(i < d->files->len);
  return g_ptr_array_index(d->files, i);
}

static void test_git_diff_of_fixture(void **state)
{
  (void)state;
  gsize len;
  char *text = fixture("format-patch-full.txt", &len);
  size_t sig;
  size_t start = pl_diff_find(text, len, 0, len, &sig);
  assert_int_not_equal(start, PL_DIFF_NONE);
  assert_memory_equal(text + start, "diff --git a/docs/new.txt", 25);
  struct pl_diff *d = pl_diff_parse(text, len, start);
  assert_non_null(d);
  assert_int_equal(d->files->len, 7);
  assert_int_equal(d->added, 12);
  assert_int_equal(d->removed, 11);
  /* the diff ends before b4's "---" and base-commit lines */
  assert_memory_equal(text + d->offset + d->length, "---\nbase-commit:", 16);

  struct pl_diff_file *f = file_at(d, 0);
  assert_int_equal(f->status, PL_DIFF_ADDED);
  assert_null(f->old_path);
  assert_string_equal(f->new_path, "docs/new.txt");
  assert_int_equal(f->new_mode, 0100644);
  assert_string_equal(f->old_id, "0000000");
  assert_string_equal(f->new_id, "d94212b");
  assert_int_equal(f->added, 2);
  assert_int_equal(f->hunks->len, 1);
  assert_true(f->git);

  f = file_at(d, 1);
  assert_int_equal(f->status, PL_DIFF_MODIFIED);
  struct pl_diff_hunk *h = g_ptr_array_index(f->hunks, 0);
  assert_int_equal(h->old_start, 1);
  assert_int_equal(h->old_count, 1); /* "@@ -1 +1,2 @@" */
  assert_int_equal(h->new_count, 2);
  assert_null(h->section);

  f = file_at(d, 2);
  assert_int_equal(f->status, PL_DIFF_ADDED);
  assert_string_equal(f->new_path, "img/logo.png");
  assert_int_equal(f->binary, PL_DIFF_BINARY_PATCH);
  assert_int_equal(f->hunks->len, 0);
  assert_memory_equal(text + f->offset + f->length, "\ndiff --git a/lib", 17);

  f = file_at(d, 3);
  assert_int_equal(f->status, PL_DIFF_RENAMED);
  assert_string_equal(f->old_path, "lib/util.c");
  assert_string_equal(f->new_path, "lib/helpers.c");
  assert_int_equal(f->similarity, 89);
  h = g_ptr_array_index(f->hunks, 0);
  assert_string_equal(h->section, "int util_sub(int a, int b)");
  assert_int_equal(h->old_start, 10);
  assert_int_equal(h->added, 1);
  assert_int_equal(h->removed, 1);
  assert_false(h->truncated);
  assert_memory_equal(text + h->offset, "@@ -10,5", 8);

  f = file_at(d, 4);
  assert_int_equal(f->status, PL_DIFF_DELETED);
  assert_string_equal(f->old_path, "old.txt");
  assert_null(f->new_path);
  assert_int_equal(f->removed, 2);

  f = file_at(d, 5);
  assert_int_equal(f->status, PL_DIFF_MODIFIED);
  assert_int_equal(f->old_mode, 0100644);
  assert_int_equal(f->new_mode, 0100755);
  assert_int_equal(f->hunks->len, 0);

  f = file_at(d, 6);
  assert_string_equal(f->new_path, "src/main.c");
  assert_int_equal(f->added, 8);
  assert_int_equal(f->removed, 8);
  pl_diff_free(d);
  g_free(text);
}

static struct pl_diff *parse_at_start(const char *text)
{
  size_t len = strlen(text);
  size_t start = pl_diff_find(text, len, 0, len, NULL);
  if (start == PL_DIFF_NONE)
    return NULL;
  return pl_diff_parse(text, len, start);
}

static void test_counted_hunks_keep_dash_dash_lines(void **state)
{
  (void)state;
  /* "-- " inside the hunk is a removed line "- "; after it, the signature */
  const char *text = "diff --git a/list.md b/list.md\n"
                     "--- a/list.md\n"
                     "+++ b/list.md\n"
                     "@@ -1,3 +1,2 @@\n"
                     " * one\n"
                     "-- \n"
                     "\n"
                     "-- \n"
                     "2.43.0\n";
  struct pl_diff *d = parse_at_start(text);
  assert_non_null(d);
  struct pl_diff_file *f = file_at(d, 0);
  assert_int_equal(f->removed, 1);
  assert_int_equal(f->added, 0);
  /* the blank line was the third context line */
  assert_int_equal(d->length, strlen(text) - strlen("-- \n2.43.0\n"));
  pl_diff_free(d);
}

static void test_truncated_hunk_and_no_newline(void **state)
{
  (void)state;
  const char *text = "diff --git a/x b/x\n"
                     "--- a/x\n"
                     "+++ b/x\n"
                     "@@ -1 +1 @@\n"
                     "-old\n"
                     "\\ No newline at end of file\n"
                     "+new\n"
                     "\\ No newline at end of file\n"
                     "diff --git a/y b/y\n"
                     "--- a/y\n"
                     "+++ b/y\n"
                     "@@ -1,5 +1,5 @@\n"
                     "-a\n"
                     "+b\n"
                     "base-commit: 1234567\n";
  struct pl_diff *d = parse_at_start(text);
  assert_non_null(d);
  assert_int_equal(d->files->len, 2);
  struct pl_diff_hunk *h = g_ptr_array_index(file_at(d, 0)->hunks, 0);
  assert_false(h->truncated);
  assert_int_equal(h->added, 1);
  assert_int_equal(h->removed, 1);
  /* the hunk ran short of its counts: kept, and marked */
  h = g_ptr_array_index(file_at(d, 1)->hunks, 0);
  assert_true(h->truncated);
  assert_int_equal(h->added, 1);
  assert_memory_equal(text + d->offset + d->length, "base-commit", 11);
  pl_diff_free(d);
}

static void test_plain_unified_diff(void **state)
{
  (void)state;
  const char *text = "Notes.\n"
                     "Index: engine/a.c\n"
                     "===================================================\n"
                     "--- engine.orig/a.c\t2023-11-20 10:00:00 +0000\n"
                     "+++ engine/a.c\t2023-11-20 10:05:00 +0000\n"
                     "@@ -1 +1 @@\n"
                     "-one\n"
                     "+two\n"
                     "Index: engine/b.c\n"
                     "===================================================\n"
                     "--- /dev/null\n"
                     "+++ engine/b.c\n"
                     "@@ -0,0 +1 @@\n"
                     "+three\n"
                     "\n"
                     "-- \n";
  size_t len = strlen(text);
  size_t start = pl_diff_find(text, len, 0, len, NULL);
  assert_int_equal(start, strlen("Notes.\n"));
  struct pl_diff *d = pl_diff_parse(text, len, start);
  assert_non_null(d);
  assert_int_equal(d->offset, start);
  assert_int_equal(d->files->len, 2);
  struct pl_diff_file *f = file_at(d, 0);
  assert_false(f->git);
  assert_string_equal(f->old_path, "a.c");
  assert_string_equal(f->new_path, "a.c");
  assert_int_equal(f->status, PL_DIFF_MODIFIED);
  assert_memory_equal(text + f->offset, "--- engine.orig", 15);
  f = file_at(d, 1);
  assert_int_equal(f->status, PL_DIFF_ADDED);
  assert_null(f->old_path);
  assert_string_equal(f->new_path, "b.c");
  assert_int_equal(f->added, 1);
  assert_memory_equal(text + d->offset + d->length, "\n-- \n", 5);
  pl_diff_free(d);
}

static void test_paths_quoted_and_with_spaces(void **state)
{
  (void)state;
  const char *text =
      "diff --git a/my file.txt b/my file.txt\n"
      "index 1111111..2222222 100644\n"
      "--- a/my file.txt\t\n"
      "+++ b/my file.txt\t\n"
      "@@ -1 +1 @@\n"
      "-a\n"
      "+b\n"
      "diff --git \"a/caf\\303\\251.txt\" \"b/caf\\303\\251.txt\"\n"
      "new file mode 100644\n"
      "index 0000000..3333333\n"
      "diff --git a/b b/b b/c\n"
      "similarity index 100%\n"
      "copy from b b\n"
      "copy to c\n"
      "diff --git a/x b/x\n"
      "dissimilarity index 65%\n"
      "Binary files a/x and b/x differ\n";
  struct pl_diff *d = parse_at_start(text);
  assert_non_null(d);
  assert_int_equal(d->files->len, 4);
  assert_string_equal(file_at(d, 0)->old_path, "my file.txt");
  assert_string_equal(file_at(d, 0)->new_path, "my file.txt");
  struct pl_diff_file *f = file_at(d, 1);
  assert_int_equal(f->status, PL_DIFF_ADDED);
  assert_string_equal(f->new_path, "caf\xc3\xa9.txt");
  f = file_at(d, 2);
  assert_int_equal(f->status, PL_DIFF_COPIED);
  assert_string_equal(f->old_path, "b b");
  assert_string_equal(f->new_path, "c");
  assert_int_equal(f->similarity, 100);
  f = file_at(d, 3);
  assert_int_equal(f->binary, PL_DIFF_BINARY_DIFFERS);
  assert_int_equal(f->dissimilarity, 65);
  assert_int_equal(f->similarity, -1);
  assert_int_equal(d->length, strlen(text));
  pl_diff_free(d);
}

static void test_find_stops_at_signature(void **state)
{
  (void)state;
  const char *text = "words\n-- \nsig\ndiff --git a/x b/x\n";
  size_t len = strlen(text), sig;
  assert_int_equal(pl_diff_find(text, len, 0, len, &sig), PL_DIFF_NONE);
  assert_int_equal(sig, strlen("words\n"));
  const char *none = "--- not a diff\nwords\n";
  assert_int_equal(pl_diff_find(none, strlen(none), 0, strlen(none), &sig),
                   PL_DIFF_NONE);
  assert_int_equal(sig, PL_DIFF_NONE);
  assert_null(pl_diff_parse(none, strlen(none), 0));
  assert_null(pl_diff_parse(NULL, 0, 0));
}

static void test_hostile_hunk_counts_stay_linear(void **state)
{
  (void)state;
  GString *s = g_string_new("diff --git a/x b/x\n--- a/x\n+++ b/x\n"
                            "@@ -99999999999999999999,99999999999999999999 "
                            "+1,99999999999999999999 @@\n");
  for (int i = 0; i < 300000; i++)
    g_string_append(s, i % 3 ? "+x\n" : "-y\n");
  g_string_append(s, "-- \n2.43.0\n");
  struct pl_diff *d = pl_diff_parse(s->str, s->len, 0);
  assert_non_null(d);
  struct pl_diff_hunk *h = g_ptr_array_index(file_at(d, 0)->hunks, 0);
  assert_int_equal(h->old_start, G_MAXUINT64);
  assert_int_equal(h->old_count, G_MAXUINT64);
  assert_int_equal(h->added, 200000);
  /* "-- " and the version line are still hunk lines under such counts */
  assert_int_equal(h->removed, 100001);
  assert_true(h->truncated);
  pl_diff_free(d);

  /* 300,000 files of nothing but headers */
  g_string_assign(s, "");
  for (int i = 0; i < 300000; i++)
    g_string_append(s, "diff --git a/x b/x\nold mode 100644\nnew mode 100755\n");
  d = pl_diff_parse(s->str, s->len, 0);
  assert_non_null(d);
  assert_int_equal(d->files->len, 300000);
  pl_diff_free(d);
  g_string_free(s, TRUE);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stat_line_counts),
      cmocka_unit_test(test_stat_line_scaled_graph),
      cmocka_unit_test(test_stat_line_binary),
      cmocka_unit_test(test_stat_line_renames),
      cmocka_unit_test(test_stat_line_truncated_and_quoted),
      cmocka_unit_test(test_stat_line_absurd_number_saturates),
      cmocka_unit_test(test_not_stat_lines),
      cmocka_unit_test(test_summary_lines),
      cmocka_unit_test(test_stat_block_with_summary_extras),
      cmocka_unit_test(test_git_diff_of_fixture),
      cmocka_unit_test(test_counted_hunks_keep_dash_dash_lines),
      cmocka_unit_test(test_truncated_hunk_and_no_newline),
      cmocka_unit_test(test_plain_unified_diff),
      cmocka_unit_test(test_paths_quoted_and_with_spaces),
      cmocka_unit_test(test_find_stops_at_signature),
      cmocka_unit_test(test_hostile_hunk_counts_stay_linear),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
