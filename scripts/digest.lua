-- print the digest of an archive: new series, who sent them, top contributors
local patchlore = require "patchlore"
local archive = ...
local inbox = assert(patchlore.open(archive))
local n = 0
for m in inbox:messages() do
  n = n + 1
end
print(n)
