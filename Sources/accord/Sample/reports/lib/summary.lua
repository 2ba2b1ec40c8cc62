-- Helpers the standard reports share: counts and keys over collections of
-- partnerships. `require "lib.summary"` from a report script.
local M = {}

--- "1 partnership", "3 partnerships".
function M.count(n, one, many)
  return string.format("%d %s", n, n == 1 and one or many)
end

local filed = {}

--- The ids of the partnerships filed in a period (counted, grouped and read in the database),
--- one collection per period however often asked. A series (a recurring programme) is left
--- out: each of its editions counts in its own period.
function M.filed(period)
  local deals = filed[period.label]
  if deals == nil then
    deals = accord.ids{ period = period, series = false }
    filed[period.label] = deals
  end
  return deals
end

--- What the reports show of a period's partnerships: their titles, dates and money.
function M.rows(deals)
  return deals:read{ "title", "date", "financials" }
end

--- A partnership's purposes: its labels, or `unclassified`.
function M.purposes(p)
  if #p.labels == 0 then return { "unclassified" } end
  return p.labels
end

--- A purpose as the packs name it (rnd → Research and development).
function M.purpose_name(label)
  if label == "unclassified" then return "Unclassified" end
  return accord.names.label(label)
end

local home_country -- false when the workspace has none
--- The workspace's home country (`accord.home_country()`, asked once), or nil.
function M.home()
  if home_country == nil then home_country = accord.home_country() or false end
  return home_country or nil
end

