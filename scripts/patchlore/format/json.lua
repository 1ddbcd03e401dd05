-- The digest as one JSON document (schema in scripts/API.md, "Policy
-- modules"): the range, the counts, both tables and every entry with its
-- verdict, in the text format's order.
local json = require "patchlore.json"

local function person(p)
  if not p then
    return json.null
  end
  return {name = p.name or json.null, address = p.address or json.null,
          domain = p.domain or json.null, text = p.text}
end

local function or_null(v)
  if v == nil then
    return json.null
  end
  return v
end

local function entry_doc(e)
  local doc = {
    index = e.index,
    verdict = e.verdict,
    subject = e.subject,
    title = e.title,
    n = or_null(e.n),
    total = or_null(e.total),
    version = e.version,
    rfc = e.rfc,
    resend = e.resend,
    author = person(e.author),
    sender = person(e.sender),
    message_id = or_null(e.message_id),
    date = or_null(e.date),
    commit = or_null(e.commit),
    excerpt = or_null(e.excerpt),
    duplicate_of = json.null,
  }
  if e.duplicate_of then
    doc.duplicate_of = {index = e.duplicate_of.index, subject = e.duplicate_of.subject,
                        message_id = or_null(e.duplicate_of.message_id)}
  end
  return doc
end

return function(options)
  return function(d)
    local domains, contributors, entries, patch_list = {}, {}, {}, {}
    for i, r in ipairs(d.domains) do
      domains[i] = {count = r.count, domain = r.domain}
    end
    for i, r in ipairs(d.contributors) do
      contributors[i] = {count = r.count, contributor = r.contributor,
                         name = or_null(r.name), address = or_null(r.address)}
    end
    for i, e in ipairs(d.entries) do
      entries[i] = entry_doc(e)
    end
    for i, e in ipairs(d.new_entries) do
      patch_list[i] = e.subject
    end
    local doc = {
      schema = "patchlore-digest/1",
      name = d.name,
      archive = {path = d.archive.path, kind = d.archive.kind},
      range = {spec = or_null(d.range.spec), lower = d.range.lower, upper = d.range.upper,
               a = d.range.a, b = d.range.b},
      top = d.top,
      counts = d.counts,
      domains = json.array(domains),
      contributors = json.array(contributors),
      patch_list = json.array(patch_list),
      entries = json.array(entries),
    }
    return json.encode(doc, {indent = "  "}) .. "\n"
  end
end
