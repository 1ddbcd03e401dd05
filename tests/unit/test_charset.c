#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "charset.h"

/* Converts and asserts the exact bytes, their length and the fallback flag. */
static void check(const char *in, size_t len, const char *charset,
                  const char *want, size_t want_len, int want_fb)
{
  size_t out_len = 12345;
  int fb = -1;
  char *out = pl_charset_to_utf8(in, len, charset, &out_len, &fb);

  assert_non_null(out);
  assert_int_equal(out_len, want_len);
  assert_memory_equal(out, want, want_len);
  assert_int_equal(out[out_len], '\0');
  assert_int_equal(fb, want_fb);
  g_free(out);
}

#define CHECK(in, cs, want, fb) check(in, sizeof(in) - 1, cs, want, sizeof(want) - 1, fb)

static void utf8_declared_valid_is_copied(void **state)
{
  (void)state;
  CHECK("caf\xc3\xa9 \xe2\x82\xac", "utf-8", "caf\xc3\xa9 \xe2\x82\xac", 0);
  CHECK("caf\xc3\xa9", "UTF-8", "caf\xc3\xa9", 0);
  CHECK("caf\xc3\xa9", "utf8", "caf\xc3\xa9", 0);
}

static void charset_name_quotes_and_spaces_are_ignored(void **state)
{
  (void)state;
  CHECK("caf\xe9", " \"ISO-8859-1\" ", "caf\xc3\xa9", 0);
  CHECK("caf\xc3\xa9", "'utf-8'", "caf\xc3\xa9", 0);
  CHECK("\xf0\xd2\xc9", "\tKOI8-R ", "\xd0\x9f\xd1\x80\xd0\xb8", 0);
}

static void latin1_is_decoded(void **state)
{
  (void)state;
  CHECK("caf\xe9 \xff", "iso-8859-1", "caf\xc3\xa9 \xc3\xbf", 0);
  CHECK("caf\xe9", "latin1", "caf\xc3\xa9", 0);
  CHECK("caf\xe9", "ISO_8859-1", "caf\xc3\xa9", 0);
  CHECK("\xa0", "l1", "\xc2\xa0", 0);
}

static void latin1_label_reads_windows_1252_quotes(void **state)
{
  (void)state;
  /* 0x93/0x94 are C1 controls in Latin-1 but the sender meant quotes. */
  CHECK("\x93hi\x94 \x96", "iso-8859-1", "\xe2\x80\x9chi\xe2\x80\x9d \xe2\x80\x93", 0);
  /* A windows-1252 hole keeps its Latin-1 code point. */
  CHECK("\x81", "iso-8859-1", "\xc2\x81", 0);
}

static void no_charset_valid_utf8_is_copied(void **state)
{
  (void)state;
  CHECK("na\xc3\xafve", NULL, "na\xc3\xafve", 0);
  CHECK("na\xc3\xafve", "", "na\xc3\xafve", 0);
  CHECK("plain", NULL, "plain", 0);
  CHECK("na\xc3\xafve", "   ", "na\xc3\xafve", 0);
}

static void no_charset_invalid_utf8_is_latin1(void **state)
{
  (void)state;
  CHECK("na\xefve", NULL, "na\xc3\xafve", 1);
  CHECK("na\xefve", "", "na\xc3\xafve", 1);
}

static void charset_y_falls_back(void **state)
{
  (void)state;
  CHECK("caf\xc3\xa9", "y", "caf\xc3\xa9", 1);
  CHECK("caf\xe9", "y", "caf\xc3\xa9", 1);
  CHECK("plain", "y", "plain", 1);
}

static void unknown_8bit_falls_back(void **state)
{
  (void)state;
  CHECK("Gr\xc3\xbc\xc3\x9f""e", "unknown-8bit", "Gr\xc3\xbc\xc3\x9f""e", 1);
  CHECK("Gr\xfc\xdf""e", "unknown-8bit", "Gr\xc3\xbc\xc3\x9f""e", 1);
  CHECK("Gr\xfc\xdf""e", "x-unknown", "Gr\xc3\xbc\xc3\x9f""e", 1);
}

static void utf7_is_decoded(void **state)
{
  (void)state;
  /* RFC 2152's own example. */
  CHECK("Hi Mom -+Jjo--!", "utf-7", "Hi Mom -\xe2\x98\xba-!", 0);
  CHECK("A+ImIDkQ.", "UTF-7", "A\xe2\x89\xa2\xce\x91.", 0);
}

static void gbk_is_decoded(void **state)
{
  (void)state;
  CHECK("\xd6\xd0\xce\xc4", "gbk", "\xe4\xb8\xad\xe6\x96\x87", 0);
  /* U+9555 is in GBK, not GB2312: senders labelling GB2312 use GBK. */
  CHECK("\xe9\x46", "gb2312", "\xe9\x95\x95", 0);
  CHECK("\xd6\xd0", "GB2312", "\xe4\xb8\xad", 0);
}

