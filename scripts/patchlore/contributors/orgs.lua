-- Domains grouped by organisation (--orgs FILE, one `domain organisation`
-- per line, '#' comments): the domain table then counts organisations.
-- A domain not in the file is looked up by its parent domains
-- (linux.intel.com, then intel.com), and stays as it is when none is
-- listed. The contributor table is not changed.
local patchlore = require "patchlore"
local digest = require "patchlore.digest"

local function parse(path)
  local map = {}
  for _, line in ipairs(digest.read_lines(path)) do
    local domain, org = line.text:match("^(%S+)%s+(.-)%s*$")
    if not domain or org == "" then
      patchlore.input_error(string.format("%s:%d: not a 'domain organisation' line", path,
                                          line.number))
    end
    map[domain:lower()] = org
  end
  return map
end

return function(options)
  if not options.orgs then
    patchlore.usage_error("digest: --contributors orgs needs --orgs FILE")
  end
  local map = parse(options.orgs)
  local body = require("patchlore.contributors.body")(options)
  return function(message, who)
    who = who or body(message)
    if not who or not who.domain then
      return who
    end
    local d = who.domain
    while d do
      local org = map[d]
      if org then
        return {name = who.name, address = who.address, domain = org}
      end
      d = d:match("^[^.]*%.(.+)$")
    end
    return who
  end
end
