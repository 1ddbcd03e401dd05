-- `patchlore digest` as a user runs it: exit codes and messages, --help,
-- --output, --since-last on a source without commits, and policy modules
-- replaced or added through -L and PATCHLORE_PATH.
--   patchlore -L tests/lua tests/lua/test_digest_cli.lua PATCHLORE FIXTURES_DIR
local check = require "check"

local patchlore_bin, fixtures = ...
assert(patchlore_bin and fixtures, "usage: test_digest_cli.lua PATCHLORE FIXTURES_DIR")
local mbox = fixtures .. "/digest/digest-rules.mbox"

local function q(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local s = f:read("a")
  f:close()
  return s
end

local tmp = io.popen("mktemp -d"):read("l")
assert(tmp and tmp ~= "", "mktemp -d")

-- Runs patchlore with the arguments (strings, quoted here; a table's
-- `env` is put before the command) -> exit status, stdout, stderr.
local function run(argv, env)
  local words = {}
  for i, a in ipairs(argv) do
    words[i] = q(a)
  end
  local cmd = string.format("%s %s %s >%s/out 2>%s/err", env or "", q(patchlore_bin),
                            table.concat(words, " "), q(tmp), q(tmp))
  local _, _, code = os.execute(cmd)
  return code, slurp(tmp .. "/out"), slurp(tmp .. "/err")
end

local function write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

local function files_in(dir)
  local list = {}
  for name in io.popen("ls -A " .. q(dir)):lines() do
    list[#list + 1] = name
  end
  return list
end

local ok, err = pcall(check.run, {
  help = function()
    local code, out = run({"digest", "--help"})
    check.eq(code, 0, "--help exits 0")
    check.truthy(out:find("^usage: patchlore digest ARCHIVE %[RANGE%]"), "usage on stdout")
    code, out = run({"digest", "-h"})
    check.eq(code, 0, "-h exits 0")
  end,
  usage_errors_exit_2_naming_the_argument = function()
    local cases = {
      {{"digest"}, "patchlore: digest: ARCHIVE is missing"},
      {{"digest", mbox, "--bogus"}, "unknown option '--bogus'"},
      {{"digest", mbox, "--top", "many"}, "--top: 'many' is not a whole number"},
      {{"digest", mbox, "--format", "nope"}, "--format: unknown format 'nope'"},
      {{"digest", mbox, "--format", "../x"}, "--format: '../x' is not a name"},
      {{"digest", mbox, "--dedup", "nope"}, "--dedup: unknown dedup rule 'nope'"},
      {{"digest", mbox, "--contributors", "body,nope"},
       "--contributors: unknown contributors rule 'nope'"},
      {{"digest", mbox, "--contributors", "mailmap"}, "needs --mailmap FILE"},
      {{"digest", mbox, "HEAD"}, "revision 'HEAD' given"},
      {{"digest", mbox, "A", "B"}, "unexpected argument 'B'"},
      {{"digest", mbox, "--since-last", tmp .. "/st", "A..B"}, "RANGE is only the upper end"},
    }
    for _, c in ipairs(cases) do
      local code, out, err = run(c[1])
      check.eq(code, 2, table.concat(c[1], " ") .. ": exit status")
      check.truthy(err:find(c[2], 1, true), string.format("stderr %q names %q", err, c[2]))
      check.eq(out, "", "nothing on stdout")
    end
  end,
  input_errors_exit_3 = function()
    local code, _, err = run({"digest", tmp .. "/absent.mbox"})
    check.eq(code, 3, "no archive")
    check.truthy(err:find("absent.mbox", 1, true), "names it")
    code, _, err = run({"digest", mbox, "--contributors", "orgs", "--orgs", tmp .. "/none"})
    check.eq(code, 3, "unreadable --orgs file")
    write(tmp .. "/garbage", "not a state\n")
    code, _, err = run({"digest", mbox, "--since-last", tmp .. "/garbage"})
    check.eq(code, 3, "a state file that is no state")
    write(tmp .. "/commit-state", "0123456789abcdef0123456789abcdef01234567\n")
    code, _, err = run({"digest", mbox, "--since-last", tmp .. "/commit-state"})
    check.eq(code, 3, "a commit recorded for an mbox")
    check.truthy(err:find("records a commit", 1, true), err)
  end,
  output_file = function()
    local _, stdout = run({"digest", mbox, "--name", "rules"})
    local code, out = run({"digest", mbox, "--name", "rules", "--output", tmp .. "/o/d.txt"})
    check.eq(code, 3, "an output file in a missing directory")
    os.execute("mkdir " .. q(tmp .. "/o"))
    code, out = run({"digest", mbox, "--name", "rules", "--output", tmp .. "/o/d.txt"})
    check.eq(code, 0, "--output")
    check.eq(out, "", "nothing on stdout")
    check.eq(slurp(tmp .. "/o/d.txt"), stdout, "the file holds the digest")
    check.same(files_in(tmp .. "/o"), {"d.txt"}, "no temporary file left")
    code, out = run({"digest", mbox, "--name", "rules", "--output", "-"})
    check.eq(out, stdout, "--output - is stdout")
  end,
  since_last_without_commits = function()
    local state = tmp .. "/mbox.state"
    local code, first = run({"digest", mbox, "--since-last", state, "--format", "json"})
    check.eq(code, 0, "first run")
    check.truthy(first:find('"patch_messages": 7', 1, true), "the whole mbox")
    check.eq(slurp(state), "message-id: md(1)[x]%20y/z@example.com\n", "newest message recorded")
    local code2, second = run({"digest", mbox, "--since-last", state, "--format", "json"})
    check.eq(code2, 0, "second run exits 0")
    check.truthy(second:find('"messages": 0', 1, true), "nothing new")
    check.eq(slurp(state), "message-id: md(1)[x]%20y/z@example.com\n", "state unchanged")
    -- A state older than the newest message: what came after it only.
    write(state, "message-id: wobble.dave@example.net\n")
    local _, third = run({"digest", mbox, "--since-last", state, "--format", "json"})
    check.truthy(third:find('"messages": 2', 1, true), "the two newer messages")
  end,
  maildir_reads_like_the_mbox = function()
    -- The fixture's messages as a maildir, delivered in file order.
    local dir = tmp .. "/maildir"
    os.execute("mkdir -p " .. q(dir .. "/cur") .. " " .. q(dir .. "/new") .. " " ..
               q(dir .. "/tmp"))
    local text = slurp(mbox)
    local k, at = 0, 1
    while at do
      local body = text:find("\n", at, true) + 1
      local next_from = text:find("\nFrom mboxrd@z", body, true)
      k = k + 1
      write(string.format("%s/cur/%d.M%d.test:2,S", dir, 1700000000 + k, k),
            text:sub(body, next_from or #text))
      at = next_from and next_from + 1
    end
    check.eq(k, 8, "messages split out of the mbox")
    local _, from_mbox = run({"digest", mbox, "--name", "rules"})
    local code, from_maildir = run({"digest", dir, "--name", "rules"})
    check.eq(code, 0, "maildir digest")
    check.eq(from_maildir, from_mbox, "the same digest")
    code = run({"digest", dir, "A..B"})
    check.eq(code, 2, "no RANGE for a maildir")
    local state = tmp .. "/maildir.state"
    run({"digest", dir, "--since-last", state})
    check.eq(slurp(state), "message-id: md(1)[x]%20y/z@example.com\n", "maildir state")
  end,
  state_waits_for_the_output = function()
    local state = tmp .. "/held.state"
    local code = run({"digest", mbox, "--since-last", state, "--output", tmp .. "/no/dir/x"})
    check.eq(code, 3, "the output cannot be written")
    check.eq(slurp(state), nil, "so no state is recorded")
  end,
  modules_from_the_path = function()
    local lib = tmp .. "/lib"
    os.execute("mkdir -p " .. q(lib .. "/patchlore/format") .. " " ..
               q(lib .. "/patchlore/dedup"))
    write(lib .. "/patchlore/format/count.lua", [[
return function(options)
  return function(d)
    return string.format("%d patches, %d entries\n", d.counts.patch_messages, d.counts.entries)
  end
end
]])
    -- Replaces the bundled rule: every entry is new.
    write(lib .. "/patchlore/dedup/title.lua", [[
return function(options)
  return function(entry, message) return nil end
end
]])
    local code, out, err = run({"-L", lib, "digest", mbox, "--format", "count"})
    check.eq(code, 0, "a user format: " .. tostring(err))
    check.eq(out, "7 patches, 6 entries\n", "the user's format module")
    code, out = run({"digest", mbox, "--format", "json"}, "PATCHLORE_PATH=" .. q(lib))
    check.truthy(out:find('"skipped": 0', 1, true), "PATCHLORE_PATH's title rule wins")
    code, out = run({"digest", mbox, "--format", "json"})
    check.truthy(out:find('"skipped": 1', 1, true), "the bundled title rule otherwise")
    write(lib .. "/patchlore/format/broken.lua", "return 42\n")
    code, _, err = run({"-L", lib, "digest", mbox, "--format", "broken"})
    check.eq(code, 1, "a module that is no function is a script error")
    check.truthy(err:find("returns a number, not a function", 1, true), err)
  end,
})
os.execute("rm -rf " .. q(tmp))
if not ok then
  error(err, 0)
end
