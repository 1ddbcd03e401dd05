/* The patch-id of a diff: what `git patch-id --stable` prints, computed
 * the way git's builtin/patch-id.c (2.39 and later) does, with GLib's
 * SHA-1. Two diffs that differ only in white space, hunk line numbers,
 * index lines, the order of their files or the text around them get the
 * same id; any changed line gives another. */
#ifndef PL_PATCHID_H
#define PL_PATCHID_H

#include <stddef.h>

#define PL_PATCHID_HEX_LEN 40

/* Computes the stable patch-id of the diff in text (len bytes, LF line
 * ends; NUL-terminated or not). As git does, lines before the first line
 * starting with "diff " are skipped (a commit message may come first),
 * and the diff ends at the first line that cannot continue it (a "-- "
 * signature, "base-commit: ..." after the last hunk). Each file is
 * hashed apart with all white space removed, hunk headers and index
 * lines left out (a binary file hashes its index line's object names),
 * and the files' SHA-1s are added as 20-byte little-endian numbers.
 * When text starts with a "--- " line (a plain unified diff, which git
 * patch-id ignores), its files are hashed the same way from their "--- "
 * lines, a new file starting at each "--- " line after a complete hunk,
 * and "Index: ", "====", "diff ..." lines between files skipped; such an
 * id is never equal to a git diff's id for the same change.
 * Writes 40 lowercase hex digits and a NUL to out and returns 1; when no
 * diff line was hashed, writes "" and returns 0. Cost: one pass and one
 * SHA-1 over the diff; no allocation besides the checksum. */
int pl_patchid_stable(const char *text, size_t len,
                      char out[PL_PATCHID_HEX_LEN + 1]);

#endif
