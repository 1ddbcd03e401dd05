-- What a script sees of a hostile archive, one line per message, for
-- tests/lua/hostile.py to compare byte for byte:
--
--   patchlore tests/lua/hostile_dump.lua ARCHIVE [RANGE [FIELD...]]
--
-- RANGE "" reads everything, "since=DATE" is {since = DATE}. FIELDs (all
-- when none are given): commit, subject, from, id, irt, refs, date,
-- prefix, raw (its length), text, parts, damage. Strings are printed with
-- %q (so a NUL byte shows as \0), the text and part contents as their
-- length and first 40 bytes. The last line is "messages N".
local patchlore = require "patchlore"

local archive, range = arg[1], arg[2]
if not archive then
  patchlore.usage_error("hostile_dump.lua ARCHIVE [RANGE [FIELD...]]")
end
if range == "" then
  range = nil
elseif range and range:match("^since=") then
  range = {since = range:sub(7)}
end
local wanted = {}
for i = 3, #arg do
  wanted[arg[i]] = true
end
local all = #arg < 3

local function q(s)
  if s == nil then
    return "nil"
  end
  return (string.format("%q", s):gsub("\\\n", "\\n"))
end

local function excerpt(s)
  return #s .. ":" .. q(s:sub(1, 40))
end

local fields = {
  {"commit", function(m) return m.commit and m.commit:sub(1, 12) or "nil" end},
  {"subject", function(m) return q(m.subject) end},
  {"from", function(m) return m.from and q(tostring(m.from)) or "nil" end},
  {"id", function(m) return q(m.message_id) end},
  {"irt", function(m) return q(m.in_reply_to) end},
  {"refs", function(m) return "{" .. table.concat(m.references, ",") .. "}" end},
  {"date", function(m) return tostring(m.date) end},
  {"prefix", function(m)
    local p = m.prefix
    return string.format("{n=%d,total=%d,counter=%s,odd=%s,too_big=%s,tags=%s}", p.n, p.total,
                         tostring(p.has_counter), tostring(p.counter_odd),
                         tostring(p.number_too_big), table.concat(p.tags, ","))
  end},
  {"raw", function(m) return tostring(#m.raw) end},
  {"text", function(m) return excerpt(m.text) end},
  {"parts", function(m)
    local out = {}
    for _, p in ipairs(m:parts()) do
      out[#out + 1] = p.type .. ":" .. excerpt(p.text or p.content)
    end
    return "[" .. table.concat(out, " ") .. "]"
  end},
  {"damage", function(m) return q(m.damage) end},
}

local inbox, err = patchlore.open(archive)
if not inbox then
  patchlore.input_error(err)
end
local n = 0
for m in inbox:messages(range) do
  n = n + 1
  local line = {tostring(n)}
  for _, f in ipairs(fields) do
    if all or wanted[f[1]] then
      line[#line + 1] = f[1] .. "=" .. f[2](m)
    end
  end
  print(table.concat(line, " "))
end
print("messages " .. n)
