-- Prints the commit of every message of ARCHIVE in a range, newest first:
--   list_commits.lua ARCHIVE [RANGE [SINCE [UNTIL]]]
-- RANGE "" means none; SINCE and UNTIL are seconds since the epoch or
-- dates, "" for none. A last line "lower <id>" gives inbox:lower(range).
local patchlore = require "patchlore"

local archive, range, since, before = ...
local function opt(s)
  if s == nil or s == "" then
    return nil
  end
  return tonumber(s) or s
end

local inbox = assert(patchlore.open(archive))
local bounds = {range = opt(range), since = opt(since), ["until"] = opt(before)}
local out = {}
for m in inbox:messages(bounds) do
  out[#out + 1] = m.commit
end
out[#out + 1] = "lower " .. inbox:lower(bounds)
print(table.concat(out, "\n"))
