/* The mbox format itself: splitting a file into messages and undoing the
 * ">From " quoting. Kept apart from the source so it can be fuzzed alone. */
#ifndef PL_MBOX_H
#define PL_MBOX_H

#include <glib.h>
#include <stddef.h>

struct pl_mbox_span {
  size_t offset; /* first byte of the message, after its "From " line */
  size_t length; /* up to the blank line before the next "From " line */
};

/* The messages of an mbox: a "From " line at the start of the data or
 * after a blank line starts one. Returns an array of struct pl_mbox_span
 * in file order (free with g_array_unref). Linear in len. */
GArray *pl_mbox_split(const char *data, size_t len);

/* A message's bytes with the quoting undone: a line of one or more '>'
 * followed by "From " loses one '>'. Returns new bytes (g_bytes_unref). */
GBytes *pl_mbox_unquote(const char *data, size_t len);

#endif
