-- The message fields of the Lua API, exact values, on the fixture mail
-- (tests/fixtures/example.mbox and tests/fixtures/inbox/*.eml) whatever
-- archive holds it:
--   patchlore -L tests/lua tests/lua/api_fields.lua ARCHIVE KIND ID...
-- ARCHIVE is an mbox, a maildir, one .eml or "-"; KIND is what inbox.kind
-- must say; the IDs are the Message-IDs the walk must give, in order.
local patchlore = require "patchlore"
local check = require "check"

local archive, kind = arg[1], arg[2]
local order = table.move(arg, 3, #arg, 1, {})

local function people(list)
  local out = {}
  for i, p in ipairs(list) do
    out[i] = tostring(p)
  end
  return out
end

local reviewer = "Bjørn Reviewer <bjorn@example.net>"
local alice = "Alice Maintainer <alice@example.org>"
local list = "<demo-list@lists.example.org>"

-- Per Message-ID: the fields that must hold exactly these values; text_has
-- lists pieces of the text (plain substrings) and text_starts its start.
local expected = {
  ["cover.1.alice@example.org"] = {
    subject = "[PATCH 0/2] demo: tidy the frobnicator",
    from = alice, from_name = "Alice Maintainer", from_address = "alice@example.org",
    from_domain = "example.org",
    to = {list}, cc = {},
    date = 1762160400, -- Mon, 3 Nov 2025 10:00:00 +0100
    in_reply_to = nil, references = {},
    list_id = "demo-list.lists.example.org",
    text_starts = "The frobnicator has grown two warts over the years. This series\nremoves them.\n",
    text_has = {" 1 file changed, 3 insertions(+), 4 deletions(-)\n\n-- \n2.47.0\n"},
  },
  ["patch1.1.alice@example.org"] = {
    subject = "[PATCH 1/2] demo: drop the unused frob_count",
    from = alice, to = {list}, cc = {},
    date = 1762160401,
    in_reply_to = "cover.1.alice@example.org", references = {"cover.1.alice@example.org"},
    text_has = {"-\tint frob_count;\n", "Signed-off-by: Alice Maintainer <alice@example.org>\n"},
  },
  ["patch2.1.alice@example.org"] = {
    subject = "[PATCH 2/2] demo: use size_t for frob lengths",
    from = alice, date = 1762160402,
    in_reply_to = "cover.1.alice@example.org", references = {"cover.1.alice@example.org"},
    text_has = {"+\tsize_t len;\n"},
  },
  ["reply.1.bjorn@example.net"] = {
    subject = "Re: [PATCH 1/2] demo: drop the unused frob_count",
    from = reviewer, from_name = "Bjørn Reviewer", from_domain = "example.net",
    to = {alice}, cc = {list},
    date = 1762169400,
    in_reply_to = "patch1.1.alice@example.org",
    references = {"cover.1.alice@example.org", "patch1.1.alice@example.org"},
    text_starts = "On Mon, Nov 03, 2025 at 10:00:01AM +0100, Alice Maintainer wrote:\n",
    text_has = {"Reviewed-by: Bjørn Reviewer <bjorn@example.net>\n"},
  },
  ["typo.carol@corp.example.com"] = {
    subject = "[PATCH] demo: fix a typo in the frob help text",
    from = "Carol Contributor <carol@corp.example.com>", from_domain = "corp.example.com",
    date = 1762265700, -- Tue, 4 Nov 2025 09:15:00 -0500
    in_reply_to = nil, references = {},
    text_starts = "From: Dave Original <dave@example.com>\n\n\"frobnicate\" was spelt",
  },
  ["typo-resend.carol@corp.example.com"] = {
    subject = "[PATCH RESEND] demo: fix a typo in the frob help text",
    from = "Carol Contributor <carol@corp.example.com>",
    date = 1762956900,
  },
  ["folded.rick.p.edgecombe@example.com"] = {
    -- The Subject is folded over two lines; the fold goes, its space stays.
    subject = "[PATCH v2 1/1] demo: a subject long enough that the mailer folded it over two lines",
    -- A quoted display name with a comma: decoded, without its quotes.
    from = "Edgecombe, Rick P <rick.p.edgecombe@example.com>",
    from_name = "Edgecombe, Rick P",
    to = {list, alice},
    cc = {"<bjorn@example.net>", "Carol C. <carol@corp.example.com>"},
    date = 1763167500, -- Fri, 14 Nov 2025 16:45:00 -0800
    references = {},
    text_starts = "The frobnicator's help text runs past eighty columns; wrap it.\n",
  },
  ["bare-from.dave@example.com"] = {
    subject = "Re: [PATCH RESEND] demo: fix a typo in the frob help text",
    from = "<dave@example.com>", from_name = nil, from_address = "dave@example.com",
    from_domain = "example.com",
    to = {"Carol Contributor <carol@corp.example.com>"}, cc = {list},
    date = 1763020800,
    in_reply_to = "typo-resend.carol@corp.example.com",
    -- A folded References header.
    references = {"typo.carol@corp.example.com", "typo-resend.carol@corp.example.com"},
    text = "Thanks for resending; the typo had been bugging me for years.\n",
  },
  ["encoded-words.joerg@example.de"] = {
    -- Two adjacent base64 words that split the two bytes of "ü".
    subject = "[PATCH] Überprüfung der Länge",
    from = "Jörg Müller <joerg@example.de>", from_name = "Jörg Müller",
    to = {list}, cc = {},
    date = 1763201471,
    -- Quoted-printable, ISO-8859-1, CRLF: decoded, UTF-8, LF, soft break joined.
    text = "Grüße aus Köln: die Länge wird jetzt geprüft, auch wenn die Zeile so lang"
      .. " ist, dass sie umbrochen werden muss.\n\nSigned-off-by: Jörg Müller <joerg@example.de>\n",
  },
  ["attached.erin@example.org"] = {
    subject = "[PATCH] demo: attach the frob table fix",
    from = "Erin Attacher <erin@example.org>",
    to = {list}, cc = {},
    date = 1763323200,
    text = "The fix is attached; my mailer mangles inline patches.\n",
  },
}

local seen = {}
local inbox = assert(patchlore.open(archive))
check.eq(inbox.kind, kind, "inbox.kind")
for m in inbox:messages() do
  local id = m.message_id
  seen[#seen + 1] = id
  local want = expected[id]
  check.truthy(want, "a fixture message: " .. tostring(id))
  local what = id .. ": "
  check.eq(m.subject, want.subject, what .. "subject")
  check.eq(tostring(m.from), want.from, what .. "tostring(from)")
  if want.from_name or want.from_address then
    check.eq(m.from.name, want.from_name, what .. "from.name")
  end
  if want.from_address then
    check.eq(m.from.address, want.from_address, what .. "from.address")
  end
  if want.from_domain then
    check.eq(m.from.domain, want.from_domain, what .. "from.domain")
  end
  if want.to then
    check.same(people(m.to), want.to, what .. "to")
  end
  if want.cc then
    check.same(people(m.cc), want.cc, what .. "cc")
  end
  check.eq(math.type(m.date), "integer", what .. "date is an integer")
  check.eq(m.date, want.date, what .. "date")
  check.eq(m.in_reply_to, want.in_reply_to, what .. "in_reply_to")
  if want.references then
    check.same(m.references, want.references, what .. "references")
  end
  if want.list_id then
    check.eq(m.list_id, want.list_id, what .. "list_id")
  end
  if want.text then
    check.eq(m.text, want.text, what .. "text")
  end
  if want.text_starts then
    check.eq(m.text:sub(1, #want.text_starts), want.text_starts, what .. "start of text")
  end
  for _, piece in ipairs(want.text_has or {}) do
    check.truthy(m.text:find(piece, 1, true), what .. "text holds " .. string.format("%q", piece))
  end
  -- Sources without commits have no commit, received time or damage.
  check.eq(m.commit, nil, what .. "commit")
  check.eq(m.received, nil, what .. "received")
  check.eq(m.damage, nil, what .. "damage")
  check.eq(m:header("message-id"), "<" .. id .. ">", what .. "header() is case-insensitive")
  check.eq(m:header("X-No-Such-Header"), nil, what .. "header() of an absent header")
  check.same(m:headers("X-No-Such-Header"), {}, what .. "headers() of an absent header")
  check.eq(m.raw:sub(1, 6), "From: ", what .. "raw starts with the first header")
end
check.same(seen, order, "message ids in walk order")
print(string.format("ok %d messages of %s (%s)", #seen, archive, kind))
