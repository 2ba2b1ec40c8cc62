-- The REPL's part written in Lua: the printer of results and the keeper of a
-- chunk's top-level locals.
--
-- The chunk receives `locals(f, level)` (see `Lua.pushLocalsReader`) and the order
-- tables are shown in (`before`, ordering.lua), and
-- returns `show(value)`, the printed form of a value, and `keeper(env, chunk)`,
-- a function that, called at the end of `chunk`, copies the chunk's active
-- locals into `env`.

local locals, before = ...
local type, tostring, rawget, rawlen, next, pcall, ipairs = type, tostring, rawget, rawlen, next, pcall, ipairs
local getmetatable = getmetatable
local format, rep, sub, find, gsub, byte = string.format, string.rep, string.sub, string.find, string.gsub, string.byte
local concat, sort = table.concat, table.sort
local utf8len, utf8offset, mathtype = utf8.len, utf8.offset, math.type

local WIDTH = 80      -- a table wider than this on one line is shown over several
local DEPTH = 4       -- tables nested deeper show as {…}
local ITEMS = 50      -- entries shown of a table
local ROWS = 10       -- rows shown of a collection
local STRING = 200    -- characters shown of a string inside a table
local CELL = 48       -- characters shown of a collection's cell

local keywords = {}
for word in ("and break do else elseif end false for function goto if in local nil not or repeat return then true until while")
    :gmatch("%a+") do
  keywords[word] = true
end

local function width(s)
  return utf8len(s) or #s
end

local function cut(s, n)
  if width(s) <= n then return s end
  local stop = utf8len(s) and utf8offset(s, n) or n
  return sub(s, 1, stop - 1) .. "…"
end

local escapes = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }

local function quote(s, limit)
  if limit then s = cut(s, limit) end
  return '"' .. gsub(s, '[%c"\\]', function(c) return escapes[c] or format("\\%d", byte(c)) end) .. '"'
end

-- The accord type of a record, period or collection ("partnership"), or nil.
local function kind_of(v)
  if type(v) ~= "table" then return nil end
  local mt = getmetatable(v)
  if type(mt) == "string" and sub(mt, 1, 7) == "accord." then return sub(mt, 8) end
  return nil
end

local function text(v)
  local ok, s = pcall(tostring, v)
  return ok and s or "?"
end

-- A record's field as text; "?" when it is missing.
local function field(record, key)
  local v = rawget(record, key)
  if v == nil then return "?" end
  return text(v)
end


local function pad(s, n)
  return s .. rep(" ", n - width(s))
end

local inline, render

-- One line for a record in a list, as its tostring gives it.
local function record_line(v, kind)
  if kind == "period" then return "period " .. field(v, "label") end
  local ok, s = pcall(tostring, v)
  return ok and s or kind
end

local function is_identifier(k)
  return type(k) == "string" and find(k, "^[%a_][%w_]*$") ~= nil and not keywords[k]
end

local function custom_tostring(t)
  local mt = getmetatable(t)
  return type(mt) == "table" and rawget(mt, "__tostring") ~= nil
end

