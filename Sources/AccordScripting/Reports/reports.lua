-- The report builder (`accord.report` and the `r` a report's `build`
-- receives), written in Lua.
--
-- The builder checks what a script gives it, at the script's line, and
-- collects plain tables the host turns into a `ReportDocument`. Collections
-- given as values keep their partnerships' ids, so that every number can be
-- traced. The chunk receives the module table and native helpers, with the
-- declared fields of each table it reads (`native.fields`, by class name),
-- the builder's methods, report grains and formats; it sets `module.report`
-- and returns the host's side: `describe` and `build`.

local module, native = ...
local error, type, ipairs, tostring, select = error, type, ipairs, tostring, select
local setmetatable, getmetatable, rawget, next = setmetatable, getmetatable, rawget, next
local format, find, concat, sort = string.format, string.find, table.concat, table.sort
local math_type = math.type
-- Tables from scripts are walked with `next`, never `pairs`, so no __pairs runs.
local sorted_keys = native.sorted_keys
-- What the prelude keeps for the builder: `top_groups` and `outside` of `accord.ids` collections.
local collections = native.collections
-- Numbers a report shows are 0, or between these in size.
local SMALLEST, LARGEST = native.smallest, native.largest_reported

local declared_at = setmetatable({}, { __mode = "k" })
local fields = native.fields

-- Raises at the script's line, however deep in the builder the problem is found.
local function fail(message, ...)
  local where = native.where()
  if select("#", ...) > 0 then message = format(message, ...) end
  error((where and where .. ": " or "") .. message, 0)
end

--- accord.report{ id =, title =, grain =, build = function(r, period, params) … end }
function module.report(def)
  if type(def) ~= "table" then fail("bad argument #1 to 'report' (table expected, got " .. type(def) .. ")") end
  declared_at[def] = native.where()
  return def
end

local function is_collection(x) return getmetatable(x) == "accord.collection" end

local function check_id(what, id)
  if type(id) ~= "string" or not find(id, "^[a-z][a-z0-9-]*$") then
    fail("%s: 'id' must be lower-case letters, digits and dashes, starting with a letter (it names a file), not %s",
      what, type(id) == "string" and format("%q", id) or type(id))
  end
end

-- Texts longer than this are refused: a report is read, not a dump.
local MAX_TEXT = 20000

local function check_string(what, key, value, optional)
  if value == nil and optional then return nil end
  if type(value) ~= "string" then
    fail("%s: '%s' must be a string, not %s", what, key, type(value))
  end
  if #value > MAX_TEXT then fail("%s: '%s' is longer than %d bytes", what, key, MAX_TEXT) end
  return value
end

local function check_fields(what, t, allowed)
  if type(t) ~= "table" then fail("bad argument #1 to '%s' (table expected, got %s)", what, type(t)) end
  local set = {}
  for _, k in ipairs(allowed) do set[k] = true end
  for _, k in ipairs(sorted_keys(t)) do
    if not set[k] then
      fail("%s: unknown field '%s'%s", what, tostring(k), native.suggest(tostring(k), allowed))
    end
  end
end

