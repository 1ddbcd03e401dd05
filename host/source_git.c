/* Git sources: a public-inbox v2 inbox (git/N.git read as one history,
 * oldest epoch first), a single epoch or any bare repository whose
 * commits carry the blob m, and public-inbox v1 (a 2/38 tree). Read-only. */
#include "source_impl.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

struct git_source {
  struct pl_source base;
  GPtrArray *epochs; /* git_repository *, oldest first */
  git_odb **odbs;
  GArray *numbers; /* v2: the N of each epoch's git/N.git */
  char root[GIT_OID_HEXSZ + 1]; /* the oldest epoch's root, once known */
  int root_known;
};

/* One epoch's part of a walk: from push (or HEAD) down, hiding hide. */
struct segment {
  unsigned epoch;
  git_oid push, hide;
  int has_push, has_hide;
};

struct git_walk {
  struct pl_walk base;
  GArray *segments; /* struct segment, newest epoch first */
  unsigned next_segment;
  /* A segment without a lower end is walked by first parents from
   * cursor, reading each commit once (a revwalk reads it twice); the
   * first merge hands the rest to a revwalk. */
  int chain;
  git_oid cursor;
  git_revwalk *walk;
  unsigned epoch;
  int64_t since, until;
  char lower[GIT_OID_HEXSZ + 1];
  int lower_known;
};

static void init_libgit2(void)
{
  static int done;
  if (done)
    return;
  done = 1;
  git_libgit2_init();
  /* Measured on real archives: +27-32% read speed and -69 MB RSS. The
   * archive is only read, and a corrupt object still fails to inflate. */
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
}

static const char *git_message(void)
{
  const git_error *e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

static git_repository *open_repo(const char *path, struct pl_error **err)
{
  git_repository *repo = NULL;
  if (git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0) {
    pl_fail(err, PL_ERR_INPUT, "%s: not an archive (not a git repository, mbox, maildir or message)",
            path);
    return NULL;
  }
  return repo;
}

/* The kind of a single repository, from its newest commit's tree: blob m
 * or d at the root is public-inbox v2 style, 2-hex-digit folders are v1.
 * An empty repository is taken as an (empty) epoch. */
static int detect_kind(git_repository *repo, const char *path, enum pl_source_kind *kind,
                       struct pl_error **err)
{
  git_object *head = NULL;
  *kind = PL_SOURCE_GIT;
  if (git_repository_head_unborn(repo) == 1 || git_repository_is_empty(repo) == 1)
    return 0;
  if (git_revparse_single(&head, repo, "HEAD^{tree}") != 0)
    return pl_fail(err, PL_ERR_INPUT, "%s: cannot read HEAD: %s", path, git_message());
  git_tree *tree = (git_tree *)head;
  int found = 0;
  if (git_tree_entry_byname(tree, "m") || git_tree_entry_byname(tree, "d")) {
    found = 1;
  } else {
    size_t n = git_tree_entrycount(tree);
    for (size_t i = 0; i < n && !found; i++) {
      const git_tree_entry *e = git_tree_entry_byindex(tree, i);
      const char *name = git_tree_entry_name(e);
      if (git_tree_entry_type(e) == GIT_OBJECT_TREE && strlen(name) == 2 &&
          isxdigit((unsigned char)name[0]) && isxdigit((unsigned char)name[1])) {
        *kind = PL_SOURCE_V1;
        found = 1;
      }
    }
  }
  git_object_free(head);
  if (!found)
    return pl_fail(err, PL_ERR_INPUT,
                   "%s: a git repository, but not a mail archive (its newest commit has no blob m)",
                   path);
  return 0;
}

static const struct pl_source_ops git_ops;

static void git_source_free(struct pl_source *base)
{
  struct git_source *src = (struct git_source *)base;
  for (unsigned i = 0; i < src->epochs->len; i++) {
    git_odb_free(src->odbs[i]);
    git_repository_free(src->epochs->pdata[i]);
  }
  g_ptr_array_unref(src->epochs);
  g_array_unref(src->numbers);
  g_free(src->odbs);
  g_free(src);
}

static int add_epoch(struct git_source *src, git_repository *repo, struct pl_error **err)
{
  git_odb *odb = NULL;
  if (git_repository_odb(&odb, repo) != 0) {
    git_repository_free(repo);
    return pl_fail(err, PL_ERR_INPUT, "%s: cannot open the object database: %s",
                   src->base.path, git_message());
  }
  g_ptr_array_add(src->epochs, repo);
  src->odbs = g_renew(git_odb *, src->odbs, src->epochs->len);
  src->odbs[src->epochs->len - 1] = odb;
  return 0;
}

static gint by_number(gconstpointer a, gconstpointer b)
{
  unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
  return x < y ? -1 : x > y;
}

/* The N of every git/N.git of a v2 inbox, ascending. A mirror may hold
 * only the newest epochs, so 0.git need not be there; what is missing is
 * said once, since its messages cannot be read. */
static GArray *list_epochs(const char *path)
{
  GArray *numbers = g_array_new(FALSE, FALSE, sizeof(unsigned));
  char *dir = g_build_filename(path, "git", NULL);
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    char *end;
    guint64 n = g_ascii_strtoull(name, &end, 10);
    if (!g_ascii_isdigit(name[0]) || strcmp(end, ".git") != 0 || n > G_MAXINT ||
        (name[0] == '0' && end != name + 1))
      continue;
    char *epoch = g_build_filename(dir, name, NULL);
    unsigned u = (unsigned)n;
    if (g_file_test(epoch, G_FILE_TEST_IS_DIR))
      g_array_append_val(numbers, u);
    g_free(epoch);
  }
  if (d)
    g_dir_close(d);
  g_free(dir);
  g_array_sort(numbers, by_number);
  for (guint i = 0; i < numbers->len; i++) {
    unsigned from = i ? g_array_index(numbers, unsigned, i - 1) + 1 : 0;
    unsigned to = g_array_index(numbers, unsigned, i);
    if (to == from + 1)
      pl_diag(PL_DIAG_NOTE, path, "git/%u.git is missing: its messages are not read", from);
    else if (to > from)
      pl_diag(PL_DIAG_NOTE, path,
              "git/%u.git to git/%u.git are missing: their messages are not read", from, to - 1);
  }
  return numbers;
}

