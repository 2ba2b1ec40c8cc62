-- The rules DSL (`accord.rules`) and the evaluator, written in Lua.
--
-- Conditions are tables that know how to describe themselves and how to test
-- a partnership, returning whether it holds and what they saw: that is what
-- makes explanations and near misses free. The chunk receives the module
-- table, native helpers and the model's vocabularies; it sets `module.rules`
-- and returns the host's side: `describe` (a pack table to plain data, with
-- its problems), `plan`, `classify` and `explain`.

local module, native, vocab = ...
local error, type, pairs, ipairs, tostring, select, pcall = error, type, pairs, ipairs, tostring, select, pcall
local setmetatable, rawget, next = setmetatable, rawget, next
-- Tables from scripts are walked with `next`, never `pairs`, so no __pairs runs.
local sorted_keys = native.sorted_keys
local lower, find, format, concat, sort = string.lower, string.find, string.format, table.concat, table.sort
local math_type = math.type

local rules = {}
module.rules = rules

local condition_meta = {
  __name = "accord.condition",
  __metatable = "accord.condition",
  __tostring = function(c) return c.text end,
}
local conditions = setmetatable({}, { __mode = "k" }) -- condition → its private parts
local declared_at = setmetatable({}, { __mode = "k" }) -- rule or pack table → "file:line"

local function is_condition(x) return conditions[x] ~= nil end

