/* A main for the harnesses outside libFuzzer: runs LLVMFuzzerTestOneInput
 * once on each file named, and on each file of each directory named, so
 * that the ordinary test suite (and its sanitizer and valgrind runs)
 * replays the seed corpora and the crash fixtures. */
#include <glib.h>
#include <string.h>

#include "fuzz.h"

static int run_file(const char *path)
{
  gchar *data = NULL;
  gsize len = 0;
  GError *error = NULL;
  if (!g_file_get_contents(path, &data, &len, &error)) {
    fprintf(stderr, "%s\n", error->message);
    g_error_free(error);
    return 1;
  }
  LLVMFuzzerTestOneInput((const uint8_t *)data, len);
  g_free(data);
  return 0;
}

/* g_ptr_array_sort passes pointers to the elements. */
static int by_name(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *path, unsigned *count)
{
  GError *error = NULL;
  GDir *dir = g_dir_open(path, 0, &error);
  if (!dir) {
    fprintf(stderr, "%s\n", error->message);
    g_error_free(error);
    return 1;
  }
  /* In name order, so that a failure is reproducible. */
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(dir)) != NULL)
    g_ptr_array_add(names, g_build_filename(path, name, NULL));
  g_dir_close(dir);
  g_ptr_array_sort(names, by_name);
  int failed = 0;
  for (guint i = 0; i < names->len; i++) {
    const char *file = names->pdata[i];
    if (g_file_test(file, G_FILE_TEST_IS_REGULAR)) {
      failed |= run_file(file);
      (*count)++;
    }
  }
  g_ptr_array_unref(names);
  return failed;
}

int main(int argc, char **argv)
{
  unsigned count = 0;
  int failed = 0;
  for (int i = 1; i < argc; i++) {
    if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
      failed |= run_dir(argv[i], &count);
    } else {
      failed |= run_file(argv[i]);
      count++;
    }
  }
  printf("%u inputs\n", count);
  return failed;
}
