-- Quarterly partnership overview: what was agreed in a quarter, by purpose,
-- status, form, partner country and organization, with key figures against the
-- quarter before and the same quarter a year earlier, and the last eight quarters.
--
--   accord report quarterly --period 2019-Q2

local S = require "lib.summary"

return accord.report {
  id = "quarterly",
  title = "Quarterly partnership overview",
  description = "New partnerships in a quarter by purpose, form, partner country and organization.",
  grain = "quarter",
  start = "2019-Q1",
  formats = { "html", "md", "csv", "json", "xlsx" },
  build = function(r, period)
    local deals = S.filed(period)
    r:heading("Partnerships filed in " .. period.label, 1)
    S.opening(r, deals, "inside the quarter")
    r:highlights{ of = S.filed, by = "purpose", name = S.purpose_name }
    r:coarse_dates()

    r:figures{
      { label = "New partnerships", value = S.filed },
      -- Each count is made in the database, and traced to the partnerships it was counted from.
      { label = "Organizations taking part", value = function(p) return S.filed(p):distinct("organization"), S.filed(p) end },
      { label = "Partner countries", value = function(p)
          return S.filed(p):distinct("partner_country"), S.filed(p):where{ abroad = true }
        end },
    }

    r:trend{ id = "trend", title = "Partnerships per quarter, over two years", periods = 8,
             series = { { name = "All partnerships", value = function(p) return accord.count{ period = p, series = false } end } } }

    if #deals == 0 then return end -- no breakdowns of nothing
    r:breakdown{ id = "by-purpose", title = "Partnerships by purpose", of = deals, by = "purpose", name = S.purpose_name, compare = S.filed,
                 column = "Purpose", chart = "horizontal" }
    r:paragraph("Purposes are the labels saved by `accord classify --save`; a partnership can have several.")

    local rows = S.rows(deals)
    S.sections(r, deals, rows, "quarter")

    r:heading("The partnerships")
    S.listing(r, "Partnerships filed in " .. period.label, rows)
  end,
}
