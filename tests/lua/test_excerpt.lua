-- The excerpt rules of DIGEST.md, one by one, on written texts.
local digest = require "patchlore.digest"
local check = require "check"
local excerpt = digest.excerpt

check.run {
  through_the_diffstat_summary = function()
    check.eq(excerpt("Body.\n\nSigned-off-by: A <a@x>\n---\n a.c | 1 +\n" ..
                     " 1 file changed, 1 insertion(+)\n\ndiff --git a/a.c b/a.c\n"),
             "Body.\n\nSigned-off-by: A <a@x>\n---\n a.c | 1 +\n 1 file changed, 1 insertion(+)",
             "cut after the summary line")
    check.eq(excerpt("x\n 12 files changed, 3 deletions(-)\nmore\n"),
             "x\n 12 files changed, 3 deletions(-)", "files, plural")
    check.eq(excerpt("x\n 1 file changed, 1 insertion(+)"),
             "x\n 1 file changed, 1 insertion(+)", "summary as the last line, no newline")
    check.eq(excerpt("x\n-- \nsig\n 2 files changed, 1 insertion(+)\n"),
             "x\n-- \nsig\n 2 files changed, 1 insertion(+)",
             "a diffstat anywhere wins over the signature")
  end,
  not_a_summary = function()
    check.eq(excerpt("x\n1 file changed, 1 insertion(+)\n-- \ns\n"),
             "x\n1 file changed, 1 insertion(+)", "no leading space: not a summary")
    check.eq(excerpt("x\n  1 file changed, 1 insertion(+)\n-- \ns\n"),
             "x\n  1 file changed, 1 insertion(+)", "two spaces: not a summary")
  end,
  without_diffstat = function()
    check.eq(excerpt("Cover.\n\nThanks,\nSteve\n-- \n2.51.0\n"), "Cover.\n\nThanks,\nSteve",
             "up to the signature")
    check.eq(excerpt("Fix.\n\ndiff --git a/x b/x\n--- a/x\n"), "Fix.", "up to the diff")
    check.eq(excerpt("Fix.\n--\nnot a signature\n--  \nnor this\n"),
             "Fix.\n--\nnot a signature\n--  \nnor this", "only '-- ' exactly")
    check.eq(excerpt("Fix.\n-- "), "Fix.", "signature as the last line")
    check.eq(excerpt("a\n diff --git x\nb"), "a\n diff --git x\nb", "diff --git only at the start")
    check.eq(excerpt("Just text\n"), "Just text", "to the end")
  end,
  pseudo_headers = function()
    check.eq(excerpt("\n\nFrom: A <a@x>\nDate: today\nSubject: [PATCH] s\n\n\nBody\n"), "Body",
             "blank lines, the block, one blank line, then leading blanks trimmed")
    check.eq(excerpt("From: A <a@x>\nBody\n"), "Body", "no blank line after the block")
    check.eq(excerpt("Subject: s\nFrom: A <a@x>\n\nBody\n"), "Body", "any order")
    check.eq(excerpt("Body\nFrom: A <a@x>\n"), "Body\nFrom: A <a@x>", "only at the top")
    check.eq(excerpt("From:A\n\nBody\n"), "From:A\n\nBody", "'From:' needs its space")
    check.eq(excerpt("Cc: b@x\n\nBody\n"), "Cc: b@x\n\nBody", "Cc is not a pseudo-header")
  end,
  blank_lines = function()
    check.eq(excerpt("\n \n\tA\n\n \nB\n\n \n"), "\tA\n\n \nB", "outer blank lines go, inner stay")
    check.eq(excerpt(""), "", "empty text")
    check.eq(excerpt("\n\n"), "", "only blank lines")
    check.eq(excerpt("-- \nsig\n"), "", "only a signature")
    check.eq(excerpt("diff --git a/x b/x\n"), "", "only a diff")
    check.eq(excerpt("From: A <a@x>\n\n-- \n"), "", "only headers and a signature")
  end,
}
