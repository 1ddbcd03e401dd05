-- The dedup rules: what key each gives for an entry (equal keys make the
-- later entry a repeat; nil never repeats).
local digest = require "patchlore.digest"
local check = require "check"

local function rule(name)
  return digest.policy("dedup", name)({})
end

local entry = {subject = "[PATCH v2 1/3] foo: bar", title = "foo: bar",
               message_id = "v2-1@example.org"}
local with_patch = {patch = {patch_id = "0123abcd", change_id = "20251017-foo-1a2b3c"}}
local cover = {patch = nil}

check.run {
  title_is_the_default_rule = function()
    check.eq(rule("title")(entry, with_patch), "foo: bar", "title key")
  end,
  message_id = function()
    check.eq(rule("message_id")(entry, with_patch), "v2-1@example.org", "message-id key")
    check.eq(rule("message_id")({title = "x"}, cover), nil, "no Message-ID: never a repeat")
  end,
  patch_id = function()
    check.eq(rule("patch_id")(entry, with_patch), "0123abcd", "patch-id key")
    check.eq(rule("patch_id")(entry, cover), nil, "no diff: never a repeat")
    check.eq(rule("patch_id")(entry, {patch = {}}), nil, "a patch without an id")
  end,
  change_id = function()
    check.eq(rule("change_id")(entry, with_patch), "20251017-foo-1a2b3c", "change-id key")
    check.eq(rule("change_id")(entry, cover), nil, "no change-id: never a repeat")
  end,
  unknown_and_bad_names = function()
    check.eq(digest.policy("dedup", "nope"), nil, "an unknown rule is nil")
    check.eq(digest.policy("dedup", "../x"), nil, "a name that is no module name is nil")
  end,
}
