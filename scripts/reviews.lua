-- who reviewed what: the Reviewed-by, Acked-by and Tested-by given in replies, per patch
local patchlore = require "patchlore"
local args = require "patchlore.args"
local command = require "patchlore.command"
local json = require "patchlore.json"

local usage = [[
usage: patchlore reviews ARCHIVE [RANGE] [OPTIONS]

The review trailers (Reviewed-by, Acked-by, Tested-by) given in the
replies of RANGE (the whole history when absent) to its series: first who
gave how many, then for each series that got any, newest first, each
patch and who reviewed, acked or tested it. A trailer given in a reply to
a cover letter counts for every patch of its series.

Options:
  --format FORMAT   text (default) or json
  --output FILE     write to FILE (a temporary file renamed over it)
  -h, --help        this text

Exit status: 0 success, 1 script error, 2 usage error, 3 input error.
]]

local spec = {
  command = "reviews",
  max_positional = 2,
  options = {
    {name = "--format", value = "FORMAT", check = args.word, default = "text"},
    {name = "--output", value = "FILE"},
    {name = "--help", flag = true},
    {name = "-h", key = "help", flag = true},
  },
}

local keys = {"Reviewed-by", "Acked-by", "Tested-by"}

-- Byte order whatever the locale (Lua's < uses strcoll).
local function bytes_less(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = a:byte(i), b:byte(i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end

local function number_of(patch)
  local p = patch.message.prefix
  return p.has_counter and p.n > 0 and p.n or 1
end

local function collect(set)
  local people, series = {}, {}
  for _, s in ipairs(set.series) do
    local trailers = s.trailers
    if #trailers > 0 then
      local by_patch, order = {}, {}
      for _, t in ipairs(trailers) do
        local msg = t.patch.message
        local row = by_patch[msg]
        if not row then
          row = {n = number_of(t.patch), subject = msg.subject, given = {}, seen = {}}
          by_patch[msg] = row
          order[#order + 1] = row
        end
        local who = tostring(t.person)
        local key = t.key:lower() .. " " .. who:lower()
        if not row.seen[key] then
          row.seen[key] = true
          row.given[#row.given + 1] = {key = t.key, person = who,
                                       via_cover = t.to_cover, by = tostring(t.reply.from)}
          local addr = t.person.address:lower()
          local p = people[addr]
          if not p then
            p = {person = who, counts = {}, series = {}, n_series = 0}
            people[addr] = p
          end
          local k = t.key:lower()
          p.counts[k] = (p.counts[k] or 0) + 1
          if not p.series[s] then
            p.series[s] = true
            p.n_series = p.n_series + 1
          end
        end
      end
      for _, row in ipairs(order) do
        row.seen = nil
      end
      series[#series + 1] = {series = s, patches = order}
    end
  end
  local ranked = {}
  for _, p in pairs(people) do
    local total = 0
    for _, n in pairs(p.counts) do
      total = total + n
    end
    p.total = total
    ranked[#ranked + 1] = p
  end
  table.sort(ranked, function(a, b)
    if a.total ~= b.total then
      return a.total > b.total
    end
    return bytes_less(a.person, b.person)
  end)
  return ranked, series
end

local function version_text(s)
  return (s.rfc and "RFC " or "") .. "v" .. s.version ..
           (s.subversion > 0 and ("." .. s.subversion) or "")
end

local function render_text(ranked, series)
  local out = {string.format("%d %s gave review trailers to %d series\n\n", #ranked,
                             #ranked == 1 and "person" or "people", #series)}
  for _, p in ipairs(ranked) do
    local parts = {}
    for _, k in ipairs(keys) do
      local n = p.counts[k:lower()]
      if n then
        parts[#parts + 1] = string.format("%d %s", n, k)
      end
    end
    out[#out + 1] = string.format("%7d  %s (%s; %d series)\n", p.total, p.person,
                                  table.concat(parts, ", "), p.n_series)
  end
  for _, e in ipairs(series) do
    local s = e.series
    out[#out + 1] = string.format("\n%s %s (%s)\n", version_text(s), s.title, tostring(s.sender))
    for _, row in ipairs(e.patches) do
      out[#out + 1] = string.format("  %d/%d %s\n", row.n, s.total, row.subject)
      for _, g in ipairs(row.given) do
        local note = g.via_cover and " (on the cover letter)" or ""
        if g.by ~= g.person then
          note = note .. " (sent by " .. g.by .. ")"
        end
        out[#out + 1] = string.format("      %s: %s%s\n", g.key, g.person, note)
      end
    end
  end
  return table.concat(out)
end

local function render_json(ranked, series)
  local people = {}
  for i, p in ipairs(ranked) do
    people[i] = {person = p.person, total = p.total, series = p.n_series, counts = p.counts}
  end
  local list = {}
  for i, e in ipairs(series) do
    local patches = {}
    for j, row in ipairs(e.patches) do
      patches[j] = {n = row.n, subject = row.subject, trailers = json.array(row.given)}
    end
    list[i] = {title = e.series.title, version = e.series.version, total = e.series.total,
               sender = tostring(e.series.sender), patches = json.array(patches)}
  end
  return json.encode({people = json.array(people), series = json.array(list)}) .. "\n"
end

local function main(...)
  local options, positional = args.parse(spec, {...})
  if options.help then
    io.stdout:write(usage)
    return 0
  end
  local archive, range = positional[1], positional[2]
  command.require_archive("reviews", archive)
  local render = ({text = render_text, json = render_json})[options.format]
  if not render then
    patchlore.usage_error(string.format("reviews: --format: unknown format '%s' (text, json)",
                                        options.format))
  end
  local inbox = command.open(archive)
  local doc = render(collect(inbox:load(range)))
  command.write(options.output, doc)
  return 0
end

return main(...)
