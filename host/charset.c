#include "charset.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

enum decoder {
  DEC_ICONV, /* hand the (mapped) name to iconv */
  DEC_UTF8,
  DEC_ASCII,
  DEC_W1252, /* total windows-1252, see w1252_high */
};

/* Labels real mail uses that iconv does not know, or knows as a smaller
 * charset than the sender meant (the same choices as the WHATWG Encoding
 * standard). Not GMime's g_mime_charset_iconv_name: in 3.2.13 it needs
 * g_mime_init() first, and this module must work without it. */
static const struct {
  const char *label;
  enum decoder dec;
  const char *iconv_name;
} aliases[] = {
    {"utf-8", DEC_UTF8, NULL},
    {"utf8", DEC_UTF8, NULL},
    {"unicode-1-1-utf-8", DEC_UTF8, NULL},
    {"x-unicode20utf8", DEC_UTF8, NULL},
    {"us-ascii", DEC_ASCII, NULL},
    {"ascii", DEC_ASCII, NULL},
    {"ansi_x3.4-1968", DEC_ASCII, NULL},
    {"iso646-us", DEC_ASCII, NULL},
    /* Mail labelled Latin-1 routinely carries windows-1252 quotes and
     * dashes in 0x80-0x9f, where Latin-1 has only C1 controls. */
    {"iso-8859-1", DEC_W1252, NULL},
    {"iso8859-1", DEC_W1252, NULL},
    {"iso_8859-1", DEC_W1252, NULL},
    {"iso_8859-1:1987", DEC_W1252, NULL},
    {"latin1", DEC_W1252, NULL},
    {"latin-1", DEC_W1252, NULL},
    {"l1", DEC_W1252, NULL},
    {"cp819", DEC_W1252, NULL},
    {"ibm819", DEC_W1252, NULL},
    {"iso-ir-100", DEC_W1252, NULL},
    {"csisolatin1", DEC_W1252, NULL},
    {"windows-1252", DEC_W1252, NULL},
    {"cp1252", DEC_W1252, NULL},
    {"x-cp1252", DEC_W1252, NULL},
    /* GB2312 and GBK labels carry GBK (and GB18030) characters. */
    {"gb2312", DEC_ICONV, "GB18030"},
    {"gbk", DEC_ICONV, "GB18030"},
    {"x-gbk", DEC_ICONV, "GB18030"},
    {"cp936", DEC_ICONV, "GB18030"},
    {"euc-cn", DEC_ICONV, "GB18030"},
    {"csgb2312", DEC_ICONV, "GB18030"},
    {"gb_2312-80", DEC_ICONV, "GB18030"},
    {"big5", DEC_ICONV, "BIG5-HKSCS"},
    {"x-x-big5", DEC_ICONV, "BIG5-HKSCS"},
    {"cn-big5", DEC_ICONV, "BIG5-HKSCS"},
    {"csbig5", DEC_ICONV, "BIG5-HKSCS"},
    /* Outlook's name for Korean; the bytes are Windows code page 949. */
    {"ks_c_5601-1987", DEC_ICONV, "CP949"},
    {"ks_c_5601-1989", DEC_ICONV, "CP949"},
    {"ksc5601", DEC_ICONV, "CP949"},
    {"ksc_5601", DEC_ICONV, "CP949"},
    {"euc-kr", DEC_ICONV, "CP949"},
    {"windows-949", DEC_ICONV, "CP949"},
    {"shift_jis", DEC_ICONV, "CP932"},
    {"shift-jis", DEC_ICONV, "CP932"},
    {"sjis", DEC_ICONV, "CP932"},
    {"x-sjis", DEC_ICONV, "CP932"},
    {"ms_kanji", DEC_ICONV, "CP932"},
    {"windows-31j", DEC_ICONV, "CP932"},
    {"csshiftjis", DEC_ICONV, "CP932"},
    {"iso-8859-8-i", DEC_ICONV, "ISO-8859-8"},
    {"x-mac-roman", DEC_ICONV, "MACINTOSH"},
};

/* windows-1252 for 0x80-0x9f; its five holes (0x81 0x8d 0x8f 0x90 0x9d)
 * stay the Latin-1 code points, so every byte decodes. */