struct pl_source *pl_source_git_open(const char *path, struct pl_error **err)
{
  init_libgit2();
  struct git_source *src = g_new0(struct git_source, 1);
  src->base.ops = &git_ops;
  src->base.path = g_strdup(path);
  src->epochs = g_ptr_array_new();

  src->numbers = list_epochs(path);
  if (src->numbers->len) {
    /* all.git only points at the epochs; it holds no history of its own. */
    src->base.kind = PL_SOURCE_V2;
    for (guint i = 0; i < src->numbers->len; i++) {
      char name[32];
      snprintf(name, sizeof name, "%u.git", g_array_index(src->numbers, unsigned, i));
      char *epoch = g_build_filename(path, "git", name, NULL);
      git_repository *repo = open_repo(epoch, err);
      g_free(epoch);
      if (!repo || add_epoch(src, repo, err) != 0)
        goto fail;
    }
    return &src->base;
  }

  git_repository *repo = open_repo(path, err);
  if (!repo)
    goto fail;
  if (detect_kind(repo, path, &src->base.kind, err) != 0) {
    git_repository_free(repo);
    goto fail;
  }
  if (add_epoch(src, repo, err) != 0)
    goto fail;
  return &src->base;
fail:
  g_free(src->base.path);
  git_source_free(&src->base);
  return NULL;
}

static int is_hex(const char *s)
{
  size_t n = strlen(s);
  if (n < 4 || n > GIT_OID_HEXSZ)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!isxdigit((unsigned char)s[i]))
      return 0;
  return 1;
}

/* Resolves rev to a commit of one epoch. A hex id is looked up in every
 * epoch (it must be in exactly one); any other expression (HEAD~3, a
 * branch) is tried from the newest epoch down, the first hit winning. */
