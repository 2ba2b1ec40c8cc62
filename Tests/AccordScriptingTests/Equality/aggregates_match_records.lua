-- Every aggregate the database makes (accord.count by and distinct, accord.ids grouped,
-- counted, listed by key, narrowed and read, accord.sum) against the same figure counted over whole
-- records in Lua, for each period given in `arg`. Raises at the first difference.

local home = accord.home_country()

local function distinct_list(list)
  local out, seen = {}, {}
  for _, v in ipairs(list) do
    if v ~= nil and not seen[v] then seen[v] = true; out[#out + 1] = v end
  end
  return out
end

-- What each dimension means, over a whole record.
local keys = {
  label = function(p) return p.labels end,
  purpose = function(p) return #p.labels == 0 and { "unclassified" } or p.labels end,
  form = function(p) return p.form end,
  status = function(p) return p.status end,
  organization = function(p)
    local out = {}
    for _, party in ipairs(p.parties) do out[#out + 1] = party.id end
    return out
  end,
  country = function(p)
    local out = {}
    for _, party in ipairs(p.parties) do out[#out + 1] = party.country end
    return distinct_list(out)
  end,
  partner_country = function(p)
    local out = {}
    for _, party in ipairs(p.parties) do
      if party.country ~= home then out[#out + 1] = party.country end
    end
    return distinct_list(out)
  end,
  area = function(p)
    local out = {}
    for _, product in ipairs(p.products) do out[#out + 1] = product.therapeutic_area end
    return distinct_list(out)
  end,
}

local function same_list(what, a, b)
  if #a ~= #b then error(string.format("%s: %d against %d", what, #a, #b), 0) end
  for i = 1, #a do
    if a[i] ~= b[i] then error(string.format("%s: item %d is %s against %s", what, i, tostring(a[i]), tostring(b[i])), 0) end
  end
end

local checked = 0
for _, label in ipairs(arg) do
  local records = accord.partnerships{ period = label }
  local ids = accord.ids{ period = label }
  same_list(label .. " ids", ids:ids(), records:ids())
  if #accord.ids{ period = label } ~= #records then error(label .. ": # counts " .. #accord.ids{ period = label }, 0) end

  for dimension, key_of in pairs(keys) do
    local what = label .. " by " .. dimension
    local groups, keyless = ids:group_by(dimension)
    local expected = records:group_by(key_of)
    local counted = accord.count{ period = label, by = dimension }
    local n = 0
    for key, group in pairs(expected) do
      n = n + 1
      if groups[key] == nil then error(what .. ": no group " .. tostring(key), 0) end
      same_list(what .. " " .. key, groups[key], group:ids())
      if counted[key] ~= #group then error(what .. ": count of " .. key .. " is " .. tostring(counted[key]), 0) end
      if dimension == "label" and accord.count{ period = label, label = key } ~= #group then
        error(what .. ": counted with the filter label = " .. key .. ", " .. accord.count{ period = label, label = key }, 0)
      end
    end
    for key in pairs(groups) do
      if expected[key] == nil then error(what .. ": extra group " .. tostring(key), 0) end
    end
    local none = records:filter(function(p)
      local k = key_of(p)
      if type(k) == "table" then return #k == 0 end
      return k == nil
    end)
    same_list(what .. " without a key", keyless, none:ids())
    if ids:distinct(dimension) ~= n then error(what .. ": distinct " .. ids:distinct(dimension) .. " against " .. n, 0) end
    same_list(what .. " keys", ids:keys(dimension), records:keys(key_of))
    local rows = ids:count_by(dimension)
    local lua_rows = records:count_by(key_of)
    for i, row in ipairs(lua_rows) do
      if rows[i].key ~= row.key or rows[i].count ~= row.count then error(what .. ": count_by row " .. i .. " differs", 0) end
    end
    checked = checked + 1
  end

  local abroad = records:filter(function(p) return #keys.partner_country(p) > 0 end)
  same_list(label .. " abroad", ids:where{ abroad = true }:ids(), abroad:ids())
  same_list(label .. " at home", ids:where{ abroad = false }:ids(),
    records:filter(function(p) return #keys.partner_country(p) == 0 end):ids())

  -- Sums by type and currency, added in the records' order.
  local sums, order = {}, {}
  for _, p in ipairs(records) do
    for _, f in ipairs(p.financials) do
      if f.amount and f.currency then
        local k = f.type .. " " .. f.currency
        if not sums[k] then sums[k] = { amount = 0, terms = 0, ids = {}, seen = {} }; order[#order + 1] = k end
        local s = sums[k]
        s.amount, s.terms = s.amount + f.amount, s.terms + 1
        if not s.seen[p.id] then s.seen[p.id] = true; s.ids[#s.ids + 1] = p.id end
      end
    end
  end
  table.sort(order)
  local summed = accord.sum{ period = label }
  if #summed ~= #order then error(label .. ": " .. #summed .. " sums against " .. #order, 0) end
  for i, k in ipairs(order) do
    local s, row = sums[k], summed[i]
    if row.type .. " " .. row.currency ~= k or row.amount ~= s.amount or row.terms ~= s.terms then
      error(label .. ": sum " .. k .. " differs", 0)
    end
    same_list(label .. " sum " .. k, row.partnerships, s.ids)
  end

  -- Rows read by column hold what the records hold.
  local read = ids:read{ "title", "summary", "form", "status", "date", "parties", "products", "financials", "labels" }
  for i, p in ipairs(records) do
    local row = read[i]
    for _, field in ipairs({ "id", "title", "summary", "form", "status", "date" }) do
      if row[field] ~= p[field] then error(label .. " read " .. p.id .. "." .. field .. " differs", 0) end
    end
    same_list(p.id .. " labels", row.labels, p.labels)
    if #row.parties ~= #p.parties or #row.products ~= #p.products or #row.financials ~= #p.financials then
      error(label .. " read " .. p.id .. ": lists differ", 0)
    end
    for j, party in ipairs(p.parties) do
      for _, field in ipairs({ "id", "name", "kind", "country", "role" }) do
        if row.parties[j][field] ~= party[field] then error(p.id .. " party " .. j .. "." .. field .. " differs", 0) end
      end
    end
    for j, f in ipairs(p.financials) do
      for _, field in ipairs({ "type", "amount", "currency", "wording" }) do
        if row.financials[j][field] ~= f[field] then error(p.id .. " financial " .. j .. "." .. field .. " differs", 0) end
      end
    end
    for j, product in ipairs(p.products) do
      for _, field in ipairs({ "name", "kind", "indication", "therapeutic_area" }) do
        if row.products[j][field] ~= product[field] then error(p.id .. " product " .. j .. "." .. field .. " differs", 0) end
      end
    end
  end
end
if checked == 0 then error("nothing was compared", 0) end