--- The countries of a partnership's parties other than the workspace's home country, once each.
function M.partner_countries(p)
  local home, out, seen = M.home(), {}, {}
  for _, party in ipairs(p.parties) do
    local c = party.country
    if c and c ~= home and not seen[c] then
      seen[c] = true
      out[#out + 1] = c
    end
  end
  return out
end

--- The countries of a partnership's parties (codes).
function M.party_countries(p)
  local out = {}
  for _, party in ipairs(p.parties) do out[#out + 1] = party.country end
  return out
end

--- The ids of a partnership's parties.
function M.party_ids(p)
  local out = {}
  for _, party in ipairs(p.parties) do out[#out + 1] = party.id end
  return out
end

--- An organization's name, by id.
function M.organization_name(id)
  local o = accord.organization(id)
  return o and o.name or id
end

--- Organizations' names for those taking part in `deals` (`accord.ids`): a name two of them
--- share is told apart by the country, then by the id. Each organization is read when its name
--- is asked for (a breakdown asks only for those it shows), with those of the same name.
function M.organization_namer(deals)
  local taking_part -- the organizations of `deals`, read when a name is found shared
  return function(id)
    local o = accord.organization(id)
    if o == nil then return id end
    local shared, countries = false, {}
    for _, other in ipairs(accord.organizations{ name = o.name }) do
      if other.id ~= id and other.name == o.name then
        if taking_part == nil then
          taking_part = {}
          for _, k in ipairs(deals:keys("organization")) do taking_part[k] = true end
        end
        if not taking_part[id] then return o.name end
        if taking_part[other.id] then
          shared = true
          countries[other.country] = true
        end
      end
    end
    if not shared then return o.name end
    if not countries[o.country] then
      return o.name .. " (" .. accord.names.country(o.country) .. ")"
    end
    return o.name .. " (" .. id .. ")"
  end
end

--- The therapeutic areas of a partnership's products, once each.
function M.therapeutic_areas(p)
  local out, seen = {}, {}
  for _, product in ipairs(p.products) do
    local area = product.therapeutic_area
    if area and not seen[area] then
      seen[area] = true
      out[#out + 1] = area
    end
  end
  return out
end

local function distinct(deals, key_of)
  local seen, n = {}, 0
  for _, p in ipairs(deals) do
    for _, key in ipairs(key_of(p)) do
      if not seen[key] then seen[key] = true; n = n + 1 end
    end
  end
  return n
end

--- How many organizations, and countries, take part in the partnerships.
function M.organizations(deals)
  return distinct(deals, function(p)
    local ids = {}
    for _, party in ipairs(p.parties) do ids[#ids + 1] = party.id end
    return ids
  end)
end

function M.countries(deals) return distinct(deals, M.party_countries) end

--- How many partner countries: those of the parties, the home country left out.
function M.partner_country_count(deals) return distinct(deals, M.partner_countries) end

local committed_types = { investment = true, fund = true, research_funding = true, grant = true }

--- Money committed (investment, funds, research funding, grants), by kind and currency, never
--- added across kinds (a fund's size is not an investment made into it) or currencies: rows of
--- { kind, currency, amount, partnerships }, how many such terms give no amount, how many give
--- an amount per winner, year, … (never added up), and how many kinds and currencies add
--- approximate amounts ("about", "up to"), whose kind then says so.
function M.committed(deals)
  local found, by_key, unstated, per_unit = {}, {}, 0, 0
  local keys_of = {} -- a partnership's id → the keys of the rows it adds to
  for _, p in ipairs(deals) do
    for _, f in ipairs(p.financials) do
      if committed_types[f.type] and f.amount and f.per then
        per_unit = per_unit + 1
      elseif committed_types[f.type] and f.amount and f.currency then
        local key = f.type .. " " .. f.currency
        local row = by_key[key]
        if not row then
          row = { key = key, type = f.type, currency = f.currency, amount = 0, ids = {} }
          by_key[key] = row
          found[#found + 1] = row
        end
        row.amount = row.amount + f.amount
        row.ids[p.id] = true
        local keys = keys_of[p.id] or {}
        keys[#keys + 1] = key
        keys_of[p.id] = keys
        if f.qualifier and f.qualifier ~= "exactly" then row.approximate = true end
      elseif committed_types[f.type] then
        unstated = unstated + 1
      end
    end
  end
  table.sort(found, function(a, b) return a.type < b.type or (a.type == b.type and a.currency < b.currency) end)
  local function kind_name(row, suffix)
    return accord.names.financial_type(row.type) .. (suffix or "") .. (row.approximate and ", approximate" or "")
  end
  local rows, approximate = {}, 0
  for _, row in ipairs(found) do
    if row.approximate then approximate = approximate + 1 end
  end
  -- Each row's partnerships, in the collection's order: grouped in one pass, where a filter
  -- for each row would walk them all once a row.
  local of_row = deals:group_by(function(p) return keys_of[p.id] end)
  for i, row in ipairs(found) do
    local of = of_row[row.key]
    rows[i] = { kind_name(row), row.currency, { amount = row.amount, currency = row.currency, of = of }, of }
  end
  -- With exchange rates, a row per kind of everything converted to the reporting currency (the
  -- footer cites the rates), still never added across kinds; amounts in a currency without a
  -- rate are left out, and counted.
  local fx, unconverted = accord.fx(), 0
  if fx then
    local kinds, by_kind = {}, {}
    for _, row in ipairs(found) do
      local converted = accord.convert(row.amount, row.currency)
      if converted then
        local kind = by_kind[row.type]
        if not kind then
          kind = { type = row.type, total = 0, ids = {} }
          by_kind[row.type] = kind
          kinds[#kinds + 1] = kind
        end
        kind.total = kind.total + converted
        kind.approximate = kind.approximate or row.approximate
        for id in pairs(row.ids) do kind.ids[id] = true end
      else
        unconverted = unconverted + 1
      end
    end
    for _, kind in ipairs(kinds) do
      local of = deals:filter(function(p) return kind.ids[p.id] end)
      rows[#rows + 1] = { kind_name(kind, ", converted"), fx.currency,
                          { amount = kind.total, currency = fx.currency, of = of }, of }
    end
  end
  return rows, unstated, unconverted, per_unit, approximate
end

--- The opening paragraph: how many partnerships (`accord.ids`) are dated `when`, involving
--- how many organizations from how many countries; and how many have no date.
function M.opening(r, deals, when)
  if #deals == 0 then
    r:paragraph("No partnership in the database is dated " .. when .. ".")
  else
    r:paragraph(string.format("**%s** %s dated %s, involving **%s** from **%s**.",
      M.count(#deals, "partnership", "partnerships"), #deals == 1 and "is" or "are", when,
      M.count(deals:distinct("organization"), "organization", "organizations"),
      M.count(deals:distinct("country"), "country", "countries")))
  end
  local undated = accord.count{ undated = true, series = false }
  if undated > 0 then
    r:note(string.format("%s in the database %s no date and appear in no period.",
      M.count(undated, "partnership", "partnerships"), undated == 1 and "has" or "have"))
  end
  local series = accord.count{ series = true }
  if series > 0 then
    r:note(string.format("%s (recurring %s) %s counted by %s editions, each in its own period.",
      M.count(series, "series", "series"), series == 1 and "programme" or "programmes", series == 1 and "is" or "are",
      series == 1 and "its" or "their"))
  end
end

-- A partnership's sums by kind of term, each kept in one currency (a second currency for the
-- same kind is left out rather than added).
local function sums_by_type(p)
  local by = {}
  for _, f in ipairs(p.financials) do
    if f.amount and f.currency then
      local t = by[f.type]
      if t == nil then
        by[f.type] = { amount = f.amount, currency = f.currency }
      elseif t.currency == f.currency then
        t.amount = t.amount + f.amount
      end
    end
  end
  return by
end

--- A deal's disclosed value — its deal value, else its upfront and milestone payments together
--- (in one currency), else either — with what it is, and its sums by kind; nil when it has none.
function M.disclosed_value(p)
  local by = sums_by_type(p)
  if by.deal_value then return by.deal_value, "Deal value", by end
  local up, ms = by.upfront, by.milestone
  if up and ms and up.currency == ms.currency then
    return { amount = up.amount + ms.amount, currency = up.currency }, "Upfront and milestones", by
  end
  if up then return up, "Upfront", by end
  if ms then return ms, "Milestones", by end
  return nil
end

--- The ten deals of largest disclosed value: ranked across currencies when exchange rates
--- convert them all (the footer then cites the rates), else by currency, the currency with the
--- most deals first.
function M.largest_deals(r, deals)
  local found, per_currency, fx = {}, {}, accord.fx()
  for _, p in ipairs(deals) do
    local value, what, by = M.disclosed_value(p)
    if value then
      found[#found + 1] = { p = p, value = value, what = what, by = by,
                            converted = fx and accord.convert(value.amount, value.currency) }
      per_currency[value.currency] = (per_currency[value.currency] or 0) + 1
    end
  end
  if #found == 0 then return end
  local all_converted = fx ~= nil
  for _, d in ipairs(found) do all_converted = all_converted and d.converted ~= nil end
  table.sort(found, function(a, b)
    if all_converted and a.converted ~= b.converted then return a.converted > b.converted end
    if not all_converted and a.value.currency ~= b.value.currency then
      local na, nb = per_currency[a.value.currency], per_currency[b.value.currency]
      if na ~= nb then return na > nb end
      return a.value.currency < b.value.currency
    end
    if a.value.amount ~= b.value.amount then return a.value.amount > b.value.amount end
    return a.p.title < b.p.title
  end)
  local rows, shown = {}, {}
  for i = 1, math.min(10, #found) do shown[i] = found[i].p.id end
  -- The deals shown are read whole: their rows link to them.
  local records = {}
  for _, p in ipairs(accord.partnerships{ ids = shown }) do records[p.id] = p end
  local function money(sum) return sum and { amount = sum.amount, currency = sum.currency } or nil end
  for i = 1, #shown do
    local d = found[i]
    rows[i] = { records[d.p.id], d.p.date or "", d.what, money(d.value), money(d.by.upfront) or "", money(d.by.milestone) or "" }
  end
  r:table{ id = "largest-deals",
           title = all_converted and "Largest deals by disclosed value" or "Largest deals by disclosed value, by currency",
           columns = { "Partnership", "Date", "Value", { title = "Amount", format = "money" },
                       { title = "Upfront", format = "money" }, { title = "Milestones", format = "money" } },
           rows = rows }
end

--- A partnership's quarter ("1" to "4"), or "5" when it is dated to the year only: a year's
--- quarters then add up to it.
function M.quarter(p)
  local month = p.date and tonumber(p.date:sub(6, 7))
  if month == nil then return "5" end
  return tostring((month + 2) // 3)
end

--- What `M.quarter` keys read as.
function M.quarter_name(k) return k == "5" and "Dated to the year only" or "Q" .. k end

--- The sections the quarterly and yearly reports share: partnerships by form,
--- by partner country and by organization, and the money committed. `deals` are the
--- period's ids (`accord.ids`), grouped in the database; `rows` what `M.rows` reads of them.
function M.sections(r, deals, rows, span)
  -- Everything filed in the period counts, in talks and terminated included: the statuses say which is which.
  r:breakdown{ id = "by-status", title = "Partnerships by status", of = deals, by = "status", name = accord.names.status,
               column = "Status", chart = "horizontal" }
  r:paragraph("Every partnership filed in the " .. span .. " counts as new, whatever its status: "
    .. "those still in talks, and any already terminated, are among them.")
  r:breakdown{ id = "by-form", title = "Partnerships by form", of = deals, by = "form", name = accord.names.form,
               column = "Form", chart = "horizontal" }
  local home = M.home()
  if home then
    local abroad = {}
    for _, id in ipairs(deals:where{ abroad = true }) do abroad[id] = true end
    r:breakdown{ id = "by-reach", title = "Cross-border and domestic partnerships", of = deals, column = "Reach",
                 by = function(id) return abroad[id] and "cross_border" or "domestic" end,
                 name = function(k) return k == "cross_border" and "With a partner abroad" or "Within " .. accord.names.country(home) end,
                 chart = "horizontal" }
  end
  r:breakdown{ id = "by-country", title = home and "Partnerships by partner country, outside " .. accord.names.country(home)
                 or "Partnerships by partner country", of = deals, by = "partner_country", name = accord.names.country,
               none = home and "None outside " .. accord.names.country(home) or nil,
               column = "Country", noun = "countries", top = 10, chart = "horizontal" }
  r:breakdown{ id = "top-organizations", title = "Organizations with the most partnerships", of = deals,
               by = "organization", name = M.organization_namer(deals), column = "Organization", noun = "organizations",
               top = 10, chart = "horizontal" }
  r:breakdown{ id = "by-area", title = "Partnerships by therapeutic area of their products", of = deals,
               by = "area", name = function(area) return (area:gsub("^%l", string.upper)) end,
               none = "No therapeutic area given", column = "Therapeutic area", noun = "areas", top = 10,
               chart = "horizontal" }

  r:heading("Committed investment")
  local money, unstated, unconverted, per_unit, approximate = M.committed(rows)
  if #money == 0 then
    r:paragraph("No amount of investment, fund, research funding or grant is recorded for this " .. span .. ".")
  else
    r:table{ id = "committed", title = "Money committed, by kind and currency",
             columns = { "Kind", "Currency", { title = "Committed", format = "money" }, "Partnerships" }, rows = money }
  end
  M.largest_deals(r, rows)
  if unconverted > 0 then
    r:paragraph(string.format("%s in currencies the exchange rates do not give %s left out of the converted row.",
      M.count(unconverted, "sum", "sums"), unconverted == 1 and "is" or "are"))
  end
  if unstated > 0 then
    r:paragraph(string.format("%s of investment, fund, research funding or grant give%s no amount.",
      M.count(unstated, "term", "terms"), unstated == 1 and "s" or ""))
  end
  if per_unit > 0 then
    r:paragraph(string.format("%s per winner, per year or the like %s not added up.",
      M.count(per_unit, "amount given", "amounts given"), per_unit == 1 and "is" or "are"))
  end
  if approximate > 0 then
    r:paragraph("A kind marked approximate adds amounts the sources give as about, at least, more than or up to a figure.")
  end
end

--- The partnerships as a list by date (a year or a month as of its end, equal dates by title);
--- past `limit` (40 unless given) only the most recent, saying how many more the CSV lists: a
--- list of thousands reads as none. Accord writes the period's full list itself, as
--- `partnerships.csv` and the workbook's Partnerships sheet.
-- A date as late as it may be: 2024 is 2024-12-31 and 2024-06 is 2024-06-31, so that a
-- partnership dated to the year or the month only competes for "most recent" as of its end.
local function latest(p)
  local d = p.date
  if d == nil then return nil end
  if #d == 4 then return d .. "-12-31" end
  if #d == 7 then return d .. "-31" end
  return d
end

function M.listing(r, title, deals, limit)
  limit = limit or 40
  if #deals > limit then
    r:paragraph(string.format("The %d most recent of %d partnerships are listed; %d more are in partnerships.csv "
      .. "and in the workbook's Partnerships sheet.", limit, #deals, #deals - limit))
    -- The most recent by their latest possible day, equal days by title: sorted among those
    -- no older than the limit-th most recent day only.
    local days = {}
    for _, p in ipairs(deals) do days[#days + 1] = latest(p) end
    if #days >= limit then
      table.sort(days)
      local since = days[#days - limit + 1]
      deals = deals:filter(function(p) local day = latest(p); return day ~= nil and day >= since end)
    end
    deals = deals:sort_by("title"):sort_by(latest, true):top(limit)
  end
  r:partnerships{ title = title, items = deals:sort_by("title"):sort_by(latest) }
end

return M
