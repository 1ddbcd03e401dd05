-- The sandbox a script runs in: no C modules, text chunks only, a module
-- path without relative entries.
--   patchlore -L DIR tests/lua/api_sandbox.lua EXPECTED_PACKAGE_PATH
local check = require "check"

local binary = string.dump(function() return 42 end)

local function temp_file(contents)
  local name = os.tmpname()
  local f = assert(io.open(name, "wb"))
  f:write(contents)
  f:close()
  return name
end

check.run {
  cpath_is_empty = function()
    check.eq(package.cpath, "", "package.cpath")
  end,

  path_is_the_lib_dirs_made_absolute = function()
    check.eq(package.path, arg[1], "package.path")
    for entry in package.path:gmatch("[^;]+") do
      check.eq(entry:sub(1, 1), "/", "entry " .. entry .. " is absolute")
    end
  end,

  no_loader_of_c_libraries = function()
    check.eq(package.loadlib, nil, "package.loadlib")
    check.eq(#package.searchers, 3, "searchers: preload, user dirs, bundled")
  end,

  load_refuses_a_binary_chunk = function()
    local f, err = load(binary)
    check.eq(f, nil, "load(binary)")
    check.eq(err, "attempt to load a binary chunk (mode is 't')", "load's message")
    check.eq((load(binary, "=bin", "b")), nil, "load(binary, name, 'b')")
    check.eq((load(binary, "=bin", "bt")), nil, "load(binary, name, 'bt')")
    check.eq((load(binary, "=bin", "b", {})), nil, "load(binary, name, 'b', env)")
  end,

  load_still_takes_text = function()
    check.eq(load("return 6 * 7")(), 42, "load(text)")
    check.eq(load("return x", "=env", "t", {x = 5})(), 5, "load(text, name, mode, env)")
  end,

  loadfile_and_dofile_refuse_a_binary_chunk = function()
    local name = temp_file(binary)
    local f, err = loadfile(name)
    local ok, derr = pcall(dofile, name)
    os.remove(name)
    check.eq(f, nil, "loadfile(binary file)")
    check.truthy(err:find("attempt to load a binary chunk", 1, true), "loadfile's message: " .. err)
    check.eq(ok, false, "dofile(binary file)")
    check.truthy(tostring(derr):find("attempt to load a binary chunk", 1, true),
                 "dofile's message: " .. tostring(derr))
  end,

  require_finds_no_c_module = function()
    local ok, err = pcall(require, "lpeg")
    check.eq(ok, false, "require 'lpeg'")
    check.truthy(not err:find("%.so"), "no .so file was tried: " .. err)
  end,
}
