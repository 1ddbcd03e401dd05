-- The digest's reading side: walks a range once, counts the authors of
-- every patch message, makes the entries (with the dedup verdicts and
-- excerpts) and returns the whole digest as plain data for a format
-- module. The rules and the data are documented in scripts/API.md,
-- "Policy modules" and "The text format".
local patchlore = require "patchlore"

local digest = {}

-- Byte order whatever the locale (Lua's < uses strcoll).
local function bytes_less(a, b)
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = a:byte(i), b:byte(i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end
digest.bytes_less = bytes_less

-- digest.policy(kind, name) -> the module's function, or nil when no
-- module patchlore.<kind>.<name> is on the search path (user directories,
-- then the bundled ones). A module that fails to load raises its error.
function digest.policy(kind, name)
  if type(name) ~= "string" or not name:match("^[%w_]+$") then
    return nil
  end
  local module = "patchlore." .. kind .. "." .. name
  if package.loaded[module] == nil then
    local found = false
    for _, searcher in ipairs(package.searchers) do
      if type(searcher(module)) == "function" then
        found = true
        break
      end
    end
    if not found then
      return nil
    end
  end
  local f = require(module)
  if type(f) ~= "function" then
    error(string.format("module '%s' returns a %s, not a function", module, type(f)), 0)
  end
  return f
end

-- White space, byte by byte: what a blank line may hold, and the newline.
local space = {[32] = true, [9] = true, [13] = true, [12] = true, [11] = true, [10] = true}

local function is_blank(line)
  return not line:find("[^ \t\r\f\v]")
end

local function is_pseudo_header(line)
  return line:sub(1, 6) == "From: " or line:sub(1, 6) == "Date: " or
           line:sub(1, 9) == "Subject: "
end

-- The line at pos: its text and where the next one starts (nil at the end).
local function line_at(text, pos)
  if pos > #text then
    return nil
  end
  local nl = text:find("\n", pos, true)
  if nl then
    return text:sub(pos, nl - 1), nl + 1
  end
  return text:sub(pos), #text + 1
end

-- Where the first line at or after pos (itself a line start) that begins
-- with the plain text prefix starts, or nil. Plain finds run at memchr
-- speed over a patch's whole diff.
local function find_line(text, pos, prefix)
  if text:sub(pos, pos + #prefix - 1) == prefix then
    return pos
  end
  local at = text:find("\n" .. prefix, pos, true)
  return at and at + 1
end

-- Where the first diffstat summary line (" 3 files changed, ...") at or
-- after pos starts, or nil: each "changed, " found is checked from the
-- start of its line.
local function find_stat(text, pos)
  local from = pos
  while true do
    -- "changed, " rather than " changed, ": memchr stops at every space.
    local at = text:find("changed, ", from, true)
    if not at then
      return nil
    end
    local s = at - 1
    while s >= pos and text:byte(s) ~= 10 and at - s <= 24 do
      s = s - 1
    end
    if (s < pos or text:byte(s) == 10) and text:find("^ %d+ files? changed, ", s + 1) then
      return s + 1
    end
    from = at + 1
  end
end

-- digest.excerpt(text) -> the excerpt of a patch message's text
-- (API.md, "The text format"): without the leading blank lines and the
-- in-body pseudo-header block, through the first diffstat summary line,
-- or when there is none up to the signature or the first diff, without
-- leading and trailing blank lines. "" when nothing is left.
function digest.excerpt(text)
  local pos, line, next_pos = 1, nil, nil
  line, next_pos = line_at(text, pos)
  while line and is_blank(line) do
    pos = next_pos
    line, next_pos = line_at(text, pos)
  end
  local headers = false
  while line and is_pseudo_header(line) do
    headers = true
    pos = next_pos
    line, next_pos = line_at(text, pos)
  end
  if headers and line and is_blank(line) then
    pos = next_pos
  end

  local stop
  local stat = find_stat(text, pos)
  if stat then
    stop = (text:find("\n", stat, true) or #text + 1) - 1
  else
    local cut = #text + 1
    local sig = find_line(text, pos, "-- \n")
    if not sig and text:sub(-3) == "-- " and (#text == 3 or text:sub(-4, -4) == "\n") then
      sig = #text - 2
    end
    local diff = find_line(text, pos, "diff --git ")
    cut = math.min(cut, sig or cut, diff or cut)
    if cut < pos then
      cut = pos
    end
    stop = cut - 1
  end

  -- Without its leading and trailing blank lines: from the start of the
  -- line of the first character that is not white space to the end of
  -- the line of the last one (the text between stays as it is).
  local body = text:sub(pos, stop)
  local first = body:find("[^ \t\r\f\v\n]")
  if not first then
    return ""
  end
  local last = #body
  while space[body:byte(last)] do
    last = last - 1
  end
  local from = 1
  local nl = body:sub(1, first):find("\n[^\n]*$")
  if nl then
    from = nl + 1
  end
  local to = body:find("\n", last, true)
  return body:sub(from, to and to - 1 or #body)
end

-- A person as plain data, or nil.
local function person_data(p)
  if not p then
    return nil
  end
  return {name = p.name, address = p.address, domain = p.domain, text = tostring(p)}
end

-- How a contributor is written in the table: "Name <address>", or
-- "<address>" without a name.
function digest.person_text(who)
  if who.name and who.name ~= "" then
    return string.format("%s <%s>", who.name, who.address or "")
  end
  return string.format("<%s>", who.address or "")
end

-- The rows of a count table: at most top, highest count first, ties in
-- descending byte order of the text (what `sort | uniq -c | sort -rn`
-- gives).
local function top_rows(counts, top, field)
  local rows = {}
  for text, row in pairs(counts) do
    rows[#rows + 1] = row
    row[field] = text
  end
  table.sort(rows, function(a, b)
    if a.count ~= b.count then
      return a.count > b.count
    end
    return bytes_less(b[field], a[field])
  end)
  for i = #rows, top + 1, -1 do
    rows[i] = nil
  end
  return rows
end

-- digest.read(inbox, params) -> the digest (see scripts/API.md).
-- params: range (what inbox:messages takes), range_text (the RANGE as
-- given, or nil), lower (the lower end's full id, "" without commits, or
-- a function returning it, called after the walk),
-- stop (function(message) -> true to end the walk before that message),
-- dedup (entry, message -> key), contributors (list of functions
-- message, who -> who), name, top, options.
function digest.read(inbox, params)
  local domains, people = {}, {}
  local entries, new_entries, seen = {}, {}, {}
  local n_messages, n_patches = 0, 0
  local upper, newest_id = nil, nil
  local dedup, rules, options = params.dedup, params.contributors, params.options or {}

  for m in inbox:messages(params.range) do
    if params.stop and params.stop(m) then
      break
    end
    n_messages = n_messages + 1
    if n_messages == 1 then
      upper = m.commit or ""
      if upper == "" then
        newest_id = m.message_id
      end
    end
    -- A patch message's subject starts with a bracket group: the others
    -- (replies, most of a list) need no parsed prefix.
    local prefix = m.subject:find("^[ \t\r\n\v\f]*%[") and m.prefix
    if prefix and prefix.is_patch then
      n_patches = n_patches + 1
      local who
      for i = 1, #rules do
        who = rules[i](m, who)
        if who == nil then
          break
        end
      end
      if who then
        local text = digest.person_text(who)
        local row = people[text]
        if row then
          row.count = row.count + 1
        else
          people[text] = {count = 1, name = who.name, address = who.address}
        end
        if who.domain then
          row = domains[who.domain]
          if row then
            row.count = row.count + 1
          else
            domains[who.domain] = {count = 1}
          end
        end
      end

      if not prefix.has_counter or prefix.n <= 1 then
        local entry = {
          index = #entries + 1,
          subject = m.subject,
          title = prefix.title,
          n = prefix.has_counter and prefix.n or nil,
          total = prefix.has_counter and prefix.total or nil,
          version = prefix.version,
          rfc = prefix.is_rfc,
          resend = prefix.is_resend,
          author = person_data(m.author),
          sender = person_data(m.from),
          message_id = m.message_id,
          date = m.date,
          commit = m.commit,
        }
        local key = dedup(entry, m)
        local first = key ~= nil and seen[key] or nil
        if first then
          entry.verdict = "skip"
          entry.duplicate_of = first
        else
          entry.verdict = "new"
          entry.excerpt = digest.excerpt(m.text)
          if key ~= nil then
            seen[key] = entry
          end
          new_entries[#new_entries + 1] = entry
        end
        entries[#entries + 1] = entry
      end
    end
  end

  -- A function, so that an open range's root is asked for after the walk
  -- that has just passed it.
  local lower = params.lower
  if type(lower) == "function" then
    lower = lower()
  end
  lower = lower or ""
  -- An empty range reads nothing: it ends where it starts.
  upper = upper or lower
  local top = params.top or 15
  return {
    name = params.name,
    archive = {path = inbox.path, kind = inbox.kind},
    range = {
      spec = params.range_text,
      lower = lower,
      upper = upper,
      a = lower:sub(1, 9),
      b = upper:sub(1, 9),
    },
    newest_message_id = newest_id,
    top = top,
    counts = {
      messages = n_messages,
      patch_messages = n_patches,
      entries = #entries,
      new = #new_entries,
      skipped = #entries - #new_entries,
    },
    domains = top_rows(domains, top, "domain"),
    contributors = top_rows(people, top, "contributor"),
    entries = entries,
    new_entries = new_entries,
    options = options,
  }
end

-- digest.read_lines(path) -> the lines of a policy file (without '#'
-- comments and blank lines), each as {text, number}; a file that cannot
-- be read ends the run as an input error naming it.
function digest.read_lines(path)
  local f, err = io.open(path, "r")
  if not f then
    patchlore.input_error(err)
  end
  local lines, number = {}, 0
  for line in f:lines() do
    number = number + 1
    line = line:gsub("\r$", ""):gsub("%s*#.*$", ""):gsub("^%s+", "")
    if line ~= "" then
      lines[#lines + 1] = {text = line, number = number}
    end
  end
  f:close()
  return lines
end

return digest
