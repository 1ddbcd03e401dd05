-- A small JSON encoder (RFC 8259). Strings are taken as UTF-8: control
-- characters, '"', '\' and U+2028/U+2029 are escaped, and every byte
-- sequence that is not UTF-8 becomes one \ufffd per maximal invalid part
-- (Unicode's "maximal subpart" rule), so any Lua string gives valid JSON.
-- Objects' keys come out sorted (byte order), so equal values encode to
-- equal text.
local json = {}

-- Marks for values Lua cannot tell apart: an empty table is an object
-- unless made with json.array(); json.null stands for null inside tables.
local array_mt = {__name = "json.array"}
json.null = setmetatable({}, {__name = "json.null", __tostring = function() return "null" end})

function json.array(t)
  return setmetatable(t or {}, array_mt)
end

local escapes = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
  ["\u{2028}"] = "\\u2028", ["\u{2029}"] = "\\u2029",
}

local function escape_char(c)
  return escapes[c] or string.format("\\u%04x", c:byte())
end

local function escape_valid(s)
  return (s:gsub('[\0-\31"\\]', escape_char):gsub("\u{2028}", escape_char)
           :gsub("\u{2029}", escape_char))
end

-- The length of the longest prefix of s at i that starts a well-formed
-- UTF-8 sequence (Unicode's "maximal subpart"), at least 1.
local function invalid_length(s, i)
  local b = s:byte(i)
  local need, lo, hi
  if b >= 0xc2 and b <= 0xdf then
    need, lo, hi = 1, 0x80, 0xbf
  elseif b == 0xe0 then
    need, lo, hi = 2, 0xa0, 0xbf
  elseif b == 0xed then
    need, lo, hi = 2, 0x80, 0x9f
  elseif b >= 0xe1 and b <= 0xef then
    need, lo, hi = 2, 0x80, 0xbf
  elseif b == 0xf0 then
    need, lo, hi = 3, 0x90, 0xbf
  elseif b == 0xf4 then
    need, lo, hi = 3, 0x80, 0x8f
  elseif b >= 0xf1 and b <= 0xf3 then
    need, lo, hi = 3, 0x80, 0xbf
  else
    return 1
  end
  local n = 1
  for k = 1, need do
    local c = s:byte(i + k)
    if not c or c < lo or c > hi then
      break
    end
    n, lo, hi = n + 1, 0x80, 0xbf
  end
  return n
end

-- Calls emit(valid_piece) and bad() in order over s: the well-formed
-- UTF-8 runs, and one call of bad() per maximal invalid part.
local function each_part(s, emit, bad)
  local i = 1
  while i <= #s do
    local ok, at = utf8.len(s, i)
    if ok then
      emit(s:sub(i))
      return
    end
    emit(s:sub(i, at - 1))
    bad()
    i = at + invalid_length(s, at)
  end
end

-- s with every invalid UTF-8 part replaced by U+FFFD.
function json.valid_utf8(s)
  if utf8.len(s) then
    return s
  end
  local out = {}
  each_part(s, function(piece) out[#out + 1] = piece end,
            function() out[#out + 1] = "\u{fffd}" end)
  return table.concat(out)
end

-- A JSON string: invalid UTF-8 parts are written as the escape \ufffd.
function json.string(s)
  if utf8.len(s) then
    return '"' .. escape_valid(s) .. '"'
  end
  local out = {'"'}
  each_part(s, function(piece) out[#out + 1] = escape_valid(piece) end,
            function() out[#out + 1] = "\\ufffd" end)
  out[#out + 1] = '"'
  return table.concat(out)
end

local function is_array(t)
  if getmetatable(t) == array_mt then
    return true
  end
  local n = #t
  if n == 0 then
    return false
  end
  local count = 0
  for _ in pairs(t) do
    count = count + 1
  end
  return count == n
end

local function bytes_less(a, b)
  -- Byte order whatever the C locale says (Lua's < uses strcoll).
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = a:byte(i), b:byte(i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end

local encode

local function encode_table(t, out, indent, depth, seen)
  if seen[t] then
    error("json: cannot encode a table that contains itself", 0)
  end
  seen[t] = true
  local nl, pad, inner = "", "", ""
  if indent then
    nl = "\n"
    pad = string.rep(indent, depth)
    inner = pad .. indent
  end
  if is_array(t) then
    if #t == 0 then
      out[#out + 1] = "[]"
    else
      out[#out + 1] = "[" .. nl
      for i = 1, #t do
        out[#out + 1] = inner
        encode(t[i], out, indent, depth + 1, seen)
        out[#out + 1] = (i < #t and "," or "") .. nl
      end
      out[#out + 1] = pad .. "]"
    end
  else
    local keys = {}
    for k in pairs(t) do
      if type(k) ~= "string" then
        error("json: object keys must be strings, not " .. type(k), 0)
      end
      keys[#keys + 1] = k
    end
    table.sort(keys, bytes_less)
    if #keys == 0 then
      out[#out + 1] = "{}"
    else
      out[#out + 1] = "{" .. nl
      for i, k in ipairs(keys) do
        out[#out + 1] = inner .. json.string(k) .. (indent and ": " or ":")
        encode(t[k], out, indent, depth + 1, seen)
        out[#out + 1] = (i < #keys and "," or "") .. nl
      end
      out[#out + 1] = pad .. "}"
    end
  end
  seen[t] = nil
end

encode = function(v, out, indent, depth, seen)
  local kind = type(v)
  if v == nil or v == json.null then
    out[#out + 1] = "null"
  elseif kind == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif kind == "number" then
    if math.type(v) == "integer" then
      out[#out + 1] = string.format("%d", v)
    elseif v ~= v or v == math.huge or v == -math.huge then
      error("json: cannot encode " .. tostring(v), 0)
    elseif v == math.floor(v) and math.abs(v) < 2 ^ 53 then
      out[#out + 1] = string.format("%d", math.tointeger(v))
    else
      out[#out + 1] = string.format("%.17g", v)
    end
  elseif kind == "string" then
    out[#out + 1] = json.string(v)
  elseif kind == "table" then
    encode_table(v, out, indent, depth, seen)
  else
    error("json: cannot encode a " .. kind, 0)
  end
end

-- json.encode(value[, {indent = "  "}]) -> text (no trailing newline).
-- Tables with keys 1..n only are arrays, other tables objects; nil and
-- json.null are null. Errors on functions, userdata, cycles, NaN and
-- infinities, and non-string object keys.
function json.encode(value, opts)
  local out = {}
  encode(value, out, opts and opts.indent, 0, {})
  return table.concat(out)
end

return json
