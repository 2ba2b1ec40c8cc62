-- Evaluating the planned rules on one partnership: `plan` sets the rules, in order;
-- `classify` gives the rules that fire, `explain` every condition's full trace.
-- `compile` hands the host the planned conditions as data, for the compiled
-- engine (Rules/Compiled), which calls `custom` for the functions among them.
--
-- The chunk receives the host's side (a table it adds `plan`, `classify` and
-- `explain` to) and what dsl.lua and packs.lua left in `dsl`.

local host, dsl = ...
local error, type, ipairs, tostring, pcall = error, type, ipairs, tostring, pcall
local setmetatable = setmetatable
local format, concat = string.format, table.concat
local conditions, test, clip, MAX_EVIDENCE = dsl.conditions, dsl.test, dsl.clip, dsl.MAX_EVIDENCE
local compiled, overlay_conditions = dsl.compiled, dsl.overlay_conditions

local plan = {} -- the rules to evaluate, in order

-- Sets the rules to evaluate, in order. Each entry: { id = full id, key =
-- pack key, rule = local id, pack = name, first = the pack's hit policy is
-- `first`, aside = a draft shown beside the other rules, at = where declared,
-- narrows = { { key =, index =, pack = } } }.
function host.plan(entries)
  plan = {}
  for i, e in ipairs(entries) do
    local rule = compiled[e.key][e.rule]
    local narrows = {}
    for j, n in ipairs(e.narrows or {}) do
      narrows[j] = { pack = n.pack, condition = overlay_conditions[n.key][n.index] }
    end
    plan[i] = { id = e.id, pack = e.pack, label = rule.label, condition = rule.condition, first = e.first,
                aside = e.aside, at = e.at, narrows = narrows }
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

-- The conditions the compiled engine runs as Lua functions, by index.
local customs = {}

-- The planned rules' conditions as plain data, in plan order: { condition =
-- node, narrows = { node } }, a node being { kind =, spec =, children = {
-- node } } for a declarative condition and { kind = "function", custom = i }
-- for a function, which `custom(i, …)` evaluates.
function host.compile()
  customs = {}
  local index = {}
  local function export(c)
    local parts = conditions[c]
    if parts.spec == nil then
      local i = index[c]
      if i == nil then
        i = #customs + 1
        customs[i], index[c] = c, i
      end
      return { kind = c.kind, custom = i }
    end
    local node = { kind = c.kind, spec = parts.spec }
    if parts.children then
      node.children = {}
      for i, child in ipairs(parts.children) do node.children[i] = export(child) end
    end
    return node
  end
  local out = {}
  for i, entry in ipairs(plan) do
    local narrows = {}
    for j, n in ipairs(entry.narrows) do narrows[j] = export(n.condition) end
    out[i] = { condition = export(entry.condition), narrows = narrows }
  end
  return out
end

-- Custom condition `i` tested on a pack's copy of the partnership: whether it
-- holds and what it saw. An error names `what` ("rule …") as `classify` does.
function host.custom(i, record, what, at)
  local ok, holds, seen = pcall(test, customs[i], record)
  if not ok then error(blame(what, holds, at), 0) end
  return holds, seen
end

-- Each pack gets its own copy of the partnership (`records[pack]`), so that
-- a rule or overlay that changes it cannot change what another pack sees.
-- `explain`: whether conditions that fail say what they saw (explain needs it; classify does not).
local function contexts(explain)
  return setmetatable({}, { __index = function(t, k) local c = { text = {}, explain = explain }; t[k] = c; return c end })
end

-- Under a `first` policy, which rule of a pack shadows a later one. `settled`: the
-- first rule that fired and is not set aside, which shadows every later rule;
-- `done`: the first that fired at all, which shadows the drafts set aside, so
-- that they fire as they would if promoted while the other rules fire as they
-- would without them.
local function shadow(entry, settled, done)
  if not entry.first then return nil end
  if entry.aside then return done[entry.pack] end
  return settled[entry.pack]
end

local function record_firing(entry, settled, done)
  done[entry.pack] = done[entry.pack] or entry.id
  if not entry.aside then settled[entry.pack] = settled[entry.pack] or entry.id end
end

-- The rules that fire, as a flat list: id, label, evidence, id, …
function host.classify(records)
  local ctxs = contexts()
  local out, n, settled, done = {}, 0, {}, {}
  for _, entry in ipairs(plan) do
    if not shadow(entry, settled, done) then
      local fired, evidence = evaluate(entry, records, ctxs)
      if fired then
        out[n + 1], out[n + 2], out[n + 3] = entry.id, entry.label, evidence
        n = n + 3
        record_firing(entry, settled, done)
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
  local out, settled, done = {}, {}, {}
  for i, entry in ipairs(plan) do
    local result = { id = entry.id, tree = trace(entry.condition, records[entry.pack], ctxs[entry.pack]), narrows = {} }
    for j, n in ipairs(entry.narrows) do
      result.narrows[j] = trace(n.condition, records[n.pack], ctxs[n.pack])
      result.narrows[j].pack = n.pack
    end
    local fired = result.tree.ok
    for _, n in ipairs(result.narrows) do fired = fired and n.ok end
    local shadowed_by = fired and shadow(entry, settled, done)
    if shadowed_by then
      result.skipped = shadowed_by
      fired = false
    end
    if fired then
      local evidence = { result.tree.seen }
      for _, n in ipairs(result.narrows) do evidence[#evidence + 1] = n.seen end
      result.evidence = clip(concat(evidence, "; "), MAX_EVIDENCE)
      record_firing(entry, settled, done)
    end
    result.fired = fired
    out[i] = result
  end
  return out
end
