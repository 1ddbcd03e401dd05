-- Robots out of the tables: authors whose address matches a pattern are
-- not counted. The patterns come from --robots FILE (one per line, '*'
-- for any run of characters, case ignored, '#' comments) or, without
-- one, from the list below. Their entries are still shown.
local digest = require "patchlore.digest"

local builtin = {
  "lkp@intel.com",                     -- kernel test robot
  "syzbot@syzkaller.appspotmail.com",
  "syzbot+*@syzkaller.appspotmail.com",
  "patchwork-bot+*@kernel.org",
  "bot@kernelci.org",
  "lkft@linaro.org",                   -- Linux Kernel Functional Testing
  "noreply@github.com",
}

local function to_pattern(glob)
  local parts = {}
  for piece in (glob:lower() .. "*"):gmatch("([^*]*)%*") do
    parts[#parts + 1] = piece:gsub("[%^%$%(%)%%%.%[%]%+%-%?]", "%%%0")
  end
  return "^" .. table.concat(parts, ".*") .. "$"
end

return function(options)
  local globs = builtin
  if options.robots then
    globs = {}
    for _, line in ipairs(digest.read_lines(options.robots)) do
      globs[#globs + 1] = line.text
    end
  end
  local patterns = {}
  for i, glob in ipairs(globs) do
    patterns[i] = to_pattern(glob)
  end
  local body = require("patchlore.contributors.body")(options)
  return function(message, who)
    who = who or body(message)
    if not who then
      return nil
    end
    local address = who.address:lower()
    for _, pattern in ipairs(patterns) do
      if address:find(pattern) then
        return nil
      end
    end
    return who
  end
end