static int resolve(struct git_source *src, const char *rev, unsigned *epoch, git_oid *oid,
                   struct pl_error **err)
{
  int hex = is_hex(rev), hits = 0;
  git_object_t other = GIT_OBJECT_INVALID;
  for (unsigned k = src->epochs->len; k-- > 0;) {
    git_object *obj = NULL;
    int rc = git_revparse_single(&obj, src->epochs->pdata[k], rev);
    /* libgit2 calls any id shorter than 4 digits ambiguous, found or not. */
    size_t n = strlen(rev);
    if (rc == GIT_EAMBIGUOUS && n < GIT_OID_MINPREFIXLEN &&
        strspn(rev, "0123456789abcdefABCDEF") == n)
      return pl_fail(err, PL_ERR_USAGE,
                     "%s: '%s' is too short for a commit id (%d hex digits at least)",
                     src->base.path, rev, GIT_OID_MINPREFIXLEN);
    if (rc == GIT_EAMBIGUOUS)
      return pl_fail(err, PL_ERR_INPUT, "%s: revision '%s' is ambiguous", src->base.path, rev);
    if (rc == GIT_EINVALIDSPEC)
      return pl_fail(err, PL_ERR_USAGE, "%s: '%s' is not a revision (bad syntax)",
                     src->base.path, rev);
    if (rc != 0)
      continue;
    git_object *commit = NULL;
    rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
    if (rc != 0 && other == GIT_OBJECT_INVALID)
      other = git_object_type(obj);
    git_object_free(obj);
    if (rc != 0)
      continue;
    if (hits++ == 0) {
      *epoch = k;
      git_oid_cpy(oid, git_object_id(commit));
    }
    git_object_free(commit);
    if (!hex)
      break;
  }
  if (hits == 0 && other != GIT_OBJECT_INVALID)
    return pl_fail(err, PL_ERR_INPUT, "%s: revision '%s' is a %s, not a commit", src->base.path,
                   rev, git_object_type2string(other));
  if (hits == 0)
    return pl_fail(err, PL_ERR_INPUT, "%s: unknown revision '%s'", src->base.path, rev);
  if (hits > 1)
    return pl_fail(err, PL_ERR_INPUT, "%s: revision '%s' is ambiguous (found in %d epochs)",
                   src->base.path, rev, hits);
  return 0;
}

static int epoch_has_head(struct git_source *src, unsigned k)
{
  git_repository *repo = src->epochs->pdata[k];
  return git_repository_head_unborn(repo) == 0 && git_repository_is_empty(repo) == 0;
}

/* Splits "A..B", "A..", "..B" and "B" into their ends. */
static int split_rev(const char *rev, char **lower, char **upper, struct pl_error **err,
                     const char *path)
{
  *lower = *upper = NULL;
  if (!rev || !*rev)
    return 0;
  const char *dots = strstr(rev, "..");
  if (!dots) {
    *upper = g_strdup(rev);
    return 0;
  }
  if (dots[2] == '.')
    return pl_fail(err, PL_ERR_USAGE, "%s: '%s': symmetric ranges (A...B) are not supported",
                   path, rev);
  if (dots > rev)
    *lower = g_strndup(rev, dots - rev);
  if (dots[2])
    *upper = g_strdup(dots + 2);
  if (!*lower && !*upper)
    return pl_fail(err, PL_ERR_USAGE, "%s: '%s' is not a range", path, rev);
  return 0;
}

static const char *git_walk_lower(struct pl_walk *base);

static struct pl_walk *git_walk_start(struct pl_source *base, const struct pl_range *range,
                                      struct pl_error **err)
{
  struct git_source *src = (struct git_source *)base;
  char *lo = NULL, *hi = NULL;
  unsigned lo_epoch = 0, hi_epoch = src->epochs->len ? src->epochs->len - 1 : 0;
  git_oid lo_oid, hi_oid;
  if (split_rev(range->rev, &lo, &hi, err, base->path) != 0 ||
      (lo && resolve(src, lo, &lo_epoch, &lo_oid, err) != 0) ||
      (hi && resolve(src, hi, &hi_epoch, &hi_oid, err) != 0)) {
    g_free(lo);
    g_free(hi);
    return NULL;
  }

  struct git_walk *walk = g_new0(struct git_walk, 1);
  walk->base.src = base;
  walk->segments = g_array_new(FALSE, TRUE, sizeof(struct segment));
  walk->since = range->since;
  walk->until = range->until;
  if (lo) {
    git_oid_tostr(walk->lower, sizeof walk->lower, &lo_oid);
    walk->lower_known = 1;
  }
  /* A lower end in a newer epoch than the upper one leaves nothing. */
  if (!(lo && lo_epoch > hi_epoch)) {
    for (unsigned k = hi_epoch + 1; k-- > (lo ? lo_epoch : 0);) {
      struct segment seg = {.epoch = k};
      if (hi && k == hi_epoch) {
        seg.push = hi_oid;
        seg.has_push = 1;
      }
      if (lo && k == lo_epoch) {
        seg.hide = lo_oid;
        seg.has_hide = 1;
      }
      if (seg.has_push || epoch_has_head(src, k))
        g_array_append_val(walk->segments, seg);
    }
  }
  g_free(lo);
  g_free(hi);
  return &walk->base;
}

