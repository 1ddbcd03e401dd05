-- Contributors through a mailmap (git's .mailmap format, --mailmap FILE):
-- each of an author's names and addresses is replaced by the canonical
-- one, so that one person counts once. Lines are
--   Proper Name <commit@address>
--   <proper@address> <commit@address>
--   Proper Name <proper@address> <commit@address>
--   Proper Name <proper@address> Commit Name <commit@address>
-- Addresses and names match ignoring case; an entry naming the commit
-- name wins over one that does not. The domain follows the new address.
local patchlore = require "patchlore"
local digest = require "patchlore.digest"

local function parse(path)
  local by_address = {}
  for _, line in ipairs(digest.read_lines(path)) do
    local emails, names = {}, {}
    local rest = line.text
    for name, address in rest:gmatch("([^<]*)<([^>]*)>") do
      names[#names + 1] = name:match("^%s*(.-)%s*$")
      emails[#emails + 1] = address
    end
    if #emails == 0 or #emails > 2 then
      patchlore.input_error(string.format("%s:%d: not a mailmap line", path, line.number))
    end
    local proper_name = names[1] ~= "" and names[1] or nil
    local proper_email = #emails == 2 and emails[1] or nil
    local commit_email = emails[#emails]:lower()
    local commit_name = #emails == 2 and names[2] ~= "" and names[2]:lower() or nil
    local entry = by_address[commit_email] or {names = {}}
    by_address[commit_email] = entry
    local target = {name = proper_name, address = proper_email}
    if commit_name then
      entry.names[commit_name] = target
    else
      entry.any = target
    end
  end
  return by_address
end

return function(options)
  if not options.mailmap then
    patchlore.usage_error("digest: --contributors mailmap needs --mailmap FILE")
  end
  local map = parse(options.mailmap)
  local body = require("patchlore.contributors.body")(options)
  return function(message, who)
    who = who or body(message)
    if not who then
      return nil
    end
    local entry = map[who.address:lower()]
    local target = entry and (who.name and entry.names[who.name:lower()] or entry.any)
    if not target then
      return who
    end
    local address = target.address or who.address
    local domain = address:match("@([^@]*)$")
    return {
      name = target.name or who.name,
      address = address,
      domain = domain and domain ~= "" and domain:lower() or nil,
    }
  end
end
