-- inbox:load over tests/fixtures/series/threads.mbox (a v1 with a cover,
-- its reviews, a v2 that Supersedes it and lacks 1/2, a naked cover) and
-- over the hostile fixtures: series fields, review trailers, version
-- links, the same objects every way, and lifetimes.
local patchlore = require "patchlore"
local check = require "check"

local fixtures = assert(..., "usage: test_series.lua FIXTURES_DIR")

local function load(name)
  local inbox = assert(patchlore.open(fixtures .. "/" .. name))
  return inbox:load()
end

local function by_title(set, title, version)
  for _, s in ipairs(set.series) do
    if s.title == title and s.version == version then
      return s
    end
  end
  error("no series " .. title)
end

local function numbers(s)
  local out = {}
  for i, p in ipairs(s.patches) do
    out[i] = p.message.prefix.n
  end
  return out
end

check.run {
  grouping = function()
    local set = load("series/threads.mbox")
    check.eq(#set.messages, 9, "messages")
    check.eq(#set.series, 3, "series")
    check.eq(#set.patches, 4, "patches (covers not)")
    -- Newest first: the naked cover's series, v2, v1.
    check.same({set.series[1].title, set.series[2].version, set.series[3].version},
               {"store: some fixes", 2, 1}, "order")
    local v1 = by_title(set, "engine: tidy the mill", 1)
    check.same(numbers(v1), {1, 2}, "v1 patches by number")
    check.same({v1.cover_kind, v1.expected, v1.received, v1.complete, v1.missing_count},
               {"counter", 2, 2, true, 0}, "v1 complete")
    check.eq(tostring(v1.sender), "Ada Lovelace <ada@example.org>", "sender")
    check.eq(tostring(v1.patches[2].author), "Charles Babbage <charles@example.org>",
             "in-body author of 2/2")
    local v2 = by_title(set, "engine: tidy the mill", 2)
    check.same({v2.received, v2.expected, v2.complete, v2.missing}, {1, 2, false, {1}},
               "v2 lacks 1/2")
    check.same({v2.previous == v1, v2.link, v2.kind, v2.identical_patches},
               {true, "supersedes", "new-version", 1}, "v2 supersedes v1")
    check.eq(v1.newer[1], v2, "v1.newer")
    check.same({#v2.versions, v2.versions[1] == v1, v2.versions[2] == v2}, {2, true, true},
               "versions, oldest first")
    local naked = set.series[1]
    check.same({naked.cover_kind, naked.total, naked.complete, naked.cover.subject},
               {"naked", 1, true, "store: some fixes"}, "naked cover")
  end,

  reviews = function()
    local set = load("series/threads.mbox")
    local v1 = by_title(set, "engine: tidy the mill", 1)
    check.eq(#v1.replies, 2, "replies")
    local got = {}
    for i, t in ipairs(v1.trailers) do
      got[i] = {t.key, t.person.address, t.patch.message.prefix.n, t.to_cover}
    end
    check.same(got, {{"Reviewed-by", "mary@example.net", 1, false},
                     {"Acked-by", "charles@example.org", 1, true},
                     {"Acked-by", "charles@example.org", 2, true}}, "trailers by patch")
    check.eq(#v1.patches[2].review_trailers, 1, "patch.review_trailers")
    check.eq(#v1.patches[1].replies, 1, "patch.replies")
    local who = {}
    for i, p in ipairs(v1.repliers) do
      who[i] = p.address
    end
    check.same(who, {"mary@example.net", "charles@example.org"}, "repliers")
  end,

  same_objects = function()
    local set = load("series/threads.mbox")
    local v1 = by_title(set, "engine: tidy the mill", 1)
    local p = v1.patches[1]
    check.eq(p, p.message.patch, "a series patch is the message's patch")
    check.eq(p.series, v1, "patch.series")
    check.eq(p.message.series, v1, "message.series")
    check.eq(v1:patch(2), v1.patches[2], "series:patch(n)")
    check.eq(v1:role(v1.cover), "cover", "role of the cover")
    local reply = v1.replies[1]
    check.eq(reply.series, v1, "a reply's series")
    check.eq(v1:role(reply), "reply", "role of a reply")
    check.eq(v1.set, set, "series.set")
    local found = false
    for _, m in ipairs(set.messages) do
      found = found or m == reply
    end
    check.truthy(found, "the reply is one of set.messages")
  end,

  lifetimes = function()
    local inbox = assert(patchlore.open(fixtures .. "/series/threads.mbox"))
    local s = inbox:load().series[3]
    inbox = nil
    collectgarbage()
    collectgarbage()
    check.eq(s.title, "engine: tidy the mill", "a series outlives its set and inbox")
    check.eq(#s.trailers, 3, "its trailers read after the set was dropped")
    check.eq(s.patches[1].message.subject, "[PATCH 1/2] engine: one", "and its messages")
  end,

  hostile = function()
    local set = load("hostile/patch-counters.mbox")
    check.eq(#set.series, 2, "0/0 and 1/4294967296 are two series")
    for _, s in ipairs(set.series) do
      check.truthy(s.missing_count < 4294967296, "counts stay bounded")
    end
    for _, name in ipairs({"hostile/references-loop.mbox", "hostile/duplicate-message-id.mbox",
                           "digest/digest-rules.mbox", "example.mbox"}) do
      local loaded = load(name)
      for _, s in ipairs(loaded.series) do
        local _ = s.trailers, s.replies, s.kind, s.versions
      end
      for _, m in ipairs(loaded.messages) do
        local _ = m.series
      end
    end
  end,
}
