-- patch.files over tests/fixtures/patch/format-patch-full.txt: paths,
-- status and the file modes, which are octal strings ("100644"; once a
-- "%o" given to lua_pushfstring, which raised "invalid option").
local patchlore = require "patchlore"
local check = require "check"

local fixtures = assert(..., "usage: test_patch_files.lua FIXTURES_DIR")

local function files()
  local inbox = assert(patchlore.open(fixtures .. "/patch/format-patch-full.txt"))
  local out = {}
  for m in inbox:messages() do
    for _, f in ipairs(m.patch.files) do
      out[#out + 1] = {f.old_path, f.new_path, f.status, f.old_mode, f.new_mode}
    end
  end
  return out
end

check.run {
  -- A pull request has no diff but is a patch: its request-pull lines read.
  pull_request_without_a_diff = function()
    local inbox = assert(patchlore.open(fixtures .. "/patch/git-pull.mbox"))
    local got = {}
    for m in inbox:messages() do
      local pull = m.patch and m.patch.pull
      got[#got + 1] = {m.message_id, m.patch ~= nil, pull and pull.repository, pull and pull.ref,
                       pull and pull.base, pull and pull.head}
    end
    check.same(got, {
      {"reply@example.org", false},
      {"pull@example.org", true,
       "ssh://git@gitolite.kernel.org/pub/scm/linux/kernel/git/hyperv/linux.git",
       "tags/hyperv-fixes-signed-20251103", "3a8660878839faadb4f1a6dd72c3179c1df56787",
       "0f3e8a4a9b2c1d5e6f708192a3b4c5d6e7f80912"},
    }, "the pull request has a patch and its pull; the reply has none")
  end,

  modes_are_octal_strings = function()
    local long = "docs/very/long/path/to/some/deeply/nested/directory/notes-about-the-design.txt"
    check.same(files(), {
      {nil, "docs/new.txt", "added", nil, "100644"},
      {long, long, "modified", "100644", "100644"},
      {nil, "img/logo.png", "added", nil, "100644"},
      {"lib/util.c", "lib/helpers.c", "renamed", "100644", "100644"},
      {"old.txt", nil, "deleted", "100644", nil},
      {"scripts/run.sh", "scripts/run.sh", "modified", "100644", "100755"},
      {"src/main.c", "src/main.c", "modified", "100644", "100644"},
    }, "files")
  end,
}
