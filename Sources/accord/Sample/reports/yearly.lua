-- Yearly review: the year's partnerships against the years before, with the
-- trends by purpose across years.
--
--   accord report yearly --period 2019

local S = require "lib.summary"

-- The `n` labels most often given to the year's partnerships, for the trend lines.
local function main_labels(deals, n)
  local out = {}
  for _, row in ipairs(deals:count_by("label")) do
    if #out == n then break end
    out[#out + 1] = row.key
  end
  return out
end

-- A trend line counts in the database: eight years of partnerships need not be read.
local function count_with(label)
  return function(period) return accord.count{ period = period, label = label, series = false } end
end

return accord.report {
  id = "yearly",
  title = "Yearly partnership review",
  description = "A year's partnerships, and the trends by purpose over the years before it.",
  grain = "year",
  start = "2013",
  formats = { "html", "md", "csv", "json", "xlsx" },
  build = function(r, period)
    local deals = S.filed(period)
    local rows = S.rows(deals)
    r:heading("Partnerships in " .. period.label, 1)
    S.opening(r, deals, "in " .. period.label)
    r:highlights{ of = S.filed, by = "purpose", name = S.purpose_name }
    r:figures{
      { label = "New partnerships", value = S.filed },
      -- Each count is made in the database, and traced to the partnerships it was counted from.
      { label = "Organizations taking part", value = function(p) return S.filed(p):distinct("organization"), S.filed(p) end },
      { label = "Partner countries", value = function(p)
          return S.filed(p):distinct("partner_country"), S.filed(p):where{ abroad = true }
        end },
    }

    local series = { { name = "All partnerships", value = function(p) return accord.count{ period = p, series = false } end } }
    for _, label in ipairs(main_labels(deals, 4)) do
      series[#series + 1] = { name = accord.names.label(label), value = count_with(label) }
    end
    r:trend{ id = "trend", title = "Partnerships per year, in all and with the year's leading purposes", periods = 8, series = series }
    r:breakdown{ id = "by-purpose", title = "Partnerships by purpose", of = deals, by = "purpose", name = S.purpose_name, compare = S.filed,
                 column = "Purpose", chart = "horizontal" }

    r:breakdown{ id = "by-quarter", title = "Partnerships by quarter", of = rows, by = S.quarter, name = S.quarter_name,
                 order = "key", column = "Quarter", chart = "bar" }

    S.sections(r, deals, rows, "year")

    r:heading("The partnerships")
    S.listing(r, "Partnerships dated in " .. period.label, rows)
    r:coarse_dates()
  end,
}
