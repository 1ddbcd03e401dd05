#include "mail.h"

#include <gmime/gmime.h>
#include <string.h>

#include "charset.h"
#include "mail_fast.h"
#include "msgid.h"
#include "rfc2047.h"

struct pl_mail {
  GBytes *raw;
  struct pl_mail_scan scan; /* of the header block, at parse time */
  /* GMime's parse is built when first needed: reading only the text of a
   * plain message never needs it (see mail_fast.h). */
  int parsed;
  GByteArray *view; /* raw's bytes as GMime's streams see them, not owned */
  GMimeMessage *message; /* NULL when GMime found no message at all */
  GString *damage;
  pl_mail_damage_fn on_damage;
  void *on_damage_data;
  unsigned warnings;  /* GMime's parser warnings, bit 1 << GMimeParserWarning */
  gint64 bad_line;    /* where the first line that is not a header field starts */

  GPtrArray *headers; /* struct pl_header *, decoded on first use */
  GHashTable *addresses; /* lower-case header name -> GPtrArray of pl_person */
  int ids_done;
  char *message_id;
  GPtrArray *in_reply_to, *references;
  int list_id_done;
  char *list_id;
  GPtrArray *parts; /* struct pl_part * */
  int text_done;
  char *text;
  size_t text_len;
};

static GMimeParserOptions *parser_options(void)
{
  static GMimeParserOptions *options;
  if (!options) {
    g_mime_init();
    options = g_mime_parser_options_new();
    /* Undeclared 8-bit in headers: UTF-8 when valid, else Latin-1. */
    const char *fallback[] = {"UTF-8", "ISO-8859-1", NULL};
    g_mime_parser_options_set_fallback_charsets(options, fallback);
    g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
  }
  return options;
}

static void add_damage(struct pl_mail *mail, const char *what)
{
  if (!mail->damage)
    mail->damage = g_string_new(what);
  else if (!strstr(mail->damage->str, what))
    g_string_append_printf(mail->damage, "; %s", what);
  else
    return;
  if (mail->on_damage)
    mail->on_damage(mail->on_damage_data, what);
}

void pl_mail_on_damage(struct pl_mail *mail, pl_mail_damage_fn fn, void *data)
{
  mail->on_damage = fn;
  mail->on_damage_data = data;
  if (!fn || !mail->damage)
    return;
  char **what = g_strsplit(mail->damage->str, "; ", -1);
  for (char **w = what; *w; w++)
    fn(data, *w);
  g_strfreev(what);
}

#define WARNING(code) (1u << (code))

/* GMime reports what it leaves out or reads differently from other
 * readers only through this callback (gmime-parser-options.h). */
static void on_warning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
  struct pl_mail *mail = data;
  if (code >= 32)
    return;
  if (code == GMIME_CRIT_INVALID_HEADER_NAME && !(mail->warnings & WARNING(code)))
    mail->bad_line = offset;
  /* Only these two decide what the text is; repeats of the others are
   * harmless, and the fast path (mail_fast.h) never sees them. */
  if (code == GMIME_CRIT_CONFLICTING_HEADER &&
      !(item && (g_ascii_strcasecmp(item, "Content-Type") == 0 ||
                 g_ascii_strcasecmp(item, "Content-Transfer-Encoding") == 0)))
    return;
  mail->warnings |= WARNING(code);
}

/* GMime cuts a header's value at a NUL byte, and says nothing. */
static int header_block_has_nul(const char *data, size_t len)
{
  const char *p = data, *end = data + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    if (stop == p || (stop == p + 1 && *p == '\r'))
      return 0;
    if (memchr(p, '\0', (size_t)(stop - p)))
      return 1;
    p = stop + 1;
  }
  return 0;
}

