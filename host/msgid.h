/* Message-ID, In-Reply-To and References: our own tokenizer, because
 * GMime 3.2.13's g_mime_references_parse stops at the first malformed id
 * and strips trailing dots from ids (measured on real archives). */
#ifndef PL_MSGID_H
#define PL_MSGID_H

#include <glib.h>

/* Every message id in a References or In-Reply-To value, in order, without
 * the angle brackets and with white space inside an id removed; text
 * between ids (comments, garbage, unbracketed words) is ignored;
 * an id given twice is kept once. Returns an array of strings (free with
 * g_ptr_array_unref; it owns its strings); empty when there is none. */
GPtrArray *pl_msgid_list(const char *value);

/* The id of a Message-ID value: its first <...> token without brackets,
 * or, when it has no brackets, the value trimmed of white space. NULL when
 * the value is NULL or has nothing in it. The caller frees it with g_free. */
char *pl_msgid_one(const char *value);

#endif
