-- Assertions for the Lua tests (tests/lua/test_*.lua, run by the real
-- binary as `patchlore -L tests/lua tests/lua/test_x.lua FIXTURES`).
-- A failing check raises an error naming both values, so the run exits 1
-- with the test's file:line.
local check = {}

local function show(v)
  if type(v) == "string" then
    return string.format("%q", v)
  end
  return tostring(v)
end

function check.eq(got, want, what)
  if got ~= want then
    error(string.format("%s: got %s, want %s", what or "value", show(got), show(want)), 2)
  end
end

-- Deep equality of plain tables.
local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then
    return a == b
  end
  for k, v in pairs(a) do
    if not same(v, b[k]) then
      return false
    end
  end
  for k in pairs(b) do
    if a[k] == nil then
      return false
    end
  end
  return true
end

local function dump(v)
  if type(v) ~= "table" then
    return show(v)
  end
  local keys = {}
  for k in pairs(v) do
    keys[#keys + 1] = k
  end
  table.sort(keys, function(x, y) return tostring(x) < tostring(y) end)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = tostring(k) .. "=" .. dump(v[k])
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function check.same(got, want, what)
  if not same(got, want) then
    error(string.format("%s: got %s, want %s", what or "value", dump(got), dump(want)), 2)
  end
end

function check.truthy(v, what)
  if not v then
    error((what or "condition") .. " does not hold", 2)
  end
end

-- Calls f(...) and checks that it ends the run with exit status `code`
-- and a message containing `part` (plain text).
function check.exits(code, part, f, ...)
  local ok, e = pcall(f, ...)
  if ok then
    error(string.format("expected exit %d (%s), but it returned", code, part), 2)
  end
  if type(e) ~= "table" or e.code ~= code then
    error(string.format("expected exit %d (%s), got error %s", code, part, dump(e)), 2)
  end
  if not e.message:find(part, 1, true) then
    error(string.format("exit %d message %q lacks %q", code, e.message, part), 2)
  end
end

-- Runs a list of named test functions; prints one line per test.
function check.run(tests)
  local names = {}
  for name in pairs(tests) do
    names[#names + 1] = name
  end
  table.sort(names)
  for _, name in ipairs(names) do
    tests[name]()
    print("ok " .. name)
  end
end

return check