static void big5_is_decoded(void **state)
{
  (void)state;
  CHECK("\xa4\xa4\xa4\xe5", "big5", "\xe4\xb8\xad\xe6\x96\x87", 0);
}

static void iso_2022_jp_is_decoded(void **state)
{
  (void)state;
  CHECK("\x1b$BF|K\\8l\x1b(B!", "iso-2022-jp", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e!", 0);
}

static void iso_2022_jp_cut_in_a_character_falls_back(void **state)
{
  (void)state;
  /* Half a two-byte character: iconv stops; the ASCII bytes are UTF-8. */
  CHECK("\x1b$BF", "iso-2022-jp", "\x1b$BF", 1);
}

static void koi8_r_is_decoded(void **state)
{
  (void)state;
  CHECK("\xf0\xd2\xc9\xd7\xc5\xd4", "koi8-r",
        "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", 0);
}

static void windows_1252_is_decoded(void **state)
{
  (void)state;
  CHECK("\x80 \x85 \x99", "windows-1252", "\xe2\x82\xac \xe2\x80\xa6 \xe2\x84\xa2", 0);
  CHECK("\x80", "cp1252", "\xe2\x82\xac", 0);
  /* A hole of windows-1252 decodes, it does not fall back. */
  CHECK("\x9d", "windows-1252", "\xc2\x9d", 0);
}

static void windows_1251_goes_to_iconv(void **state)
{
  (void)state;
  CHECK("\xcf\xf0\xe8", "windows-1251", "\xd0\x9f\xd1\x80\xd0\xb8", 0);
}

static void korean_outlook_label_is_cp949(void **state)
{
  (void)state;
  CHECK("\xc7\xd1", "ks_c_5601-1987", "\xed\x95\x9c", 0);
  /* U+B620 exists only in the Windows extension of EUC-KR. */
  CHECK("\x8c\x63", "ks_c_5601-1987", "\xeb\x98\xa0", 0);
}

static void shift_jis_label_is_cp932(void **state)
{
  (void)state;
  /* Circled digit one: an NEC row that plain Shift_JIS lacks. */
  CHECK("\x87\x40", "shift_jis", "\xe2\x91\xa0", 0);
}

static void us_ascii_declared_but_utf8_bytes(void **state)
{
  (void)state;
  CHECK("J\xc3\xb6rg", "us-ascii", "J\xc3\xb6rg", 1);
  CHECK("Jorg", "us-ascii", "Jorg", 0);
}

static void us_ascii_declared_but_latin1_bytes(void **state)
{
  (void)state;
  CHECK("J\xf6rg", "us-ascii", "J\xc3\xb6rg", 1);
}

static void utf8_declared_but_latin1_bytes(void **state)
{
  (void)state;
  CHECK("J\xf6rg", "utf-8", "J\xc3\xb6rg", 1);
  /* A lone continuation byte and a truncated sequence; the fallback
   * reads 0x80-0x9f as windows-1252 (0x80 is the euro sign). */
  CHECK("a\x80z", "utf-8", "a\xe2\x82\xacz", 1);
  CHECK("a\xe2\x82", "UTF-8", "a\xc3\xa2\xe2\x80\x9a", 1);
  CHECK("a\x81", "UTF-8", "a\xc2\x81", 1);
}

static void iconv_output_beyond_unicode_falls_back(void **state)
{
  (void)state;
  /* U+110000 and U+7F000000: glibc's UCS-4 decoder writes them as
   * f4 90 80 80 and fd bf 80 80 80 80, which are not UTF-8. */
  check("\0\x11\0\0", 4, "ucs-4be", "\0\x11\0\0", 4, 1);
  check("\x7f\0\0\0", 4, "UCS-4", "\x7f\0\0\0", 4, 1);
  check("\0\0\x11\0", 4, "wchar_t", "\0\0\x11\0", 4, 1);
  /* A code point inside Unicode still decodes. */
  check("\0\0\0A\0\x01\xf6\x00", 8, "ucs-4be", "A\xf0\x9f\x98\x80", 5, 0);
}

static void koi8_r_declared_but_invalid_iconv_name_chars(void **state)
{
  (void)state;
  /* iconv would read "//IGNORE" as an option: such a name is unknown. */
  CHECK("caf\xe9", "koi8-r//IGNORE", "caf\xc3\xa9", 1);
  CHECK("caf\xe9", "utf-16,", "caf\xc3\xa9", 1);
}

static void nul_inside_is_kept(void **state)
{
  (void)state;
  CHECK("a\0b\xc3\xa9", "utf-8", "a\0b\xc3\xa9", 0);
  CHECK("a\0b", NULL, "a\0b", 0);
  CHECK("a\0\xe9", NULL, "a\0\xc3\xa9", 1);
  CHECK("\xf0\0\xf0", "koi8-r", "\xd0\x9f\0\xd0\x9f", 0);
  CHECK("\0", "iso-8859-1", "\0", 0);
  CHECK("a\0\xc3\xa9", "us-ascii", "a\0\xc3\xa9", 1);
}

static void empty_input(void **state)
{
  (void)state;
  check("", 0, "utf-8", "", 0, 0);
  check("", 0, NULL, "", 0, 0);
  check(NULL, 0, NULL, "", 0, 0);
  check("", 0, "koi8-r", "", 0, 0);
  check("", 0, "iso-8859-1", "", 0, 0);
  /* Nothing to convert, but the charset was still unusable. */
  check("", 0, "y", "", 0, 1);
}

static void len_is_honoured_not_nul(void **state)
{
  (void)state;
  check("abcdef", 3, "utf-8", "abc", 3, 0);
  check("\xf0\xd2\xc9", 1, "koi8-r", "\xd0\x9f", 2, 0);
}

/* UTF-8 is checked a word of ASCII at a time: characters across a word's
 * end, one cut short by ASCII or by the end, and invalid forms are read
 * as when checked byte by byte. */
static void utf8_across_word_boundaries(void **state)
{
  (void)state;
  CHECK("1234567\xc3\xa9" "89abcdef\xe2\x82\xac" "xyz", "utf-8",
        "1234567\xc3\xa9" "89abcdef\xe2\x82\xac" "xyz", 0);
  CHECK("12345678\xf0\x9f\x98\x80" "\xc3\xa9\xc3\xa9" "a\0b", "utf-8",
        "12345678\xf0\x9f\x98\x80" "\xc3\xa9\xc3\xa9" "a\0b", 0);
  /* Cut short by ASCII, or by the end: windows-1252. */
  CHECK("1234567\xe2\x82" "abcdefgh", "utf-8", "1234567\xc3\xa2\xe2\x80\x9a" "abcdefgh", 1);
  CHECK("abcdefgh\xc3", "utf-8", "abcdefgh\xc3\x83", 1);
  /* Overlong, surrogate, beyond U+10FFFF. */
  CHECK("abcdefgh\xc0\xaf", "utf-8", "abcdefgh\xc3\x80\xc2\xaf", 1);
  CHECK("abcdefgh\xed\xa0\x80", "utf-8", "abcdefgh\xc3\xad\xc2\xa0\xe2\x82\xac", 1);
  CHECK("\xf4\x90\x80\x80", "utf-8", "\xc3\xb4\xc2\x90\xe2\x82\xac\xe2\x82\xac", 1);
}

static void out_parameters_may_be_null(void **state)
{
  (void)state;
  char *out = pl_charset_to_utf8("caf\xe9", 4, "y", NULL, NULL);
  assert_string_equal(out, "caf\xc3\xa9");
  g_free(out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(utf8_declared_valid_is_copied),
      cmocka_unit_test(charset_name_quotes_and_spaces_are_ignored),
      cmocka_unit_test(latin1_is_decoded),
      cmocka_unit_test(latin1_label_reads_windows_1252_quotes),
      cmocka_unit_test(no_charset_valid_utf8_is_copied),
      cmocka_unit_test(no_charset_invalid_utf8_is_latin1),
      cmocka_unit_test(charset_y_falls_back),
      cmocka_unit_test(unknown_8bit_falls_back),
      cmocka_unit_test(utf7_is_decoded),
      cmocka_unit_test(gbk_is_decoded),
      cmocka_unit_test(big5_is_decoded),
      cmocka_unit_test(iso_2022_jp_is_decoded),
      cmocka_unit_test(iso_2022_jp_cut_in_a_character_falls_back),
      cmocka_unit_test(koi8_r_is_decoded),
      cmocka_unit_test(windows_1252_is_decoded),
      cmocka_unit_test(windows_1251_goes_to_iconv),
      cmocka_unit_test(korean_outlook_label_is_cp949),
      cmocka_unit_test(shift_jis_label_is_cp932),
      cmocka_unit_test(us_ascii_declared_but_utf8_bytes),
      cmocka_unit_test(us_ascii_declared_but_latin1_bytes),
      cmocka_unit_test(utf8_declared_but_latin1_bytes),
      cmocka_unit_test(iconv_output_beyond_unicode_falls_back),
      cmocka_unit_test(koi8_r_declared_but_invalid_iconv_name_chars),
      cmocka_unit_test(nul_inside_is_kept),
      cmocka_unit_test(empty_input),
      cmocka_unit_test(len_is_honoured_not_nul),
      cmocka_unit_test(utf8_across_word_boundaries),
      cmocka_unit_test(out_parameters_may_be_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
