-- message:parts(), message:header() and message:headers() on one .eml
-- (tests/fixtures/inbox/multipart-patch-attachment.eml), and person
-- values: patchlore -L tests/lua tests/lua/api_parts.lua EML
local patchlore = require "patchlore"
local check = require "check"

local inbox = assert(patchlore.open(arg[1]))
check.eq(inbox.kind, "eml", "inbox.kind")
local messages = {}
for m in inbox:messages() do
  messages[#messages + 1] = m
end
check.eq(#messages, 1, "one message in a .eml")
local m = messages[1]

check.run {
  parts_are_the_leaves_in_tree_order_decoded = function()
    check.same(m:parts(), {
      {
        type = "text/plain", charset = "utf-8",
        content = "The fix is attached; my mailer mangles inline patches.\n",
        text = "The fix is attached; my mailer mangles inline patches.\n",
      },
      {
        type = "text/x-patch", charset = "utf-8", filename = "0001-frob-table.patch",
        disposition = "attachment",
        content = "diff --git a/frob.c b/frob.c\n-old\n+new\n",
        text = "diff --git a/frob.c b/frob.c\n-old\n+new\n",
      },
      {
        type = "application/octet-stream", filename = "frob.bin", disposition = "attachment",
        content = "\0\1\2\3", -- base64 undone; not text, so no .text
      },
    }, "parts()")
  end,

  text_is_the_first_text_plain_part = function()
    check.eq(m.text, "The fix is attached; my mailer mangles inline patches.\n", "text")
  end,

  header_gives_the_first_value_headers_every_value = function()
    check.eq(m:header("X-Demo-Tag"), "first", "header(X-Demo-Tag)")
    check.eq(m:header("x-demo-tag"), "first", "header() ignores case")
    check.same(m:headers("X-Demo-Tag"), {"first", "second"}, "headers(X-Demo-Tag)")
  end,

  headers_without_a_name_lists_all_in_order = function()
    -- (The Content-* headers are checked by api.py's content_headers case.)
    local names = {}
    for i, h in ipairs(m:headers()) do
      names[i] = i <= 8 and h.name or nil
    end
    check.same(names, {"From", "To", "Subject", "Date", "Message-ID", "X-Demo-Tag", "X-Demo-Tag",
                       "MIME-Version"}, "the first header names in order")
    check.same(m:headers()[3], {name = "Subject", value = "[PATCH] demo: attach the frob table fix"},
               "a header entry")
  end,

  raw_is_the_file = function()
    local f = assert(io.open(arg[1], "rb"))
    local bytes = f:read("a")
    f:close()
    check.eq(m.raw, bytes, "raw")
  end,

  fields_are_cached_and_stable = function()
    check.truthy(rawequal(m.references, m.references), "a table field is computed once")
    check.eq(m.subject, "[PATCH] demo: attach the frob table fix", "subject")
  end,

  person_tostring_is_name_and_address = function()
    check.eq(tostring(m.from), "Erin Attacher <erin@example.org>", "tostring(from)")
    check.eq(tostring(patchlore.person("Dave Original <dave@example.com>")),
             "Dave Original <dave@example.com>", "tostring(person(Name <address>))")
    check.eq(tostring(patchlore.person('"Edgecombe, Rick P" <rick@example.com>')),
             "Edgecombe, Rick P <rick@example.com>", "a quoted name loses its quotes")
  end,

  person_without_a_name_is_the_address_in_brackets = function()
    local p = patchlore.person("dave@example.com")
    check.eq(p.name, nil, "no name")
    check.eq(p.address, "dave@example.com", "address")
    check.eq(p.domain, "example.com", "domain")
    check.eq(tostring(p), "<dave@example.com>", "tostring")
    check.eq(tostring(patchlore.person("<dave@example.com>")), "<dave@example.com>",
             "tostring of <address>")
  end,

  person_domain_is_lower_case_and_equality_ignores_case = function()
    local a = patchlore.person("Dave <Dave@Example.COM>")
    check.eq(a.domain, "example.com", "domain lower-cased")
    check.eq(a.address, "Dave@Example.COM", "address as written")
    check.truthy(a == patchlore.person("D. <dave@example.com>"), "people equal by address")
    check.eq(patchlore.person("no address here"), nil, "no address: nil")
  end,
}