/* The damage a parse found: GMime's warnings that mean input was left out. */
static void add_parse_damage(struct pl_mail *mail, const char *data, size_t len)
{
  unsigned w = mail->warnings;
  if (!mail->scan.clean && header_block_has_nul(data, len))
    add_damage(mail, "a NUL byte in a header: its value is cut there");
  if (w & WARNING(GMIME_CRIT_INVALID_HEADER_NAME)) {
    char *what = g_strdup_printf("the line at byte %" G_GINT64_FORMAT
                                 " is not a header field and was left out", mail->bad_line);
    add_damage(mail, what);
    g_free(what);
  }
  if (w & WARNING(GMIME_CRIT_CONFLICTING_HEADER))
    add_damage(mail, "conflicting Content-Type or Content-Transfer-Encoding headers");
  if (w & WARNING(GMIME_WARN_INVALID_CONTENT_TYPE))
    add_damage(mail, "an invalid Content-Type, read as application/octet-stream");
  if (w & WARNING(GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY))
    add_damage(mail, "a multipart without a boundary: its parts were not parsed");
  if (w & WARNING(GMIME_CRIT_NESTING_OVERFLOW))
    add_damage(mail, "MIME parts nested deeper than GMime's limit were not parsed");
  if (w & WARNING(GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT))
    add_damage(mail, "a MIME part with neither headers nor content");
  /* A message that is only headers ends early too, and is fine. */
  if ((w & WARNING(GMIME_WARN_TRUNCATED_MESSAGE)) && GMIME_IS_MULTIPART(mail->message->mime_part))
    add_damage(mail, "the message ends inside its MIME structure (truncated)");
}

/* Builds GMime's parse of the message, once. */
static GMimeMessage *message_of(struct pl_mail *mail)
{
  if (mail->parsed)
    return mail->message;
  mail->parsed = 1;
  GMimeParserOptions *options = parser_options();
  gsize len;
  const guint8 *data = g_bytes_get_data(mail->raw, &len);
  /* The stream borrows the bytes, which the mail holds for its lifetime:
   * GMime's parts keep reading their content from it. */
  mail->view = g_byte_array_new();
  mail->view->data = (guint8 *)data;
  mail->view->len = (guint)len;
  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(mail->view);
  g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
  g_mime_parser_options_set_warning_callback(options, on_warning, mail);
  mail->message = g_mime_parser_construct_message(parser, options);
  g_mime_parser_options_set_warning_callback(options, NULL, NULL);
  g_object_unref(parser);
  g_object_unref(stream);
  if (!mail->message)
    add_damage(mail, len ? "not a mail message (no headers found)" : "empty message");
  else
    add_parse_damage(mail, (const char *)data, len);
  return mail->message;
}

struct pl_mail *pl_mail_parse(GBytes *raw)
{
  struct pl_mail *mail = g_new0(struct pl_mail, 1);
  mail->raw = g_bytes_ref(raw);
  gsize len;
  const char *data = g_bytes_get_data(raw, &len);
  pl_mail_scan(data, len, &mail->scan);
  /* A clean header block is one GMime always finds a message in, so its
   * parse can wait; any other is parsed now, for its damage. */
  if (!mail->scan.clean)
    message_of(mail);
  return mail;
}

static void person_free(gpointer p)
{
  pl_person_clear(p);
  g_free(p);
}

static void header_free(gpointer p)
{
  struct pl_header *h = p;
  g_free(h->name);
  g_free(h->value);
  g_free(h);
}

static void part_free(gpointer p)
{
  struct pl_part *part = p;
  g_free(part->type);
  g_free(part->charset);
  g_free(part->filename);
  g_free(part->disposition);
  if (part->content)
    g_bytes_unref(part->content);
  g_free(part->text);
  g_free(part);
}

void pl_mail_free(struct pl_mail *mail)
{
  if (!mail)
    return;
  if (mail->message)
    g_object_unref(mail->message);
  if (mail->view) {
    mail->view->data = NULL;
    mail->view->len = 0;
    g_byte_array_free(mail->view, TRUE);
  }
  g_bytes_unref(mail->raw);
  if (mail->damage)
    g_string_free(mail->damage, TRUE);
  if (mail->headers)
    g_ptr_array_unref(mail->headers);
  if (mail->addresses)
    g_hash_table_unref(mail->addresses);
  g_free(mail->message_id);
  if (mail->in_reply_to)
    g_ptr_array_unref(mail->in_reply_to);
  if (mail->references)
    g_ptr_array_unref(mail->references);
  g_free(mail->list_id);
  if (mail->parts)
    g_ptr_array_unref(mail->parts);
  g_free(mail->text);
  g_free(mail);
}

const char *pl_mail_damage(const struct pl_mail *mail)
{
  return mail->damage ? mail->damage->str : NULL;
}