static const guint16 w1252_high[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

/* Valid UTF-8, NUL bytes allowed (g_utf8_validate_len refuses them; mail
 * text may hold them). ASCII, the bulk of mail, is skipped a word at a
 * time; each run of non-ASCII bytes between ASCII ones goes to
 * g_utf8_validate_len. A run always starts and ends on a character
 * boundary of valid text, since every byte of a multi-byte character is
 * >= 0x80, so the runs are valid exactly when the whole is. */
static int utf8_valid(const char *bytes, size_t len)
{
  const char *p = bytes, *end = bytes + len;

  while (p < end) {
    uint64_t word;
    while ((size_t)(end - p) >= sizeof word &&
           (memcpy(&word, p, sizeof word), !(word & 0x8080808080808080u)))
      p += sizeof word;
    while (p < end && !((unsigned char)*p & 0x80))
      p++;
    const char *run = p;
    while (p < end && ((unsigned char)*p & 0x80))
      p++;
    if (p > run && !g_utf8_validate_len(run, (gsize)(p - run), NULL))
      return 0;
  }
  return 1;
}

static int ascii_only(const char *bytes, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)bytes[i] >= 0x80)
      return 0;
  return 1;
}

static char *copy(const char *bytes, size_t len, size_t *out_len)
{
  char *s = g_malloc(len + 1);

  if (len > 0)
    memcpy(s, bytes, len);
  s[len] = '\0';
  *out_len = len;
  return s;
}

static char *from_w1252(const char *bytes, size_t len, size_t *out_len)
{
  GString *s = g_string_sized_new(len + len / 4 + 1);

  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)bytes[i];
    if (c < 0x80)
      g_string_append_c(s, (char)c);
    else if (c < 0xa0)
      g_string_append_unichar(s, w1252_high[c - 0x80]);
    else
      g_string_append_unichar(s, c);
  }
  *out_len = s->len;
  return g_string_free(s, FALSE);
}

/* Charset names are tokens; anything else (a '/' or ',' would reach
 * iconv's //TRANSLIT-style suffixes) is treated as unknown. */
static int plausible_name(const char *name)
{
  if (*name == '\0')
    return 0;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum(*p) && !strchr("-_.:+()", *p))
      return 0;
  return 1;
}

char *pl_charset_to_utf8(const char *bytes, size_t len, const char *charset,
                         size_t *out_len, int *fell_back)
{
  size_t n = 0;
  int fb = 0;
  enum decoder dec = DEC_UTF8;
  const char *iconv_name = NULL;
  char *name = NULL, *out = NULL;

  /* No object is larger than G_MAXSSIZE (saying so also keeps gcc's
   * -Walloc-size-larger-than quiet in sanitized builds). */
  if (bytes == NULL || len > G_MAXSSIZE)
    len = 0;
  if (len == 0)
    bytes = "";

  if (charset != NULL) {
    /* Seen in the wild: charset="utf-8 " and charset='utf-8'. */
    name = g_strstrip(g_ascii_strdown(charset, -1));
    size_t nl = strlen(name);
    if (nl >= 2 && (name[0] == '"' || name[0] == '\'') && name[nl - 1] == name[0]) {
      name[nl - 1] = '\0';
      memmove(name, name + 1, nl - 1);
      g_strstrip(name);
    }
    if (*name != '\0') {
      dec = DEC_ICONV;
      iconv_name = name;
      for (size_t i = 0; i < G_N_ELEMENTS(aliases); i++) {
        if (strcmp(name, aliases[i].label) == 0) {
          dec = aliases[i].dec;
          iconv_name = aliases[i].iconv_name;
          break;
        }
      }
    }
  }

  switch (dec) {
  case DEC_UTF8:
    if (utf8_valid(bytes, len))
      out = copy(bytes, len, &n);
    break;
  case DEC_ASCII:
    if (ascii_only(bytes, len))
      out = copy(bytes, len, &n);
    break;
  case DEC_W1252:
    out = from_w1252(bytes, len, &n);
    break;
  case DEC_ICONV:
    if (plausible_name(iconv_name) && len <= G_MAXSSIZE) {
      gsize written = 0;
      out = g_convert(bytes, (gssize)len, "UTF-8", iconv_name, NULL, &written, NULL);
      n = written;
      /* glibc's UCS-4 and WCHAR_T decoders pass code points above
       * U+10FFFF through as 4- to 6-byte sequences: iconv's output is
       * checked like any other input. */
      if (out != NULL && !utf8_valid(out, n)) {
        g_free(out);
        out = NULL;
      }
    }
    break;
  }

  if (out == NULL) {
    fb = 1;
    if (utf8_valid(bytes, len))
      out = copy(bytes, len, &n);
    else
      out = from_w1252(bytes, len, &n);
  }

  g_free(name);
  if (out_len != NULL)
    *out_len = n;
  if (fell_back != NULL)
    *fell_back = fb;
  return out;
}
