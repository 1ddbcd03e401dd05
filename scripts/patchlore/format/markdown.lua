-- The digest in Markdown (CommonMark with GitHub's tables): the same
-- counts and entries as the text format, each entry linked to its message
-- (--link-base, default https://lore.kernel.org/r/, + the Message-ID) and
-- its series shown with version and patch count.
--
-- Everything that comes from mail is neutralised: in running text every
-- character Markdown or HTML gives a meaning to is backslash-escaped,
-- control characters become spaces and "://" / "www." are broken so that
-- no autolink appears; excerpts go into fenced code blocks whose fence is
-- longer than any backtick run inside them.

-- Backslash-escaped in running text: CommonMark allows the escape before
-- any ASCII punctuation, so these always render as themselves. ('-', '+',
-- '=' and '.' mean something only at the start of a line, and no text
-- from mail is ever put there.)
local special = "[\\`*_{}%[%]()<>#!|~&$^]"

local function inline(s)
  s = s:gsub("[\0-\31\127]", " ")
  s = s:gsub(special, "\\%0")
  -- GitHub's autolinks: "https://x" and "www.x" in plain text.
  s = s:gsub("://", ":\\/\\/"):gsub("([Ww][Ww][Ww])%.", "%1\\.")
  return s
end

-- A URL's part made of Message-ID characters: everything but unreserved
-- characters and a few harmless ones percent-encoded, so that the link
-- destination can hold neither ')' nor '<', '>' nor white space.
local function url_part(s)
  return (s:gsub("[^A-Za-z0-9%-%._~@!$+,;=:]", function(c)
    return string.format("%%%02X", c:byte())
  end))
end

local function fence(text)
  local longest = 0
  for run in text:gmatch("`+") do
    longest = math.max(longest, #run)
  end
  return string.rep("`", math.max(3, longest + 1))
end

-- "v2, 11 patches, cover letter" / "v1, 1 patch" / "RFC v1, 37 patches, patch 1"
local function series_text(e)
  local parts = {}
  local version = "v" .. tostring(e.version or 1)
  if e.rfc then
    version = "RFC " .. version
  end
  if e.resend then
    version = version .. " RESEND"
  end
  parts[1] = version
  if not e.n then
    parts[2] = "1 patch"
  else
    local total = e.total or 0
    parts[2] = string.format("%d patch%s", total, total == 1 and "" or "es")
    parts[3] = e.n == 0 and "cover letter" or string.format("patch %d", e.n)
  end
  return table.concat(parts, ", ")
end

return function(options)
  local base = options.link_base or "https://lore.kernel.org/r/"
  if base ~= "" and not base:find("/$") then
    base = base .. "/"
  end
  -- A link base is the user's own text, but it must not be able to close
  -- the link destination either.
  base = base:gsub("[%s<>()]", function(c)
    return string.format("%%%02X", c:byte())
  end)

  local function link(text, e)
    if e.message_id and e.message_id ~= "" then
      return string.format("[%s](%s%s)", inline(text), base, url_part(e.message_id))
    end
    return inline(text)
  end

  return function(d)
    local out = {}
    local function add(line)
      out[#out + 1] = line
    end
    local title = inline(d.name) .. " mailing list update"
    if d.range.a ~= "" or d.range.b ~= "" then
      title = string.format("%s from `%s` to `%s`", title, inline(d.range.a), inline(d.range.b))
    end
    add("# " .. title)
    add("")
    local c = d.counts
    add(string.format("%s in %s; %s: %d new, %d skipped as repeats.",
                      c.patch_messages == 1 and "1 patch message" or
                        string.format("%d patch messages", c.patch_messages),
                      c.messages == 1 and "1 message" or string.format("%d messages", c.messages),
                      c.entries == 1 and "1 entry" or string.format("%d entries", c.entries),
                      c.new, c.skipped))
    add("")

    -- A counted table: its heading, then one row per item, or "None.".
    local function count_table(heading, column, rows, key)
      add(string.format(heading, d.top))
      add("")
      if #rows > 0 then
        add("| Patches | " .. column .. " |")
        add("| ---: | :--- |")
        for _, r in ipairs(rows) do
          add(string.format("| %d | %s |", r.count, inline(r[key])))
        end
      else
        add("None.")
      end
      add("")
    end
    count_table("## Top %d contributor email domains (based on email body)", "Domain",
                d.domains, "domain")
    count_table("## Top %d contributors (based on email body)", "Contributor",
                d.contributors, "contributor")

    add("## Patch list in this time period")
    add("")
    if #d.new_entries > 0 then
      for i, e in ipairs(d.new_entries) do
        add(string.format("%d. %s (%s)", i, link(e.subject, e), series_text(e)))
      end
    else
      add("None.")
    end
    add("")

    add("## Patch commit messages")
    add("")
    if #d.entries == 0 then
      add("None.")
      add("")
    end
    for _, e in ipairs(d.entries) do
      if e.verdict == "skip" then
        add(string.format("> **Skipped:** %s repeats %s", link(e.subject, e),
                          link(e.duplicate_of.subject, e.duplicate_of)))
        add("")
      else
        add("### " .. inline(e.title))
        add("")
        add(link(e.subject, e) .. "  ")
        add(string.format("Series: %s  ", series_text(e)))
        add("Author: " .. inline(e.author and e.author.text or "unknown"))
        add("")
        if e.excerpt ~= "" then
          local f = fence(e.excerpt)
          add(f .. "text")
          add(e.excerpt)
          add(f)
        else
          add("*No text.*")
        end
        add("")
        add("---")
        add("")
      end
    end
    return table.concat(out, "\n")
  end
end
