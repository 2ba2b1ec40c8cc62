-- Orders that do not depend on a table's hash part, so that what the host's Lua lists or
-- reports comes out the same on every run. Returns `before` and `sorted_keys`.

-- before(a, b): keys by type name, then numbers and strings by value, anything else by its text.
local function before(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  if ta == "number" or ta == "string" then return a < b end
  return tostring(a) < tostring(b)
end

-- sorted_keys(t): the keys of a table a script gave, walked with `next` (so no `__pairs` runs),
-- in one fixed order: numbers, then strings, then any other keys by type and text. Checks that
-- walk a table in this order report the same mistake first on every run.
local function sorted_keys(t)
  local keys = {}
  for k in next, t do keys[#keys + 1] = k end
  local rank = { number = 1, string = 2 }
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then
      local ra, rb = rank[ta] or 3, rank[tb] or 3
      if ra ~= rb then return ra < rb end
      return ta < tb
    end
    return before(a, b)
  end)
  return keys
end

return { before = before, sorted_keys = sorted_keys }
