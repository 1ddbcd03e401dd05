-- Benchmark: the whole range read into series (inbox:load), and every
-- series' grouping fields read once: what a report on series starts from.
-- Prints messages, series, complete series, version links.
local patchlore = require "patchlore"
local inbox = assert(patchlore.open(arg[1]))
local set = inbox:load(arg[2])
local complete, links = 0, 0
for _, s in ipairs(set.series) do
  local _ = s.title, s.version, s.total, s.cover_kind, s.missing_count
  if s.complete then
    complete = complete + 1
  end
  if s.previous then
    links = links + 1
  end
end
print(#set.messages, #set.series, complete, links)
