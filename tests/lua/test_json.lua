-- patchlore.json: escaping, invalid UTF-8, arrays and objects, numbers,
-- and what it refuses.
local json = require "patchlore.json"
local check = require "check"

local function refuses(value, part)
  local ok, e = pcall(json.encode, value)
  check.eq(ok, false, "encoding is refused: " .. part)
  check.truthy(tostring(e):find(part, 1, true), "error '" .. tostring(e) .. "' names " .. part)
end

check.run {
  scalars = function()
    check.eq(json.encode(nil), "null", "nil")
    check.eq(json.encode(json.null), "null", "json.null")
    check.eq(json.encode(true), "true", "true")
    check.eq(json.encode(42), "42", "integer")
    check.eq(json.encode(-7), "-7", "negative")
    check.eq(json.encode(2.0), "2", "integral float")
    check.eq(json.encode(0.5), "0.5", "float")
    check.eq(json.encode(math.maxinteger), "9223372036854775807", "max integer")
  end,
  string_escapes = function()
    check.eq(json.encode('a"b\\c/d'), '"a\\"b\\\\c/d"', "quote and backslash")
    check.eq(json.encode("\n\r\t\b\f"), '"\\n\\r\\t\\b\\f"', "short escapes")
    check.eq(json.encode("\0\1\31\127"), '"\\u0000\\u0001\\u001f\127"', "control characters")
    check.eq(json.encode("\u{2028}x\u{2029}"), '"\\u2028x\\u2029"', "line separators")
    check.eq(json.encode("é€😀"), '"é€😀"', "valid UTF-8 kept")
  end,
  invalid_utf8 = function()
    local R = "\\ufffd"
    check.eq(json.encode("a\xffb"), '"a' .. R .. 'b"', "a stray byte")
    check.eq(json.encode("\xe2\x82"), '"' .. R .. '"', "a truncated sequence is one U+FFFD")
    check.eq(json.encode("\xe2\x82x\n"), '"' .. R .. 'x\\n"', "truncated, then ASCII")
    check.eq(json.encode("\xc0\xaf"), '"' .. R:rep(2) .. '"', "an overlong form")
    check.eq(json.encode("\xed\xa0\x80"), '"' .. R:rep(3) .. '"', "a surrogate")
    check.eq(json.encode("\xf4\x90\x80\x80"), '"' .. R:rep(4) .. '"', "past U+10FFFF")
    check.eq(json.encode("é\xe9"), '"é' .. R .. '"', "Latin-1 after UTF-8")
    check.eq(json.encode("\u{fffd}"), '"\u{fffd}"', "a real U+FFFD stays as it is")
    check.eq(json.valid_utf8("a\xff\xe2\x82"), "a\u{fffd}\u{fffd}", "valid_utf8")
    check.truthy(utf8.len(json.encode("\x80\x81\xfe" .. string.rep("\xff", 10))),
                 "the output is UTF-8")
  end,
  tables = function()
    check.eq(json.encode({}), "{}", "empty table is an object")
    check.eq(json.encode(json.array()), "[]", "json.array() is an array")
    check.eq(json.encode({1, "two", false}), '[1,"two",false]', "sequence")
    check.eq(json.encode({b = 1, a = {2}, ["é"] = json.null, A = true}),
             '{"A":true,"a":[2],"b":1,"é":null}', "keys in byte order")
  end,
  indent = function()
    check.eq(json.encode({a = {1, 2}, b = {}}, {indent = "  "}),
             '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}', "indented")
  end,
  refusals = function()
    local t = {}
    t.self = t
    refuses(t, "contains itself")
    refuses({[1.5] = true}, "keys must be strings")
    refuses({1, nil, 3}, "keys must be strings")
    refuses(0 / 0, "cannot encode")
    refuses(math.huge, "cannot encode")
    refuses(print, "cannot encode a function")
  end,
}
