-- What inbox:load finds in an archive, as JSON for series_real.py:
-- counts, and every series' grouping (messages named by commit). For the
-- series whose head commit is given after the archive, also the fields
-- read lazily (replies, repliers, review trailers, resubmission kind).
--   patchlore series_facts.lua REPO [HEAD...]
local patchlore = require "patchlore"
local json = require "patchlore.json"

local inbox = assert(patchlore.open(arg[1]))
local detail = {}
for i = 2, #arg do
  detail[#detail + 1] = arg[i]
end

local function wanted(commit)
  for _, prefix in ipairs(detail) do
    if commit:sub(1, #prefix) == prefix then
      return true
    end
  end
  return false
end
local set = inbox:load()

local function commits(list, of)
  local out = {}
  for i, x in ipairs(list) do
    out[i] = (of and of(x) or x).commit
  end
  return json.array(out)
end

local counts = {messages = #set.messages, patch_messages = 0, set_patches = #set.patches,
                series = #set.series, with_cover = 0, complete = 0, incomplete = 0,
                version_links = 0, links = {}, cover_kinds = {}, by_window = 0}
for _, m in ipairs(set.messages) do
  if m.prefix.is_patch then
    counts.patch_messages = counts.patch_messages + 1
  end
end

local series = {}
for i, s in ipairs(set.series) do
  local kind = s.cover_kind
  counts.cover_kinds[kind] = (counts.cover_kinds[kind] or 0) + 1
  if kind == "counter" or kind == "naked" then
    counts.with_cover = counts.with_cover + 1
  end
  if s.complete then
    counts.complete = counts.complete + 1
  else
    counts.incomplete = counts.incomplete + 1
  end
  if s.by_window then
    counts.by_window = counts.by_window + 1
  end
  if s.previous then
    counts.version_links = counts.version_links + 1
    counts.links[s.link] = (counts.links[s.link] or 0) + 1
  end
  local e = {
    head = s.head.commit,
    cover = s.cover and s.cover.commit or json.null,
    cover_kind = kind,
    outside_id = s.outside_id or json.null,
    title = s.title,
    version = s.version,
    subversion = s.subversion,
    total = s.total,
    rfc = s.rfc,
    resend = s.resend,
    expected = s.expected,
    received = s.received,
    extra = s.extra,
    missing = json.array(s.missing),
    missing_count = s.missing_count,
    complete = s.complete,
    by_window = s.by_window,
    patches = commits(s.patches, function(p) return p.message end),
    duplicates = commits(s.duplicates),
    sender = s.sender and s.sender.address or json.null,
    author = s.author and s.author.address or json.null,
    previous = s.previous and s.previous.head.commit or json.null,
    link = s.link or json.null,
    newer = commits(s.newer, function(n) return n.head end),
    change_id = s.change_id or json.null,
  }
  if wanted(e.head) then
    e.kind = s.kind
    e.identical_patches = s.identical_patches
    e.replies = commits(s.replies)
    local repliers = {}
    for j, p in ipairs(s.repliers) do
      repliers[j] = p.address
    end
    e.repliers = json.array(repliers)
    local trailers = {}
    for j, t in ipairs(s.trailers) do
      trailers[j] = {key = t.key, person = t.person.address, patch = t.patch.message.commit,
                     reply = t.reply.commit, to_cover = t.to_cover}
    end
    e.trailers = json.array(trailers)
  end
  series[i] = e
end
io.stdout:write(json.encode({counts = counts, series = json.array(series)}), "\n")
