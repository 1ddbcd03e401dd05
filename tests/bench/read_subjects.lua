-- Benchmark (b): the subject and sender of every message.
local patchlore = require "patchlore"
local inbox = assert(patchlore.open(arg[1]))
local n, bytes = 0, 0
for m in inbox:messages(arg[2]) do
  n = n + 1
  bytes = bytes + #m.subject + #tostring(m.from)
end
print(n, bytes)
