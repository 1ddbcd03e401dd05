-- the patches of a range: top contributors and domains, new series, their commit messages
local patchlore = require "patchlore"
local args = require "patchlore.args"
local command = require "patchlore.command"
local digest = require "patchlore.digest"

local usage = [[
usage: patchlore digest ARCHIVE [RANGE] [OPTIONS]

The patch messages of RANGE (the whole history when absent; a revision
range of a git archive, "A..B", "A..", "B"): who wrote them and from which
domains, the list of new patches and series, and each one's commit
message. Sources without commits (mbox, maildir, message files) take no
RANGE; their digest reads every message and its From/to line is empty.

Options:
  --name NAME            the list's name in the heading (default: the
                         archive's file name without .git/.mbox/.eml)
  --format FORMAT        text (default, the classic digest), markdown, json,
                         or any module patchlore.format.FORMAT on the path
  --top N                rows of the two count tables (default 15)
  --output FILE          write to FILE (a temporary file renamed over it)
  --since-last STATEFILE digest what arrived since the commit recorded in
                         STATEFILE (everything when it does not exist), then
                         record the newest commit there
  --dedup RULE           what makes an entry a repeat: title (default),
                         message_id, patch_id, change_id
  --contributors RULE[,RULE...]
                         who a patch counts for, rules applied in order:
                         body (default), mailmap, orgs, robots
  --mailmap FILE         for --contributors mailmap: git's .mailmap format
  --orgs FILE            for --contributors orgs: `domain organisation` lines
  --robots FILE          for --contributors robots: bot address patterns
                         (default: a built-in list)
  --link-base URL        markdown: message links are URL + Message-ID
                         (default https://lore.kernel.org/r/)
  -h, --help             this text

Policy modules patchlore.{dedup,contributors,format}.NAME are looked up in
-L directories and PATCHLORE_PATH first (scripts/API.md, "Policy modules").
Exit status: 0 success (also an empty digest), 1 script error, 2 usage
error, 3 input error (not an archive, unknown revision, unreadable file).
]]

local spec = {
  command = "digest",
  max_positional = 2,
  options = {
    {name = "--name", value = "NAME"},
    {name = "--format", value = "FORMAT", check = args.word, default = "text"},
    {name = "--top", value = "N", check = args.count, default = 15},
    {name = "--output", value = "FILE"},
    {name = "--since-last", value = "STATEFILE"},
    {name = "--dedup", value = "RULE", check = args.word, default = "title"},
    {name = "--contributors", value = "RULE", check = args.words, list = true,
     default = {"body"}},
    {name = "--mailmap", value = "FILE"},
    {name = "--orgs", value = "FILE"},
    {name = "--robots", value = "FILE"},
    {name = "--link-base", value = "URL", default = "https://lore.kernel.org/r/"},
    {name = "--help", flag = true},
    {name = "-h", key = "help", flag = true},
  },
}

local function policy(kind, option, name, options)
  local new = digest.policy(kind, name)
  if not new then
    patchlore.usage_error(string.format(
      "digest: %s: unknown %s '%s' (no module patchlore.%s.%s on the path)", option,
      kind == "format" and "format" or kind .. " rule", name, kind, name))
  end
  local rule = new(options)
  if type(rule) ~= "function" then
    error(string.format("patchlore.%s.%s: returns a %s, not a function", kind, name,
                        type(rule)), 0)
  end
  return rule
end

local function default_name(path)
  if path == "-" then
    return "stdin"
  end
  local base = path:gsub("/+$", ""):match("([^/]*)$")
  base = base:gsub("%.git$", ""):gsub("%.mbox$", ""):gsub("%.eml$", "")
  return base ~= "" and base or path
end

-- The state file: the newest commit digested (a revision, so a user may
-- seed it by hand), or "message-id: <id>" for sources without commits.
local function read_state(path)
  local f = io.open(path, "r")
  if not f then
    return nil
  end
  local text = f:read("a")
  f:close()
  if not text then
    patchlore.input_error(path .. ": cannot be read")
  end
  local line = text:match("^%s*([^\n]-)%s*\n") or text:match("^%s*(.-)%s*$")
  if line == "" then
    return nil
  end
  local id = line:match("^message%-id: (.*)$")
  if id then
    return {message_id = id}
  end
  if line:find("%s") then
    patchlore.input_error(string.format("%s: not a digest state file (%s)", path, line))
  end
  return {commit = line}
end

local function main(...)
  local options, positional = args.parse(spec, {...})
  if options.help then
    io.stdout:write(usage)
    return 0
  end
  local archive, range_text = positional[1], positional[2]
  command.require_archive("digest", archive)
  if options.output == "-" then
    options.output = nil
  end

  -- Every policy is loaded before reading, so that a bad name or file
  -- stops the run at once.
  local render = policy("format", "--format", options.format, options)
  local dedup = policy("dedup", "--dedup", options.dedup, options)
  local rules = {}
  for i, name in ipairs(options.contributors) do
    rules[i] = policy("contributors", "--contributors", name, options)
  end

  local inbox = command.open(archive)
  local kind = inbox.kind
  local is_git = kind == "git" or kind == "public-inbox-v2" or kind == "public-inbox-v1"

  local range, stop = range_text, nil
  local state = options.since_last and read_state(options.since_last)
  if options.since_last and range_text and range_text:find("..", 1, true) then
    patchlore.usage_error("digest: RANGE: with --since-last, RANGE is only the upper end")
  end
  if state and state.commit then
    if not is_git then
      patchlore.input_error(options.since_last .. ": records a commit, but " .. archive ..
                            " has none")
    end
    range = state.commit .. ".." .. (range_text or "")
  elseif state and state.message_id then
    if is_git then
      patchlore.input_error(options.since_last .. ": records a message, not a commit")
    end
    local id = state.message_id
    stop = function(m)
      return m.message_id == id
    end
  end

  local d = digest.read(inbox, {
    range = range,
    range_text = range,
    lower = function()
      return inbox:lower(range)
    end,
    stop = stop,
    dedup = dedup,
    contributors = rules,
    name = options.name or default_name(archive),
    top = options.top,
    options = options,
  })

  local doc = render(d)
  if type(doc) ~= "string" then
    error(string.format("patchlore.format.%s: returns a %s, not a string", options.format,
                        type(doc)), 0)
  end
  command.write(options.output, doc)

  -- The state moves only once the digest is out, and only when something
  -- new was read.
  if options.since_last and d.counts.messages > 0 then
    local record
    if is_git then
      record = d.range.upper .. "\n"
    elseif d.newest_message_id then
      record = "message-id: " .. d.newest_message_id .. "\n"
    end
    if record then
      local ok, why = patchlore.write_file(options.since_last, record)
      if not ok then
        patchlore.input_error(why)
      end
    end
  end
  return 0
end

return main(...)
