/* The bundled scripts, compiled into the binary by embed.c. */
#ifndef PL_SCRIPTS_H
#define PL_SCRIPTS_H

#include <stddef.h>

struct pl_script {
  const char *module;    /* "digest", "patchlore.format.text" */
  const char *chunkname; /* "@patchlore/format/text.lua" */
  const char *source;
  size_t len;
};

/* Ends with an entry whose module is NULL. */
extern const struct pl_script pl_scripts[];

#endif
