#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "trailer.h"

static struct pl_trailer_person *person(const char *s)
{
  return pl_trailer_person_parse(s, strlen(s));
}

static void assert_person(const char *input, const char *name,
                          const char *address)
{
  struct pl_trailer_person *p = person(input);
  assert_non_null(p);
  if (name)
    assert_string_equal(p->name, name);
  else
    assert_null(p->name);
  assert_string_equal(p->address, address);
  pl_trailer_person_free(p);
}

static void test_person_forms(void **state)
{
  (void)state;
  assert_person("Ada Lovelace <ada@example.org>", "Ada Lovelace",
                "ada@example.org");
  assert_person("\"Lovelace, Ada\" <ada@example.org>", "Lovelace, Ada",
                "ada@example.org");
  assert_person("\"Ada \\\"the Countess\\\" L\" <ada@example.org>",
                "Ada \"the Countess\" L", "ada@example.org");
  assert_person("<ada@example.org>", NULL, "ada@example.org");
  assert_person("ada@example.org (Ada Lovelace)", "Ada Lovelace",
                "ada@example.org");
  assert_person("ada@example.org", NULL, "ada@example.org");
  assert_person("stable@example.org # 6.1+", NULL, "stable@example.org");
  assert_person("Ada <ada@example.org> [for the engine bits]", "Ada",
                "ada@example.org");
  assert_person("Ada < ada@example.org >", "Ada", "ada@example.org");
  /* a bracketed non-address is skipped for the next one */
  assert_person("Ada <none> <ada@example.org>", "Ada <none>",
                "ada@example.org");
}

static void test_person_without_address(void **state)
{
  (void)state;
  assert_null(person("Ada Lovelace"));
  assert_null(person(""));
  assert_null(person("@example.org"));
  assert_null(person("ada@"));
  assert_null(person("https://lists.example.org/r/123@example.org"));
  assert_null(person("<https://lists.example.org/r/123@example.org>"));
  assert_null(pl_trailer_person_parse(NULL, 0));
}

static GPtrArray *parse(const char *message)
{
  return pl_trailer_parse(message, strlen(message));
}

static void assert_trailer(GPtrArray *a, guint i, const char *key,
                           const char *value)
{
  assert_true(i < a->len);
  struct pl_trailer *t = g_ptr_array_index(a, i);
  assert_string_equal(t->key, key);
  assert_string_equal(t->value, value);
}

static struct pl_trailer *at(GPtrArray *a, guint i)
{
  return g_ptr_array_index(a, i);
}

static void test_block_of_trailers_only(void **state)
{
  (void)state;
  GPtrArray *a = parse("Count by two.\n\n"
                       "Reviewed-by: Charles Babbage <charles@example.org>\n"
                       "Acked-by: Mary Somerville <mary@example.org>\n"
                       "Tested-by: ada@example.org\n");
  assert_int_equal(a->len, 3);
  assert_trailer(a, 0, "Reviewed-by",
                 "Charles Babbage <charles@example.org>");
  assert_string_equal(at(a, 0)->person->name, "Charles Babbage");
  assert_string_equal(at(a, 2)->person->address, "ada@example.org");
  assert_null(at(a, 2)->person->name);
  g_ptr_array_unref(a);
}

static void test_whole_message_may_be_the_block(void **state)
{
  (void)state;
  /* the subject is the title; the body's first paragraph may be trailers */
  GPtrArray *a = parse("Signed-off-by: Ada Lovelace <ada@example.org>\n");
  assert_int_equal(a->len, 1);
  assert_trailer(a, 0, "Signed-off-by", "Ada Lovelace <ada@example.org>");
  g_ptr_array_unref(a);
}

static void test_maintainer_note_in_block(void **state)
{
  (void)state;
  GPtrArray *a = parse("Text.\n\n"
                       "Signed-off-by: Mary Somerville <mary@example.org>\n"
                       "[ada: reworded the message]\n"
                       "Signed-off-by: Ada Lovelace <ada@example.org>\n");
  assert_int_equal(a->len, 2);
  assert_string_equal(at(a, 1)->person->name, "Ada Lovelace");
  g_ptr_array_unref(a);
}

static void test_mixed_paragraph_without_signoff_is_prose(void **state)
{
  (void)state;
  GPtrArray *a = parse("Text.\n\n"
                       "Note: this matters because the engine\n"
                       "counts wrong otherwise.\n");
  assert_int_equal(a->len, 0);
  g_ptr_array_unref(a);
  /* with a Signed-off-by, a quarter of trailers is enough (git's rule) */
  a = parse("Text.\n\n"
            "one\ntwo\nthree\n"
            "Signed-off-by: Ada Lovelace <ada@example.org>\n");
  assert_int_equal(a->len, 1);
  g_ptr_array_unref(a);
  a = parse("Text.\n\n"
            "one\ntwo\nthree\nfour\n"
            "Signed-off-by: Ada Lovelace <ada@example.org>\n");
  assert_int_equal(a->len, 0);
  g_ptr_array_unref(a);
}