local function quote_list(items, limit)
  limit = limit or 6
  local shown = {}
  for i = 1, math.min(#items, limit) do shown[i] = format("%q", items[i]) end
  local text = concat(shown, ", ")
  if #items > limit then text = text .. format(" and %d more", #items - limit) end
  return text
end

-- Conditions nest at most this deep; their text, and the evidence a function
-- returns, is cut at this length; a rule's evidence, its parts together, at
-- MAX_EVIDENCE.
local MAX_DEPTH, MAX_TEXT, MAX_EVIDENCE = 32, 240, 1000

-- `text` cut to at most `limit` bytes, ending in "...", never inside a UTF-8 character.
local function clip(text, limit)
  if #text <= limit then return text end
  local cut = limit - 3
  while cut > 0 and find(text, "^[\128-\191]", cut + 1) do cut = cut - 1 end
  return text:sub(1, cut) .. "..."
end

local function make_condition(kind, text, at, test, children)
  local depth = 1
  for _, child in ipairs(children or {}) do depth = math.max(depth, conditions[child].depth + 1) end
  if depth > MAX_DEPTH then
    error(format("%s: conditions nest more than %d deep", kind, MAX_DEPTH), 3)
  end
  text = clip(text, MAX_TEXT)
  local c = setmetatable({ kind = kind, text = text, at = at }, condition_meta)
  conditions[c] = { test = test, children = children, depth = depth }
  return c
end

-- Predicates -----------------------------------------------------------------

-- Arguments of a predicate: strings, or one list of strings with options.
local function arguments(fname, option_names, ...)
  local n, first = select("#", ...), ...
  local items, options = { ... }, {}
  if n == 1 and type(first) == "table" and not is_condition(first) then
    items = {}
    for _, k in ipairs(sorted_keys(first)) do
      local v = rawget(first, k)
      if math_type(k) == "integer" then
        items[k] = v
      elseif option_names[k] then
        options[k] = v
      else
        local names = {}
        for name in pairs(option_names) do names[#names + 1] = name end
        sort(names)
        error(format("%s: unknown option '%s'%s", fname, tostring(k), native.suggest(tostring(k), names)), 3)
      end
    end
    n = #items
  end
  for i = 1, n do
    if type(items[i]) ~= "string" then
      error(format("bad argument #%d to '%s' (string expected, got %s)", i, fname, type(items[i])), 3)
    end
  end
  return items, options
end

local function check_vocabulary(fname, what, values, allowed)
  for _, v in ipairs(values) do
    if not allowed.set[v] then
      error(format("%s: '%s' is not a %s%s", fname, v, what, native.suggest(v, allowed.list)), 3)
    end
  end
end

local function set_of(values)
  local s = {}
  for _, v in ipairs(values) do s[v] = true end
  return s
end

local function need_items(fname, items)
  if #items == 0 then error(fname .. ": give at least one value", 3) end
end

local text_fields = { "title", "summary", "tags", "products", "financials" }
local default_text_fields = { "title", "summary", "tags", "products" }

local function field_text(p, field)
  if field == "title" then return p.title end
  if field == "summary" then return rawget(p, "summary") or "" end
  local parts = {}
  if field == "tags" then
    for i, tag in ipairs(p.tags) do parts[i] = tag end
  elseif field == "products" then
    for _, product in ipairs(p.products) do
      parts[#parts + 1] = product.name
      parts[#parts + 1] = rawget(product, "indication") or ""
      parts[#parts + 1] = rawget(product, "therapeutic_area") or ""
    end
  else
    for _, f in ipairs(p.financials) do parts[#parts + 1] = rawget(f, "wording") or "" end
  end
  return concat(parts, " | ")
end

-- A text as `mentions` searches it: lower case, every run of characters that
-- are not letters or digits made one space, with one space in front. A word
-- then starts a word of the text exactly where " " .. word is found.
-- `native.words` makes a text so, indexed by word, and `native.find_word`
-- finds the first of a list of needles in it.
local NOT_WORD = "[^%w\128-\255]+"

local function searchable(text)
  return " " .. (lower(text):gsub(NOT_WORD, " "):gsub("^ ", ""))
end

local words, find_word = native.words, native.find_word

local function field_words(p, ctx, field)
  local cache = ctx.text
  local text = cache[field]
  if text == nil then
    text = words(field_text(p, field))
    cache[field] = text
  end
  return text
end

--- mentions("export", "distribution") or mentions{ "export", fields = {"title"} }
function rules.mentions(...)
  local at = native.where()
  local list, options = arguments("mentions", { fields = true }, ...)
  need_items("mentions", list)
  local fields = options.fields or default_text_fields
  if type(fields) ~= "table" or #fields == 0 then error("mentions: 'fields' must be a non-empty list", 2) end
  for _, w in ipairs(list) do
    if w == "" then error("mentions: an empty word would match everything", 2) end
  end
  check_vocabulary("mentions", "text field", fields, { set = set_of(text_fields), list = text_fields })
  -- "export" finds "exports" but "trial" does not find "industrial"; "R&D" finds "r&d" and "R & D".
  local needles = {}
  for i, w in ipairs(list) do
    needles[i] = searchable(w):gsub(" $", "")
    if needles[i] == "" then error(format("mentions: %q has no letters or digits", w), 2) end
  end
  local where = concat(fields, ", ")
  return make_condition("mentions", "mentions " .. quote_list(list), at, function(p, ctx)
    for _, field in ipairs(fields) do
      local i = find_word(field_words(p, ctx, field), needles)
      if i then return true, format("%s mentions %q", field, list[i]) end
    end
    if not ctx.explain then return false end
    return false, "no mention in " .. where
  end)
end

-- A predicate that holds when a record's single value is one of a list.
local function value_predicate(fname, what, allowed, value_of)
  return function(...)
    local at = native.where()
    local values = arguments(fname, {}, ...)
    need_items(fname, values)
    check_vocabulary(fname, what, values, allowed)
    local wanted = set_of(values)
    return make_condition(fname, fname .. " " .. quote_list(values), at, function(p, ctx)
      local value = value_of(p)
      if wanted[value] then return true, format("%s is %s", what, tostring(value)) end
      if not ctx.explain then return false end
      return false, format("%s is %s", what, tostring(value))
    end)
  end
end

local function vocabulary(list) return { set = set_of(list), list = list } end
local forms, statuses = vocabulary(vocab.forms), vocabulary(vocab.statuses)
local kinds, roles = vocabulary(vocab.kinds), vocabulary(vocab.roles)
local product_kinds, financial_types = vocabulary(vocab.product_kinds), vocabulary(vocab.financial_types)
local figure_keys = vocabulary(vocab.figure_keys)
local group_members = {}  -- territory group → set of its countries
for group, members in next, vocab.groups do group_members[group] = set_of(members) end

rules.form_is = value_predicate("form_is", "form", forms, function(p) return p.form end)
rules.status_is = value_predicate("status_is", "status", statuses, function(p) return p.status end)

local function list_seen(prefix, items, describe)
  if #items == 0 then return "no " .. prefix end
  local shown = {}
  for i = 1, math.min(#items, 5) do shown[i] = describe(items[i]) end
  local text = prefix .. ": " .. concat(shown, ", ")
  if #items > 5 then text = text .. format(" and %d more", #items - 5) end
  return text
end

local function describe_party(party)
  return format("%s (%s, %s, %s)", party.id, party.role, party.kind, party.country)
end

local party_keys = { role = roles, kind = kinds, country = true, id = true, name = true, parent = true }

--- involves("roche"), involves{ kind = "regulator" }, involves({ role = "investor" }, "khidi")
function rules.involves(...)
  local at = native.where()
  local n = select("#", ...)
  if n == 0 then error("involves: give at least one organization or table of party fields", 2) end
  local who, texts = { ... }, {}
  for i = 1, n do
    local w = who[i]
    if type(w) == "string" then
      texts[i] = format("%q", w)
    elseif type(w) == "table" and not is_condition(w) then
      local keys = {}
      for _, k in ipairs(sorted_keys(w)) do
        local v = rawget(w, k)
        local allowed = party_keys[k]
        if allowed == nil then
          error(format("involves: unknown party field '%s'%s", tostring(k),
            native.suggest(tostring(k), { "role", "kind", "country", "id", "name", "parent" })), 2)
        end
        if type(v) ~= "string" then error(format("involves: '%s' must be a string", k), 2) end
        if allowed ~= true then check_vocabulary("involves", k, { v }, allowed) end
        if k == "country" and not (find(v, "^%u%u$") and native.is_territory(v)) then
          error(format("involves: country '%s' is not an ISO 3166 code such as KR", v), 2)
        end
        keys[#keys + 1] = format("%s = %q", k, v)
      end
      sort(keys)
      texts[i] = "{" .. concat(keys, ", ") .. "}"
    else
      error(format("bad argument #%d to 'involves' (string or table expected, got %s)", i, type(w)), 2)
    end
  end
  return make_condition("involves", "involves " .. concat(texts, " or "), at, function(p, ctx)
    for i = 1, n do
      local ok, party = p:involves(who[i])
      if ok then return true, "party " .. describe_party(party) end
    end
    if not ctx.explain then return false end
    return false, list_seen("parties", p.parties, describe_party)
  end)
end

--- territory_in("ASEAN", "VN"): a territory is one of these, inside one of these groups, or a group that includes one.
function rules.territory_in(...)
  local at = native.where()
  local codes = arguments("territory_in", {}, ...)
  need_items("territory_in", codes)
  for _, code in ipairs(codes) do
    if not native.is_territory(code) then
      error(format("territory_in: '%s' is not a country code or territory group", code), 2)
    end
  end
  -- Worked out once: every territory that is a code, lies in a group named,
  -- or is a group (GLOBAL included) containing a code.
  local accepted, everywhere = { GLOBAL = true }, false
  for _, code in ipairs(codes) do
    accepted[code] = true
    if code == "GLOBAL" then everywhere = true end
    for member in next, group_members[code] or {} do accepted[member] = true end
    for group, members in next, group_members do
      if members[code] then accepted[group] = true end
    end
  end
  return make_condition("territory_in", "territory_in " .. quote_list(codes), at, function(p, ctx)
    for _, t in ipairs(p.territories) do
      if everywhere or accepted[t] then return true, "territory " .. t end
    end
    if not ctx.explain then return false end
    return false, list_seen("territories", p.territories, tostring)
  end)
end

--- tagged("digital", "ai")
function rules.tagged(...)
  local at = native.where()
  local tags = arguments("tagged", {}, ...)
  need_items("tagged", tags)
  local wanted = {}
  for _, t in ipairs(tags) do wanted[lower(t)] = true end
  return make_condition("tagged", "tagged " .. quote_list(tags), at, function(p, ctx)
    local lowered = ctx.tags
    if lowered == nil then
      lowered = {}
      for i, t in ipairs(p.tags) do lowered[i] = lower(t) end
      ctx.tags = lowered
    end
    for i, t in ipairs(lowered) do
      if wanted[t] then return true, "tag " .. p.tags[i] end
    end
    if not ctx.explain then return false end
    return false, list_seen("tags", p.tags, tostring)
  end)
end

-- The spec of has_product and has_financial: one value of the main field, or
-- a table of fields (`types` maps each to "string" or "number"). Returns the
-- spec and its text: `{kind = "drug"}`.
local function read_spec(fname, main, types, ...)
  local first = ...
  if select("#", ...) ~= 1 or (type(first) ~= "table" and type(first) ~= "string") then
    local names = {}
    for name in pairs(types) do names[#names + 1] = name end
    sort(names)
    error(format("%s: give a %s or a table {%s =}", fname, main, concat(names, " =, ")), 3)
  end
  local spec = type(first) == "table" and first or { [main] = first }
  local parts = {}
  for _, k in ipairs(sorted_keys(spec)) do
    local v = rawget(spec, k)
    local expected = types[k]
    if expected == nil then
      local names = {}
      for name in pairs(types) do names[#names + 1] = name end
      sort(names)
      error(format("%s: unknown field '%s'%s", fname, tostring(k), native.suggest(tostring(k), names)), 3)
    end
    if type(v) ~= expected then error(format("%s: '%s' must be a %s", fname, k, expected), 3) end
    parts[#parts + 1] = format(expected == "number" and "%s = %.15g" or "%s = %q", k, v)
  end
  sort(parts)
  return spec, "{" .. concat(parts, ", ") .. "}"
end

--- has_product("vaccine") or has_product{ kind = "drug", area = "oncology" }
function rules.has_product(...)
  local at = native.where()
  local spec, text = read_spec("has_product", "kind", { kind = "string", area = "string", name = "string" }, ...)
  if spec.kind then check_vocabulary("has_product", "product kind", { spec.kind }, product_kinds) end
  local area, name = spec.area and lower(spec.area), spec.name and lower(spec.name)
  return make_condition("has_product", "has_product " .. text, at, function(p, ctx)
    for _, product in ipairs(p.products) do
      if (spec.kind == nil or product.kind == spec.kind)
        and (area == nil or lower(rawget(product, "therapeutic_area") or "") == area)
        and (name == nil or lower(product.name) == name) then
        return true, format("product %s (%s)", product.name, product.kind)
      end
    end
    if not ctx.explain then return false end
    return false, list_seen("products", p.products, function(x) return format("%s (%s)", x.name, x.kind) end)
  end)
end

--- has_financial("investment") or has_financial{ type = "investment", currency = "KRW", min = 1e9 }
function rules.has_financial(...)
  local at = native.where()
  local spec, text = read_spec("has_financial", "type", { type = "string", currency = "string", min = "number" }, ...)
  if spec.type then check_vocabulary("has_financial", "financial type", { spec.type }, financial_types) end
  if spec.min ~= nil and spec.currency == nil then
    error("has_financial: 'min' needs a 'currency' (amounts in different currencies do not compare)", 2)
  end
  local function describe(f)
    if rawget(f, "amount") then return format("%s %.15g %s", f.type, f.amount, f.currency) end
    return f.type
  end
  return make_condition("has_financial", "has_financial " .. text, at, function(p, ctx)
    for _, f in ipairs(p.financials) do
      if (spec.type == nil or f.type == spec.type)
        and (spec.currency == nil or rawget(f, "currency") == spec.currency)
        and (spec.min == nil or (rawget(f, "amount") or -math.huge) >= spec.min) then
        return true, describe(f)
      end
    end
    if not ctx.explain then return false end
    return false, list_seen("financial terms", p.financials, describe)
  end)
end

--- has_figure("participants") or has_figure("participants", 100): the programme reports the count (at least `min`).
function rules.has_figure(key, min)
  local at = native.where()
  if type(key) ~= "string" then error("bad argument #1 to 'has_figure' (string expected, got " .. type(key) .. ")", 2) end
  check_vocabulary("has_figure", "figure", { key }, figure_keys)
  if min ~= nil and type(min) ~= "number" then error("bad argument #2 to 'has_figure' (number expected, got " .. type(min) .. ")", 2) end
  local text = min and format("has_figure %q >= %.15g", key, min) or format("has_figure %q", key)
  return make_condition("has_figure", text, at, function(p)
    local value = rawget(p.figures, key)
    if value == nil then return false, key .. " not reported" end
    return min == nil or value >= min, format("%s = %d", key, value)
  end)
end

--- condition("territory abroad", function(p) … end): a function, named for explanations.
function rules.condition(text, f)
  local at = native.where()
  if type(text) ~= "string" then error("bad argument #1 to 'condition' (string expected, got " .. type(text) .. ")", 2) end
  if type(f) ~= "function" then error("bad argument #2 to 'condition' (function expected, got " .. type(f) .. ")", 2) end
  return make_condition("function", text, at, function(p)
    local ok, evidence = f(p)
    if evidence ~= nil then evidence = clip(type(evidence) == "string" and evidence or tostring(evidence), MAX_TEXT) end
    if ok then return true, evidence or "holds" end
    return false, evidence or "does not hold"
  end)
end

-- Combinators ------------------------------------------------------------------

local function as_condition(x, fname, i, at)
  if is_condition(x) then return x end
  if type(x) == "function" then
    local where = native.defined_at(x)
    return make_condition("function", "function at " .. where, at, function(p)
      local ok, evidence = x(p)
      if evidence ~= nil then evidence = clip(type(evidence) == "string" and evidence or tostring(evidence), MAX_TEXT) end
      if ok then return true, evidence or "returned true" end
      return false, evidence or "returned " .. tostring(ok)
    end)
  end
  error(format("%s: item %d is a %s; expected a condition (mentions, form_is, …) or a function", fname, i, type(x)), 3)
end

local function combinator(fname, evaluate)
  return function(list)
    local at = native.where()
    if type(list) ~= "table" or is_condition(list) then
      error(format("bad argument #1 to '%s' (list of conditions expected, got %s)", fname,
        is_condition(list) and "a single condition" or type(list)), 2)
    end
    if #list == 0 then error(fname .. ": give at least one condition", 2) end
    local children, texts = {}, {}
    for i = 1, #list do
      children[i] = as_condition(list[i], fname, i, at)
      texts[i] = children[i].text
    end
    return make_condition(fname, fname .. "{ " .. concat(texts, ", ") .. " }", at, evaluate(children), children)
  end
end

local function test(c, p, ctx) return conditions[c].test(p, ctx) end

-- A combinator's test: it stops at the first part whose result is `stop_on`,
-- answering `stopped`; otherwise it answers the opposite, with all it saw.
local function short_circuit(stop_on, stopped)
  return function(children)
    return function(p, ctx)
      -- Outside explain, parts that fail give no text: only what held is evidence.
      local seen = {}
      for i, child in ipairs(children) do
        local ok, s = test(child, p, ctx)
        if (ok and true or false) == stop_on then return stopped, s end
        seen[i] = s
      end
      local result = not stopped
      if ctx.explain or (result and stop_on == false) then return result, concat(seen, "; ") end
      if not result then return false end
      -- A `none` that held: its evidence is what its parts saw, so ask them again for it.
      ctx.explain = true
      for i, child in ipairs(children) do
        local _, s = test(child, p, ctx)
        seen[i] = s
      end
      ctx.explain = nil
      return result, concat(seen, "; ")
    end
  end
end

rules.all = combinator("all", short_circuit(false, false))
rules.any = combinator("any", short_circuit(true, true))
rules.none = combinator("none", short_circuit(true, false))

-- Rules and packs ----------------------------------------------------------------

--- rule{ id = …, label = …, when = … }: a rule, remembering where it was declared.
function rules.rule(def)
  if type(def) ~= "table" then error("bad argument #1 to 'rule' (table expected, got " .. type(def) .. ")", 2) end
  declared_at[def] = native.where()
  return def
end

--- pack{ name = …, version = …, rules = {…} }: a pack, remembering where it was declared.
function rules.pack(def)
  if type(def) ~= "table" then error("bad argument #1 to 'pack' (table expected, got " .. type(def) .. ")", 2) end
  declared_at[def] = native.where()
  return def
end

-- The host's side ------------------------------------------------------------------

local host = {}
-- What `describe` compiled, by pack key (one loaded pack file): rules by
-- local id, overlay conditions by index.
local compiled, overlay_conditions = {}, {}
local plan = {} -- the rules to evaluate, in order

local pack_fields = { "name", "version", "description", "hit_policy", "labels", "requires", "rules", "overlays" }
local rule_fields = { "id", "label", "description", "priority", "status", "tags", "when" }
local overlay_fields = { "rule", "disable", "narrow", "reason" }
local id_pattern = "^[a-z][a-z0-9_-]*$"

-- Reads a pack table into plain data the host can read, collecting problems
-- rather than stopping at the first one.
function host.describe(def, file, key)
  local problems = {}
  local rules_of, overlays_of = {}, {}
  compiled[key], overlay_conditions[key] = rules_of, overlays_of
  local pack_at = declared_at[def] or file
  local function problem(at, message) problems[#problems + 1] = { at = at, message = message } end
  if type(def) ~= "table" then
    problem(file, "the pack file must return a pack table (return accord.rules.pack{ … }), not a " .. type(def))
    return { problems = problems }
  end
  local function check_fields(t, allowed, what, at)
    local known = set_of(allowed)
    for _, k in ipairs(sorted_keys(t)) do
      if not known[k] then
        problem(at, format("%s: unknown field '%s'%s", what, tostring(k), native.suggest(tostring(k), allowed)))
      end
    end
  end
  local function optional_string(t, field, what, at)
    local v = rawget(t, field)
    if v ~= nil and type(v) ~= "string" then
      problem(at, format("%s: '%s' must be a string, not a %s", what, field, type(v)))
      return nil
    end
    return v
  end
  check_fields(def, pack_fields, "pack", pack_at)
  local out = { at = pack_at, rules = {}, overlays = {}, labels = {}, requires = {}, problems = problems }
  out.name = optional_string(def, "name", "pack", pack_at)
  out.version = optional_string(def, "version", "pack", pack_at)
  out.description = optional_string(def, "description", "pack", pack_at)
  out.hit_policy = optional_string(def, "hit_policy", "pack", pack_at) or "collect"
  if out.name == nil then problem(pack_at, "pack: 'name' is missing")
  elseif not find(out.name, id_pattern) then
    problem(pack_at, format("pack: name '%s' must be lower-case letters, digits, '_' and '-', starting with a letter", out.name))
  end
  if out.version == nil then problem(pack_at, "pack: 'version' is missing (a semantic version such as \"1.0.0\")") end
  if out.hit_policy ~= "collect" and out.hit_policy ~= "first" and out.hit_policy ~= "unique" then
    problem(pack_at, format("pack: hit_policy '%s' is not collect, first or unique%s", out.hit_policy,
      native.suggest(out.hit_policy, { "collect", "first", "unique" })))
  end

  local labels = rawget(def, "labels")
  local vocabulary_set = {}
  if labels ~= nil and type(labels) ~= "table" then
    problem(pack_at, "pack: 'labels' must be a table of label = description")
  elseif labels ~= nil then
    for _, name in ipairs(sorted_keys(labels)) do
      local text = rawget(labels, name)
      if type(name) ~= "string" or not find(name, id_pattern) then
        problem(pack_at, format("pack: label '%s' must be lower-case letters, digits, '_' and '-', starting with a letter", tostring(name)))
      elseif type(text) ~= "string" then
        problem(pack_at, format("pack: label '%s' needs a description string", name))
      else
        out.labels[#out.labels + 1] = { name = name, text = text }
        vocabulary_set[name] = true
      end
    end
    sort(out.labels, function(a, b) return a.name < b.name end)
  end

  local requires = rawget(def, "requires")
  if requires ~= nil and type(requires) ~= "table" then
    problem(pack_at, "pack: 'requires' must be a table of pack = version range")
  elseif requires ~= nil then
    for _, name in ipairs(sorted_keys(requires)) do
      local range = rawget(requires, name)
      if type(name) ~= "string" or type(range) ~= "string" then
        problem(pack_at, "pack: 'requires' entries must be name = \"version range\" strings")
      else
        out.requires[#out.requires + 1] = { name = name, range = range }
      end
    end
    sort(out.requires, function(a, b) return a.name < b.name end)
  end

  -- Entries of `rules` and `overlays` outside their list part would be skipped: say so.
  local function check_list(t, name)
    local n = #t
    for _, k in ipairs(sorted_keys(t)) do
      if math_type(k) ~= "integer" or k < 1 or k > n then
        problem(pack_at, format("pack: '%s' has an entry at key %s; write it as a list: %s = { …, … }", name, tostring(k), name))
      end
    end
  end
  local rule_list = rawget(def, "rules") or {}
  if type(rule_list) ~= "table" then problem(pack_at, "pack: 'rules' must be a list of rules") rule_list = {} end
  check_list(rule_list, "rules")
  local seen_ids = {}
  for i, r in ipairs(rule_list) do
    local at = type(r) == "table" and declared_at[r] or pack_at
    if type(r) ~= "table" then
      problem(pack_at, format("rules[%d]: expected a rule table, got a %s", i, type(r)))
    else
      check_fields(r, rule_fields, format("rule %s", tostring(rawget(r, "id") or "#" .. i)), at)
      local id = rawget(r, "id")
      local what = "rule " .. (type(id) == "string" and id or "#" .. i)
      local info = { at = at, tags = {} }
      if type(id) ~= "string" then
        problem(at, what .. ": 'id' is missing")
      elseif not find(id, id_pattern) then
        problem(at, format("%s: id must be lower-case letters, digits, '_' and '-', starting with a letter (the pack name is added: %s.%s)",
          what, tostring(out.name), id))
      elseif seen_ids[id] then
        problem(at, format("%s: duplicate id (first declared at %s)", what, seen_ids[id]))
      else
        seen_ids[id] = at
        info.id = id
      end
      info.label = optional_string(r, "label", what, at)
      if info.label == nil then problem(at, what .. ": 'label' is missing")
      elseif not vocabulary_set[info.label] then
        local names = {}
        for _, l in ipairs(out.labels) do names[#names + 1] = l.name end
        problem(at, format("%s: label '%s' is not in the pack's labels%s", what, info.label, native.suggest(info.label, names)))
      end
      info.description = optional_string(r, "description", what, at)
      local priority = rawget(r, "priority") or 0
      if math_type(priority) ~= "integer" then
        problem(at, format("%s: 'priority' must be an integer, not %s", what, tostring(priority)))
        priority = 0
      end
      info.priority = priority
      info.status = optional_string(r, "status", what, at) or "experimental"
      if info.status ~= "experimental" and info.status ~= "stable" and info.status ~= "deprecated" then
        problem(at, format("%s: status '%s' is not experimental, stable or deprecated%s", what, info.status,
          native.suggest(info.status, { "experimental", "stable", "deprecated" })))
      end
      local tags = rawget(r, "tags") or {}
      if type(tags) ~= "table" then problem(at, what .. ": 'tags' must be a list of strings") tags = {} end
      for _, t in ipairs(tags) do
        if type(t) == "string" then info.tags[#info.tags + 1] = t else problem(at, what .. ": 'tags' must be a list of strings") end
      end
      local when = rawget(r, "when")
      if when == nil then
        problem(at, what .. ": 'when' is missing (a condition such as all{…}, or a function of the partnership)")
      elseif is_condition(when) or type(when) == "function" then
        local ok, c = pcall(as_condition, when, "when", 1, at)
        if ok then
          info.condition = c.text
          if info.id then rules_of[info.id] = { condition = c, label = info.label } end
        end
      else
        problem(at, format("%s: 'when' must be a condition or a function, not a %s", what, type(when)))
      end
      out.rules[#out.rules + 1] = info
    end
  end

  local overlays = rawget(def, "overlays") or {}
  if type(overlays) ~= "table" then problem(pack_at, "pack: 'overlays' must be a list") overlays = {} end
  check_list(overlays, "overlays")
  for i, o in ipairs(overlays) do
    local at = type(o) == "table" and declared_at[o] or pack_at
    if type(o) ~= "table" then
      problem(pack_at, format("overlays[%d]: expected a table {rule =, disable = true | narrow = condition, reason =}", i))
    else
      local what = format("overlays[%d]", i)
      check_fields(o, overlay_fields, what, at)
      local info = { at = at, rule = optional_string(o, "rule", what, at), reason = optional_string(o, "reason", what, at) }
      if info.rule == nil then problem(at, what .. ": 'rule' is missing (the namespaced id of the rule to change, e.g. standard.export)") end
      local disable, narrow = rawget(o, "disable"), rawget(o, "narrow")
      if disable ~= nil and type(disable) ~= "boolean" then problem(at, what .. ": 'disable' must be true or false") end
      info.disable = disable == true
      if narrow ~= nil then
        local ok, c = pcall(as_condition, narrow, "narrow", 1, at)
        if ok then info.narrow = c.text; overlays_of[i] = c
        else problem(at, what .. ": 'narrow' must be a condition or a function") end
      end
      if not info.disable and info.narrow == nil then
        problem(at, what .. ": give 'disable = true' or a 'narrow' condition")
      elseif info.disable and info.narrow ~= nil then
        problem(at, what .. ": give either 'disable' or 'narrow', not both")
      end
      out.overlays[#out.overlays + 1] = info
    end
  end
  return out
end

-- Confines a pack's environment: `require` loads only the pack's own
-- modules, and none from its tests folder, so that everything a pack can
-- load is covered by its digest; `print` goes to stderr, never into results.
function host.confine(env, name)
  local require = env.require
  env.require = function(module_name)
    if type(module_name) ~= "string" or module_name:sub(1, #name + 1) ~= name .. "." then
      error(format("require: a pack loads only its own modules (%s.…), not '%s'", name, tostring(module_name)), 2)
    end
    if lower(module_name):sub(#name + 2, #name + 7) == "tests." then
      error(format("require: '%s' is in the pack's tests folder, which its digest and accord.lock leave out; "
        .. "move the module out of tests/ to use it in rules", module_name), 2)
    end
    return require(module_name)
  end
  env.print = native.eprint
end

-- Sets the rules to evaluate, in order. Each entry: { id = full id, key =
-- pack key, rule = local id, pack = name, first = the pack's hit policy is
-- `first`, at = where declared, narrows = { { key =, index =, pack = } } }.
function host.plan(entries)
  plan = {}
  for i, e in ipairs(entries) do
    local rule = compiled[e.key][e.rule]
    local narrows = {}
    for j, n in ipairs(e.narrows or {}) do
      narrows[j] = { pack = n.pack, condition = overlay_conditions[n.key][n.index] }
    end
    plan[i] = { id = e.id, pack = e.pack, label = rule.label, condition = rule.condition, first = e.first,
                at = e.at, narrows = narrows }
  end
end

-- An error message naming the rule, after the script position it has, or
-- else the rule's.
local function blame(what, message, at)
  message = tostring(message)
  local position, rest = message:match("^([^\n]-:%d+: )(.*)$")
  if position then return position .. what .. ": " .. rest end
  return at .. ": " .. what .. ": " .. message
end

-- Evaluates one rule, raising errors that name the rule. An overlay's
-- condition belongs to the overlay's pack: it sees that pack's copy of the
-- partnership, never the copy of the pack whose rule it narrows.
local function evaluate(entry, records, ctxs)
  local ok, holds, evidence = pcall(test, entry.condition, records[entry.pack], ctxs[entry.pack])
  if not ok then error(blame("rule " .. entry.id, holds, entry.at), 0) end
  if not holds then return false end
  for _, n in ipairs(entry.narrows) do
    local ok2, held, seen = pcall(test, n.condition, records[n.pack], ctxs[n.pack])
    if not ok2 then error(blame(format("rule %s (narrowed by %s)", entry.id, n.pack), held, entry.at), 0) end
    if not held then return false end
    evidence = evidence .. "; " .. seen
  end
  return true, clip(evidence, MAX_EVIDENCE)
end

-- Each pack gets its own copy of the partnership (`records[pack]`), so that
-- a rule or overlay that changes it cannot change what another pack sees.
-- `explain`: whether conditions that fail say what they saw (explain needs it; classify does not).
local function contexts(explain)
  return setmetatable({}, { __index = function(t, k) local c = { text = {}, explain = explain }; t[k] = c; return c end })
end

-- The rules that fire, as a flat list: id, label, evidence, id, …
function host.classify(records)
  local ctxs = contexts()
  local out, n, done = {}, 0, {}
  for _, entry in ipairs(plan) do
    if not (entry.first and done[entry.pack]) then
      local fired, evidence = evaluate(entry, records, ctxs)
      if fired then
        out[n + 1], out[n + 2], out[n + 3] = entry.id, entry.label, evidence
        n = n + 3
        done[entry.pack] = true
      end
    end
  end
  return out
end

-- A condition's full trace: every child evaluated, none short-circuited.
local function trace(c, p, ctx)
  local parts = conditions[c]
  local node = { text = c.text, at = c.at, kind = c.kind }
  if parts.children then
    node.children = {}
    for i, child in ipairs(parts.children) do node.children[i] = trace(child, p, ctx) end
  end
  local ok, held, seen = pcall(parts.test, p, ctx)
  -- What each node says is cut like evidence: the host copies every node.
  if not ok then
    node.error = clip(tostring(held), MAX_EVIDENCE)
    if not node.error:match("^[^\n]-:%d+: ") and c.at then node.error = c.at .. ": " .. node.error end
    node.ok = false
  else
    node.ok = held and true or false
    node.seen = type(seen) == "string" and clip(seen, MAX_EVIDENCE) or seen
  end
  return node
end

-- For each planned rule: { id, fired, evidence, skipped, tree, narrows = { tree } }.
function host.explain(records)
  local ctxs = contexts(true)
  local out, done = {}, {}
  for i, entry in ipairs(plan) do
    local result = { id = entry.id, tree = trace(entry.condition, records[entry.pack], ctxs[entry.pack]), narrows = {} }
    for j, n in ipairs(entry.narrows) do
      result.narrows[j] = trace(n.condition, records[n.pack], ctxs[n.pack])
      result.narrows[j].pack = n.pack
    end
    local fired = result.tree.ok
    for _, n in ipairs(result.narrows) do fired = fired and n.ok end
    if fired and entry.first and done[entry.pack] then
      result.skipped = done[entry.pack]
      fired = false
    end
    if fired then
      local evidence = { result.tree.seen }
      for _, n in ipairs(result.narrows) do evidence[#evidence + 1] = n.seen end
      result.evidence = clip(concat(evidence, "; "), MAX_EVIDENCE)
      done[entry.pack] = done[entry.pack] or entry.id
    end
    result.fired = fired
    out[i] = result
  end
  return out
end

-- The fields the DSL reads from scripts' tables, checked against the declarations.
host.fields = { pack_def = pack_fields, rule_def = rule_fields, overlay = overlay_fields, party_match = party_keys }

return host
