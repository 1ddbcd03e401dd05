-- Benchmark: inbox:load of the range, then every series' replies and
-- review trailers (which read the ids of every reply and the texts of the
-- replies in a series). Prints messages, series, replies, trailers.
local patchlore = require "patchlore"
local inbox = assert(patchlore.open(arg[1]))
local set = inbox:load(arg[2])
local replies, trailers = 0, 0
for _, s in ipairs(set.series) do
  replies = replies + #s.replies
  trailers = trailers + #s.trailers
end
print(#set.messages, #set.series, replies, trailers)
