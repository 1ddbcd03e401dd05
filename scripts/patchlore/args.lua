-- Command-line arguments of a command: GNU-style long options (`--name
-- VALUE`, `--name=VALUE`, flags), positional arguments anywhere, `--` to
-- end the options. Bad arguments end the run through
-- patchlore.usage_error, naming the argument.
local patchlore = require "patchlore"

local args = {}

-- Value checks for option specs: each gets the text and returns the value
-- or nil and what is wrong with it.
function args.count(text)
  if not text:match("^%d+$") or #text > 9 then
    return nil, "is not a whole number"
  end
  return math.tointeger(tonumber(text))
end

function args.word(text)
  if not text:match("^[%w_]+$") then
    return nil, "is not a name (letters, digits, _)"
  end
  return text
end

function args.words(text)
  local list = {}
  for item in (text .. ","):gmatch("([^,]*),") do
    local ok, why = args.word(item)
    if not ok then
      return nil, why
    end
    list[#list + 1] = item
  end
  return list
end

local function fail(spec, what)
  patchlore.usage_error(string.format("%s: %s (patchlore %s --help)", spec.command, what,
                                      spec.command))
end

-- args.parse(spec, argv) -> options, positionals
-- spec = {command = "digest", max_positional = 2,
--         options = {{name = "--top", value = "N", check = args.count,
--                     default = 15, key = "top"}, {name = "--help", flag = true}}}
-- An option's value goes to options[key] (key defaults to the name without
-- its dashes, '-' made '_'); a flag gets true; the last of a repeated
-- option wins, except with `list = true`, which collects every value in
-- order (each value checked, a check's list result spliced in).
function args.parse(spec, argv)
  local by_name, options = {}, {}
  for _, o in ipairs(spec.options) do
    o.key = o.key or o.name:gsub("^%-+", ""):gsub("%-", "_")
    by_name[o.name] = o
    if o.default ~= nil then
      options[o.key] = o.default
    end
  end
  local positional, i, only_positional = {}, 1, false
  while i <= #argv do
    local a = argv[i]
    if only_positional or a == "-" or a:sub(1, 1) ~= "-" then
      positional[#positional + 1] = a
    elseif a == "--" then
      only_positional = true
    else
      local name, inline = a:match("^(%-%-[^=]+)=(.*)$")
      name = name or a
      local o = by_name[name]
      if not o then
        fail(spec, string.format("unknown option '%s'", name))
      end
      if o.flag then
        if inline then
          fail(spec, string.format("%s takes no value", name))
        end
        options[o.key] = true
      else
        local text = inline
        if not text then
          i = i + 1
          text = argv[i]
          if text == nil then
            fail(spec, string.format("%s needs a value (%s)", name, o.value or "VALUE"))
          end
        end
        local value, why = text, nil
        if o.check then
          value, why = o.check(text)
          if value == nil then
            fail(spec, string.format("%s: '%s' %s", name, text, why))
          end
        end
        if o.list then
          local list = options[o.key]
          if list == nil or list == o.default then
            list = {}
          end
          if type(value) == "table" then
            table.move(value, 1, #value, #list + 1, list)
          else
            list[#list + 1] = value
          end
          value = list
        end
        options[o.key] = value
      end
    end
    i = i + 1
  end
  if spec.max_positional and #positional > spec.max_positional then
    fail(spec, string.format("unexpected argument '%s'", positional[spec.max_positional + 1]))
  end
  return options, positional
end

return args
