-- Benchmark (c): subject and sender of every message, and the text of
-- every patch message (a Subject with a [...PATCH...] group).
local patchlore = require "patchlore"
local inbox = assert(patchlore.open(arg[1]))
local n, patches, bytes = 0, 0, 0
for m in inbox:messages(arg[2]) do
  n = n + 1
  local subject = m.subject
  bytes = bytes + #subject + #tostring(m.from)
  local groups = subject:match("^%s*(%b[].*)")
  if groups and not subject:find("^%s*[Rr][Ee]:") then
    local is_patch = false
    for g in subject:gmatch("^%s*(%b[])") do end
    local rest = subject:match("^%s*(.*)")
    while true do
      local g, after = rest:match("^(%b[])%s*(.*)")
      if not g then break end
      if g:upper():find("PATCH", 1, true) then is_patch = true end
      rest = after
    end
    if is_patch then
      patches = patches + 1
      bytes = bytes + #m.text
    end
  end
end
print(n, patches, bytes)
