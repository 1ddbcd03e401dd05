-- What the bundled commands do alike: check the ARCHIVE argument, open
-- it, and write their result to --output or standard output.
local patchlore = require "patchlore"

local command = {}

-- Ends the run with a usage error naming the command when archive is nil.
function command.require_archive(name, archive)
  if not archive then
    patchlore.usage_error(string.format("%s: ARCHIVE is missing (patchlore %s --help)", name,
                                        name))
  end
  return archive
end

-- The archive opened, or the run ended with an input error.
function command.open(archive)
  local inbox, err = patchlore.open(archive)
  if not inbox then
    patchlore.input_error(err)
  end
  return inbox
end

-- Writes doc to path through a temporary file and a rename, or to
-- standard output when path is nil or "-".
function command.write(path, doc)
  if path and path ~= "-" then
    local ok, why = patchlore.write_file(path, doc)
    if not ok then
      patchlore.input_error(why)
    end
  else
    io.stdout:write(doc)
    io.stdout:flush()
  end
end

return command