static int open_segment(struct git_walk *walk, struct pl_error **err)
{
  struct git_source *src = (struct git_source *)walk->base.src;
  struct segment *seg = &g_array_index(walk->segments, struct segment, walk->next_segment++);
  git_revwalk_free(walk->walk);
  walk->walk = NULL;
  walk->epoch = seg->epoch;
  walk->chain = 0;
  if (!seg->has_hide) {
    git_repository *repo = src->epochs->pdata[seg->epoch];
    if (seg->has_push)
      git_oid_cpy(&walk->cursor, &seg->push);
    else if (git_reference_name_to_id(&walk->cursor, repo, "HEAD") != 0)
      return pl_fail(err, PL_ERR_INPUT, "%s: cannot read HEAD: %s", src->base.path,
                     git_message());
    walk->chain = 1;
    return 0;
  }
  if (git_revwalk_new(&walk->walk, src->epochs->pdata[seg->epoch]) != 0 ||
      (seg->has_push ? git_revwalk_push(walk->walk, &seg->push)
                     : git_revwalk_push_head(walk->walk)) != 0 ||
      (seg->has_hide && git_revwalk_hide(walk->walk, &seg->hide) != 0)) {
    if (src->base.kind != PL_SOURCE_V2)
      return pl_fail(err, PL_ERR_INPUT, "%s: cannot walk the history: %s", src->base.path,
                     git_message());
    return pl_fail(err, PL_ERR_INPUT, "%s: cannot walk git/%u.git: %s", src->base.path,
                   g_array_index(src->numbers, unsigned, seg->epoch), git_message());
  }
  return 0;
}

/* After a walk failed: the first commit, from the segment's start down,
 * that cannot be read, so that the error can name it. Costs a second walk
 * of what came before, on this error path only. Returns 0 when none is found. */
static int find_unreadable(struct git_walk *walk, git_oid *bad)
{
  struct git_source *src = (struct git_source *)walk->base.src;
  git_repository *repo = src->epochs->pdata[walk->epoch];
  struct segment *seg = &g_array_index(walk->segments, struct segment, walk->next_segment - 1);
  git_oid start;
  if (seg->has_push)
    git_oid_cpy(&start, &seg->push);
  else if (git_reference_name_to_id(&start, repo, "HEAD") != 0)
    return 0;
  GHashTable *seen = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                           (GDestroyNotify)g_bytes_unref, NULL);
  GArray *todo = g_array_new(FALSE, FALSE, sizeof(git_oid));
  g_array_append_val(todo, start);
  int found = 0;
  while (todo->len && !found) {
    git_oid id = g_array_index(todo, git_oid, todo->len - 1);
    g_array_set_size(todo, todo->len - 1);
    GBytes *key = g_bytes_new(id.id, GIT_OID_RAWSZ);
    if (!g_hash_table_add(seen, key))
      continue;
    git_commit *commit = NULL;
    if (git_commit_lookup(&commit, repo, &id) != 0) {
      git_oid_cpy(bad, &id);
      found = 1;
      break;
    }
    for (unsigned i = 0; i < git_commit_parentcount(commit); i++)
      g_array_append_val(todo, *git_commit_parent_id(commit, i));
    git_commit_free(commit);
  }
  g_array_unref(todo);
  g_hash_table_unref(seen);
  return found;
}

/* Finds the message blob a v1 commit adds: the file new in its tree. */
static int v1_added_blob(git_repository *repo, git_commit *commit, git_oid *blob)
{
  git_tree *tree = NULL, *parent_tree = NULL;
  git_commit *parent = NULL;
  git_diff *diff = NULL;
  int found = 0;
  if (git_commit_tree(&tree, commit) != 0)
    return -1;
  if (git_commit_parentcount(commit) > 0 && git_commit_parent(&parent, commit, 0) == 0)
    git_commit_tree(&parent_tree, parent);
  if (git_diff_tree_to_tree(&diff, repo, parent_tree, tree, NULL) == 0) {
    size_t n = git_diff_num_deltas(diff);
    for (size_t i = 0; i < n && !found; i++) {
      const git_diff_delta *d = git_diff_get_delta(diff, i);
      if (d->status == GIT_DELTA_ADDED || d->status == GIT_DELTA_MODIFIED) {
        git_oid_cpy(blob, &d->new_file.id);
        found = 1;
      }
    }
  }
  git_diff_free(diff);
  git_tree_free(parent_tree);
  git_commit_free(parent);
  git_tree_free(tree);
  return found;
}

/* Finds blob m of a v2 commit. Returns 1 with *blob set, 0 for a
 * deletion (blob d) or a purge, -1 when the commit carries no message,
 * -2 when its tree cannot be read. */
