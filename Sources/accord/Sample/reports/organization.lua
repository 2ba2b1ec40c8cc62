-- Organization profile: one organization's partnerships, its partners and
-- purposes, and its activity over the years.
--
--   accord report organization --period 2019 --param org=khidi

local S = require "lib.summary"

return accord.report {
  id = "organization",
  title = "Organization profile",
  description = "One organization's partnerships (and its subsidiaries'), partners and purposes.",
  grain = "year",
  params = { org = "The organization: its id, name or alias" },
  formats = { "html", "md", "csv", "json", "xlsx" },
  -- partnerships.csv and the workbook list the organization's partnerships of the year (its
  -- subsidiaries' too), not every partnership of it.
  listing = function(_, params) return { party = params.org } end,
  build = function(r, period, params)
    local o = accord.organization(params.org)
    if o == nil then error("no organization '" .. params.org .. "' (give an id, a name or an alias)", 0) end
    local all = o:partnerships()
    local function of_year(p) return o:partnerships{ period = p } end
    local deals = of_year(period)

    -- The organization and its subsidiaries, at any depth, are not its partners.
    local function own(party)
      local id, depth = party.id, 0
      while id and depth < 10 do
        if id == o.id then return true end
        local parent = accord.organization(id)
        id, depth = parent and parent.parent, depth + 1
      end
      return false
    end
    local function partners(p)
      local ids = {}
      for _, party in ipairs(p.parties) do
        if not own(party) then ids[#ids + 1] = party.id end
      end
      return ids
    end
    local partner_count = #all:count_by(partners)

    r:heading(o.name, 1)
    local kind = accord.names.kind(o.kind):lower()
    local from = o.country and " from " .. accord.names.country(o.country) or ""
    local facts = string.format("%s %s%s", kind:match("^[aeiou]") and "An" or "A", kind, from)
    if o.parent then facts = facts .. ", part of the " .. S.organization_name(o.parent) .. " group" end
    r:paragraph(facts .. string.format(". It takes part in **%s** in the database, %s dated in %s.",
      S.count(#all, "partnership", "partnerships"), S.count(#deals, "of them", "of them"):gsub("^1 of them", "one of them"),
      period.label))

    local undated = all:count(function(p) return p.date == nil end)
    if undated > 0 then
      r:note((undated == 1 and "One of its partnerships has no date and is"
        or undated .. " of its partnerships have no date and are") .. " in no year's count.")
    end

    r:figures{
      { label = "Partnerships in " .. period.label, value = of_year },
      { label = "Partnerships in all", value = all },
      { label = "Partners in all", value = partner_count },
    }

    r:trend{ id = "activity", title = "Partnerships per year", periods = 8,
             series = { { name = o.name, value = of_year } } }
    r:breakdown{ id = "by-purpose", title = "All partnerships by purpose", of = all, by = S.purposes, name = S.purpose_name,
                 column = "Purpose", chart = "horizontal" }
    r:breakdown{ id = "partners", title = "Most frequent partners", of = all, column = "Partner", top = 10,
                 chart = "horizontal", by = partners, name = S.organization_name, noun = "partners" }

    r:heading("Partnerships")
    r:partnerships{ title = "All partnerships of " .. o.name, items = all:sort_by("date", true) }
    r:coarse_dates(accord.partnerships{ period = period, dated = "coarser", party = o.id })
  end,
}