-- The set of `list`'s values, and the list in words: `a, b or c`.
local function one_of(list)
  local set = {}
  for _, v in ipairs(list) do set[v] = true end
  local text = concat(list, ", ", 1, #list - 1) .. " or " .. list[#list]
  return set, text
end

-- The ids of a collection's partnerships (or of its ids, for `accord.ids`), copied by the host.
local function ids_of(c)
  local _ = c[1] -- an `accord.ids` collection reads its ids when first indexed
  return native.ids_of(c)
end

-- The cells of counts made here, which a chart takes as they are: a breakdown's chart shows
-- its table's counts, and the host then reads each list of ids once.
local made_cells = setmetatable({}, { __mode = "k" })

-- A value a script gives for a number: a number, or a collection (its count,
-- with its partnerships' ids).
local function number_cell(what, v)
  if math_type(v) ~= nil then
    local size = math.abs(v)
    if v ~= v or size > LARGEST or (size > 0 and size < SMALLEST) then
      fail("%s: %s is out of range (numbers are 0, or between 1e-6 and 1e24 in size)", what, tostring(v))
    end
    return { number = v, ids = {} }
  end
  if is_collection(v) then
    local c = { number = #v, ids = ids_of(v) }
    made_cells[c] = true
    return c
  end
  fail("%s: expected a number or a collection of partnerships, got %s", what, type(v))
end

-- Table cells and chart categories are short labels.
local MAX_LABEL = 1000

local function cell(what, v)
  if type(v) == "string" then
    if #v > MAX_LABEL then fail("%s: text cells are at most %d bytes", what, MAX_LABEL) end
    return { text = v, ids = {} }
  end
  if v == nil then return { ids = {} } end
  if type(v) == "table" and getmetatable(v) == "accord.partnership" then return { text = v.title, ids = { v.id } } end
  if type(v) == "table" and getmetatable(v) == "accord.organization" then return { text = v.name, ids = {} } end
  if type(v) == "table" and getmetatable(v) == nil and rawget(v, "amount") ~= nil then
    -- An amount of money: { amount = 1.7e11, currency = "KRW", of = deals }.
    check_fields(what, v, fields.money)
    local c = number_cell(what .. " amount", v.amount)
    if type(v.currency) ~= "string" or not find(v.currency, "^%u%u%u$") then
      fail("%s: 'currency' must be an ISO 4217 code such as \"KRW\"", what)
    end
    c.unit = v.currency
    if v.of ~= nil then
      if not is_collection(v.of) then fail("%s: 'of' must be a collection of partnerships", what) end
      c.ids = ids_of(v.of)
    end
    return c
  end
  return number_cell(what, v)
end

local builder = {}

local function new_builder(period)
  return { blocks = {}, names = {}, period = period, coarse_placed = false }
end

-- Each block remembers the script's line, where a stop in copying it names.
local function add(r, block)
  block.at = native.where()
  r.blocks[#r.blocks + 1] = block
end

local function claim(r, what, id)
  check_id(what, id)
  if r.names[id] then fail("%s: id '%s' is already used by another table or chart", what, id) end
  r.names[id] = true
end

--- r:heading(text, level): a heading, level 1 to 3 (default 2).
function builder.heading(r, text, level)
  check_string("heading", "text", text)
  level = level or 2
  if math_type(level) ~= "integer" or level < 1 or level > 3 then fail("heading: level must be 1, 2 or 3") end
  add(r, { kind = "heading", text = text, level = level })
end

--- r:paragraph(text): text with Markdown inline formatting.
function builder.paragraph(r, text)
  check_string("paragraph", "text", text)
  add(r, { kind = "paragraph", text = text })
end

--- r:note(text): a remark set apart from the text.
function builder.note(r, text)
  check_string("note", "text", text)
  add(r, { kind = "note", text = text })
end

-- A figure's value for `period`: a number or a collection (its count, traced to its
-- partnerships), or a number and the collection it was counted from, to trace it.
local function figure_value(label, value, period)
  local v, from = value(period)
  local c = number_cell(format("figures: '%s'", label), v)
  if is_collection(from) then c.ids = ids_of(from) end
  return c
end

-- A figure's number for an earlier period, which nothing traces: a collection is counted,
-- not listed (at a million partnerships, listing eight years' ids took a tenth of a yearly report).
local function figure_number(label, value, period)
  local v = value(period)
  if is_collection(v) then return #v end
  return number_cell(format("figures: '%s'", label), v).number
end

-- How many periods a figure's sparkline shows, this one last.
local TREND_PERIODS = 8

--- r:figures{ { label =, value =, unit = }, … }: key figures. A value that is a
--- function of the period is also computed for the periods before it and the same
--- period a year before, for the changes and the sparkline.
function builder.figures(r, list)
  if type(list) ~= "table" or #list == 0 then fail("bad argument #1 to 'figures' (list of figures expected)") end
  local out = {}
  for i, f in ipairs(list) do
    check_fields("figures", f, fields.figure)
    local label = check_string("figures", "label", f.label)
    local item = { label = label, unit = check_string("figures", "unit", f.unit, true) }
    if type(f.value) == "function" then
      local current = figure_value(label, f.value, r.period)
      item.value, item.ids = current.number, current.ids
      -- The last TREND_PERIODS periods, oldest first, for the tile's sparkline.
      local trend, p = { current.number }, r.period
      for _ = 2, TREND_PERIODS do
        p = p:previous()
        table.insert(trend, 1, figure_number(label, f.value, p))
      end
      item.trend = trend
      item.previous = trend[#trend - 1]
      item.year_before = figure_number(label, f.value, r.period:year_before())
    else
      local current = number_cell(format("figures: '%s'", label), f.value)
      item.value, item.ids = current.number, current.ids
      if f.previous ~= nil then item.previous = number_cell("figures: previous", f.previous).number end
      if f.year_before ~= nil then item.year_before = number_cell("figures: year_before", f.year_before).number end
    end
    out[i] = item
  end
  add(r, { kind = "figures", items = out })
end

local column_formats, column_format_text = one_of(native.column_formats)

local function read_columns(what, columns)
  if type(columns) ~= "table" or #columns == 0 then fail(what .. ": 'columns' must be a list of titles") end
  local out = {}
  for i, c in ipairs(columns) do
    if type(c) == "string" then
      out[i] = { title = c }
    elseif type(c) == "table" then
      check_fields(what .. " column", c, fields.column)
      out[i] = { title = check_string(what, "title", c.title), unit = check_string(what, "unit", c.unit, true),
                 format = c.format, places = c.places, additive = c.additive }
      if c.additive ~= nil and type(c.additive) ~= "boolean" then fail("%s: column %d: 'additive' must be true or false", what, i) end
      if c.format ~= nil and not column_formats[c.format] then
        fail("%s: column %d: 'format' must be %s", what, i, column_format_text)
      end
      if c.places ~= nil and (math_type(c.places) ~= "integer" or c.places < 0 or c.places > 6) then
        fail("%s: column %d: 'places' must be a whole number from 0 to 6", what, i)
      end
    else
      fail("%s: column %d must be a title or {title =, unit =}", what, i)
    end
  end
  return out
end

--- r:table{ id =, title =, columns = { "Form", "Partnerships" }, rows = { { "mou", collection }, … }, totals = true }
function builder.table(r, t)
  check_fields("table", t, fields.table_spec)
  claim(r, "table", t.id)
  local columns = read_columns("table", t.columns)
  if type(t.rows) ~= "table" then fail("table: 'rows' must be a list of rows") end
  local rows = {}
  for i, row in ipairs(t.rows) do
    if type(row) ~= "table" then fail("table: row %d must be a list of cells", i) end
    local cells = {}
    for j = 1, #columns do cells[j] = cell(format("table '%s' row %d column %d", t.id, i, j), row[j]) end
    if #row > #columns then fail("table '%s': row %d has %d cells for %d columns", t.id, i, #row, #columns) end
    rows[i] = cells
  end
  if t.hidden ~= nil and type(t.hidden) ~= "boolean" then fail("table: 'hidden' must be true or false") end
  add(r, { kind = "table", id = t.id, title = check_string("table", "title", t.title), columns = columns, rows = rows,
           totals = t.totals == true, hidden = t.hidden == true })
end

local function read_series(what, series, count)
  if type(series) ~= "table" or #series == 0 then fail(what .. ": 'series' must be a list of {name =, values =}") end
  local out = {}
  for i, s in ipairs(series) do
    check_fields(what .. " series", s, fields.series)
    local values = {}
    if type(s.values) ~= "table" then fail("%s: series %d needs 'values'", what, i) end
    for j = 1, count do
      local v = s.values[j]
      values[j] = v == nil and { ids = {} } or made_cells[v] and v or number_cell(format("%s series %d value %d", what, i, j), v)
    end
    out[i] = { name = check_string(what, "name", s.name), values = values }
  end
  return out
end

local function chart(r, kind, t)
  local what = kind .. "_chart"
  check_fields(what, t, fields.chart_spec)
  claim(r, what, t.id)
  if type(t.categories) ~= "table" then fail(what .. ": 'categories' must be a list of labels") end
  local categories = {}
  for i, c in ipairs(t.categories) do
    categories[i] = tostring(c)
    if #categories[i] > MAX_LABEL then fail("%s: category %d is longer than %d bytes", what, i, MAX_LABEL) end
  end
  add(r, { kind = "chart", chart = kind, id = t.id, title = check_string(what, "title", t.title),
           categories = categories, series = read_series(what, t.series, #categories),
           stacked = t.stacked == true, horizontal = t.horizontal == true, unit = check_string(what, "unit", t.unit, true) })
end

--- r:bar_chart{ id =, title =, categories =, series = { { name =, values = } }, stacked =, horizontal =, unit = }
function builder.bar_chart(r, t) chart(r, "bar", t) end

--- r:line_chart{ id =, title =, categories =, series = { { name =, values = } }, unit = }
function builder.line_chart(r, t) chart(r, "line", t) end

-- Where a top-`top` list of `n` keys (sorted by `count_of`, largest first; `keys` may leave
-- out those counted less often than the top-th) stops: nil when it keeps them all. A tie at
-- the cut is never split in silence: the cut moves past the tied keys when that keeps at most
-- twice `top`, else before them; when neither can be, it stays and the second value says how
-- many keys left out are tied with the last one shown.
local function top_cut(keys, count_of, top, n)
  if top == nil or n <= top then return nil end
  local at = count_of(keys[top])
  if keys[top + 1] == nil or count_of(keys[top + 1]) ~= at then return top end
  local last, first = top + 1, top
  while keys[last + 1] and count_of(keys[last + 1]) == at do last = last + 1 end
  while first > 1 and count_of(keys[first - 1]) == at do first = first - 1 end
  if last <= 2 * top then return last < n and last or nil end
  if first > 1 then return first - 1 end
  return top, last - top
end

-- "+3 (+50.0%)", "−2 (−40.0%)", "new", "no change": how a count moved from `was` to `is`.
local function change_text(was, is)
  if was == is then return "no change" end
  if was == 0 then return "new" end
  local d = is - was
  return format("%s%d (%s%.1f%%)", d > 0 and "+" or "−", math.abs(d), d > 0 and "+" or "−", math.abs(d) / was * 100)
end

-- A function giving a period's partnerships grouped as the breakdown groups them, each
-- period grouped once however often asked: `t.compare(period)` gives the partnerships.
local function grouper(t)
  local done = {}
  return function(p)
    local groups = done[p.label]
    if groups == nil then
      local deals = t.compare(p)
      if not is_collection(deals) then
        fail("breakdown: 'compare' must give a collection of partnerships (for %s)", p.label)
      end
      groups = (deals:group_by(t.by))
      done[p.label] = groups
    end
    return groups
  end
end

-- The period before and a year before (once for a year, where they are one period), each
-- with its partnerships grouped.
local function earlier_groups(period, grouped)
  local periods = { period:previous() }
  if period:year_before().label ~= periods[1].label then periods[2] = period:year_before() end
  local out = {}
  for i, p in ipairs(periods) do out[i] = { label = p.label, groups = grouped(p) } end
  return out
end

-- Each key's count among the partnerships of `c` (in the database, for `accord.ids`).
local function counts_by(c, by)
  local counts = {}
  for _, row in ipairs(c:count_by(by)) do counts[row.key] = row.count end
  return counts
end

-- Each key's count in a period, as the breakdown counts them: `t.compare(period)` counted by `t.by`.
local function counter(t)
  return function(p) return counts_by(t.compare(p), t.by) end
end

-- Adds to the breakdown's table, last added, a column of each key's counts over the last
-- TREND_PERIODS periods, drawn as sparklines in the HTML (the CSV gives the counts).
local function trend_cells(r, counted, keyed)
  local block = r.blocks[#r.blocks]
  local counts, p = {}, r.period
  for i = TREND_PERIODS, 1, -1 do
    counts[i] = counted(p)
    p = p:previous()
  end
  block.columns[#block.columns + 1] = { title = "Last " .. TREND_PERIODS }
  for i, row in ipairs(block.rows) do
    local k = keyed[i]
    local trend = nil
    if k ~= nil then
      trend = {}
      for j = 1, TREND_PERIODS do trend[j] = counts[j][k] or 0 end
    end
    row[#row + 1] = { ids = {}, trend = trend }
  end
end

-- Adds to a breakdown's rows each key's count in the earlier periods, with the change. The
-- rows lumping the rest or without a key are not compared.
local function compare_rows(earlier, rows, keyed, columns)
  for j, e in ipairs(earlier) do
    local then_groups = e.groups
    -- Not totalled: the rows lumping the rest or without a key are not compared.
    columns[#columns + 1] = { title = e.label, additive = false }
    columns[#columns + 1] = "Change"
    local at = 2 * j + 1 -- the cells of this period: its count, then the change
    for i, row in ipairs(rows) do
      local k = keyed[i]
      if k == nil then
        row[at], row[at + 1] = "", ""
      else
        local was = then_groups[k]
        row[at] = was or 0
        row[at + 1] = change_text(was and #was or 0, #row[2])
      end
    end
  end
end

-- A key moved notably when it changed by at least 2 and by at least a quarter of what it was.
local function notable(was, is)
  local d = math.abs(is - was)
  return d >= 2 and (was == 0 or d >= was / 4)
end

-- "rose from 12 to 18 (+50%)", "fell from 5 in 2019-Q1 to 2 (−60%)", "rose to 3, from none".
local function moved(was, is, when)
  local at = when and " in " .. when or ""
  if was == 0 then return format("rose to %d, from none%s", is, at) end
  local pct = (is - was) / was * 100
  return format("%s from %d%s to %d (%s%.0f%%)", is > was and "rose" or "fell", was, at, is, is > was and "+" or "−", math.abs(pct))
end

--- r:highlights{ of = function(period), by = field | function(p), name = function(key), noun = "purpose" }:
--- a paragraph saying what changed since the period before.
function builder.highlights(r, t)
  check_fields("highlights", t, fields.highlights_spec)
  if type(t.of) ~= "function" then fail("highlights: 'of' must be a function of a period giving its partnerships") end
  if type(t.by) ~= "string" and type(t.by) ~= "function" then fail("highlights: 'by' must be a field name or a function") end
  if t.name ~= nil and type(t.name) ~= "function" then fail("highlights: 'name' must be a function of a key") end
  local noun = t.noun == nil and "purpose" or check_string("highlights", "noun", t.noun)
  local previous = r.period:previous()
  local now, before = t.of(r.period), t.of(previous)
  if not is_collection(now) or not is_collection(before) then fail("highlights: 'of' must give a collection of partnerships") end
  local total = #now == #before and format("As many partnerships as in %s: %d.", previous.label, #now)
    or format("Partnerships %s.", moved(#before, #now, previous.label))
  -- Counted, not grouped: a group would list its partnerships, which nothing here shows.
  local counts_now, counts_before = counts_by(now, t.by), counts_by(before, t.by)
  local moves = {}
  for _, counts in ipairs({ counts_now, counts_before }) do
    for k in next, counts do
      if not moves[k] then
        local was, is = counts_before[k] or 0, counts_now[k] or 0
        if notable(was, is) then
          local name = t.name and t.name(k) or tostring(k)
          if type(name) ~= "string" then fail("highlights: 'name' must return a string (key %s)", tostring(k)) end
          moves[k] = { name = name, was = was, is = is }
        end
      end
    end
  end
  local list = {}
  for _, m in next, moves do list[#list + 1] = m end
  sort(list, function(a, b)
    local da, db = math.abs(a.is - a.was), math.abs(b.is - b.was)
    if da ~= db then return da > db end
    return a.name < b.name
  end)
  local parts = {}
  for i = 1, math.min(3, #list) do parts[i] = list[i].name .. " " .. moved(list[i].was, list[i].is) end
  local text = #parts > 0 and total .. " " .. concat(parts, "; ") .. "."
    or format("%s No %s moved by 2 or more and by a quarter or more.", total, noun)
  add(r, { kind = "highlights", text = text })
end

--- r:breakdown{ id =, title =, of = collection, by = "form" | function(p), name = function(key), column = "Form",
---   top = n, chart = "bar" | "horizontal", show = "chart" | "table" | "both" }:
--- a table of counts by key, largest first, with a totals row, and a chart of it.
function builder.breakdown(r, t)
  check_fields("breakdown", t, fields.breakdown_spec)
  if not is_collection(t.of) then fail("breakdown: 'of' must be a collection of partnerships") end
  if type(t.by) ~= "string" and type(t.by) ~= "function" then fail("breakdown: 'by' must be a field name or a function") end
  if t.chart ~= nil and t.chart ~= "bar" and t.chart ~= "horizontal" then
    fail("breakdown: 'chart' must be \"bar\" or \"horizontal\"")
  end
  if t.compare ~= nil and type(t.compare) ~= "function" then
    fail("breakdown: 'compare' must be a function of a period giving its partnerships")
  end
  -- The page shows the numbers once: as a chart when there is one, else as a table; a table
  -- with comparisons says more than the chart, and is shown beside it.
  local show = t.show or (t.compare and "both") or (t.chart and "chart" or "table")
  if show ~= "chart" and show ~= "table" and show ~= "both" then
    fail("breakdown: 'show' must be \"chart\", \"table\" or \"both\"")
  end
  local chart_kind = show ~= "table" and (t.chart or "horizontal") or nil
  if t.top ~= nil and (math_type(t.top) ~= "integer" or t.top < 1) then fail("breakdown: 'top' must be a positive integer") end
  if t.name ~= nil and type(t.name) ~= "function" then fail("breakdown: 'name' must be a function of a key") end
  -- A row shows its key's name, and keeps the key (for the JSON and the CSV's id column).
  local function named(k)
    if t.name == nil then return tostring(k) end
    local text = t.name(k)
    if type(text) ~= "string" then fail("breakdown: 'name' must return a string, not a %s (key %s)", type(text), tostring(k)) end
    return text
  end
  local row_keys = {}
  local key_of = type(t.by) == "function" and t.by or function(p) return p[t.by] end
  -- A partnership with several keys (labels) counts in several rows: no total then.
  -- One with none counts in a "(none)" row, never silently dropped. Partnership ids
  -- (`accord.ids`) grouped by a dimension say both themselves.
  -- With `top` and no comparison, the host keeps only the groups that can be shown of a
  -- collection it groups, and counts the keys it leaves out.
  local groups, keyless, multi, hidden
  if t.top and not t.compare and t.order ~= "key" then
    groups, keyless, multi, hidden = collections.top_groups(t.of, t.by, t.top)
  end
  if groups == nil then groups, keyless, multi = t.of:group_by(t.by) end
  hidden = hidden or 0
  if keyless == nil then
    multi = false
    keyless = t.of:filter(function(p)
      local k = key_of(p)
      if type(k) == "table" then
        multi = true
        return #k == 0
      end
      return k == nil
    end)
  end
  -- Only the keys a reader sees, or that are sorted among them, are named: a year's
  -- organizations are tens of thousands, and a name may take a query.
  local keys, names = {}, setmetatable({}, { __index = function(known, k)
    local text = named(k)
    known[k] = text
    return text
  end })
  for k in next, groups do keys[#keys + 1] = k end
  -- Compared with earlier periods, a key those had and this one has not gets a row of 0.
  local grouped = t.compare and grouper(t)
  local earlier = grouped and earlier_groups(r.period, grouped) or {}
  for _, e in ipairs(earlier) do
    for k in next, e.groups do
      if groups[k] == nil then
        groups[k] = t.of:filter(function() return false end)
        keys[#keys + 1] = k
      end
    end
  end
  if t.order ~= nil and t.order ~= "count" and t.order ~= "key" then
    fail("breakdown: 'order' must be \"count\" or \"key\"")
  end
  -- The most first (equal counts by the name a reader sees, then by key), or by key.
  local counts, texts, by_count = {}, {}, t.order ~= "key"
  for _, k in ipairs(keys) do counts[k], texts[k] = #groups[k], tostring(k) end
  -- With `top`, a key counted less often than the top-th is never shown, only lumped with the
  -- rest, in no order: those are left unsorted (a year's organizations are tens of thousands).
  local unshown = {}
  if by_count and t.top and #keys > 2 * t.top then
    local sorted = {}
    for i, k in ipairs(keys) do sorted[i] = counts[k] end
    sort(sorted)
    local least = sorted[#sorted - t.top + 1]
    local shown = {}
    for _, k in ipairs(keys) do
      if counts[k] >= least then shown[#shown + 1] = k else unshown[#unshown + 1] = k end
    end
    keys = shown
  end
  sort(keys, function(a, b)
    if by_count and counts[a] ~= counts[b] then return counts[a] > counts[b] end
    if by_count and names[a] ~= names[b] then return names[a] < names[b] end
    return texts[a] < texts[b]
  end)
  for _, k in ipairs(unshown) do keys[#keys + 1] = k end
  local cut, split = top_cut(keys, function(k) return #groups[k] end, t.top, #keys + hidden)
  local keyed = {} -- row → its key
  local rows, categories = {}, {}
  local other -- the row lumping the rest together
  for i = 1, cut or #keys do
    local k = keys[i]
    rows[#rows + 1] = { names[k], groups[k] }
    keyed[#rows] = k
    if t.name then row_keys[#rows] = tostring(k) end
  end
  -- Keys only earlier periods had (compared, with no partnership now) are not lumped in.
  local more = hidden
  for j = (cut or #keys) + 1, #keys do if #groups[keys[j]] > 0 then more = more + 1 end end
  if more > 0 then
    -- Those with a key not shown, in the collection's order.
    local others
    if hidden > 0 then
      local shown = {}
      for i = 1, cut do shown[i] = keys[i] end
      others = collections.outside(t.of, t.by, shown)
    else
      local lumped = {}
      for j = cut + 1, #keys do
        for _, item in ipairs(groups[keys[j]]) do lumped[item] = true end
      end
      others = t.of:filter(function(p) return lumped[p] end)
    end
    local tie = split and format(", %d of them tied with the last shown", split) or ""
    local lumped_keys = t.noun and format("%d more %s", more, t.noun) or format("%d more", more)
    local counted = t.noun and format(", %d partnership%s", #others, #others == 1 and "" or "s") or ""
    rows[#rows + 1] = { format("Other (%s%s%s)", lumped_keys, counted, tie), others }
    other = #rows
  end
  if t.none ~= nil then check_string("breakdown", "none", t.none) end
  if t.noun ~= nil then check_string("breakdown", "noun", t.noun) end
  if #keyless > 0 then rows[#rows + 1] = { t.none or "(none)", keyless } end
  for i, row in ipairs(rows) do categories[i] = row[1] end
  local columns = { t.column or "", "Partnerships" }
  if t.compare then compare_rows(earlier, rows, keyed, columns) end
  builder.table(r, { id = t.id, title = t.title, columns = columns, rows = rows, totals = not multi })
  if grouped then trend_cells(r, counter(t), keyed) end
  local block = r.blocks[#r.blocks]
  block.other = other
  for i, key in next, row_keys do block.rows[i][1].key = key end
  block.hidden = show == "chart"
  if chart_kind then
    -- The table's own cells of counts: the host then reads each list of ids once.
    local values = {}
    for i in ipairs(rows) do values[i] = block.rows[i][2] end
    chart(r, "bar", { id = t.id .. "-chart", title = t.title, categories = categories,
                      series = { { name = "Partnerships", values = values } }, horizontal = chart_kind == "horizontal" })
    r.blocks[#r.blocks].other = other
    if show == "both" then
      -- The chart comes first, with the title; the table under it says it once more to screen readers only.
      block.untitled = true
      r.blocks[#r.blocks - 1], r.blocks[#r.blocks] = r.blocks[#r.blocks], block
    end
  end
end

--- r:trend{ id =, title =, periods = 5, series = { { name =, value = function(period) … end } }, unit = }:
--- a line chart over this period and the ones before it.
function builder.trend(r, t)
  check_fields("trend", t, fields.trend_spec)
  local n = t.periods or 5
  if math_type(n) ~= "integer" or n < 2 or n > 60 then fail("trend: 'periods' must be an integer from 2 to 60") end
  if type(t.series) ~= "table" or #t.series == 0 then fail("trend: 'series' must be a list of {name =, value = function}") end
  local periods = { r.period }
  for i = 2, n do periods[i] = periods[i - 1]:previous() end
  local categories, series = {}, {}
  for i = 1, n do categories[i] = periods[n + 1 - i].label end
  for s, spec in ipairs(t.series) do
    check_fields("trend series", spec, fields.trend_series)
    if type(spec.value) ~= "function" then fail("trend: each series needs 'value', a function of the period") end
    local values = {}
    for i = 1, n do
      local period = periods[n + 1 - i]
      local v = spec.value(period)
      if math_type(v) == nil and not is_collection(v) then
        fail("trend '%s': series '%s' gave a %s for %s; expected a number or a collection", t.id, tostring(spec.name),
          type(v), period.label)
      end
      values[i] = v
    end
    series[s] = { name = spec.name, values = values }
  end
  chart(r, "line", { id = t.id, title = t.title, categories = categories, series = series, unit = t.unit })
end

--- r:partnerships{ title =, items = collection }: a list of partnerships with their sources.
function builder.partnerships(r, t)
  check_fields("partnerships", t, fields.partnership_list)
  if not is_collection(t.items) then fail("partnerships: 'items' must be a collection of partnerships") end
  add(r, { kind = "partnerships", title = check_string("partnerships", "title", t.title), ids = ids_of(t.items) })
end

--- r:coarse_dates([collection]): the line counting partnerships dated too
--- coarsely for the period: those of the collection given (such as
--- accord.partnerships{ period = p, dated = "coarser", party = "khidi" }), or
--- else all in the database. Added at the end when a report does not place it.
function builder.coarse_dates(r, c)
  if c ~= nil and not is_collection(c) then fail("coarse_dates: give a collection of partnerships, or nothing") end
  r.coarse_placed = true
  add(r, { kind = "coarse", ids = c and ids_of(c) or nil })
end

local method_names = native.methods

-- The host's side ------------------------------------------------------------------

local host = {}
local report_fields = fields.report_def
-- The builder's functions, for checking against the declared methods.
host.builder = builder

local known_grains, grain_text = one_of(native.grains)
local known_formats, format_text = one_of(native.formats)

-- Reads a report table into plain data, or raises the first problem.
function host.describe(def, file)
  if type(def) ~= "table" then
    error(file .. ": the report script must return accord.report{ … }, not a " .. type(def), 0)
  end
  local at = declared_at[def] or file
  local function bad(message) error(at .. ": report: " .. message, 0) end
  for _, k in ipairs(sorted_keys(def)) do
    local known = false
    for _, f in ipairs(report_fields) do known = known or f == k end
    if not known then bad(format("unknown field '%s'%s", tostring(k), native.suggest(tostring(k), report_fields))) end
  end
  local out = { at = at, formats = {}, params = {} }
  for _, key in ipairs({ "id", "title", "grain", "start", "description" }) do
    local v = rawget(def, key)
    if v ~= nil and type(v) ~= "string" then bad(format("'%s' must be a string, not %s", key, type(v))) end
    out[key] = v
  end
  if out.title == nil then bad("'title' is missing") end
  if out.id ~= nil and not find(out.id, "^[a-z][a-z0-9_-]*$") then
    bad(format("'id' must be lower-case letters, digits, '_' and '-', starting with a letter (it names a folder), not %q", out.id))
  end
  if not known_grains[out.grain] then
    bad(format("'grain' must be %s, not %s", grain_text, tostring(out.grain)))
  end
  if type(rawget(def, "build")) ~= "function" then bad("'build' must be a function(r, period, params)") end
  local listing = rawget(def, "listing")
  if listing ~= nil and type(listing) ~= "function" then
    bad("'listing' must be a function(period, params) giving conditions, such as { party = params.org }")
  end
  local formats = rawget(def, "formats")
  if formats ~= nil then
    if type(formats) ~= "table" or #formats == 0 then bad("'formats' must be a list such as {\"html\", \"csv\"}") end
    local seen = {}
    for i = 1, #formats do
      local f = rawget(formats, i)
      if not known_formats[f] then
        bad(format("format %s is not %s%s", tostring(f), format_text, native.suggest(tostring(f), native.formats)))
      end
      if not seen[f] then seen[f] = true; out.formats[#out.formats + 1] = f end
    end
  end
  local skip = rawget(def, "skip_if_empty")
  if skip ~= nil and type(skip) ~= "boolean" then bad("'skip_if_empty' must be true or false") end
  out.skip_if_empty = skip == true
  local params = rawget(def, "params")
  if params ~= nil then
    if type(params) ~= "table" then bad("'params' must be a table of name = description") end
    for _, name in ipairs(sorted_keys(params)) do
      local text = rawget(params, name)
      if type(name) ~= "string" or type(text) ~= "string" then bad("'params' must map names to descriptions") end
      out.params[#out.params + 1] = { name = name, text = text }
    end
    sort(out.params, function(a, b) return a.name < b.name end)
  end
  return out
end

-- The conditions of `accord.partnerships{…}` that a report's `listing` gives for a period, or nil
-- when it lists every partnership of the period.
function host.listing(def, period, params)
  local listing = rawget(def, "listing")
  if listing == nil then return nil end
  local conditions = listing(period, params)
  if conditions ~= nil and type(conditions) ~= "table" then
    error(format("listing must give a table of conditions, such as { party = params.org }, or nil, not a %s",
      type(conditions)), 0)
  end
  return conditions
end

-- Runs a report's build and returns what it built. The script gets a proxy
-- whose methods work on state it cannot reach.
function host.build(def, period, params)
  local state = new_builder(period)
  local proxy
  proxy = setmetatable({}, {
    __name = "accord.report_builder",
    __metatable = "accord.report_builder",
    __index = function(_, key)
      local method = rawget(builder, key)
      if method == nil then
        error(format("the report builder has no method '%s'%s", tostring(key),
          native.suggest(tostring(key), method_names)), 2)
      end
      return function(self, ...)
        if self ~= proxy then error(format("call the builder's methods with ':' (r:%s(…))", key), 2) end
        return method(state, ...)
      end
    end,
    __newindex = function() error("the report builder cannot be changed", 2) end,
  })
  def.build(proxy, period, params)
  return { blocks = state.blocks, coarse_placed = state.coarse_placed }
end

return host
