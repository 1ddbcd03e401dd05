#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "rfc2047.h"

static void check_decode(const char *in, const char *want)
{
  char *out = pl_rfc2047_decode(in);
  assert_non_null(out);
  assert_string_equal(out, want);
  g_free(out);
}

static void check_unfold(const char *in, const char *want)
{
  char *out = pl_header_unfold(in);
  assert_non_null(out);
  assert_string_equal(out, want);
  g_free(out);
}

static void unfold_lf_before_space(void **state)
{
  (void)state;
  check_unfold("a\n b", "a b");
}

static void unfold_crlf_before_tab(void **state)
{
  (void)state;
  check_unfold("a\r\n\tb", "a\tb");
}

static void unfold_drops_other_line_breaks(void **state)
{
  (void)state;
  check_unfold("a\r\nb", "ab");
  check_unfold("a\rb\n", "ab");
  check_unfold("[PATCH 1/2]\n  net: fix\r\n\t leak", "[PATCH 1/2]  net: fix\t leak");
  check_unfold("no breaks", "no breaks");
  check_unfold("", "");
}

static void unfold_null_is_null(void **state)
{
  (void)state;
  assert_null(pl_header_unfold(NULL));
}

static void plain_text_is_unchanged(void **state)
{
  (void)state;
  check_decode("[PATCH] mm: fix a leak", "[PATCH] mm: fix a leak");
  check_decode("", "");
  check_decode("a = b? c=?d", "a = b? c=?d");
}

static void null_is_null(void **state)
{
  (void)state;
  assert_null(pl_rfc2047_decode(NULL));
}

static void q_word(void **state)
{
  (void)state;
  check_decode("=?utf-8?q?caf=C3=A9?=", "caf\xc3\xa9");
  check_decode("=?utf-8?q?caf=c3=a9?=", "caf\xc3\xa9");
}

static void q_underscore_is_space(void **state)
{
  (void)state;
  check_decode("=?UTF-8?Q?hello_world?=", "hello world");
  /* =5F is a literal underscore, not a space. */
  check_decode("=?UTF-8?Q?snake=5Fcase?=", "snake_case");
}

static void q_equals_without_hex_is_kept(void **state)
{
  (void)state;
  check_decode("=?utf-8?q?100=_sure=?=", "100= sure=");
  check_decode("=?utf-8?q?a=4?=", "a=4");
}

static void b_word(void **state)
{
  (void)state;
  check_decode("=?utf-8?b?Y2Fmw6k=?=", "caf\xc3\xa9");
  /* Padding left out by the sender. */
  check_decode("=?utf-8?b?YWI?=", "ab");
}

static void charset_and_encoding_are_case_insensitive(void **state)
{
  (void)state;
  check_decode("=?UtF-8?B?Y2Fmw6k=?=", "caf\xc3\xa9");
  check_decode("=?ISO-8859-1?q?caf=E9?=", "caf\xc3\xa9");
  check_decode("=?iso-8859-1?Q?caf=E9?=", "caf\xc3\xa9");
}

static void rfc2231_language_suffix_is_ignored(void **state)
{
  (void)state;
  check_decode("=?utf-8*en?Q?caf=C3=A9?=", "caf\xc3\xa9");
  /* RFC 2231 section 5's own example. */
  check_decode("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore");
  /* A language with no charset is not a word. */
  check_decode("=?*en?Q?x?=", "=?*en?Q?x?=");
}

/* RFC 2047 section 8, the display column of its examples. */
static void rfc2047_section8_examples(void **state)
{
  (void)state;
  check_decode("(=?ISO-8859-1?Q?a?=)", "(a)");
  check_decode("(=?ISO-8859-1?Q?a?= b)", "(a b)");
  check_decode("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)");
  check_decode("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)");
  check_decode("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)");
  check_decode("(=?ISO-8859-1?Q?a_b?=)", "(a b)");
  check_decode("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)");
}

static void white_space_next_to_text_is_kept(void **state)
{
  (void)state;
  check_decode("Re:  =?utf-8?q?a?=\t b", "Re:  a\t b");
  check_decode("=?utf-8?q?a?= \t=?utf-8?q?b?= c", "ab c");
}

static void adjacent_words_without_white_space(void **state)
{
  (void)state;
  check_decode("=?utf-8?q?a?==?utf-8?q?b?=", "ab");
}

static void word_inside_text(void **state)
{
  (void)state;
  /* Not RFC 2047, but mailers do it and readers decode it. */
  check_decode("foo=?utf-8?q?bar?=baz", "foobarbaz");
  check_decode("\"=?utf-8?q?J=C3=B6rg?=\" <j@example.org>", "\"J\xc3\xb6rg\" <j@example.org>");
}