GBytes *pl_mail_raw(const struct pl_mail *mail)
{
  return mail->raw;
}

/* The raw (undecoded) value of the first header called name, unfolded. */
static char *raw_header(struct pl_mail *mail, const char *name)
{
  /* Read from the bytes while GMime's parse is not built: its header list
   * holds the same raw values, and the first of a repeated field. Not for
   * Content-* fields, which GMime moves from the message to its part. */
  if (mail->scan.clean && !mail->parsed && g_ascii_strncasecmp(name, "Content-", 8) != 0) {
    const char *data = g_bytes_get_data(mail->raw, NULL);
    size_t n;
    const char *value = pl_mail_fast_header(data, &mail->scan, name, &n);
    if (!value)
      return NULL;
    char *raw = g_strndup(value, n);
    char *unfolded = pl_header_unfold(raw);
    g_free(raw);
    return unfolded;
  }
  if (!message_of(mail))
    return NULL;
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(mail->message));
  GMimeHeader *h = g_mime_header_list_get_header(list, name);
  const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
  return raw ? pl_header_unfold(raw) : NULL;
}

static void add_gmime_headers(GPtrArray *out, GMimeObject *obj)
{
  GMimeHeaderList *list = g_mime_object_get_header_list(obj);
  int n = g_mime_header_list_get_count(list);
  for (int i = 0; i < n; i++)
    g_ptr_array_add(out, g_mime_header_list_get_header_at(list, i));
}

static gint by_offset(gconstpointer a, gconstpointer b)
{
  gint64 x = g_mime_header_get_offset(*(GMimeHeader *const *)a);
  gint64 y = g_mime_header_get_offset(*(GMimeHeader *const *)b);
  return x < y ? -1 : x > y;
}

const GPtrArray *pl_mail_header_list(struct pl_mail *mail)
{
  if (mail->headers)
    return mail->headers;
  mail->headers = g_ptr_array_new_with_free_func(header_free);
  if (!message_of(mail))
    return mail->headers;
  /* GMime moves the Content-* fields to the top MIME part: take both
   * lists and put them back in the order they were written. */
  GPtrArray *found = g_ptr_array_new();
  add_gmime_headers(found, GMIME_OBJECT(mail->message));
  if (mail->message->mime_part)
    add_gmime_headers(found, mail->message->mime_part);
  g_ptr_array_sort(found, by_offset);
  for (guint i = 0; i < found->len; i++) {
    GMimeHeader *h = found->pdata[i];
    const char *raw = g_mime_header_get_raw_value(h);
    char *unfolded = pl_header_unfold(raw ? raw : "");
    char *decoded = pl_rfc2047_decode(unfolded);
    g_free(unfolded);
    struct pl_header *header = g_new0(struct pl_header, 1);
    header->name = g_strdup(g_mime_header_get_name(h));
    header->value = g_strdup(g_strstrip(decoded));
    g_free(decoded);
    g_ptr_array_add(mail->headers, header);
  }
  g_ptr_array_unref(found);
  return mail->headers;
}

const char *pl_mail_header(struct pl_mail *mail, const char *name)
{
  const GPtrArray *all = pl_mail_header_list(mail);
  for (guint i = 0; i < all->len; i++) {
    const struct pl_header *h = all->pdata[i];
    if (g_ascii_strcasecmp(h->name, name) == 0)
      return h->value;
  }
  return NULL;
}

GPtrArray *pl_mail_headers(struct pl_mail *mail, const char *name)
{
  const GPtrArray *all = pl_mail_header_list(mail);
  GPtrArray *values = g_ptr_array_new();
  for (guint i = 0; i < all->len; i++) {
    const struct pl_header *h = all->pdata[i];
    if (g_ascii_strcasecmp(h->name, name) == 0)
      g_ptr_array_add(values, h->value);
  }
  return values;
}

const char *pl_mail_subject(struct pl_mail *mail)
{
  const char *s = pl_mail_header(mail, "Subject");
  return s ? s : "";
}

static char *unquote(const char *s, size_t n);