-- A plain table: {1, 2, key = value}, over several lines when it is wide.
local function render_table(t, indent, depth, path)
  if path[t] then return "<cycle>" end
  if depth > DEPTH then return "{…}" end
  path[t] = true
  local entries, n = {}, 0
  while rawget(t, n + 1) ~= nil do n = n + 1 end
  local keys = {}
  for k in next, t do
    if not (mathtype(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  sort(keys, before)
  local total = n + #keys
  for i = 1, n do
    if #entries == ITEMS then break end
    entries[#entries + 1] = render(rawget(t, i), indent + 2, depth + 1, path)
  end
  for _, k in ipairs(keys) do
    if #entries == ITEMS then break end
    local key = is_identifier(k) and k or "[" .. inline(k, depth + 1, path) .. "]"
    entries[#entries + 1] = key .. " = " .. render(rawget(t, k), indent + 2, depth + 1, path)
  end
  path[t] = nil
  if total > #entries then entries[#entries + 1] = format("… %d more", total - #entries) end
  if #entries == 0 then return "{}" end
  local one = "{" .. concat(entries, ", ") .. "}"
  if indent + width(one) <= WIDTH and not find(one, "\n", 1, true) then return one end
  local inner = rep(" ", indent + 2)
  return "{\n" .. inner .. concat(entries, ",\n" .. inner) .. "\n" .. rep(" ", indent) .. "}"
end

-- A value inside a table or a collection's row.
function render(v, indent, depth, path)
  local t = type(v)
  if t == "string" then return quote(v, STRING) end
  if t ~= "table" then return text(v) end
  local kind = kind_of(v)
  if kind then return record_line(v, kind) end
  if custom_tostring(v) then return text(v) end
  return render_table(v, indent, depth, path)
end

function inline(v, depth, path)
  return render(v, WIDTH, depth, path)
end

-- Records ---------------------------------------------------------------------

local function field_block(title, rows)
  local lines, w = { title }, 0
  for _, row in ipairs(rows) do
    if width(row[1]) > w then w = width(row[1]) end
  end
  for _, row in ipairs(rows) do
    if row[2] ~= nil then lines[#lines + 1] = "  " .. pad(row[1], w) .. "  " .. row[2] end
  end
  return concat(lines, "\n")
end

local function list(items, each)
  if type(items) ~= "table" then return nil end
  local out = {}
  for _, item in ipairs(items) do out[#out + 1] = each(item) end
  return #out > 0 and concat(out, ", ") or nil
end

local function partnership_block(p)
  return field_block("partnership " .. field(p, "id"), {
    { "title", rawget(p, "title") },
    { "form", rawget(p, "form") },
    { "status", rawget(p, "status") },
    { "date", rawget(p, "date") or "undated" },
    { "parties", list(rawget(p, "parties"), function(party)
        return format("%s (%s)", text(rawget(party, "name") or rawget(party, "id")), field(party, "role"))
      end) },
    { "labels", list(rawget(p, "labels"), text) },
  })
end

local function organization_block(o)
  return field_block("organization " .. field(o, "id"), {
    { "name", rawget(o, "name") },
    { "kind", rawget(o, "kind") },
    { "country", rawget(o, "country") },
    { "parent", rawget(o, "parent") },
  })
end

local function period_line(p)
  return format("period %s: %s to %s", field(p, "label"), field(p, "start"), field(p, "finish"))
end

-- Collections: a count, then the first rows as a table --------------------------

local blanks = { partnership = { date = "undated" } }

local columns = {
  partnership = { "id", "date", "form", "title" },
  organization = { "id", "kind", "country", "name" },
  period = { "label", "start", "finish" },
}

local function collection_block(c)
  local n = rawlen(c)
  local lines = { text(c) }
  local first = rawget(c, 1)
  local kind = kind_of(first)
  local names = columns[kind]
  local rows = {}
  for i = 1, n do
    if i > ROWS then break end
    local item, row = rawget(c, i), {}
    if names and kind_of(item) == kind then
      for j, name in ipairs(names) do
        local value = rawget(item, name)
        if value == nil then value = (blanks[kind] or {})[name] or "" end
        row[j] = cut(text(value), CELL)
      end
    else
      row[1] = cut(render(item, WIDTH, 2, {}), WIDTH)
    end
    rows[#rows + 1] = row
  end
  local header = names or {}
  local widths = {}
  for j, name in ipairs(header) do widths[j] = width(name) end
  for _, row in ipairs(rows) do
    for j, cell in ipairs(row) do
      if width(cell) > (widths[j] or 0) then widths[j] = width(cell) end
    end
  end
  local function line(cells)
    local out = {}
    for j, cell in ipairs(cells) do out[j] = j < #cells and pad(cell, widths[j]) or cell end
    return "  " .. concat(out, "  ")
  end
  if names and #rows > 0 then lines[#lines + 1] = line(header) end
  for _, row in ipairs(rows) do lines[#lines + 1] = line(row) end
  if n > ROWS then lines[#lines + 1] = format("  … %d more", n - ROWS) end
  return concat(lines, "\n")
end

-- The printed form of a value the REPL shows.
local function show(v)
  local t = type(v)
  if t == "string" then return quote(v) end
  if t ~= "table" then return text(v) end
  local kind = kind_of(v)
  if kind == "partnership" then return partnership_block(v) end
  if kind == "organization" then return organization_block(v) end
  if kind == "period" then return period_line(v) end
  if kind == "collection" then return collection_block(v) end
  if kind then return record_line(v, kind) end
  if custom_tostring(v) then return text(v) end
  return render_table(v, 0, 1, {})
end

-- Locals ----------------------------------------------------------------------

local function keeper(env, chunk)
  return function()
    local names, values = locals(chunk, 2)
    if names == nil then return end
    for i, name in ipairs(names) do
      if name ~= "_ENV" then env[name] = values[i] end
    end
  end
end

return show, keeper
