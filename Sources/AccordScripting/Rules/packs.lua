-- Reading a pack: `describe` turns the table a pack file returns into plain data the
-- host reads, with every problem it has, and compiles its rules' conditions for
-- evaluate.lua; `confine` fences a pack's environment.
--
-- The chunk receives the host's side (a table it adds `describe`, `confine` and
-- `fields` to) and what dsl.lua returned, to which it adds `compiled` and
-- `overlay_conditions`.

local host, dsl = ...
local error, type, ipairs, tostring, pcall, rawget = error, type, ipairs, tostring, pcall, rawget
local lower, find, format, sort = string.lower, string.find, string.format, table.sort
local math_type = math.type
local native = dsl.native
-- Tables from scripts are walked with `next`, never `pairs`, so no __pairs runs.
local sorted_keys = native.sorted_keys
local declared_at, is_condition = dsl.declared_at, dsl.is_condition
local as_condition, set_of = dsl.as_condition, dsl.set_of

-- What `describe` compiled, by pack key (one loaded pack file): rules by
-- local id, overlay conditions by index.
local compiled, overlay_conditions = {}, {}

local pack_fields = { "name", "version", "description", "hit_policy", "labels", "requires", "rules", "overlays",
  "accord", "license", "authors" }
local rule_fields = { "id", "label", "description", "priority", "status", "tags", "when" }
local overlay_fields = { "rule", "disable", "narrow", "reason" }
local id_pattern = "^[a-z][a-z0-9_-]*$"
local status_names = { "experimental", "stable", "draft", "deprecated" }
local statuses = set_of(status_names)

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
  out.accord = optional_string(def, "accord", "pack", pack_at)
  out.license = optional_string(def, "license", "pack", pack_at)
  out.authors = {}
  local authors = rawget(def, "authors")
  if authors ~= nil and type(authors) ~= "table" then
    problem(pack_at, "pack: 'authors' must be a list of names")
  elseif authors ~= nil then
    for i, a in ipairs(authors) do
      if type(a) ~= "string" then problem(pack_at, format("pack: authors[%d] must be a string, not a %s", i, type(a)))
      else out.authors[#out.authors + 1] = a end
    end
  end
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
      if not statuses[info.status] then
        problem(at, format("%s: status '%s' is not experimental, stable, draft or deprecated%s", what, info.status,
          native.suggest(info.status, status_names)))
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
dsl.compiled, dsl.overlay_conditions = compiled, overlay_conditions

-- The fields the DSL reads from scripts' tables, checked against the declarations.
host.fields = { pack_def = pack_fields, rule_def = rule_fields, overlay = overlay_fields, party_match = dsl.party_keys }