static void add_mailboxes(GPtrArray *out, InternetAddressList *list)
{
  int n = internet_address_list_length(list);
  for (int i = 0; i < n; i++) {
    InternetAddress *a = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(a)) {
      add_mailboxes(out, internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)));
      continue;
    }
    struct pl_person *p = g_new0(struct pl_person, 1);
    const char *name = internet_address_get_name(a);
    const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
    size_t n_addr = addr ? strlen(addr) : 0;
    if (!(name && *name) && n_addr >= 2 && addr[0] == '"' && addr[n_addr - 1] == '"') {
      /* A name-only mailbox (To: "Some Name"): GMime gives the quoted
       * string as the address. */
      p->name = unquote(addr, n_addr);
      if (!*p->name)
        g_clear_pointer(&p->name, g_free);
      p->address = g_strdup("");
    } else {
      p->name = name && *name ? g_strdup(name) : NULL;
      p->address = g_strdup(addr ? addr : "");
    }
    g_ptr_array_add(out, p);
  }
}

const GPtrArray *pl_mail_addresses(struct pl_mail *mail, const char *header)
{
  if (!mail->addresses)
    mail->addresses = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)g_ptr_array_unref);
  char *key = g_ascii_strdown(header, -1);
  GPtrArray *found = g_hash_table_lookup(mail->addresses, key);
  if (found) {
    g_free(key);
    return found;
  }
  found = g_ptr_array_new_with_free_func(person_free);
  char *raw = raw_header(mail, header);
  if (raw) {
    InternetAddressList *list = internet_address_list_parse(parser_options(), raw);
    if (list) {
      add_mailboxes(found, list);
      g_object_unref(list);
    }
    g_free(raw);
  }
  g_hash_table_insert(mail->addresses, key, found);
  return found;
}

int pl_mail_date(struct pl_mail *mail, int64_t *when, int *offset)
{
  const char *value = pl_mail_header(mail, "Date");
  GDateTime *dt = value ? g_mime_utils_header_decode_date(value) : NULL;
  if (!dt)
    return 0;
  *when = g_date_time_to_unix(dt);
  *offset = (int)(g_date_time_get_utc_offset(dt) / G_TIME_SPAN_MINUTE);
  g_date_time_unref(dt);
  return 1;
}

static void load_ids(struct pl_mail *mail)
{
  if (mail->ids_done)
    return;
  mail->ids_done = 1;
  char *raw = raw_header(mail, "Message-ID");
  mail->message_id = pl_msgid_one(raw);
  g_free(raw);
  raw = raw_header(mail, "In-Reply-To");
  mail->in_reply_to = pl_msgid_list(raw);
  g_free(raw);
  raw = raw_header(mail, "References");
  mail->references = pl_msgid_list(raw);
  g_free(raw);
}

const char *pl_mail_message_id(struct pl_mail *mail)
{
  load_ids(mail);
  return mail->message_id;
}

const GPtrArray *pl_mail_in_reply_to(struct pl_mail *mail)
{
  load_ids(mail);
  return mail->in_reply_to;
}

const GPtrArray *pl_mail_references(struct pl_mail *mail)
{
  load_ids(mail);
  return mail->references;
}

const char *pl_mail_list_id(struct pl_mail *mail)
{
  if (!mail->list_id_done) {
    mail->list_id_done = 1;
    const char *value = pl_mail_header(mail, "List-Id");
    if (value) {
      const char *lt = strrchr(value, '<'), *gt = lt ? strchr(lt, '>') : NULL;
      mail->list_id = gt ? g_strndup(lt + 1, gt - lt - 1) : g_strdup(value);
    }
  }
  return mail->list_id;
}

/* CRLF -> LF in place; returns the new length. */
static size_t crlf_to_lf(char *s, size_t len)
{
  /* Most text has no CR at all: find the first before moving bytes. */
  const char *cr = memchr(s, '\r', len);
  size_t w = cr ? (size_t)(cr - s) : len;
  for (size_t r = w; r < len; r++) {
    if (s[r] == '\r' && r + 1 < len && s[r + 1] == '\n')
      continue;
    s[w++] = s[r];
  }
  s[w] = '\0';
  return w;
}

/* A text part's content as UTF-8 with LF line ends; both paths to the
 * text go through here, so they agree byte for byte. */
static char *content_text(struct pl_mail *mail, const char *data, size_t len, const char *charset,
                          size_t *text_len)
{
  int fell_back = 0;
  char *text = pl_charset_to_utf8(data, len, charset, text_len, &fell_back);
  *text_len = crlf_to_lf(text, *text_len);
  if (fell_back && charset)
    add_damage(mail, "text not valid in its declared charset");
  return text;
}

