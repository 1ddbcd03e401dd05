-- The classic text digest, byte for byte as scripts/API.md ("The text
-- format") lays it out: the two count tables, the patch list, then one
-- block per entry.
local rule = string.rep("-", 70)

local function section(out, heading, lines)
  out[#out + 1] = heading .. "\n\n"
  for _, line in ipairs(lines) do
    out[#out + 1] = line .. "\n"
  end
  out[#out + 1] = "\n"
end

local function entry_text(out, e)
  if e.verdict == "skip" then
    out[#out + 1] = "Exist: " .. e.duplicate_of.subject .. "\n"
    out[#out + 1] = " Skip: " .. e.subject .. "\n"
    return
  end
  out[#out + 1] = "New:  " .. e.title .. "\n"
  out[#out + 1] = e.subject .. "\n"
  out[#out + 1] = "Author: " .. (e.author and e.author.text or "") .. "\n\n"
  if e.excerpt ~= "" then
    out[#out + 1] = e.excerpt .. "\n\n"
  else
    out[#out + 1] = "\n"
  end
  out[#out + 1] = rule .. "\n\n"
end

return function(options)
  return function(d)
    local out = {}
    local a, b = d.range.a, d.range.b
    out[#out + 1] = string.format("From %s to %s\n", a, b)
    out[#out + 1] = string.format("%s mailing list update from %s to %s\n\n", d.name, a, b)
    local rows = {}
    for i, r in ipairs(d.domains) do
      rows[i] = string.format("%7d %s", r.count, r.domain)
    end
    section(out, string.format("Top %d contributor Email domains (Based on Email Body)", d.top),
            rows)
    rows = {}
    for i, r in ipairs(d.contributors) do
      rows[i] = string.format("%7d  %s", r.count, r.contributor)
    end
    section(out, string.format("Top %d contributors (Based on Email Body)", d.top), rows)
    rows = {}
    for i, e in ipairs(d.new_entries) do
      rows[i] = e.subject
    end
    section(out, "===== Patch list in this time period =====", rows)
    out[#out + 1] = "===== Patch Commit Messages ====\n\n"
    for _, e in ipairs(d.entries) do
      entry_text(out, e)
    end
    return table.concat(out)
  end
end