static void test_continuation_lines_are_joined(void **state)
{
  (void)state;
  GPtrArray *a = parse("Text.\n\n"
                       "Co-developed-by: Mary Somerville\n"
                       "  <mary@example.org>\n"
                       "Fixes: 0123456789ab (\"engine: count loops\n"
                       "\tby one\")\n"
                       "Signed-off-by: Ada Lovelace <ada@example.org>\n");
  assert_int_equal(a->len, 3);
  assert_trailer(a, 0, "Co-developed-by",
                 "Mary Somerville <mary@example.org>");
  assert_string_equal(at(a, 0)->person->address, "mary@example.org");
  assert_trailer(a, 1, "Fixes",
                 "0123456789ab (\"engine: count loops by one\")");
  assert_null(at(a, 1)->person);
  g_ptr_array_unref(a);
}

static void test_things_have_no_person(void **state)
{
  (void)state;
  GPtrArray *a =
      parse("Text.\n\n"
            "Link: https://lists.example.org/r/20231012-v1-3-abc@example.org\n"
            "Closes: https://bugs.example.org/1843\n"
            "Cc: stable@example.org # 1.2+\n"
            "Signed-off-by: Ada Lovelace <ada@example.org>\n");
  assert_int_equal(a->len, 4);
  assert_null(at(a, 0)->person);
  assert_null(at(a, 1)->person);
  assert_string_equal(at(a, 2)->person->address, "stable@example.org");
  g_ptr_array_unref(a);
}

static void test_paragraphs_above_join_when_known(void **state)
{
  (void)state;
  GPtrArray *a = parse("Text.\n\n"
                       "Fixes: 0123456789ab (\"engine: count loops\")\n"
                       "Cc: stable@example.org\n\n"
                       "Link: https://lists.example.org/r/1\n\n"
                       "Signed-off-by: Ada Lovelace <ada@example.org>\n");
  assert_int_equal(a->len, 4);
  assert_trailer(a, 0, "Fixes", "0123456789ab (\"engine: count loops\")");
  assert_trailer(a, 3, "Signed-off-by", "Ada Lovelace <ada@example.org>");
  g_ptr_array_unref(a);
  /* an unknown key above the block is prose, not a trailer */
  a = parse("Text.\n\n"
            "Changes: none\n\n"
            "Signed-off-by: Ada Lovelace <ada@example.org>\n");
  assert_int_equal(a->len, 1);
  g_ptr_array_unref(a);
}

static void test_url_and_odd_tokens_are_not_trailers(void **state)
{
  (void)state;
  GPtrArray *a = parse("Text.\n\nhttps://example.org/a\n");
  assert_int_equal(a->len, 0);
  g_ptr_array_unref(a);
  a = parse("Text.\n\nNot A Token: value\n");
  assert_int_equal(a->len, 0);
  g_ptr_array_unref(a);
  /* git allows white space between token and ':' */
  a = parse("Text.\n\nAcked-by : Ada <ada@example.org>\n");
  assert_int_equal(a->len, 1);
  assert_trailer(a, 0, "Acked-by", "Ada <ada@example.org>");
  g_ptr_array_unref(a);
}

static void test_comments_and_blank_ends(void **state)
{
  (void)state;
  GPtrArray *a = parse("Text.\n\n"
                       "# a comment git would drop\n"
                       "Signed-off-by: Ada Lovelace <ada@example.org>\n"
                       "\n\n  \n");
  assert_int_equal(a->len, 1);
  g_ptr_array_unref(a);
  a = parse("");
  assert_int_equal(a->len, 0);
  g_ptr_array_unref(a);
  a = pl_trailer_parse(NULL, 0);
  assert_int_equal(a->len, 0);
  g_ptr_array_unref(a);
}