/* Base64 content holding anything but its alphabet, '=' and white space:
 * a decoder skips those bytes but decodes the letters around them, so a
 * list footer appended to a base64 body (old mailman) becomes garbage at
 * the end of the text. Both paths to the text check the encoded bytes. */
static int base64_clean(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!g_ascii_isalnum(c) && !strchr("+/= \t\r\n", c))
      return 0;
  }
  return 1;
}

static void check_base64(struct pl_mail *mail, GMimeDataWrapper *content)
{
  if (g_mime_data_wrapper_get_encoding(content) != GMIME_CONTENT_ENCODING_BASE64)
    return;
  GMimeStream *s = g_mime_data_wrapper_get_stream(content);
  char buf[4096];
  ssize_t n;
  int clean = 1;
  g_mime_stream_reset(s);
  while (clean && (n = g_mime_stream_read(s, buf, sizeof buf)) > 0)
    clean = base64_clean(buf, (size_t)n);
  g_mime_stream_reset(s);
  if (!clean)
    add_damage(mail, "base64 content holds text that is not base64");
}

static struct pl_part *decode_part(struct pl_mail *mail, GMimeObject *obj)
{
  struct pl_part *part = g_new0(struct pl_part, 1);
  GMimeContentType *ct = g_mime_object_get_content_type(obj);
  const char *type = ct ? g_mime_content_type_get_media_type(ct) : NULL;
  const char *subtype = ct ? g_mime_content_type_get_media_subtype(ct) : NULL;
  char *full = g_strdup_printf("%s/%s", type ? type : "text", subtype ? subtype : "plain");
  part->type = g_ascii_strdown(full, -1);
  g_free(full);
  const char *charset = ct ? g_mime_content_type_get_parameter(ct, "charset") : NULL;
  part->charset = charset ? g_strdup(charset) : NULL;
  const char *disposition = g_mime_object_get_disposition(obj);
  part->disposition = disposition ? g_ascii_strdown(disposition, -1) : NULL;

  GMimeStream *out = g_mime_stream_mem_new();
  if (GMIME_IS_PART(obj)) {
    const char *filename = g_mime_part_get_filename(GMIME_PART(obj));
    part->filename = filename ? g_strdup(filename) : NULL;
    GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(obj));
    /* Writing a data wrapper undoes its transfer encoding. */
    if (content && g_mime_data_wrapper_write_to_stream(content, out) < 0)
      add_damage(mail, "a part could not be decoded");
    if (content)
      check_base64(mail, content);
  } else if (GMIME_IS_MESSAGE_PART(obj)) {
    GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
    if (inner)
      g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, out);
  }
  GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
  part->content = g_bytes_new(bytes->data, bytes->len);
  g_object_unref(out);

  if (g_str_has_prefix(part->type, "text/")) {
    gsize len;
    const char *data = g_bytes_get_data(part->content, &len);
    part->text = content_text(mail, data, len, part->charset, &part->text_len);
  }
  return part;
}

const GPtrArray *pl_mail_parts(struct pl_mail *mail)
{
  if (mail->parts)
    return mail->parts;
  mail->parts = g_ptr_array_new_with_free_func(part_free);
  if (!message_of(mail) || !mail->message->mime_part)
    return mail->parts;
  /* An explicit stack, not recursion: hostile mail nests very deep. */
  GPtrArray *stack = g_ptr_array_new();
  g_ptr_array_add(stack, mail->message->mime_part);
  while (stack->len) {
    GMimeObject *obj = g_ptr_array_steal_index(stack, stack->len - 1);
    if (GMIME_IS_MULTIPART(obj)) {
      GMimeMultipart *mp = GMIME_MULTIPART(obj);
      int n = g_mime_multipart_get_count(mp);
      /* Its boundary never appears: GMime keeps the content as the
       * multipart's prologue, which no reader shows. */
      if (n == 0 && !(mail->warnings & (WARNING(GMIME_CRIT_NESTING_OVERFLOW) |
                                        WARNING(GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY))))
        add_damage(mail, "a multipart holds no parts (its boundary never appears)");
      for (int i = n; i-- > 0;)
        g_ptr_array_add(stack, g_mime_multipart_get_part(mp, i));
    } else {
      g_ptr_array_add(mail->parts, decode_part(mail, obj));
    }
  }
  g_ptr_array_unref(stack);
  return mail->parts;
}

