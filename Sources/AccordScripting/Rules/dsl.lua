-- The rules DSL, `accord.rules`: predicates, combinators, rules and packs, written in Lua.
--
-- Conditions are tables that know how to describe themselves and how to test
-- a partnership, returning whether it holds and what they saw: that is what
-- makes explanations and near misses free. A declarative condition (a
-- predicate or a combinator) also keeps a `spec`, plain data from which the
-- host compiles it (Rules/Compiled); a function has none. The chunk receives the module
-- table, native helpers and the model's vocabularies; it sets `module.rules`
-- and returns what packs.lua and evaluate.lua build on: the conditions' private
-- parts and the helpers that read and test them.

local module, native, vocab = ...
local error, type, pairs, ipairs, tostring, select = error, type, pairs, ipairs, tostring, select
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

local function make_condition(kind, text, at, test, children, spec)
  local depth = 1
  for _, child in ipairs(children or {}) do depth = math.max(depth, conditions[child].depth + 1) end
  if depth > MAX_DEPTH then
    error(format("%s: conditions nest more than %d deep", kind, MAX_DEPTH), 3)
  end
  text = clip(text, MAX_TEXT)
  local c = setmetatable({ kind = kind, text = text, at = at }, condition_meta)
  conditions[c] = { test = test, children = children, depth = depth, spec = spec }
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
  fields = { table.unpack(fields, 1, #fields) } -- the list as it is now, whatever the script does with it later
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
  local evidence = {} -- evidence[f][i]: what field f finding word i says
  for f, field in ipairs(fields) do
    evidence[f] = {}
    for i, w in ipairs(list) do evidence[f][i] = format("%s mentions %q", field, w) end
  end
  -- What a failed search saw, also the evidence of a `none{}` that held: the words it looked for.
  local fail = "no mention of " .. quote_list(list, 12) .. " in " .. where
  return make_condition("mentions", "mentions " .. quote_list(list), at, function(p, ctx)
    for f, field in ipairs(fields) do
      local i = find_word(field_words(p, ctx, field), needles)
      if i then return true, evidence[f][i] end
    end
    if not ctx.explain then return false end
    return false, fail
  end, nil, { fields = fields, needles = needles, evidence = evidence, fail = fail })
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
    end, nil, { values = values })
  end
end

local function vocabulary(list) return { set = set_of(list), list = list } end
local forms, statuses = vocabulary(vocab.forms), vocabulary(vocab.statuses)
local kinds, roles = vocabulary(vocab.kinds), vocabulary(vocab.roles)
local product_kinds, financial_types = vocabulary(vocab.product_kinds), vocabulary(vocab.financial_types)
local figure_keys = vocabulary(vocab.figure_keys)
local person_roles, relation_kinds = vocabulary(vocab.person_roles), vocabulary(vocab.relation_kinds)
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
  return format("%s (%s, %s, %s)", party.id or party.description, party.role, party.kind, party.country)
end

local party_keys = { role = roles, kind = kinds, country = true, id = true, name = true, parent = true }

--- involves("roche"), involves{ kind = "regulator" }, involves({ role = "investor" }, "khidi")
function rules.involves(...)
  local at = native.where()
  local n = select("#", ...)
  if n == 0 then error("involves: give at least one organization or table of party fields", 2) end
  local who, texts, matchers = { ... }, {}, {}
  for i = 1, n do
    local w = who[i]
    if type(w) == "string" then
      texts[i] = format("%q", w)
      matchers[i] = w
    elseif type(w) == "table" and not is_condition(w) then
      local keys, copy = {}, {}
      matchers[i] = copy
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
        copy[k] = v
      end
      sort(keys)
      texts[i] = "{" .. concat(keys, ", ") .. "}"
    else
      error(format("bad argument #%d to 'involves' (string or table expected, got %s)", i, type(w)), 2)
    end
  end
  return make_condition("involves", "involves " .. concat(texts, " or "), at, function(p, ctx)
    for i = 1, n do
      local ok, party = p:involves(matchers[i])
      if ok then return true, "party " .. describe_party(party) end
    end
    if not ctx.explain then return false end
    return false, list_seen("parties", p.parties, describe_party)
  end, nil, { who = matchers })
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
  local accepted, everywhere, accepted_list = { GLOBAL = true }, false, {}
  for _, code in ipairs(codes) do
    accepted[code] = true
    if code == "GLOBAL" then everywhere = true end
    for member in next, group_members[code] or {} do accepted[member] = true end
    for group, members in next, group_members do
      if members[code] then accepted[group] = true end
    end
  end
  for code in next, accepted do accepted_list[#accepted_list + 1] = code end
  sort(accepted_list)
  return make_condition("territory_in", "territory_in " .. quote_list(codes), at, function(p, ctx)
    for _, t in ipairs(p.territories) do
      if everywhere or accepted[t] then return true, "territory " .. t end
    end
    if not ctx.explain then return false end
    return false, list_seen("territories", p.territories, tostring)
  end, nil, { accepted = accepted_list, everywhere = everywhere })
end

--- tagged("digital", "ai")
function rules.tagged(...)
  local at = native.where()
  local tags = arguments("tagged", {}, ...)
  need_items("tagged", tags)
  local wanted, wanted_list = {}, {}
  for i, t in ipairs(tags) do
    wanted[lower(t)] = true
    wanted_list[i] = lower(t)
  end
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
  end, nil, { wanted = wanted_list })
end

--- abroad(): some territory lies outside every party's home country. A group (ASEAN,
--- EUROPE, GLOBAL) is never a home country, so it always counts as abroad.
-- The home countries of the parties `counted` accepts (every party when nil), as a set and
-- in order; nil and what was unknown when one's country is not recorded.
local function home_countries(parties, counted)
  local home, homes = {}, {}
  for _, party in ipairs(parties) do
    if counted == nil or counted(party) then
      local country = rawget(party, "country")
      if country == nil then return nil, clip("home country of " .. (party.id or party.description) .. " unknown", MAX_TEXT) end
      if not home[country] then
        home[country] = true
        homes[#homes + 1] = country
      end
    end
  end
  return home, homes
end

function rules.abroad(...)
  local at = native.where()
  if select("#", ...) > 0 then error("abroad: takes no arguments", 2) end
  return make_condition("abroad", "a territory beyond the parties' home countries", at, function(p)
    local home, homes = home_countries(p.parties)
    if home == nil then return false, homes end
    if #p.territories == 0 then return false, "no territories recorded" end
    local outside = {}
    for _, t in ipairs(p.territories) do
      if not home[t] then outside[#outside + 1] = t end
    end
    local from = concat(homes, ", ")
    if #outside == 0 then
      return false, clip("territories " .. concat(p.territories, ", ") .. " are all home to a party (" .. from .. ")", MAX_TEXT)
    end
    return true, clip("territories beyond the parties' home countries (" .. from .. "): " .. concat(outside, ", "), MAX_TEXT)
  end, nil, {})
end

--- party_abroad("licensee", …): a party in one of these roles is based outside the home
--- countries of every other party: a licence granted to a group abroad is a technology export.
function rules.party_abroad(...)
  local at = native.where()
  local wanted = arguments("party_abroad", {}, ...)
  need_items("party_abroad", wanted)
  check_vocabulary("party_abroad", "role", wanted, roles)
  local set, who = set_of(wanted), concat(wanted, " or ")
  return make_condition("party_abroad", "party_abroad " .. quote_list(wanted), at, function(p)
    local home, homes = home_countries(p.parties, function(party) return not set[party.role] end)
    if home == nil then return false, homes end
    if #homes == 0 then return false, "no other party to be abroad from" end
    local from = concat(homes, ", ")
    for _, party in ipairs(p.parties) do
      local country = rawget(party, "country")
      if set[party.role] and country ~= nil and not home[country] then
        return true, clip(format("%s %s (%s) is based beyond the other parties' home countries (%s)", party.role,
          party.id or party.description, country, from), MAX_TEXT)
      end
    end
    return false, clip(format("no %s based beyond the other parties' home countries (%s)", who, from), MAX_TEXT)
  end, nil, { values = wanted })
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
  local kind, area, name = rawget(spec, "kind"), rawget(spec, "area"), rawget(spec, "name")
  area, name = area and lower(area), name and lower(name)
  return make_condition("has_product", "has_product " .. text, at, function(p, ctx)
    for _, product in ipairs(p.products) do
      if (kind == nil or product.kind == kind)
        and (area == nil or lower(rawget(product, "therapeutic_area") or "") == area)
        and (name == nil or lower(product.name) == name) then
        return true, format("product %s (%s)", product.name, product.kind)
      end
    end
    if not ctx.explain then return false end
    return false, list_seen("products", p.products, function(x) return format("%s (%s)", x.name, x.kind) end)
  end, nil, { kind = kind, area = area, name = name })
end

--- has_financial("investment") or has_financial{ type = "investment", currency = "KRW", min = 1e9 }
function rules.has_financial(...)
  local at = native.where()
  local spec, text = read_spec("has_financial", "type", { type = "string", currency = "string", min = "number" }, ...)
  local ftype, currency, min = rawget(spec, "type"), rawget(spec, "currency"), rawget(spec, "min")
  if ftype then check_vocabulary("has_financial", "financial type", { ftype }, financial_types) end
  if min ~= nil and currency == nil then
    error("has_financial: 'min' needs a 'currency' (amounts in different currencies do not compare)", 2)
  end
  local function describe(f)
    if rawget(f, "amount") then return format("%s %.15g %s", f.type, f.amount, f.currency) end
    return f.type
  end
  return make_condition("has_financial", "has_financial " .. text, at, function(p, ctx)
    for _, f in ipairs(p.financials) do
      if (ftype == nil or f.type == ftype)
        and (currency == nil or rawget(f, "currency") == currency)
        and (min == nil or (rawget(f, "amount") or -math.huge) >= min) then
        return true, describe(f)
      end
    end
    if not ctx.explain then return false end
    return false, list_seen("financial terms", p.financials, describe)
  end, nil, { type = ftype, currency = currency, min = min })
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
  end, nil, { key = key, min = min })
end

local function describe_person(person) return format("%s (%s)", person.name or person.title, person.role) end
local function describe_relation(relation) return relation.kind .. " " .. relation.to end

-- A predicate that holds when some item of a list has one of the wanted values (any item when
-- none are wanted): `has_person("signatory")`, `related_to("part_of")`.
local function list_predicate(fname, what, allowed, list_of, value_of, noun, describe)
  return function(...)
    local at = native.where()
    local wanted = arguments(fname, {}, ...)
    check_vocabulary(fname, what, wanted, allowed)
    local set = set_of(wanted)
    local text = #wanted == 0 and fname or fname .. " " .. quote_list(wanted)
    return make_condition(fname, text, at, function(p, ctx)
      local items = list_of(p)
      for _, item in ipairs(items) do
        if #wanted == 0 or set[value_of(item)] then return true, noun .. " " .. describe(item) end
      end
      if not ctx.explain then return false end
      return false, list_seen(noun == "person" and "people" or "links", items, describe)
    end, nil, { values = wanted })
  end
end

--- has_person() or has_person("signatory", "spokesperson"): a named person takes part (in one of these roles).
rules.has_person = list_predicate("has_person", "person role", person_roles, function(p) return p.people end,
  function(person) return person.role end, "person", describe_person)

--- related_to() or related_to("part_of", "edition_of"): the partnership links to another (in one of these ways).
rules.related_to = list_predicate("related_to", "relation", relation_kinds, function(p) return p.related end,
  function(relation) return relation.kind end, "link", describe_relation)

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
    return make_condition(fname, fname .. "{ " .. concat(texts, ", ") .. " }", at, evaluate(children), children, {})
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

return {
  native = native,
  conditions = conditions,
  declared_at = declared_at,
  is_condition = is_condition,
  as_condition = as_condition,
  test = test,
  set_of = set_of,
  clip = clip,
  MAX_EVIDENCE = MAX_EVIDENCE,
  party_keys = party_keys,
}
