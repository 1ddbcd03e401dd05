-- Reads every message of an archive (or of a range) and prints one line
-- per message: commit, subject, from name, from address, message-id, date,
-- the length of the text and tostring(from); strings hex-encoded so that
-- no byte of real mail can break the line format. Used by real_archive.py
-- and tests/lua/public_inbox.py.
local patchlore = require "patchlore"

local function hex(s)
  if s == nil then
    return "-"
  end
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

local archive, range = ...
local inbox = assert(patchlore.open(archive))
local out = {}
for m in inbox:messages(range) do
  local from = m.from
  local text = m.text
  out[#out + 1] = table.concat({
    m.commit or "-",
    hex(m.subject),
    hex(from and from.name),
    hex(from and from.address),
    hex(m.message_id),
    tostring(m.date or "-"),
    tostring(#text),
    hex(from and tostring(from)),
  }, "\t")
end
out[#out + 1] = ""
io.write(table.concat(out, "\n"))