static int v2_message_blob(git_commit *commit, git_oid *blob)
{
  /* public-inbox-purge rewrites the commit that added a message into
   * "purged <blob>" whose m is the empty blob: no message to read. */
  static const char empty_blob[] = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
  git_tree *tree = NULL;
  if (git_commit_tree(&tree, commit) != 0)
    return -2;
  int rc = -1;
  const git_tree_entry *m = git_tree_entry_byname(tree, "m");
  if (m && git_tree_entry_type(m) == GIT_OBJECT_BLOB) {
    git_oid empty;
    git_oid_fromstr(&empty, empty_blob);
    git_oid_cpy(blob, git_tree_entry_id(m));
    rc = git_oid_equal(blob, &empty) ? 0 : 1;
  } else if (git_tree_entry_byname(tree, "d")) {
    rc = 0;
  }
  git_tree_free(tree);
  return rc;
}

static void fill_item(struct pl_item *item, git_commit *commit, const git_oid *blob,
                      unsigned epoch)
{
  const git_signature *author = git_commit_author(commit);
  item->has_commit = 1;
  git_oid_cpy(&item->commit, git_commit_id(commit));
  git_oid_cpy(&item->blob, blob);
  item->epoch = epoch;
  item->summary = g_strdup(git_commit_message(commit));
  item->author_name = g_strdup(author->name);
  item->author_email = g_strdup(author->email);
  item->author_time = author->when.time;
  item->author_offset = author->when.offset;
  item->commit_time = git_commit_time(commit);
}

/* The next commit of a first-parent walk, read: 0 with *oid and *commit
 * set, GIT_ITEROVER past the root, or a libgit2 error with *oid naming the
 * commit that cannot be read. */
static int chain_next(struct git_walk *walk, git_oid *oid, git_commit **commit)
{
  struct git_source *src = (struct git_source *)walk->base.src;
  git_repository *repo = src->epochs->pdata[walk->epoch];
  if (walk->chain == 2)
    return GIT_ITEROVER;
  git_oid_cpy(oid, &walk->cursor);
  int rc = git_commit_lookup(commit, repo, oid);
  if (rc != 0)
    return rc < 0 ? rc : -1;
  unsigned parents = git_commit_parentcount(*commit);
  if (parents == 0) {
    walk->chain = 2;
    if (walk->epoch == 0 && !src->root_known) {
      git_oid_tostr(src->root, sizeof src->root, oid);
      src->root_known = 1;
    }
  } else if (parents == 1) {
    git_oid_cpy(&walk->cursor, git_commit_parent_id(*commit, 0));
  } else {
    /* A merge: what lies below it is a graph, which a revwalk orders. */
    walk->chain = 0;
    int ok = git_revwalk_new(&walk->walk, repo) == 0;
    for (unsigned i = 0; ok && i < parents; i++)
      ok = git_revwalk_push(walk->walk, git_commit_parent_id(*commit, i)) == 0;
    if (!ok) {
      git_commit_free(*commit);
      *commit = NULL;
      return -1;
    }
  }
  return 0;
}

