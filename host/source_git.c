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

struct pl_source *pl_source_git_open(const char *path, struct pl_error **err)
{
  init_libgit2();
  struct git_source *src = g_new0(struct git_source, 1);
  src->base.ops = &git_ops;
  src->base.path = g_strdup(path);
  src->epochs = g_ptr_array_new();

  char *first = g_build_filename(path, "git", "0.git", NULL);
  int v2 = g_file_test(first, G_FILE_TEST_IS_DIR);
  g_free(first);
  if (v2) {
    /* all.git only points at the epochs; it holds no history of its own. */
    src->base.kind = PL_SOURCE_V2;
    for (unsigned n = 0;; n++) {
      char name[32];
      snprintf(name, sizeof name, "%u.git", n);
      char *epoch = g_build_filename(path, "git", name, NULL);
      int exists = g_file_test(epoch, G_FILE_TEST_IS_DIR);
      git_repository *repo = exists ? open_repo(epoch, err) : NULL;
      g_free(epoch);
      if (!exists)
        break;
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
  for (unsigned k = src->epochs->len; k-- > 0;) {
    git_object *obj = NULL;
    int rc = git_revparse_single(&obj, src->epochs->pdata[k], rev);
    if (rc == GIT_EAMBIGUOUS)
      return pl_fail(err, PL_ERR_INPUT, "%s: revision '%s' is ambiguous", src->base.path, rev);
    if (rc != 0)
      continue;
    git_object *commit = NULL;
    rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
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
  if (git_revwalk_new(&walk->walk, src->epochs->pdata[seg->epoch]) != 0 ||
      (seg->has_push ? git_revwalk_push(walk->walk, &seg->push)
                     : git_revwalk_push_head(walk->walk)) != 0 ||
      (seg->has_hide && git_revwalk_hide(walk->walk, &seg->hide) != 0))
    return pl_fail(err, PL_ERR_INPUT, "%s: cannot walk epoch %u: %s", src->base.path,
                   seg->epoch, git_message());
  return 0;
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
 * deletion (blob d), -1 when the commit carries no message at all. */
static int v2_message_blob(git_commit *commit, git_oid *blob)
{
  git_tree *tree = NULL;
  if (git_commit_tree(&tree, commit) != 0)
    return -1;
  int rc = -1;
  const git_tree_entry *m = git_tree_entry_byname(tree, "m");
  if (m && git_tree_entry_type(m) == GIT_OBJECT_BLOB) {
    git_oid_cpy(blob, git_tree_entry_id(m));
    rc = 1;
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

static int git_walk_next(struct pl_walk *base, struct pl_item *item, struct pl_error **err)
{
  struct git_walk *walk = (struct git_walk *)base;
  struct git_source *src = (struct git_source *)base->src;
  for (;;) {
    git_oid oid;
    if (!walk->walk || git_revwalk_next(&oid, walk->walk) != 0) {
      if (walk->next_segment >= walk->segments->len)
        return 0;
      if (open_segment(walk, err) != 0)
        return -1;
      continue;
    }
    git_repository *repo = src->epochs->pdata[walk->epoch];
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &oid);
    git_commit *commit = NULL;
    if (git_commit_lookup(&commit, repo, &oid) != 0) {
      pl_diag(PL_DIAG_SKIPPED, src->base.path, "commit %s cannot be read: %s", hex,
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
    if (rc < 0)
      pl_diag(PL_DIAG_SKIPPED, src->base.path, "commit %.12s carries no message (no blob m)",
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
