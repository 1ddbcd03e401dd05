#include "mail.h"

#include <gmime/gmime.h>
#include <string.h>

#include "charset.h"
#include "msgid.h"
#include "rfc2047.h"

struct pl_mail {
  GBytes *raw;
  GByteArray *view; /* raw's bytes as GMime's streams see them, not owned */
  GMimeMessage *message; /* NULL when GMime found no message at all */
  GString *damage;

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
}

struct pl_mail *pl_mail_parse(GBytes *raw)
{
  struct pl_mail *mail = g_new0(struct pl_mail, 1);
  GMimeParserOptions *options = parser_options();
  mail->raw = g_bytes_ref(raw);
  gsize len;
  const guint8 *data = g_bytes_get_data(raw, &len);
  /* The stream borrows the bytes, which the mail holds for its lifetime:
   * GMime's parts keep reading their content from it. */
  mail->view = g_byte_array_new();
  mail->view->data = (guint8 *)data;
  mail->view->len = (guint)len;
  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(mail->view);
  g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
  mail->message = g_mime_parser_construct_message(parser, options);
  g_object_unref(parser);
  g_object_unref(stream);
  if (!mail->message)
    add_damage(mail, len ? "not a mail message (no headers found)" : "empty message");
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
  mail->view->data = NULL;
  mail->view->len = 0;
  g_byte_array_free(mail->view, TRUE);
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
  if (!mail->message)
    return NULL;
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(mail->message));
  GMimeHeader *h = g_mime_header_list_get_header(list, name);
  const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
  return raw ? pl_header_unfold(raw) : NULL;
}

const GPtrArray *pl_mail_header_list(struct pl_mail *mail)
{
  if (mail->headers)
    return mail->headers;
  mail->headers = g_ptr_array_new_with_free_func(header_free);
  if (!mail->message)
    return mail->headers;
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(mail->message));
  int n = g_mime_header_list_get_count(list);
  for (int i = 0; i < n; i++) {
    GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
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
  size_t w = 0;
  for (size_t r = 0; r < len; r++) {
    if (s[r] == '\r' && r + 1 < len && s[r + 1] == '\n')
      continue;
    s[w++] = s[r];
  }
  s[w] = '\0';
  return w;
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
    int fell_back = 0;
    part->text = pl_charset_to_utf8(data, len, part->charset, &part->text_len, &fell_back);
    part->text_len = crlf_to_lf(part->text, part->text_len);
    if (fell_back && part->charset)
      add_damage(mail, "text not valid in its declared charset");
  }
  return part;
}

const GPtrArray *pl_mail_parts(struct pl_mail *mail)
{
  if (mail->parts)
    return mail->parts;
  mail->parts = g_ptr_array_new_with_free_func(part_free);
  if (!mail->message || !mail->message->mime_part)
    return mail->parts;
  /* An explicit stack, not recursion: hostile mail nests very deep. */
  GPtrArray *stack = g_ptr_array_new();
  g_ptr_array_add(stack, mail->message->mime_part);
  while (stack->len) {
    GMimeObject *obj = g_ptr_array_steal_index(stack, stack->len - 1);
    if (GMIME_IS_MULTIPART(obj)) {
      GMimeMultipart *mp = GMIME_MULTIPART(obj);
      for (int i = g_mime_multipart_get_count(mp); i-- > 0;)
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

const char *pl_mail_text(struct pl_mail *mail, size_t *len)
{
  if (!mail->text_done) {
    mail->text_done = 1;
    const GPtrArray *parts = pl_mail_parts(mail);
    for (guint i = 0; i < parts->len; i++) {
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
