-- A summary of the workspace's partnerships and organizations.
--
--   accord run Scripts/examples/summary.lua [YEAR]
--
-- With a year, the partnership counts are limited to that year.

local year = arg[1]
local filter = year and { period = year } or nil
local partnerships = accord.partnerships(filter)
local organizations = accord.organizations()

local function heading(text)
  print()
  print(text)
  print(string.rep("-", #text))
end

local function table_of(rows, label_width)
  for _, row in ipairs(rows) do
    print(string.format("  %-" .. label_width .. "s %4d", tostring(row.key), row.count))
  end
end

print(string.format("%d partnerships%s, %d organizations", #partnerships,
  year and (" dated in " .. year) or "", #organizations))

heading("Partnerships by form")
table_of(partnerships:count_by("form"), 26)

heading("Partnerships by year")
local by_year = partnerships:count_by(function(p) return p.date and p.date:sub(1, 4) or "undated" end)
table.sort(by_year, function(a, b) return a.key < b.key end)
table_of(by_year, 26)

heading("Partnerships by country of the parties")
local by_country = partnerships:count_by(function(p)
  local seen, countries = {}, {}
  for _, party in ipairs(p.parties) do
    local country = party.country -- nil for an unnamed party the source places nowhere
    if country and not seen[country] then
      seen[country] = true
      countries[#countries + 1] = country
    end
  end
  return countries
end)
table_of(by_country, 26)

heading("Organizations by kind")
table_of(organizations:count_by("kind"), 26)

heading("Organizations by country")
table_of(organizations:count_by("country"), 26)

heading("Most active organizations")
local involvement = partnerships:count_by(function(p)
  local names = {}
  for i, party in ipairs(p.parties) do names[i] = party.name or party.description end
  return names
end)
local function clip(text, width)
  return #text > width and text:sub(1, width - 3) .. "..." or text
end
for i = 1, math.min(10, #involvement) do
  print(string.format("  %-40s %4d", clip(involvement[i].key, 40), involvement[i].count))
end

heading("Money committed")
for _, p in ipairs(partnerships) do
  for _, f in ipairs(p.financials) do
    if f.amount then
      print(string.format("  %-40s %16s %s  (%s)", clip(p.title, 40), string.format("%.0f", f.amount),
        f.currency, f.type))
    end
  end
end
