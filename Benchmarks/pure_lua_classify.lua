-- The standard rule pack under plain lua5.4, with no Accord and no bridge:
-- the physical limit of the interpreter for the same rules and records.
--
--   lua5.4 Benchmarks/pure_lua_classify.lua DIR PACK_DIR [--part K/N] [--native MODULE_DIR]
--
-- DIR is written by accord-bench: vocab.lua, and records-NNNN.lua files, each returning
-- a list of partnerships as Accord pushes them to scripts. Each file is loaded
-- before the clock starts; only rule evaluation is timed (os.clock: CPU time).
-- `--part K/N` takes every Nth file from the Kth, for N processes side by side.
-- Accord's own Lua (Sources/AccordScripting: records.lua, ordering.lua and the
-- rules DSL's Rules/dsl.lua, packs.lua and evaluate.lua) runs unchanged, read from
-- this checkout.
-- `--native` loads accord_words.so (Sources/CAccordWords/words.c) from MODULE_DIR
-- for the word search `mentions` uses, as Accord does it; without it the
-- search runs in Lua. Prints `evaluate_seconds`, `records`, `search c|lua` and
-- one `label NAME COUNT` line per label (partnerships with that label among
-- the rules that fired).

local args = { ... }
local dir, pack_dir = args[1], args[2]
local part, parts, native_dir = 1, 1, nil
for i = 3, #args, 2 do
  if args[i] == "--part" then
    part, parts = args[i + 1]:match("^(%d+)/(%d+)$")
    part, parts = tonumber(part), tonumber(parts)
  elseif args[i] == "--native" then
    native_dir = args[i + 1]
  else
    error("unknown argument " .. tostring(args[i]))
  end
end
assert(dir and pack_dir and part, "usage: lua5.4 pure_lua_classify.lua DIR PACK_DIR [--part K/N] [--native MODULE_DIR]")

local vocab = dofile(dir .. "/vocab.lua")
local scripting = (arg[0]:match("^(.*)/Benchmarks/[^/]*$") or ".") .. "/Sources/AccordScripting"
local function covers(code, country)
  if code == country or code == "GLOBAL" then return true end
  for _, member in ipairs(vocab.groups[code] or {}) do
    if member == country then return true end
  end
  return false
end

-- Accord's record and rules chunks, unchanged, with plain-Lua stand-ins for the few
-- helpers the host gives them natively.
local ordering = dofile(scripting .. "/ordering.lua")
local meta, module = assert(loadfile(scripting .. "/records.lua"))(vocab.fields_of, {
  before = ordering.before,
  unknown_field = function(type, key) return "no field '" .. tostring(key) .. "' in a " .. type end,
  covers = covers,
})
-- The word search `mentions` uses: Accord's C search, or its definition in Lua.
local lower, find = string.lower, string.find
local words, find_word
if native_dir then
  package.cpath = native_dir .. "/?.so"
  local search = require("accord_words")
  words, find_word = search.words, search.find_word
else
  words = function(text) return " " .. (lower(text):gsub("[^%w\128-\255]+", " "):gsub("^ ", "")) end
  find_word = function(text, needles)
    for i = 1, #needles do
      if find(text, needles[i], 1, true) then return i end
    end
    return nil
  end
end

local dsl = assert(loadfile(scripting .. "/Rules/dsl.lua"))(module, {
  sorted_keys = ordering.sorted_keys,
  words = words,
  find_word = find_word,
  where = function()
    local info = debug.getinfo(3, "Sl")
    return info and (info.short_src .. ":" .. (info.currentline or 0)) or "?"
  end,
  defined_at = function(f)
    local info = debug.getinfo(f, "S")
    return info.short_src .. ":" .. info.linedefined
  end,
  suggest = function() return "" end,
  eprint = function(...) io.stderr:write(table.concat({ ... }, "\t"), "\n") end,
  is_territory = function(code) return vocab.territories[code] == true end,
}, vocab)
local host = {}
assert(loadfile(scripting .. "/Rules/packs.lua"))(host, dsl)
assert(loadfile(scripting .. "/Rules/evaluate.lua"))(host, dsl)
accord = module -- a pack reaches the DSL as accord.rules

-- The records get the metatables Accord gives them.
local function attach(p)
  setmetatable(p, meta.partnership)
  setmetatable(p.figures, meta.figures)
  for _, party in ipairs(p.parties) do
    setmetatable(party, meta.party)
    if party.organization and getmetatable(party.organization) == nil then
      setmetatable(party.organization, meta.organization)
    end
  end
  for _, x in ipairs(p.products) do setmetatable(x, meta.product) end
  for _, x in ipairs(p.financials) do setmetatable(x, meta.financial) end
  for _, x in ipairs(p.sources) do
    if type(x) == "table" and getmetatable(x) == nil then setmetatable(x, meta.source) end
  end
end

local pack_file = pack_dir .. "/init.lua"
local described = host.describe(dofile(pack_file), pack_file, "pack")
if #described.problems > 0 then error(described.problems[1].at .. ": " .. described.problems[1].message) end

-- As Accord runs them: deprecated rules left out; priority, highest first, then id.
local entries = {}
for _, r in ipairs(described.rules) do
  if r.status ~= "deprecated" then
    entries[#entries + 1] = { id = described.name .. "." .. r.id, key = "pack", rule = r.id, pack = described.name,
                              first = described.hit_policy == "first", at = r.at, narrows = {}, priority = r.priority }
  end
end
table.sort(entries, function(a, b)
  if a.priority ~= b.priority then return a.priority > b.priority end
  return a.id < b.id
end)
host.plan(entries)

local counts, seconds, total = {}, 0, 0
local classify, clock = host.classify, os.clock
for i = part, math.huge, parts do
  local file = string.format("%s/records-%04d.lua", dir, i)
  local exists = io.open(file)
  if not exists then break end
  exists:close()
  local records = assert(loadfile(file))()
  for _, p in ipairs(records) do attach(p) end
  collectgarbage()
  local results, pack = {}, described.name
  local started = clock()
  for k, p in ipairs(records) do results[k] = classify({ [pack] = p }) end
  seconds = seconds + (clock() - started)
  for _, fired in ipairs(results) do
    local seen = {}
    for j = 2, #fired, 3 do
      local label = fired[j]
      if not seen[label] then
        seen[label] = true
        counts[label] = (counts[label] or 0) + 1
      end
    end
  end
  total = total + #records
end

print(string.format("evaluate_seconds %.6f", seconds))
print("records " .. total)
print("search " .. (native_dir and "c" or "lua"))
local labels = {}
for label in pairs(counts) do labels[#labels + 1] = label end
table.sort(labels)
for _, label in ipairs(labels) do print("label " .. label .. " " .. counts[label]) end
