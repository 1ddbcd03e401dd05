-- series still missing patches: which numbers of which series never arrived
local patchlore = require "patchlore"
local args = require "patchlore.args"
local command = require "patchlore.command"
local json = require "patchlore.json"

local usage = [[
usage: patchlore incomplete ARCHIVE [RANGE] [OPTIONS]

The series of RANGE (the whole history when absent) that are still missing
patches: for each, newest first, its version and title, who sent it and
when, its cover letter (a 0/N message, a "naked" cover, one outside the
range, or none), how many of its patches arrived, which numbers are
missing, and whether a later version of it was loaded.

Options:
  --format FORMAT    text (default) or json
  --skip-superseded  leave out series a later loaded version replaces
  --output FILE      write to FILE (a temporary file renamed over it)
  -h, --help         this text

Exit status: 0 success (also when nothing is missing), 1 script error,
2 usage error, 3 input error.
]]

local spec = {
  command = "incomplete",
  max_positional = 2,
  options = {
    {name = "--format", value = "FORMAT", check = args.word, default = "text"},
    {name = "--skip-superseded", flag = true},
    {name = "--output", value = "FILE"},
    {name = "--help", flag = true},
    {name = "-h", key = "help", flag = true},
  },
}

-- "1-18, 20, 22-37": runs of consecutive numbers.
local function ranges(numbers, truncated)
  local parts, i = {}, 1
  while i <= #numbers do
    local j = i
    while j < #numbers and numbers[j + 1] == numbers[j] + 1 do
      j = j + 1
    end
    parts[#parts + 1] = i == j and tostring(numbers[i]) or
                          string.format("%d-%d", numbers[i], numbers[j])
    i = j + 1
  end
  if truncated then
    parts[#parts + 1] = "..."
  end
  return table.concat(parts, ", ")
end

local function day(t)
  return t and os.date("!%Y-%m-%d", t) or "unknown date"
end

local function version_text(s)
  local v = "v" .. s.version
  if s.subversion > 0 then
    v = v .. "." .. s.subversion
  end
  return (s.rfc and "RFC " or "") .. v
end

local cover_text = {
  counter = "cover letter 0/%d",
  naked = "cover letter without counter (%d patches)",
  outside = "cover letter not in the range (%d patches)",
  none = "no cover letter (%d patches)",
}

local function entry(s)
  local newer = {}
  for _, n in ipairs(s.newer) do
    newer[#newer + 1] = version_text(n)
  end
  return {
    title = s.title,
    version = s.version,
    subversion = s.subversion,
    rfc = s.rfc,
    sender = tostring(s.sender),
    date = s.date and day(s.date) or json.null,
    cover = s.cover_kind,
    cover_message_id = s.cover and s.cover.message_id or s.outside_id or json.null,
    expected = s.expected,
    received = s.received,
    missing = json.array(s.missing),
    missing_count = s.missing_count,
    extra = s.extra,
    duplicates = #s.duplicates,
    newer = json.array(newer),
    series = s,
  }
end

local function render_text(found, total)
  local out = {string.format("%d of %d series are missing patches\n", #found, total)}
  for _, e in ipairs(found) do
    out[#out + 1] = string.format("\n%s %s\n", version_text(e.series), e.title)
    out[#out + 1] = string.format("  from %s on %s, %s\n", e.sender,
                                  e.date == json.null and "unknown date" or e.date,
                                  string.format(cover_text[e.cover], e.expected))
    local line = string.format("  %d of %d received; missing %s", e.received, e.expected,
                               ranges(e.missing, e.series.missing_truncated))
    if e.missing_count > #e.missing then
      line = line .. string.format(" (%d in all)", e.missing_count)
    end
    out[#out + 1] = line .. "\n"
    if e.extra > 0 or e.duplicates > 0 then
      out[#out + 1] = string.format("  also %d numbered above %d, %d duplicates\n", e.extra,
                                    e.expected, e.duplicates)
    end
    if #e.newer > 0 then
      out[#out + 1] = "  replaced by " .. table.concat(e.newer, ", ") .. "\n"
    end
  end
  return table.concat(out)
end

local function render_json(found, total)
  local list = {}
  for i, e in ipairs(found) do
    e.series = nil
    list[i] = e
  end
  return json.encode({series = total, incomplete = json.array(list)}) .. "\n"
end

local function main(...)
  local options, positional = args.parse(spec, {...})
  if options.help then
    io.stdout:write(usage)
    return 0
  end
  local archive, range = positional[1], positional[2]
  command.require_archive("incomplete", archive)
  local render = ({text = render_text, json = render_json})[options.format]
  if not render then
    patchlore.usage_error(string.format("incomplete: --format: unknown format '%s' (text, json)",
                                        options.format))
  end
  local inbox = command.open(archive)
  local set = inbox:load(range)
  local found = {}
  for _, s in ipairs(set.series) do
    if not s.complete and not (options.skip_superseded and #s.newer > 0) then
      found[#found + 1] = entry(s)
    end
  end
  local doc = render(found, #set.series)
  command.write(options.output, doc)
  return 0
end

return main(...)