/* gmime #133: GMime 3.2.13 joins the base64 texts of adjacent words
 * before decoding, so the first word's "==" ends the decoding: it gives
 * "[PATCH v2] Gr\xc3\xbc\xc3\x9f""e aus M?" for this Subject. Here the
 * first word also ends inside the two bytes of the second u-umlaut. */
static void adjacent_base64_first_ends_in_padding(void **state)
{
  (void)state;
  check_decode("=?UTF-8?B?W1BBVENIIHYyXSBHcsO8w59lIGF1cyBNww==?=\n"
               " =?UTF-8?B?vG5jaGVu?=",
               "[PATCH v2] Gr\xc3\xbc\xc3\x9f""e aus M\xc3\xbcnchen");
  check_decode("=?UTF-8?B?R3LD?= =?UTF-8?B?vMOfZQ==?=", "Gr\xc3\xbc\xc3\x9f""e");
  /* GMime gives one e-acute for these two. */
  check_decode("=?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?=", "\xc3\xa9\xc3\xa9");
  check_decode("=?utf-8?b?YQ==YQ==?=", "aa");
}

static void multibyte_split_over_q_words(void **state)
{
  (void)state;
  check_decode("=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=", "caf\xc3\xa9");
  /* Same charset under another case still joins; B and Q mix. */
  check_decode("=?utf-8?q?=E2=82?= =?UTF-8?B?rA==?=", "\xe2\x82\xac");
}

static void adjacent_words_in_different_charsets(void **state)
{
  (void)state;
  check_decode("=?iso-8859-1?q?caf=E9?= =?utf-8?q?_=E2=82=AC?=", "caf\xc3\xa9 \xe2\x82\xac");
  check_decode("=?koi8-r?b?8A==?= =?utf-8?q?=C3=A9?=", "\xd0\x9f\xc3\xa9");
}

static void split_bytes_in_different_charsets_are_not_joined(void **state)
{
  (void)state;
  /* A lone 0xC3 is no UTF-8: it falls back to Latin-1 on its own. */
  check_decode("=?utf-8?q?=C3?= =?iso-8859-1?q?=A9?=", "\xc3\x83\xc2\xa9");
}

static void malformed_words_are_kept(void **state)
{
  (void)state;
  check_decode("=?utf-8?x?abc?=", "=?utf-8?x?abc?=");
  check_decode("=?utf-8?q?abc", "=?utf-8?q?abc");
  check_decode("=??q?abc?=", "=??q?abc?=");
  check_decode("=?utf-8?b?!!!?=", "=?utf-8?b?!!!?=");
  check_decode("=?utf-8?q?a b?=", "=?utf-8?q?a b?=");
  check_decode("=?utf-8?", "=?utf-8?");
  check_decode("=?", "=?");
  check_decode("=?utf 8?q?a?=", "=?utf 8?q?a?=");
  check_decode("=?utf-8?qq?a?=", "=?utf-8?qq?a?=");
}

static void malformed_word_next_to_good_ones(void **state)
{
  (void)state;
  check_decode("=?utf-8?q?ok?= =?bad", "ok =?bad");
  check_decode("=?utf-8?q?oops and =?utf-8?q?real?=", "=?utf-8?q?oops and real");
  check_decode("=?utf-8?q?a?= =?utf-8?x?b?= =?utf-8?q?c?=", "a =?utf-8?x?b?= c");
}

static void word_beyond_unicode_falls_back(void **state)
{
  (void)state;
  check_decode("=?ucs-4be?q?=00=00=00A?=", "A");
  /* U+7F414141: iconv writes 6 bytes that are not UTF-8; the word's
   * bytes are read as UTF-8 instead. */
  check_decode("=?ucs-4be?q?=7FAAA?=", "\x7f" "AAA");
}

static void unknown_charset_word_falls_back(void **state)
{
  (void)state;
  check_decode("=?x-unknown?q?caf=E9?=", "caf\xc3\xa9");
  check_decode("=?y?q?caf=C3=A9?=", "caf\xc3\xa9");
  check_decode("=?unknown-8bit?b?Y2Fm6Q==?=", "caf\xc3\xa9");
}

static void raw_utf8_outside_words(void **state)
{
  (void)state;
  check_decode("Re: J\xc3\xb6rg", "Re: J\xc3\xb6rg");
  check_decode("J\xc3\xb6rg =?utf-8?q?=E2=82=AC?=", "J\xc3\xb6rg \xe2\x82\xac");
}

static void raw_latin1_outside_words(void **state)
{
  (void)state;
  check_decode("Re: J\xf6rg", "Re: J\xc3\xb6rg");
  check_decode("J\xf6rg =?utf-8?q?=E2=82=AC?= M\xfcller", "J\xc3\xb6rg \xe2\x82\xac M\xc3\xbcller");
}

static void empty_word(void **state)
{
  (void)state;
  check_decode("=?utf-8?q?" "?=", "");
  check_decode("a =?utf-8?q?" "?= b", "a  b");
}

