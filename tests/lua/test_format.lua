-- The format modules on a digest written by hand: the text layout byte
-- for byte, Markdown's escaping and fences, the JSON document.
local digest = require "patchlore.digest"
local json = require "patchlore.json"
local check = require "check"

local function render(name, d, options)
  return digest.policy("format", name)(options or {})(d)
end

local function person(name, address)
  local p = {name = name, address = address, domain = address:match("@(.*)$")}
  p.text = digest.person_text(p)
  return p
end

local function sample()
  local new = {
    index = 1, verdict = "new", subject = "[PATCH v2 0/3] x: a_b <i>*c*</i> [l](u) `t`",
    title = "x: a_b <i>*c*</i> [l](u) `t`", n = 0, total = 3, version = 2, rfc = false,
    resend = false, author = person("Ann [A]", "ann@example.org"),
    sender = person("Ann [A]", "ann@example.org"), message_id = "c0v(er)@x",
    date = 1760000000, commit = "abcdef0123456789abcdef0123456789abcdef01",
    excerpt = "Code:\n```c\nint x;\n```\nand ````` five.",
  }
  local empty = {
    index = 2, verdict = "new", subject = "[PATCH] y: empty", title = "y: empty",
    version = 1, rfc = false, resend = false, author = person(nil, "bob@example.net"),
    sender = person(nil, "bob@example.net"), message_id = "e@x", date = 1760000001,
    excerpt = "",
  }
  local skip = {
    index = 3, verdict = "skip", subject = "[PATCH 0/3] x: a_b <i>*c*</i> [l](u) `t`",
    title = new.title, n = 0, total = 3, version = 1, rfc = false, resend = false,
    author = new.author, sender = new.sender, message_id = "old@x", date = 1750000000,
    duplicate_of = new,
  }
  return {
    name = "Demo", top = 2, archive = {path = "demo.git", kind = "git"},
    range = {spec = "A..B", lower = "1111111111aaaa", upper = "2222222222bbbb",
             a = "111111111", b = "222222222"},
    counts = {messages = 5, patch_messages = 4, entries = 3, new = 2, skipped = 1},
    domains = {{count = 3, domain = "example.org"}, {count = 1, domain = "example.net"}},
    contributors = {{count = 3, contributor = "Ann [A] <ann@example.org>", name = "Ann [A]",
                     address = "ann@example.org"},
                    {count = 1, contributor = "<bob@example.net>", address = "bob@example.net"}},
    entries = {new, empty, skip}, new_entries = {new, empty},
  }
end

check.run {
  text = function()
    local d = sample()
    check.eq(render("text", d), table.concat({
      "From 111111111 to 222222222",
      "Demo mailing list update from 111111111 to 222222222",
      "",
      "Top 2 contributor Email domains (Based on Email Body)",
      "",
      "      3 example.org",
      "      1 example.net",
      "",
      "Top 2 contributors (Based on Email Body)",
      "",
      "      3  Ann [A] <ann@example.org>",
      "      1  <bob@example.net>",
      "",
      "===== Patch list in this time period =====",
      "",
      d.entries[1].subject,
      "[PATCH] y: empty",
      "",
      "===== Patch Commit Messages ====",
      "",
      "New:  " .. d.entries[1].title,
      d.entries[1].subject,
      "Author: Ann [A] <ann@example.org>",
      "",
      d.entries[1].excerpt,
      "",
      string.rep("-", 70),
      "",
      "New:  y: empty",
      "[PATCH] y: empty",
      "Author: <bob@example.net>",
      "",
      "",
      string.rep("-", 70),
      "",
      "Exist: " .. d.entries[1].subject,
      " Skip: " .. d.entries[3].subject,
      "",
    }, "\n"), "the classic layout")
  end,
  text_of_an_empty_digest = function()
    local d = sample()
    d.domains, d.contributors, d.entries, d.new_entries = {}, {}, {}, {}
    d.range.a, d.range.b = "", ""
    check.eq(render("text", d),
             "From  to \nDemo mailing list update from  to \n\n" ..
             "Top 2 contributor Email domains (Based on Email Body)\n\n\n" ..
             "Top 2 contributors (Based on Email Body)\n\n\n" ..
             "===== Patch list in this time period =====\n\n\n" ..
             "===== Patch Commit Messages ====\n\n", "headings only")
  end,
  markdown_escapes_what_mail_writes = function()
    local md = render("markdown", sample(), {link_base = "https://example.org/m"})
    local heading = "### x: a\\_b \\<i\\>\\*c\\*\\</i\\> \\[l\\]\\(u\\) \\`t\\`"
    check.truthy(md:find("\n" .. heading .. "\n", 1, true), "title escaped in its heading")
    check.truthy(md:find("[\\[PATCH v2 0/3\\] x: a\\_b \\<i\\>\\*c\\*\\</i\\> \\[l\\]\\(u\\) " ..
                         "\\`t\\`](https://example.org/m/c0v%28er%29@x)", 1, true),
                 "subject escaped, link base gets its '/', id percent-encoded")
    check.truthy(md:find("Author: Ann \\[A\\] \\<ann@example.org\\>", 1, true), "author escaped")
    check.truthy(md:find("| 3 | Ann \\[A\\] \\<ann@example.org\\> |", 1, true), "table cell")
    check.truthy(md:find("\n``````text\nCode:\n```c\nint x;\n```\nand ````` five.\n``````\n",
                         1, true), "fence longer than the longest backtick run")
    check.truthy(md:find("Series: v2, 3 patches, cover letter", 1, true), "series")
    check.truthy(md:find("(v1, 1 patch)", 1, true), "single patch")
    check.truthy(md:find("\n*No text.*\n", 1, true), "empty excerpt")
    check.truthy(md:find("> **Skipped:** [\\[PATCH 0/3\\]", 1, true), "skip verdict")
    check.truthy(md:find("# Demo mailing list update from `111111111` to `222222222`\n", 1, true),
                 "title line")
    check.truthy(md:find("4 patch messages in 5 messages; 3 entries: 2 new, 1 skipped", 1, true),
                 "counts")
    check.eq(md:find("<i>", 1, true), nil, "no raw tag outside code")
  end,
  markdown_breaks_autolinks_and_controls = function()
    local d = sample()
    d.entries[2].title = "see https://evil.example and www.evil.example\n# not a heading\0"
    local md = render("markdown", d)
    check.truthy(md:find("### see https:\\/\\/evil.example and www\\.evil.example " ..
                         "\\# not a heading \n", 1, true), "autolinks broken, newline a space")
  end,
  json = function()
    local out = render("json", sample())
    check.eq(out:sub(-2), "}\n", "one document, newline-terminated")
    check.truthy(out:find('"schema": "patchlore-digest/1"', 1, true), "schema")
    check.truthy(out:find('"duplicate_of": {\n        "index": 1,', 1, true), "verdict link")
    check.truthy(out:find('"excerpt": null', 1, true), "no excerpt for a skip")
    check.truthy(out:find('"n": null', 1, true), "no counter: null")
    check.truthy(out:find('"spec": "A..B"', 1, true), "range")
    check.truthy(out:find('"patch_list": [\n    "[PATCH v2 0/3]', 1, true), "patch list")
    check.eq(json.encode({x = 1}), '{"x":1}', "encoder")
  end,
}