static void test_reply_trailers(void **state)
{
  (void)state;
  const char *reply =
      "On Mon, Ada Lovelace wrote:\n"
      "> Signed-off-by: Ada Lovelace <ada@example.org>\n"
      ">> Reviewed-by: Old Quote <old@example.org>\n"
      "\n"
      "Looks good to me.\n"
      "\n"
      "Reviewed-by: Charles Babbage <charles@example.org>\n"
      "  Tested-by: Charles Babbage <charles@example.org>\n"
      "Acked-by: Somebody Without Address\n"
      "Acked-by: Mary Somerville with a long name\n"
      "<mary@example.org>\n"
      "Fixes: 0123456789ab (\"engine: count loops\")\n"
      "Fixes: the bug, I think\n"
      "Note: not a trailer\n"
      "-- \n"
      "Reviewed-by: In Signature <sig@example.org>\n";
  GPtrArray *a = pl_trailer_find_in_reply(reply, strlen(reply));
  assert_int_equal(a->len, 4);
  assert_trailer(a, 0, "Reviewed-by",
                 "Charles Babbage <charles@example.org>");
  assert_trailer(a, 1, "Tested-by", "Charles Babbage <charles@example.org>");
  assert_trailer(a, 2, "Acked-by",
                 "Mary Somerville with a long name <mary@example.org>");
  assert_string_equal(at(a, 2)->person->address, "mary@example.org");
  assert_trailer(a, 3, "Fixes", "0123456789ab (\"engine: count loops\")");
  assert_null(at(a, 3)->person);
  g_ptr_array_unref(a);
}

static void test_info_lines(void **state)
{
  (void)state;
  const char *text = "Some text.\n"
                     "base-commit: 1111111111111111111111111111111111111111\n"
                     "Change-Id: 20231012-count-4f5e6d\n"
                     "prerequisite-patch-id: 2222222222222222\n"
                     "Supersedes: <20231012-v1-0-abc@example.org>\n"
                     "Based-on: <x@example.org>\n"
                     "base-commit:\n"
                     " change-id: indented\n"
                     "-- \n"
                     "base-commit: in-the-signature\n";
  GPtrArray *a = pl_trailer_find_info(text, strlen(text));
  assert_int_equal(a->len, 5);
  assert_trailer(a, 0, "base-commit",
                 "1111111111111111111111111111111111111111");
  assert_trailer(a, 1, "Change-Id", "20231012-count-4f5e6d");
  assert_trailer(a, 3, "Supersedes", "<20231012-v1-0-abc@example.org>");
  assert_null(at(a, 3)->person);
  g_ptr_array_unref(a);
  assert_true(pl_trailer_is_info_line("change-id: x", 12));
  assert_false(pl_trailer_is_info_line("change-id:", 10));
  assert_false(pl_trailer_is_info_line("Signed-off-by: x", 16));
}

static void test_person_keys(void **state)
{
  (void)state;
  assert_true(pl_trailer_key_is_person("Reviewed-by"));
  assert_true(pl_trailer_key_is_person("reported-BY"));
  assert_true(pl_trailer_key_is_person("Cc"));
  assert_false(pl_trailer_key_is_person("Fixes"));
  assert_false(pl_trailer_key_is_person("-by"));
  assert_false(pl_trailer_key_is_person(NULL));
}

static void test_hostile_input_stays_linear(void **state)
{
  (void)state;
  /* 200,000 trailer lines, a person of 1,000,000 '<', a line of colons */
  GString *s = g_string_new("Text.\n\n");
  for (int i = 0; i < 200000; i++)
    g_string_append(s, "Acked-by: A <a@b.c>\n");
  GPtrArray *a = pl_trailer_parse(s->str, s->len);
  assert_int_equal(a->len, 200000);
  g_ptr_array_unref(a);
  a = pl_trailer_find_in_reply(s->str, s->len);
  assert_int_equal(a->len, 200000);
  g_ptr_array_unref(a);

  g_string_assign(s, "");
  for (int i = 0; i < 1000000; i++)
    g_string_append_c(s, '<');
  g_string_append(s, "@>");
  assert_null(pl_trailer_person_parse(s->str, s->len));
  g_string_prepend(s, "Text.\n\nReviewed-by: ");
  a = pl_trailer_parse(s->str, s->len);
  assert_int_equal(a->len, 1);
  assert_null(at(a, 0)->person);
  g_ptr_array_unref(a);
  g_string_free(s, TRUE);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_person_forms),
      cmocka_unit_test(test_person_without_address),
      cmocka_unit_test(test_block_of_trailers_only),
      cmocka_unit_test(test_whole_message_may_be_the_block),
      cmocka_unit_test(test_maintainer_note_in_block),
      cmocka_unit_test(test_mixed_paragraph_without_signoff_is_prose),
      cmocka_unit_test(test_continuation_lines_are_joined),
      cmocka_unit_test(test_things_have_no_person),
      cmocka_unit_test(test_paragraphs_above_join_when_known),
      cmocka_unit_test(test_url_and_odd_tokens_are_not_trailers),
      cmocka_unit_test(test_comments_and_blank_ends),
      cmocka_unit_test(test_reply_trailers),
      cmocka_unit_test(test_info_lines),
      cmocka_unit_test(test_person_keys),
      cmocka_unit_test(test_hostile_input_stays_linear),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
