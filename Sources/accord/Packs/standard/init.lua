-- The standard rule pack: what a partnership is for, read from its content.
--
-- Every rule looks at what the record says (its form, its parties and their
-- roles, its territories, products, sums of money, programme figures and the
-- words of its title, summary, tags and products), never at where a source
-- happened to list the deal. See README.md for each label's criteria.
--
--   accord rules check
--   accord test --coverage
--   accord classify
--   accord explain <id>

local R = accord.rules
local rule, pack, all, any, none = R.rule, R.pack, R.all, R.any, R.none
local mentions, form_is, involves, tagged = R.mentions, R.form_is, R.involves, R.tagged
local has_product, has_financial, has_figure = R.has_product, R.has_financial, R.has_figure

-- Helpers -------------------------------------------------------------------------

-- The territories that lie outside every party's home country: where a firm
-- sells, licenses or sets up abroad. A group (ASEAN, EUROPE, GLOBAL) is never a
-- home country, so it always counts as abroad.
local abroad = R.abroad()

-- Public events and visits: what they are, whatever else they touch on.
local event_words = { "conference", "forum", "symposium", "exhibition", "convention", "trade-mission",
                      "trade mission", "state-visit", "state visit", "delegation" }
local an_event = mentions(table.unpack(event_words))

-- A programme that teaches: a course on R&D is training, not research.
local training_words = { "training", "train", "education", "course" }
local a_training_programme = all { form_is "program", mentions(table.unpack(training_words)) }

