-- Reads every message of an archive and asks for every field a script can
-- ask for: subject, from and text first (what the digest reads), then the
-- rest of the message, its parts and headers, the prefix, the patch and
-- the reply trailers. Prints one line: how many messages, how many bytes
-- of text. Used by tests/valgrind.sh, so that memcheck sees every path of
-- the core and the bindings that a real archive takes.
local patchlore = require "patchlore"

local archive = ...
local inbox = assert(patchlore.open(archive))

local function touch_list(list)
  for _, v in ipairs(list) do
    local _ = tostring(v)
  end
end

local messages, text_bytes = 0, 0
for m in inbox:messages() do
  messages = messages + 1
  local _ = m.subject
  local from = m.from
  if from then
    local _ = tostring(from) .. (from.domain or "")
  end
  text_bytes = text_bytes + #m.text

  touch_list(m.to)
  touch_list(m.cc)
  touch_list(m.references)
  local _ = {m.date, m.received, m.commit, m.message_id, m.in_reply_to,
             m.list_id, m.damage, #m.raw, m:header("Subject"), tostring(m)}
  for _, h in ipairs(m:headers()) do
    local _ = h.name .. h.value
  end
  for _, p in ipairs(m:parts()) do
    local _ = {p.type, p.charset, p.filename, p.disposition, #p.content, p.text}
  end
  local prefix = m.prefix
  touch_list(prefix.tags)

  local patch = m.patch
  if patch then
    local _ = {patch.message, patch.commit_message, patch.notes, patch.patch_id,
               patch.base_commit, patch.change_id, patch.supersedes,
               patch.added, patch.removed, patch.has_diff, patch.pull,
               patch.author, patch.inbody_author, patch.sender, tostring(patch)}
    for _, f in ipairs(patch.files) do
      local _ = {f.old_path, f.new_path, f.status}
    end
    local stat = patch.diffstat
    if stat then
      for _, f in ipairs(stat.files) do
        local _ = f.path
      end
    end
    for _, t in ipairs(patch.trailers) do
      local _ = {t.key, t.value, t.person}
    end
    touch_list(patch.prerequisite_patch_ids)
  end
  for _, t in ipairs(m:reply_trailers()) do
    local _ = {t.key, t.value}
  end
  local _ = m.author
end
print(string.format("%d messages, %d bytes of text", messages, text_bytes))