static int is_text_part(const struct pl_part *part)
{
  return strcmp(part->type, "text/plain") == 0 || strcmp(part->type, "text/x-patch") == 0 ||
         strcmp(part->type, "text/x-diff") == 0;
}

/* A Content-Transfer-Encoding value the fast path took (one of the few
 * it knows, so lwsp around it is all there is to drop) says base64. */
static int is_base64(const char *v, size_t n)
{
  while (n && strchr(" \t\r\n", *v))
    v++, n--;
  while (n && strchr(" \t\r\n", v[n - 1]))
    n--;
  return n == 6 && g_ascii_strncasecmp(v, "base64", 6) == 0;
}

/* The text of a single-part plain message, without GMime's parse; leaves
 * mail->text NULL when the message is not one (mail_fast.h). */
static void fast_text(struct pl_mail *mail)
{
  gsize len;
  const char *data = g_bytes_get_data(mail->raw, &len);
  const char *content;
  size_t n;
  char *owned, *charset;
  if (!pl_mail_fast_content(data, len, &mail->scan, &content, &n, &owned, &charset))
    return;
  if (owned && is_base64(data + mail->scan.encoding_at,
                         mail->scan.encoding_end - mail->scan.encoding_at) &&
      !base64_clean(data + mail->scan.body, len - mail->scan.body))
    add_damage(mail, "base64 content holds text that is not base64");
  mail->text = content_text(mail, content, n, charset, &mail->text_len);
  g_free(owned);
  g_free(charset);
}

const char *pl_mail_text(struct pl_mail *mail, size_t *len)
{
  if (!mail->text_done) {
    mail->text_done = 1;
    if (!mail->parts)
      fast_text(mail);
    const GPtrArray *parts = mail->text ? NULL : pl_mail_parts(mail);
    for (guint i = 0; parts && i < parts->len; i++) {
      const struct pl_part *part = parts->pdata[i];
      if (is_text_part(part)) {
        mail->text = g_memdup2(part->text, part->text_len + 1);
        mail->text_len = part->text_len;
        break;
      }
    }
    if (!mail->text)
      mail->text = g_strdup("");
  }
  if (len)
    *len = mail->text_len;
  return mail->text;
}

void pl_person_clear(struct pl_person *person)
{
  g_free(person->name);
  g_free(person->address);
  person->name = person->address = NULL;
}

/* Drops surrounding double quotes and the backslashes inside them. */
static char *unquote(const char *s, size_t n)
{
  while (n && g_ascii_isspace(*s))
    s++, n--;
  while (n && g_ascii_isspace(s[n - 1]))
    n--;
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
    GString *out = g_string_sized_new(n);
    for (size_t i = 1; i + 1 < n; i++) {
      if (s[i] == '\\' && i + 2 < n)
        i++;
      g_string_append_c(out, s[i]);
    }
    return g_string_free(out, FALSE);
  }
  return g_strndup(s, n);
}

int pl_person_parse(const char *text, struct pl_person *person)
{
  memset(person, 0, sizeof *person);
  if (!text)
    return 0;
  const char *lt = strrchr(text, '<');
  const char *gt = lt ? strchr(lt, '>') : NULL;
  if (lt && gt) {
    char *name = unquote(text, (size_t)(lt - text));
    person->name = *name ? name : (g_free(name), NULL);
    person->address = g_strstrip(g_strndup(lt + 1, (size_t)(gt - lt - 1)));
    if (!*person->address) {
      /* "Name <>": no address found. */
      pl_person_clear(person);
      return 0;
    }
    return 1;
  }
  /* "address (Name)", or a bare address. */
  const char *paren = strchr(text, '(');
  const char *close = paren ? strrchr(paren, ')') : NULL;
  char *addr = g_strstrip(g_strndup(text, paren && close ? (size_t)(paren - text) : strlen(text)));
  if (!strchr(addr, '@') || strchr(addr, ' ')) {
    g_free(addr);
    return 0;
  }
  person->address = addr;
  if (paren && close && close > paren + 1)
    person->name = unquote(paren + 1, (size_t)(close - paren - 1));
  return 1;
}