static int git_walk_next(struct pl_walk *base, struct pl_item *item, struct pl_error **err)
{
  struct git_walk *walk = (struct git_walk *)base;
  struct git_source *src = (struct git_source *)base->src;
  for (;;) {
    git_oid oid;
    git_commit *commit = NULL;
    int next = walk->chain ? chain_next(walk, &oid, &commit)
               : walk->walk ? git_revwalk_next(&oid, walk->walk)
                            : GIT_ITEROVER;
    /* Past a commit that cannot be read its parents are unknown: going on
     * would leave out the rest of the history and say nothing. */
    if (next != 0 && next != GIT_ITEROVER) {
      char *why = g_strdup(git_message());
      git_oid bad;
      char bhex[GIT_OID_HEXSZ + 1];
      if (walk->chain) {
        git_oid_tostr(bhex, sizeof bhex, &oid);
        pl_fail(err, PL_ERR_INPUT,
                "%s: commit %.12s: cannot be read: %s (the history cannot be walked past it)",
                src->base.path, bhex, why);
      } else if (find_unreadable(walk, &bad)) {
        git_oid_tostr(bhex, sizeof bhex, &bad);
        pl_fail(err, PL_ERR_INPUT,
                "%s: commit %.12s: cannot be read: %s (the history cannot be walked past it)",
                src->base.path, bhex, why);
      } else {
        pl_fail(err, PL_ERR_INPUT, "%s: the history cannot be walked: %s", src->base.path, why);
      }
      g_free(why);
      return -1;
    }
    if (next != 0) {
      if (walk->next_segment >= walk->segments->len)
        return 0;
      if (open_segment(walk, err) != 0)
        return -1;
      continue;
    }
    git_repository *repo = src->epochs->pdata[walk->epoch];
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &oid);
    if (!commit && git_commit_lookup(&commit, repo, &oid) != 0) {
      pl_diag(PL_DIAG_SKIPPED, src->base.path, "commit %.12s: cannot be read: %s", hex,
              git_message());
      continue;
    }
    int64_t when = git_commit_time(commit);
    if ((walk->since && when < walk->since) || (walk->until && when > walk->until)) {
      git_commit_free(commit);
      continue;
    }
    git_oid blob;
    int rc = src->base.kind == PL_SOURCE_V1 ? v1_added_blob(repo, commit, &blob)
                                             : v2_message_blob(commit, &blob);
    if (rc == -2)
      pl_diag(PL_DIAG_SKIPPED, src->base.path, "commit %.12s: its tree cannot be read: %s", hex,
              git_message());
    else if (rc < 0)
      pl_diag(PL_DIAG_SKIPPED, src->base.path, "commit %.12s: no message in it (no blob m)",
              hex);
    if (rc <= 0) {
      git_commit_free(commit);
      continue;
    }
    /* A partial clone can lack a blob (real: io-uring's archive has one). */
    if (!git_odb_exists(src->odbs[walk->epoch], &blob)) {
      char bhex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(bhex, sizeof bhex, &blob);
      pl_diag(PL_DIAG_SKIPPED, src->base.path,
              "commit %.12s: its message (blob %.12s) is missing from the repository", hex, bhex);
      git_commit_free(commit);
      continue;
    }
    fill_item(item, commit, &blob, walk->epoch);
    git_commit_free(commit);
    return 1;
  }
}

/* The root commit of the oldest epoch: the lower end of an open range. */
static const char *git_walk_lower(struct pl_walk *base)
{
  struct git_walk *walk = (struct git_walk *)base;
  struct git_source *src = (struct git_source *)base->src;
  if (walk->lower_known)
    return walk->lower;
  if (src->root_known) {
    memcpy(walk->lower, src->root, sizeof walk->lower);
    walk->lower_known = 1;
    return walk->lower;
  }
  walk->lower_known = 1;
  for (unsigned k = 0; k < src->epochs->len; k++) {
    git_revwalk *rw = NULL;
    git_oid oid, last;
    int any = 0;
    if (!epoch_has_head(src, k) || git_revwalk_new(&rw, src->epochs->pdata[k]) != 0)
      continue;
    if (git_revwalk_push_head(rw) == 0)
      while (git_revwalk_next(&oid, rw) == 0) {
        last = oid;
        any = 1;
      }
    git_revwalk_free(rw);
    if (any) {
      git_oid_tostr(walk->lower, sizeof walk->lower, &last);
      memcpy(src->root, walk->lower, sizeof src->root);
      src->root_known = 1;
      break;
    }
  }
  return walk->lower;
}

static void git_walk_free(struct pl_walk *base)
{
  struct git_walk *walk = (struct git_walk *)base;
  git_revwalk_free(walk->walk);
  g_array_unref(walk->segments);
  g_free(walk);
}

static void free_blob(gpointer blob)
{
  git_blob_free(blob);
}

static GBytes *git_read(struct pl_source *base, const struct pl_item *item,
                        struct pl_error **err)
{
  struct git_source *src = (struct git_source *)base;
  git_blob *blob = NULL;
  if (item->epoch >= src->epochs->len ||
      git_blob_lookup(&blob, src->epochs->pdata[item->epoch], &item->blob) != 0) {
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &item->commit);
    pl_fail(err, PL_ERR_INPUT, "%s: commit %.12s: cannot read its message: %s", base->path, hex,
            git_message());
    return NULL;
  }
  /* The bytes stay in the blob: no copy. */
  return g_bytes_new_with_free_func(git_blob_rawcontent(blob), (gsize)git_blob_rawsize(blob),
                                    free_blob, blob);
}

static const struct pl_source_ops git_ops = {
    .walk_start = git_walk_start,
    .walk_next = git_walk_next,
    .walk_lower = git_walk_lower,
    .walk_free = git_walk_free,
    .read = git_read,
    .free = git_source_free,
};
