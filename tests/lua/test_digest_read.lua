-- digest.read over tests/fixtures/digest/digest-rules.mbox: which
-- messages count, which make entries, verdicts, authors and excerpts.
local patchlore = require "patchlore"
local digest = require "patchlore.digest"
local check = require "check"

local fixtures = assert(..., "usage: test_digest_read.lua FIXTURES_DIR") .. "/digest/"

local function read(params)
  local inbox = assert(patchlore.open(fixtures .. "digest-rules.mbox"))
  params.dedup = params.dedup or digest.policy("dedup", "title")({})
  params.contributors = params.contributors or {digest.policy("contributors", "body")({})}
  params.name = "rules"
  return digest.read(inbox, params)
end

check.run {
  counts_and_tables = function()
    local d = read({top = 3})
    check.same(d.counts, {messages = 8, patch_messages = 7, entries = 6, new = 5, skipped = 1},
               "the reply is not a patch message; 2/2 counts but makes no entry")
    check.same(d.domains, {{count = 3, domain = "example.org"}, {count = 2, domain = "example.net"},
                           {count = 1, domain = "intel.com"}}, "top 3 domains, ties descending")
    check.eq(#d.contributors, 3, "top 3 contributors")
    check.same(d.contributors[1], {count = 2, contributor = "Bob Writer <bob@example.org>",
                                   name = "Bob Writer", address = "bob@example.org"}, "first")
    check.eq(d.contributors[2].contributor, "Mallory <mallory@example.com>", "ties: descending")
    check.same(d.range, {lower = "", upper = "", a = "", b = ""}, "no commits: empty ends")
  end,
  entries_newest_first = function()
    local d = read({})
    local subjects = {}
    for i, e in ipairs(d.entries) do
      subjects[i] = e.verdict .. " " .. e.subject
    end
    check.same(subjects, {
      "new [net-next] [RFC PATCH] x: [click](http://evil.example/) <b>*bold*</b> _u_ `c`",
      "new [patch 1/8] gadget: tidy",
      "new [PATCHv3] widget: make the widget wobble less when it is shaken",
      "new [PATCH v2 1/2] frob: count the frobs once",
      "new [PATCH v2 0/2] frob: counting fixes",
      "skip [PATCH 1/1] frob: count the frobs once",
    }, "entries")
    check.eq(d.entries[6].duplicate_of, d.entries[4], "the skip points at the entry printed")
    check.eq(#d.new_entries, 5, "new entries")
  end,
  fields_of_an_entry = function()
    local e = read({}).entries[4]
    check.eq(e.title, "frob: count the frobs once", "title")
    check.eq(e.n, 1, "n")
    check.eq(e.total, 2, "total")
    check.eq(e.version, 2, "version")
    check.eq(e.author.text, "Edgecombe, Rick P <rick.p.edgecombe@intel.com>", "in-body author")
    check.eq(e.sender.text, "Bob Writer <bob@example.org>", "sender")
    check.eq(e.message_id, "v2-1.bob@example.org", "message-id")
    check.eq(e.date, 1759831201, "date")
    check.eq(e.excerpt, "The frob counter was bumped twice per frob.\n\n" ..
             "Signed-off-by: Rick P Edgecombe <rick.p.edgecombe@intel.com>\n" ..
             "Signed-off-by: Bob Writer <bob@example.org>\n---\n frob.c | 2 +-\n" ..
             " 1 file changed, 1 insertion(+), 1 deletion(-)", "excerpt without pseudo-headers")
    local widget = read({}).entries[3]
    check.eq(widget.title, "widget: make the widget wobble less when it is shaken",
             "folded subject unfolded")
    check.eq(widget.n, nil, "no counter")
    check.eq(widget.version, 3, "PATCHv3")
  end,
  quoted_printable_cover_to_its_signature = function()
    check.eq(read({}).entries[5].excerpt,
             "Two fixes for the frob counter.\n" ..
             "This line is long enough that it needs a soft break in the middle.\n\nv2: split in two.",
             "decoded, CR gone, cut at '-- '")
  end,
  empty_excerpt = function()
    check.eq(read({}).entries[2].excerpt, "", "only a signature")
  end,
  other_dedup_rules = function()
    local d = read({dedup = digest.policy("dedup", "patch_id")({})})
    check.eq(d.entries[6].verdict, "skip", "v1 1/1 has the diff of v2 1/2")
    d = read({dedup = digest.policy("dedup", "message_id")({})})
    check.eq(d.counts.skipped, 0, "all ids differ")
  end,
  stop_ends_the_walk = function()
    local d = read({stop = function(m) return m.message_id == "wobble.dave@example.net" end})
    check.eq(d.counts.messages, 2, "the two newer messages only")
    check.eq(d.newest_message_id, "md(1)[x]%20y/z@example.com", "newest message")
  end,
}
