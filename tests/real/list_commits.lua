-- Prints the commit of every message of ARCHIVE in a range, newest first:
--   list_commits.lua ARCHIVE [RANGE [SINCE [UNTIL]]]
-- RANGE "" means none; SINCE and UNTIL are dates or seconds since the
-- epoch as strings, "=SECONDS" as a Lua number, "" for none. A last line
-- "lower <id>" gives inbox:lower(range).
local patchlore = require "patchlore"

local archive, range, since, before = ...
local function opt(s)
  if s == nil or s == "" then
    return nil
  end
  return s:match("^=") and math.tointeger(s:sub(2)) or s
end

local inbox = assert(patchlore.open(archive))
local bounds = {range = opt(range), since = opt(since), ["until"] = opt(before)}
local out = {}
for m in inbox:messages(bounds) do
  out[#out + 1] = m.commit
end
out[#out + 1] = "lower " .. inbox:lower(bounds)
print(table.concat(out, "\n"))