return pack {
  name = "standard",
  version = "1.1.0",
  description = "What a pharmaceutical partnership is for (research, export, training, investment, "
    .. "licensing, commercialisation, manufacturing, clinical trials, open innovation, policy, "
    .. "networking), read from the record's content rather than from where a source listed it.",
  hit_policy = "collect",
  labels = {
    rnd = "Research and development",
    export = "Export and market expansion",
    training = "Training and capacity building",
    investment = "Investment",
    licensing = "Licensing",
    co_promotion = "Co-promotion and commercialisation",
    manufacturing = "Manufacturing",
    clinical_trials = "Clinical trials",
    open_innovation = "Open innovation and digital health",
    policy = "Policy and government cooperation",
    networking = "Networking and general cooperation",
  },
  rules = {
    -- Priority 100: the instrument itself says what the deal is for. -------------
    rule {
      id = "investment-by-form", label = "investment", priority = 100, status = "stable",
      tags = { "form" },
      description = "The partnership is an investment agreement.",
      when = form_is "investment",
    },
    rule {
      id = "licensing-by-form", label = "licensing", priority = 100, status = "stable",
      tags = { "form" },
      description = "The partnership is a licence.",
      when = form_is "license",
    },
    rule {
      id = "export-by-form", label = "export", priority = 100, status = "stable",
      tags = { "form" },
      description = "The partnership is an export contract.",
      when = form_is "export_contract",
    },
    rule {
      id = "co-promotion-by-form", label = "co_promotion", priority = 100, status = "stable",
      tags = { "form" },
      description = "The partnership is a co-promotion or distribution agreement: one partner markets or sells another's product.",
      when = form_is("co_promotion", "distribution"),
    },
    rule {
      id = "manufacturing-contract", label = "manufacturing", priority = 100, status = "stable",
      tags = { "form", "role" },
      description = "The partnership is a manufacturing agreement, or a party takes part as manufacturer.",
      when = any { form_is "manufacturing", involves { role = "manufacturer" } },
    },
    rule {
      id = "clinical-trials-by-form", label = "clinical_trials", priority = 100, status = "stable",
      tags = { "form" },
      description = "The partnership is a clinical trial agreement.",
      when = form_is "clinical_trial_agreement",
    },
    rule {
      id = "rnd-by-form", label = "rnd", priority = 95, status = "stable",
      tags = { "form" },
      description = "The partners develop something together (a co-development agreement).",
      when = form_is "co_development",
    },

    -- Priority 80-88: roles, terms and explicit purposes. ------------------------
    rule {
      id = "open-innovation-explicit", label = "open_innovation", priority = 88, status = "stable",
      tags = { "content" },
      description = "The record calls itself open innovation or partnering: a company looking outside for ideas, partners or assets.",
      when = mentions("open innovation", "open-innovation", "partnering"),
    },
    rule {
      id = "training-programme", label = "training", priority = 87, status = "stable",
      tags = { "form", "figures", "content" },
      description = "A programme that trains people and reports how many people, officials or countries took part.",
      when = all {
        a_training_programme,
        any { has_figure "participants", has_figure "officials", has_figure "countries" },
      },
    },
    rule {
      id = "open-innovation-startups", label = "open_innovation", priority = 86, status = "stable",
      tags = { "party", "content" },
      description = "Start-ups take part, or the record is about start-ups, accelerators, incubation or venture support.",
      when = any {
        involves { kind = "startup" },
        mentions("startup", "start-up", "accelerator", "incubat", "venture-capital", "venture capital"),
      },
    },
    rule {
      id = "rnd-to-develop", label = "rnd", priority = 83, status = "stable",
      tags = { "form", "content" },
      description = "A joint venture set up, or a licence granted, to develop something: the deal exists for development.",
      when = all { form_is("joint_venture", "license"), mentions "develop" },
    },
    rule {
      id = "clinical-trials-by-content", label = "clinical_trials", priority = 84, status = "stable",
      tags = { "content", "figures" },
      description = "The title or tags speak of clinical trials or studies, or the record counts trials; events about trials do not count.",
      when = all {
        any {
          mentions { "clinical trial", "clinical-trial", "clinical stud", "basket trial", "first-in-human",
                     "first-in-patient", fields = { "title", "tags" } },
          has_figure "trials",
        },
        none { an_event },
      },
    },
    rule {
      id = "export-foreign-market", label = "export", priority = 82, status = "stable",
      tags = { "form", "territory" },
      description = "A licence, distribution, co-promotion or joint venture covering territories outside every party's home country.",
      when = all { form_is("license", "distribution", "co_promotion", "joint_venture"), abroad },
    },
    rule {
      id = "licensing-by-terms", label = "licensing", priority = 80, status = "stable",
      tags = { "role", "financial" },
      description = "A party takes part as licensor or licensee, or the terms include an upfront payment, milestones or royalties.",
      when = any {
        involves({ role = "licensor" }, { role = "licensee" }),
        has_financial "upfront", has_financial "milestone", has_financial "royalty",
      },
    },
    rule {
      id = "rnd-candidate", label = "rnd", priority = 80, status = "stable",
      tags = { "product" },
      description = "The partnership concerns a drug candidate: something still in development.",
      when = has_product "candidate",
    },
    rule {
      id = "rnd-funded-research", label = "rnd", priority = 80, status = "stable",
      tags = { "financial", "figures" },
      description = "Research money is paid, or the programme counts the researchers or research projects it supports.",
      when = any { has_financial "research_funding", has_figure "researchers", has_figure "projects" },
    },

    -- Priority 70-78: the purpose as the record words it. ------------------------
    rule {
      id = "policy-regulatory", label = "policy", priority = 78, status = "stable",
      tags = { "party", "content" },
      description = "A regulator takes part, or the record is about regulators or public policy.",
      when = any { involves { kind = "regulator" }, mentions("regulators", "policy", "policies") },
    },
    rule {
      id = "co-promotion-by-content", label = "co_promotion", priority = 75, status = "stable",
      tags = { "content" },
      description = "The title or tags speak of promoting, co-marketing or commercialising a product.",
      when = any {
        mentions { "promot", "co-market", fields = { "title", "tags" } },
        tagged("commercialization", "commercialisation"),
      },
    },
    rule {
      id = "training-by-content", label = "training", priority = 70, status = "stable",
      tags = { "content" },
      description = "The record speaks of training, teaching, an academy, education or workforce development.",
      when = mentions("training", "train", "education", "workforce", "capacity building", "capacity-building"),
    },

    -- Priority 55-65: broader wording. ---------------------------------------------
    rule {
      id = "export-technology-licence", label = "export", priority = 66, status = "stable",
      tags = { "form", "party" },
      description = "A licence granted to a licensee based outside the licensor's home country: a technology export, whatever territory it covers.",
      when = all { form_is "license", R.party_abroad "licensee" },
    },
    rule {
      id = "export-by-content", label = "export", priority = 65, status = "stable",
      tags = { "content" },
      description = "The record speaks of exports, overseas markets or a trade mission.",
      when = mentions("export", "overseas", "trade-mission", "trade mission"),
    },
    rule {
      id = "export-market-entry", label = "export", priority = 64, status = "stable",
      tags = { "content", "territory" },
      description = "The record speaks of market entry, access or expansion, and covers territories outside the parties' home countries.",
      when = all {
        mentions("market entry", "market-entry", "market access", "market-access", "market expansion",
                 "market-expansion", "representative office", "representative-office"),
        abroad,
      },
    },
    rule {
      id = "investment-by-content", label = "investment", priority = 62, status = "stable",
      tags = { "form", "content" },
      description = "A joint venture (a company the partners own together), or the record speaks of foreign direct investment, venture capital or an investment fund; an event or visit that only speaks of them does not count.",
      when = any {
        form_is "joint_venture",
        all {
          mentions("foreign-investment", "foreign investment", "venture-capital", "venture capital", "investment fund",
                   "investment-fund"),
          none { an_event },
        },
      },
    },
    rule {
      id = "rnd-by-content", label = "rnd", priority = 60, status = "stable",
      tags = { "content" },
      description = "The record speaks of R&D, research, preclinical or translational work, drug discovery or development, or co-development; an event about them, or a training programme teaching them, does not count.",
      when = all {
        mentions("r-and-d", "r&d", "research", "preclinical", "translational", "drug discovery", "drug-discovery",
                 "drug development", "drug-development", "co-develop", "biomarker"),
        none { an_event },
        none { a_training_programme },
      },
    },
    -- Below the purposes the record words: what money is for comes before its being invested.
    rule {
      id = "investment-by-terms", label = "investment", priority = 59, status = "stable",
      tags = { "financial", "role" },
      description = "Money is invested: an investment or fund among the financial terms, or a party takes part as investor.",
      when = any { has_financial "investment", has_financial "fund", involves { role = "investor" } },
    },
    rule {
      id = "open-innovation-digital-health", label = "open_innovation", priority = 58, status = "stable",
      tags = { "tags", "product", "party" },
      description = "Digital health: a digital product, a digital-health company, or tags for digital health, AI, IoT, health data or medtech.",
      when = any {
        has_product "digital",
        involves { kind = "digital_health" },
        tagged("digital-health", "digital", "ai", "iot", "healthcare-data", "health-data", "big-data", "medtech"),
      },
    },
    rule {
      id = "manufacturing-by-content", label = "manufacturing", priority = 56, status = "stable",
      tags = { "content" },
      description = "The record speaks of manufacturing or contract manufacturing (CDMO, CMO).",
      when = mentions("manufactur", "cdmo", "cmo"),
    },
    rule {
      id = "policy-government-led", label = "policy", priority = 55, status = "stable",
      tags = { "party" },
      description = "A government body organizes, sponsors, funds, signs or takes part (a state-run scheme, a state fund, an official delegation, an accord it signs).",
      when = involves(
        { kind = "government_agency", role = "organizer" },
        { kind = "government_agency", role = "sponsor" },
        { kind = "government_agency", role = "funder" },
        { kind = "government_agency", role = "signatory" },
        { kind = "government_agency", role = "participant" }
      ),
    },
    rule {
      id = "policy-government-counterpart", label = "policy", priority = 50, status = "stable",
      tags = { "role" },
      description = "A government body signs as the government counterpart of a company: a public-private accord.",
      when = involves { role = "government_counterpart" },
    },

    -- Priority 40: what is left when a record only meets or cooperates. ---------
    rule {
      id = "networking-events", label = "networking", priority = 40, status = "stable",
      tags = { "content" },
      description = "A conference, forum, symposium, exhibition, trade mission, state visit or delegation.",
      when = an_event,
    },
    rule {
      id = "networking-stated", label = "networking", priority = 40, status = "stable",
      tags = { "content" },
      description = "The record says it builds a network or holds meetings.",
      when = mentions("network", "meeting"),
    },
    rule {
      id = "networking-cooperation", label = "networking", priority = 40, status = "stable",
      tags = { "form", "content" },
      description = "A memorandum, letter of intent or framework whose stated object is cooperation.",
      when = all { form_is("mou", "loi", "framework"), mentions "cooperation" },
    },
  },
}
