-- Yearly review: the year's partnerships against the years before, with the
-- trends by purpose across years.
--
--   accord report yearly --period 2019

local S = require "lib.summary"

-- The purposes most often given over the years `period` and the `n - 1` before, for the trend lines.
local function main_purposes(period, years, n)
  local counts = {}
  for _ = 1, years do
    for _, p in ipairs(S.filed(period)) do
      for _, purpose in ipairs(S.purposes(p)) do counts[purpose] = (counts[purpose] or 0) + 1 end
    end
    period = period:previous()
  end
  local ranked = {}
  for purpose, count in pairs(counts) do
    if purpose ~= "unclassified" then ranked[#ranked + 1] = { purpose = purpose, count = count } end
  end
  table.sort(ranked, function(a, b) return a.count > b.count or (a.count == b.count and a.purpose < b.purpose) end)
  local out = {}
  for i = 1, math.min(n, #ranked) do out[i] = ranked[i].purpose end
  return out
end

local function with_purpose(purpose)
  return function(period)
    return S.filed(period):filter(function(p)
      for _, each in ipairs(S.purposes(p)) do if each == purpose then return true end end
      return false
    end)
  end
end

return accord.report {
  id = "yearly",
  title = "Yearly partnership review",
  description = "A year's partnerships, and the trends by purpose over the years before it.",
  grain = "year",
  start = "2013",
  formats = { "html", "md", "csv", "json" },
  build = function(r, period)
    local deals = S.filed(period)
    r:heading("Partnerships in " .. period.label, 1)
    S.opening(r, deals, "in " .. period.label)
    r:figures{
      { label = "New partnerships", value = S.filed },
      { label = "Organizations taking part", value = function(p) return S.organizations(S.filed(p)) end },
      { label = "Partner countries", value = function(p) return S.countries(S.filed(p)) end },
    }

    r:heading("Trends")
    local series = { { name = "All partnerships", value = S.filed } }
    for _, purpose in ipairs(main_purposes(period, 8, 4)) do
      series[#series + 1] = { name = purpose, value = with_purpose(purpose) }
    end
    r:trend{ id = "trend", title = "Partnerships per year, in all and by main purpose", periods = 8, series = series }

    r:heading("By purpose")
    r:breakdown{ id = "by-purpose", title = "Partnerships by purpose", of = deals, by = S.purposes,
                 column = "Purpose", chart = "bar" }

    S.sections(r, deals, "year")

    r:heading("The partnerships")
    S.listing(r, "Partnerships dated in " .. period.label, deals)
    r:coarse_dates()
  end,
}