static void decoded_nul_is_dropped(void **state)
{
  (void)state;
  check_decode("=?utf-8?q?a=00b?=", "ab");
}

static void iso_2022_jp_word(void **state)
{
  (void)state;
  /* The Japanese for "Japanese", as ISO-2022-JP mailers send it. */
  check_decode("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
}

enum { BOMB_WORDS = 100000 };

static void encoded_word_bomb_same_charset(void **state)
{
  (void)state;
  GString *in = g_string_new(NULL), *want = g_string_new(NULL);
  for (int i = 0; i < BOMB_WORDS; i++) {
    g_string_append(in, i ? " =?utf-8?b?w6k=?=" : "=?utf-8?b?w6k=?=");
    g_string_append(want, "\xc3\xa9");
  }
  check_decode(in->str, want->str);
  g_string_free(in, TRUE);
  g_string_free(want, TRUE);
}

static void encoded_word_bomb_alternating_charsets(void **state)
{
  (void)state;
  GString *in = g_string_new(NULL), *want = g_string_new(NULL);
  for (int i = 0; i < BOMB_WORDS; i++) {
    g_string_append(in, "=?utf-8?q?a?= =?koi8-r?q?=F0?= ");
    g_string_append(want, "a\xd0\x9f");
  }
  /* The last word's white space comes before text, so it stays. */
  g_string_append(in, "x");
  g_string_append(want, " x");
  check_decode(in->str, want->str);
  g_string_free(in, TRUE);
  g_string_free(want, TRUE);
}

/* Shapes that make a naive "look for the closing ?=" scan quadratic. */
static void malformed_word_bombs(void **state)
{
  (void)state;
  static const char *const units[] = {"=?", "=?utf-8?q?a ", "=?a?", "=?a?q", "?=", "=?utf-8?b?!"};
  for (size_t u = 0; u < G_N_ELEMENTS(units); u++) {
    GString *in = g_string_new(NULL);
    for (int i = 0; i < BOMB_WORDS; i++)
      g_string_append(in, units[u]);
    check_decode(in->str, in->str);
    g_string_free(in, TRUE);
  }
}

/* Unterminated words back to back: each second one closes the first,
 * "=?utf-8?q?" + "=?utf-8?q?=" is a word whose text is "=?utf-8?q". */
static void unterminated_word_bomb(void **state)
{
  (void)state;
  GString *in = g_string_new(NULL), *want = g_string_new(NULL);
  for (int i = 0; i < BOMB_WORDS; i++)
    g_string_append(in, "=?utf-8?q?");
  for (int i = 0; i < BOMB_WORDS / 3; i++)
    g_string_append(want, "=?utf-8?q" "?utf-8?q?");
  g_string_append(want, "=?utf-8?q?");
  check_decode(in->str, want->str);
  g_string_free(in, TRUE);
  g_string_free(want, TRUE);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(unfold_lf_before_space),
      cmocka_unit_test(unfold_crlf_before_tab),
      cmocka_unit_test(unfold_drops_other_line_breaks),
      cmocka_unit_test(unfold_null_is_null),
      cmocka_unit_test(plain_text_is_unchanged),
      cmocka_unit_test(null_is_null),
      cmocka_unit_test(q_word),
      cmocka_unit_test(q_underscore_is_space),
      cmocka_unit_test(q_equals_without_hex_is_kept),
      cmocka_unit_test(b_word),
      cmocka_unit_test(charset_and_encoding_are_case_insensitive),
      cmocka_unit_test(rfc2231_language_suffix_is_ignored),
      cmocka_unit_test(rfc2047_section8_examples),
      cmocka_unit_test(white_space_next_to_text_is_kept),
      cmocka_unit_test(adjacent_words_without_white_space),
      cmocka_unit_test(word_inside_text),
      cmocka_unit_test(adjacent_base64_first_ends_in_padding),
      cmocka_unit_test(multibyte_split_over_q_words),
      cmocka_unit_test(adjacent_words_in_different_charsets),
      cmocka_unit_test(split_bytes_in_different_charsets_are_not_joined),
      cmocka_unit_test(malformed_words_are_kept),
      cmocka_unit_test(malformed_word_next_to_good_ones),
      cmocka_unit_test(word_beyond_unicode_falls_back),
      cmocka_unit_test(unknown_charset_word_falls_back),
      cmocka_unit_test(raw_utf8_outside_words),
      cmocka_unit_test(raw_latin1_outside_words),
      cmocka_unit_test(empty_word),
      cmocka_unit_test(decoded_nul_is_dropped),
      cmocka_unit_test(iso_2022_jp_word),
      cmocka_unit_test(encoded_word_bomb_same_charset),
      cmocka_unit_test(encoded_word_bomb_alternating_charsets),
      cmocka_unit_test(malformed_word_bombs),
      cmocka_unit_test(unterminated_word_bomb),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
