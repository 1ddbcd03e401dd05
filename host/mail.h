/* The mail model: one message parsed with GMime 3, its fields decoded
 * on first use and cached in the pl_mail, which owns everything it hands out. */
#ifndef PL_MAIL_H
#define PL_MAIL_H

#include <glib.h>
#include <stdint.h>

struct pl_person {
  char *name;    /* display name, decoded, unquoted; NULL when there is none */
  char *address; /* as written; may be "" for a name-only address */
};

struct pl_header {
  char *name;  /* as written */
  char *value; /* unfolded, RFC 2047 decoded, trimmed, UTF-8 */
};

struct pl_part {
  char *type;        /* "text/plain", lower case */
  char *charset;     /* the charset parameter, or NULL */
  char *filename;    /* or NULL */
  char *disposition; /* "inline", "attachment", or NULL */
  GBytes *content;   /* transfer encoding undone, charset untouched */
  char *text;        /* for text/ parts: content as UTF-8 with LF line ends */
  size_t text_len;
};

struct pl_mail;

/* Parses raw message bytes (which the mail refs, not copies). Never fails:
 * unparseable input gives a mail with no headers and an empty text, and
 * pl_mail_damage says what was wrong. Free with pl_mail_free. Cost: one
 * GMime parse; fields are decoded when first asked for. */
struct pl_mail *pl_mail_parse(GBytes *raw);
void pl_mail_free(struct pl_mail *mail);

/* What was found broken while parsing or decoding so far, or NULL. */
const char *pl_mail_damage(const struct pl_mail *mail);

/* Has fn called with each piece of damage as it is found: at once for
 * each found so far, then whenever reading a field (the text, the parts,
 * a header) finds more. NULL stops the calls. */
typedef void (*pl_mail_damage_fn)(void *data, const char *what);
void pl_mail_on_damage(struct pl_mail *mail, pl_mail_damage_fn fn, void *data);

GBytes *pl_mail_raw(const struct pl_mail *mail);

/* Every header in order (struct pl_header *). */
const GPtrArray *pl_mail_header_list(struct pl_mail *mail);

/* The first value of a header (name case-insensitive), or NULL. */
const char *pl_mail_header(struct pl_mail *mail, const char *name);

/* Every value of a header, in order; the caller frees the array (not its
 * strings, which the mail owns) with g_ptr_array_unref. */
GPtrArray *pl_mail_headers(struct pl_mail *mail, const char *name);

/* The Subject, decoded; "" when there is none. */
const char *pl_mail_subject(struct pl_mail *mail);

/* The mailboxes of an address header (From, To, Cc, Reply-To, ...), groups
 * flattened, as struct pl_person *. Empty when the header is absent. */
const GPtrArray *pl_mail_addresses(struct pl_mail *mail, const char *header);

/* The Date as seconds since the epoch and minutes east of UTC. Returns 0
 * when the message has no valid Date header. */
int pl_mail_date(struct pl_mail *mail, int64_t *when, int *offset);

/* Normalised ids (see msgid.h): Message-ID or NULL; In-Reply-To and
 * References as arrays of strings (owned by the mail). */
const char *pl_mail_message_id(struct pl_mail *mail);
const GPtrArray *pl_mail_in_reply_to(struct pl_mail *mail);
const GPtrArray *pl_mail_references(struct pl_mail *mail);

/* The List-Id's id (inside its angle brackets), or NULL. */
const char *pl_mail_list_id(struct pl_mail *mail);

/* The text: the first text/plain, text/x-patch or text/x-diff part found
 * walking the MIME tree, decoded to UTF-8 with LF line ends; "" when there
 * is none. *len, when not NULL, gets its length (it may hold NUL bytes). */
const char *pl_mail_text(struct pl_mail *mail, size_t *len);

/* Every leaf part in tree order (struct pl_part *), decoded. */
const GPtrArray *pl_mail_parts(struct pl_mail *mail);

/* Parses one "Name <address>" string (a trailer's or an in-body From's
 * value) into *person, whose strings the caller frees with
 * pl_person_clear. Returns 0 when no address could be found. */
int pl_person_parse(const char *text, struct pl_person *person);
void pl_person_clear(struct pl_person *person);

#endif
