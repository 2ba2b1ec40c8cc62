"""Accord's standard classification and quarterly aggregates, written in pandas.

This is the baseline an analyst would otherwise write: the same 32 rules and
11 labels as the standard rule pack (Sources/accord/Packs/standard/init.lua, criteria
in its README.md) and the same figures and breakdowns as the quarterly report
(Scripts/reports/quarterly.lua with Scripts/reports/lib/summary.lua), computed
over the CSV files that `accord-bench generate` writes, vectorised over whole
columns (str methods, explode, isin, numpy masks) rather than looping over rows.

    python3 Benchmarks/pandas_classify.py DATA_DIR --quarter 2025-Q4

DATA_DIR holds sources.csv, organizations.csv and partnerships.csv in the
layout of docs/data-format.md (CSV section). The script prints, one per line:

    read_seconds X          reading and parsing the three CSV files into frames
    classify_seconds X      evaluating every rule and deriving the labels
    quarterly_seconds X     the quarterly aggregates of the given quarter
    total_seconds X         wall time of the three phases together (after start-up)
    records N               partnerships read
    label NAME COUNT        per label (by name): partnerships that have it
    quarter_partnerships N  partnerships filed in the quarter

With --show the quarterly frames are also written to standard error.

Semantics reproduced from Accord (Sources/AccordScripting/Rules/dsl.lua, CSVSource.swift, the
pack and the report scripts):

- Cells are trimmed of Unicode white space; an empty cell or list item is
  absent. List cells split on unescaped `;`, compound items on unescaped `|`,
  a backslash escapes `;`, `|` and `\\`. Parties split on their last `:`,
  figures on their first `=`. Titles and summaries are taken as written
  (escapes are only read inside list cells).
- `mentions` lower-cases ASCII letters only (Lua's C locale), turns each run
  of characters other than ASCII letters and digits into one space (non-ASCII
  characters are word characters, as bytes >= 128 are in Lua) and puts a space
  in front; a word is normalised the same way, its trailing space dropped, and
  matches where it occurs as plain text. The fields a condition searches are
  normalised once per column and joined with a newline, which no word can span.
- A partnership's labels are its manual `labels` when it has any, otherwise the
  labels of every rule that fires (hit policy collect); its primary label is the
  first manual label, or that of the first rule to fire by priority, then id.
- A partnership is filed in a period when its filing date (signed, else
  announced, else start) lies wholly inside it: a bare year, or a month
  outside, is "coarser" and not counted.
"""

import argparse
import re
import sys
import time
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path

import numpy as np
import pandas as pd

# Unicode White_Space: what Swift's `Character.isWhitespace` trims from values.
WHITESPACE = ("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
              "\u2028\u2029\u202f\u205f\u3000")


# Reading ---------------------------------------------------------------------------

# Columns whose cells are read as single values (list columns are trimmed item by item).
SCALARS = {"id", "title", "summary", "form", "status", "announced", "signed", "start", "end", "duration_months",
           "name", "kind", "country", "parent", "publisher", "published", "url", "document"}


# The columns of each file; a file may leave out those that are not required.
COLUMNS = {
    "sources.csv": ["id", "title", "publisher", "published", "url", "document"],
    "organizations.csv": ["id", "name", "aliases", "kind", "country", "parent", "sources"],
    "partnerships.csv": ["id", "title", "summary", "form", "status", "announced", "signed", "start", "end",
                         "duration_months", "parties", "territories", "products", "financials", "figures", "tags",
                         "labels", "sources"],
}


def read_csv(path):
    """A CSV file as a frame of strings ("" for absent), columns by name, single values trimmed."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig",
                     encoding_errors="replace", skip_blank_lines=True)
    df.columns = [c.strip(WHITESPACE) for c in df.columns]
    for c in df.columns:
        if c in SCALARS:
            df[c] = trimmed(df[c].to_numpy(object))
    for c in COLUMNS[path.name]:
        if c not in df.columns:
            df[c] = ""
    return df.reset_index(drop=True)


def split_escaped(text, sep):
    """CSVCells.split: splits on unescaped `sep`, leaving the escapes in place."""
    items, start, i, n = [], 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 1
        elif ch == sep:
            items.append(text[start:i])
            start = i + 1
        i += 1
    items.append(text[start:])
    return items


def unescape(text):
    """CSVCells.unescape: drops the backslash before `;`, `|` and `\\`; any other stays."""
    if "\\" not in text:
        return text
    out, escaping = [], False
    for ch in text:
        if escaping:
            if ch not in "\\;|":
                out.append("\\")
            out.append(ch)
            escaping = False
        elif ch == "\\":
            escaping = True
        else:
            out.append(ch)
    if escaping:
        out.append("\\")
    return "".join(out)


# White space after a NUL; searched for in the values joined by NULs, and in them reversed.
SPACE_AFTER_NUL = re.compile(f"\x00[{WHITESPACE}]")


def trimmed(values):
    """An object array of strings with the white space around each removed (looked for once, in C)."""
    joined = "\x00".join(values)
    ends = joined[:1] + joined[-1:]
    if any(c in WHITESPACE for c in ends) or SPACE_AFTER_NUL.search(joined) or SPACE_AFTER_NUL.search(joined[::-1]):
        return pd.Series(values, dtype=object).str.strip(WHITESPACE).to_numpy(object)
    return values


def as_values(items):
    """Raw items as values: unescaped and trimmed (only items holding a backslash need the work)."""
    if "\\" in "".join(items):
        items = np.array([unescape(t).strip(WHITESPACE) if "\\" in t else t for t in items], dtype=object)
    return items


def split_cells(cells, sep, escapes=True):
    """Splits every cell on `sep` (unescaped, unless `escapes` is false): (index of the cell of
    each piece, pieces per cell, pieces), escapes kept.

    Without escapes in the column, every separator separates: one join and one split of the
    whole column, the pieces then numbered by how many separators each cell holds."""
    cells = list(cells)
    big = sep.join(cells)
    if escapes and "\\" in big:
        lists = [split_escaped(c, sep) if "\\" in c else c.split(sep) for c in cells]
        counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        pieces = [x for piece in lists for x in piece]
    else:
        counts = np.fromiter(map(methodcaller("count", sep), cells), dtype=np.int64, count=len(cells)) + 1
        pieces = big.split(sep)
    return np.repeat(np.arange(len(cells)), counts), counts, np.array(pieces, dtype=object)


def explode_items(col, sep=";"):
    """The items of a list column: (row positions, raw items), trimmed, empty items dropped."""
    rows, _, items = split_cells(col, sep)
    items = trimmed(items)
    keep = items != ""
    return rows[keep], items[keep]


def split_parts(items, names):
    """Compound items (`a|b|c`) as a frame of the named parts, each unescaped and trimmed ("" when absent)."""
    owner, counts, parts = split_cells(items, "|")
    parts = as_values(trimmed(parts))
    number = np.arange(len(parts)) - np.repeat(np.cumsum(counts) - counts, counts)
    out = {}
    for i, name in enumerate(names):
        column = np.full(len(items), "", dtype=object)
        at = number == i
        column[owner[at]] = parts[at]
        out[name] = column
    return pd.DataFrame(out)


def split_once(items, sep, last):
    """Items split at their first (or last) `sep`: (has it, before, after), both trimmed."""
    _, counts, pieces = split_cells(items, sep, escapes=False)
    if (counts == 2).all():  # one separator in every item: the pieces alternate
        has = np.ones(len(items), dtype=bool)
        before, after = pieces[0::2], pieces[1::2]
    else:
        split = pd.Series(items, dtype=object)
        split = split.str.rpartition(sep) if last else split.str.partition(sep)
        has = (split[1] == sep).to_numpy(bool)
        before, after = split[0].to_numpy(object), split[2].to_numpy(object)
    return has, as_values(trimmed(before)), as_values(trimmed(after))


@dataclass
class Data:
    n: int
    p: pd.DataFrame            # partnerships, one row each, positions 0..n-1
    orgs: pd.DataFrame         # organizations
    sources: pd.DataFrame
    parties: pd.DataFrame      # row, org, role, kind, country, name, parent
    territories: pd.DataFrame  # row, code
    products: pd.DataFrame     # row, name, kind, indication, therapeutic_area
    financials: pd.DataFrame   # row, type, amount, currency, wording
    figures: pd.DataFrame      # row, key
    tags: pd.DataFrame         # row, tag
    labels: pd.DataFrame       # row, label (manual labels)


def read_data(folder):
    folder = Path(folder)
    sources = read_csv(folder / "sources.csv")
    orgs = read_csv(folder / "organizations.csv")
    p = read_csv(folder / "partnerships.csv")
    n = len(p)

    # Parties: org:role, split at the last colon; kind, country, name and parent from the organization.
    rows, items = explode_items(p["parties"])
    has, org, role = split_once(items, ":", last=True)
    parties = pd.DataFrame({"row": rows[has], "org": org[has], "role": role[has]})
    at = pd.Index(orgs["id"]).get_indexer(parties["org"])
    known = at >= 0
    for field in ("kind", "country", "name", "parent"):
        column = orgs[field].to_numpy(object)[np.where(known, at, 0)]
        column[~known | (column == "")] = None
        parties[field] = column

    rows, items = explode_items(p["territories"])
    territories = pd.DataFrame({"row": rows, "code": as_values(items)})

    rows, items = explode_items(p["products"])
    products = split_parts(items, ["name", "kind", "indication", "therapeutic_area"])
    products.insert(0, "row", rows)

    rows, items = explode_items(p["financials"])
    financials = split_parts(items, ["type", "amount", "currency", "wording"])
    financials.insert(0, "row", rows)
    financials["amount"] = pd.to_numeric(financials["amount"].replace("", None), errors="coerce")

    # Figures: key=value, split at the first `=`; a figure without a value is not reported.
    rows, items = explode_items(p["figures"])
    has, key, value = split_once(items, "=", last=False)
    has &= value != ""
    figures = pd.DataFrame({"row": rows[has], "key": key[has]})

    rows, items = explode_items(p["tags"])
    tags = pd.DataFrame({"row": rows, "tag": as_values(items)})

    rows, items = explode_items(p["labels"])
    labels = pd.DataFrame({"row": rows, "label": as_values(items)}).drop_duplicates()

    return Data(n, p, orgs, sources, parties, territories, products, financials, figures, tags, labels)


# The rules DSL --------------------------------------------------------------------------


@dataclass(frozen=True)
class FormIs:
    forms: tuple


@dataclass(frozen=True)
class Mentions:
    words: tuple
    fields: tuple = ("title", "summary", "tags", "products")


@dataclass(frozen=True)
class Involves:
    specs: tuple  # of tuples of (field, value) pairs; any spec, all of its fields


@dataclass(frozen=True)
class Tagged:
    tags: tuple


@dataclass(frozen=True)
class HasProduct:
    kind: str


@dataclass(frozen=True)
class HasFinancial:
    type: str


@dataclass(frozen=True)
class HasFigure:
    key: str


@dataclass(frozen=True)
class All:
    children: tuple


@dataclass(frozen=True)
class Any:
    children: tuple


@dataclass(frozen=True)
class NoneOf:
    children: tuple


@dataclass(frozen=True)
class Abroad:
    """init.lua's `abroad`: a territory beyond the parties' home countries."""


@dataclass(frozen=True)
class PartyAbroad:
    """init.lua's `party_abroad`: a party in one of `roles` based outside every other party's home country."""
    roles: tuple


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    priority: int
    when: object
    status: str = "stable"


def form_is(*forms): return FormIs(forms)
def mentions(*words, fields=None): return Mentions(words, tuple(fields)) if fields else Mentions(words)
def involves(*specs): return Involves(tuple(tuple(sorted(s.items())) for s in specs))
def tagged(*tags): return Tagged(tags)
def all_(*c): return All(c)
def any_(*c): return Any(c)
def none(*c): return NoneOf(c)


abroad = Abroad()
EVENT_WORDS = ("conference", "forum", "symposium", "exhibition", "convention", "trade-mission",
               "trade mission", "state-visit", "state visit", "delegation")
AN_EVENT = mentions(*EVENT_WORDS)
TRAINING_WORDS = ("training", "train", "education", "course")
A_TRAINING_PROGRAMME = all_(form_is("program"), mentions(*TRAINING_WORDS))

# The standard pack 1.1.0, rule for rule (hit policy collect).
STANDARD = [
    Rule("investment-by-form", "investment", 100, form_is("investment")),
    Rule("licensing-by-form", "licensing", 100, form_is("license")),
    Rule("export-by-form", "export", 100, form_is("export_contract")),
    Rule("co-promotion-by-form", "co_promotion", 100, form_is("co_promotion", "distribution")),
    Rule("manufacturing-contract", "manufacturing", 100,
         any_(form_is("manufacturing"), involves({"role": "manufacturer"}))),
    Rule("clinical-trials-by-form", "clinical_trials", 100, form_is("clinical_trial_agreement")),
    Rule("rnd-by-form", "rnd", 95, form_is("co_development")),
    Rule("open-innovation-explicit", "open_innovation", 88, mentions("open innovation", "open-innovation", "partnering")),
    Rule("training-programme", "training", 87, all_(
        A_TRAINING_PROGRAMME,
        any_(HasFigure("participants"), HasFigure("officials"), HasFigure("countries")))),
    Rule("open-innovation-startups", "open_innovation", 86, any_(
        involves({"kind": "startup"}),
        mentions("startup", "start-up", "accelerator", "incubat", "venture-capital", "venture capital"))),
    Rule("rnd-to-develop", "rnd", 83, all_(form_is("joint_venture", "license"), mentions("develop"))),
    Rule("clinical-trials-by-content", "clinical_trials", 84, all_(
        any_(mentions("clinical trial", "clinical-trial", "clinical stud", "basket trial", "first-in-human",
                      "first-in-patient", fields=("title", "tags")),
             HasFigure("trials")),
        none(AN_EVENT))),
    Rule("export-foreign-market", "export", 82, all_(
        form_is("license", "distribution", "co_promotion", "joint_venture"), abroad)),
    Rule("licensing-by-terms", "licensing", 80, any_(
        involves({"role": "licensor"}, {"role": "licensee"}),
        HasFinancial("upfront"), HasFinancial("milestone"), HasFinancial("royalty"))),
    Rule("rnd-candidate", "rnd", 80, HasProduct("candidate")),
    Rule("rnd-funded-research", "rnd", 80, any_(
        HasFinancial("research_funding"), HasFigure("researchers"), HasFigure("projects"))),
    Rule("policy-regulatory", "policy", 78, any_(
        involves({"kind": "regulator"}), mentions("regulators", "policy", "policies"))),
    Rule("co-promotion-by-content", "co_promotion", 75, any_(
        mentions("promot", "co-market", fields=("title", "tags")),
        tagged("commercialization", "commercialisation"))),
    Rule("training-by-content", "training", 70,
         mentions("training", "train", "education", "workforce", "capacity building", "capacity-building")),
    Rule("export-technology-licence", "export", 66, all_(form_is("license"), PartyAbroad(("licensee",)))),
    Rule("export-by-content", "export", 65, mentions("export", "overseas", "trade-mission", "trade mission")),
    Rule("export-market-entry", "export", 64, all_(
        mentions("market entry", "market-entry", "market access", "market-access", "market expansion",
                 "market-expansion", "representative office", "representative-office"),
        abroad)),
    Rule("investment-by-content", "investment", 62, any_(
        form_is("joint_venture"),
        all_(mentions("foreign-investment", "foreign investment", "venture-capital", "venture capital",
                      "investment fund", "investment-fund"),
             none(AN_EVENT)))),
    Rule("rnd-by-content", "rnd", 60, all_(
        mentions("r-and-d", "r&d", "research", "preclinical", "translational", "drug discovery", "drug-discovery",
                 "drug development", "drug-development", "co-develop", "biomarker"),
        none(AN_EVENT),
        none(A_TRAINING_PROGRAMME))),
    Rule("investment-by-terms", "investment", 59, any_(
        HasFinancial("investment"), HasFinancial("fund"), involves({"role": "investor"}))),
    Rule("open-innovation-digital-health", "open_innovation", 58, any_(
        HasProduct("digital"),
        involves({"kind": "digital_health"}),
        tagged("digital-health", "digital", "ai", "iot", "healthcare-data", "health-data", "big-data", "medtech"))),
    Rule("manufacturing-by-content", "manufacturing", 56, mentions("manufactur", "cdmo", "cmo")),
    Rule("policy-government-led", "policy", 55, involves(
        {"kind": "government_agency", "role": "organizer"},
        {"kind": "government_agency", "role": "sponsor"},
        {"kind": "government_agency", "role": "funder"},
        {"kind": "government_agency", "role": "signatory"},
        {"kind": "government_agency", "role": "participant"})),
    Rule("policy-government-counterpart", "policy", 50, involves({"role": "government_counterpart"})),
    Rule("networking-events", "networking", 40, AN_EVENT),
    Rule("networking-stated", "networking", 40, mentions("network", "meeting")),
    Rule("networking-cooperation", "networking", 40, all_(form_is("mou", "loi", "framework"), mentions("cooperation"))),
]
STANDARD_LABELS = ["rnd", "export", "training", "investment", "licensing", "co_promotion", "manufacturing",
                   "clinical_trials", "open_innovation", "policy", "networking"]


# Searchable text -------------------------------------------------------------------------

# Lua's lower (A-Z only) and `[^%w\128-\255]` in one table: ASCII that is not a
# letter or digit becomes a space; other characters are left as they are.
SEARCHABLE = str.maketrans({i: (chr(i + 32) if 65 <= i <= 90 else chr(i) if chr(i).isalnum() else " ")
                            for i in range(128)})
ASCII_LOWER = str.maketrans({i: chr(i + 32) for i in range(65, 91)})


def searchable(s):
    """`searchable` of dsl.lua over a column: " " .. lower(text):gsub(NOT_WORD, " ")."""
    return " " + s.str.translate(SEARCHABLE).str.replace("  +", " ", regex=True)


def needle(word):
    """A word of `mentions` as searched: normalised like the text, its trailing space dropped."""
    text = " " + re.sub(" +", " ", word.translate(SEARCHABLE))
    if text.endswith(" "):
        text = text[:-1]
    if text == "":
        raise ValueError(f"mentions: {word!r} has no letters or digits")
    return text


def ascii_lower(s):
    """Lua's lower over a column: str.lower where the text is ASCII, else A-Z only."""
    lowered = s.str.lower()
    other = ~s.str.isascii().to_numpy(bool)
    if other.any():
        lowered[other] = s[other].str.translate(ASCII_LOWER)
    return lowered


def exact_list_text(cell, parts_kept=None):
    """field_text of a list cell, item by item as Accord reads it: tags joined with " | ",
    or the kept parts of each compound item (products: name, indication, area)."""
    items = [t.strip(WHITESPACE) for t in split_escaped(cell, ";")]
    out = []
    for item in items:
        if not item:
            continue
        if parts_kept is None:
            out.append(unescape(item).strip(WHITESPACE))
        else:
            parts = [unescape(x).strip(WHITESPACE) for x in split_escaped(item, "|")]
            parts += [""] * (4 - len(parts))
            out.extend(parts[i] for i in parts_kept)
    return " | ".join(out)


def list_field_text(col, kind_part):
    """The text of tags (kind_part False) or products (True) for `mentions`, before normalising.

    An ASCII cell without escapes is searched as written, minus each product's kind: its
    separators and spaces are not word characters, so it normalises to the same words in
    the same order as Accord's joined text. Other cells are read item by item."""
    text = col
    if kind_part:
        text = text.str.replace(r"(^|;)([^|;]*)\|[^|;]*", r"\1\2|", regex=True)
    odd = (col.str.contains("\\", regex=False) | ~col.str.isascii()).to_numpy(bool)
    if odd.any():
        text = text.copy()
        text[odd] = [exact_list_text(c, (0, 2, 3) if kind_part else None) for c in col[odd]]
    return text


# Evaluation ------------------------------------------------------------------------------


def searches(c):
    """Whether a condition searches text (the costly part of evaluating it)."""
    return isinstance(c, Mentions) or any(searches(child) for child in getattr(c, "children", ()))


class Evaluator:
    """Evaluates conditions over sets of partnership positions, short-circuiting as Lua
    does: `all` tests a child only where the others held, `any` (and `none`) where they
    failed. A `mentions` searches each text once for all its words (a regular expression), or
    word by word where it has only a few."""

    def __init__(self, d):
        self.d = d
        self.n = d.n
        self.full = {}    # leaf condition → boolean array over all partnerships
        self.texts = {}   # field or tuple of fields → searchable text column
        self.tags_lower = None

    def per_row(self, rows, mask):
        out = np.zeros(self.n, dtype=bool)
        out[rows[np.asarray(mask, dtype=bool)]] = True
        return out

    def text(self, fields):
        if fields in self.texts:
            return self.texts[fields]
        if isinstance(fields, str):
            p = self.d.p
            raw = {"title": lambda: p["title"],
                   "summary": lambda: p["summary"],
                   "tags": lambda: list_field_text(p["tags"], False),
                   "products": lambda: list_field_text(p["products"], True),
                   "financials": lambda: self.financial_wordings()}[fields]()
            t = searchable(raw)
        else:
            # No word spans a newline, so one search of the joined fields is a search of each.
            t = self.text(fields[0]).str.cat([self.text(f) for f in fields[1:]], sep="\n")
        self.texts[fields] = t
        return t

    def financial_wordings(self):
        f = self.d.financials
        joined = f.groupby("row")["wording"].agg(" | ".join)
        out = pd.Series([""] * self.n, dtype=object)
        out[joined.index.to_numpy()] = joined.to_numpy()
        return out

    def leaf(self, c):
        if c in self.full:
            return self.full[c]
        d = self.d
        if isinstance(c, FormIs):
            r = d.p["form"].isin(c.forms).to_numpy(bool)
        elif isinstance(c, Tagged):
            wanted = {t.translate(ASCII_LOWER) for t in c.tags}
            if self.tags_lower is None:
                self.tags_lower = ascii_lower(d.tags["tag"])
            r = self.per_row(d.tags["row"].to_numpy(), self.tags_lower.isin(wanted))
        elif isinstance(c, HasProduct):
            r = self.per_row(d.products["row"].to_numpy(), d.products["kind"] == c.kind)
        elif isinstance(c, HasFinancial):
            r = self.per_row(d.financials["row"].to_numpy(), d.financials["type"] == c.type)
        elif isinstance(c, HasFigure):
            r = self.per_row(d.figures["row"].to_numpy(), d.figures["key"] == c.key)
        elif isinstance(c, Involves):
            parties = d.parties
            field_of = {"org": "org", "id": "org", "role": "role", "kind": "kind", "country": "country",
                        "parent": "parent"}
            match = np.zeros(len(parties), dtype=bool)
            for spec in c.specs:
                m = np.ones(len(parties), dtype=bool)
                for key, value in spec:
                    if key not in field_of:
                        raise NotImplementedError(f"involves: field {key!r}")
                    m &= (parties[field_of[key]] == value).to_numpy(bool)
                match |= m
            r = self.per_row(parties["row"].to_numpy(), match)
        elif isinstance(c, Abroad):
            r = self.abroad()
        elif isinstance(c, PartyAbroad):
            r = self.party_abroad(c.roles)
        else:
            raise TypeError(c)
        self.full[c] = r
        return r

    def abroad(self):
        d = self.d
        parties, terr = d.parties, d.territories
        unknown = self.per_row(parties["row"].to_numpy(), parties["country"].isna())
        # (row, code) pairs as integers: a territory is abroad unless it is some party's country.
        codes, uniques = pd.factorize(pd.concat([parties["country"].fillna(""), terr["code"]], ignore_index=True))
        k = len(uniques) + 1
        home = parties["row"].to_numpy(np.int64) * k + codes[:len(parties)]
        where = terr["row"].to_numpy(np.int64) * k + codes[len(parties):]
        outside = ~np.isin(where, home)
        return self.per_row(terr["row"].to_numpy(), outside) & ~unknown

    def party_abroad(self, roles):
        parties = self.d.parties
        rows = parties["row"].to_numpy()
        wanted = parties["role"].isin(roles).to_numpy(bool)
        known = parties["country"].notna().to_numpy(bool)
        # Every other party's country must be known, and there must be one.
        unknown = self.per_row(rows, ~wanted & ~known)
        others = self.per_row(rows, ~wanted)
        codes, uniques = pd.factorize(parties["country"].fillna(""))
        keys = rows.astype(np.int64) * (len(uniques) + 1) + codes
        home = keys[~wanted & known]
        outside = wanted & known & ~np.isin(keys, home)
        return self.per_row(rows, outside) & others & ~unknown

    def mentions(self, c, rows):
        """`rows`: positions to test (None: all). Returns a boolean array over them."""
        text = self.text(c.fields)
        if rows is not None:
            text = text.iloc[rows]
        needles = list(dict.fromkeys(needle(w) for w in c.words))
        # A needle that contains another is found only where that one is: `any` need not look for it.
        needles = [a for a in needles if not any(b != a and b in a for b in needles)]
        if len(needles) > 3:  # one regular expression for all the words
            pattern = re.compile("|".join(re.escape(nd) for nd in needles))
            return text.str.contains(pattern).to_numpy(bool)
        # A few words: a plain search for each, only where no word was found yet.
        out = np.zeros(len(text), dtype=bool)
        pending = np.arange(len(text))
        for nd in needles:
            hit = text.iloc[pending].str.contains(nd, regex=False).to_numpy(bool)
            out[pending[hit]] = True
            pending = pending[~hit]
        return out

    def eval(self, c, rows=None):
        if isinstance(c, (All, Any, NoneOf)):
            m = self.n if rows is None else len(rows)
            stop = not isinstance(c, All)  # All stops on a false child; Any and NoneOf on a true one
            out = np.full(m, not stop)
            live = np.arange(m)
            # Conditions have no side effects, so the cheap ones go first and the text searches
            # only look at the partnerships those left undecided.
            for child in sorted(c.children, key=searches):
                if len(live) == 0:
                    break
                sub = None if rows is None and len(live) == m else (live if rows is None else rows[live])
                r = self.eval(child, sub)
                decided = r if stop else ~r
                out[live[decided]] = stop
                live = live[~decided]
            return ~out if isinstance(c, NoneOf) else out
        if isinstance(c, Mentions):
            return self.mentions(c, rows)
        r = self.leaf(c)
        return r if rows is None else r[rows]


def classify(d, rules):
    """Labels of every partnership: a boolean frame (rows × labels) and the primary label."""
    rules = [r for r in rules if r.status != "deprecated"]
    rules.sort(key=lambda r: (-r.priority, r.id))
    ev = Evaluator(d)
    fired = np.column_stack([ev.eval(r.when) for r in rules])  # rows × rules, in plan order

    rule_labels = np.array([r.label for r in rules])
    names = list(dict.fromkeys(STANDARD_LABELS + list(rule_labels) + sorted(set(d.labels["label"]))))
    col = {name: i for i, name in enumerate(names)}
    labels = np.zeros((d.n, len(names)), dtype=bool)
    for j, r in enumerate(rules):
        labels[:, col[r.label]] |= fired[:, j]
    any_fired = fired.any(axis=1)
    primary = np.where(any_fired, rule_labels[fired.argmax(axis=1)], None)

    # Manual labels win over the rules, the first one primary.
    manual = d.labels
    if len(manual):
        rows = manual["row"].to_numpy()
        has_manual = np.zeros(d.n, dtype=bool)
        has_manual[rows] = True
        labels[has_manual] = False
        labels[rows, manual["label"].map(col).to_numpy(int)] = True
        first = manual.drop_duplicates("row")
        primary[first["row"].to_numpy()] = first["label"].to_numpy()
    return pd.DataFrame(labels, columns=names), primary


# Quarterly aggregates ------------------------------------------------------------------


DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def date_bounds(s):
    """First and last day (as YYYYMMDD integers) a partial date stands for; 0 when absent."""
    year = pd.to_numeric(s.str.slice(0, 4), errors="coerce").fillna(0).to_numpy(np.int64)
    month = pd.to_numeric(s.str.slice(5, 7), errors="coerce").fillna(0).to_numpy(np.int64)
    day = pd.to_numeric(s.str.slice(8, 10), errors="coerce").fillna(0).to_numpy(np.int64)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last_month = np.where(month > 0, month, 12)
    month_days = DAYS[last_month] + ((last_month == 2) & leap)
    first = year * 10000 + np.maximum(month, 1) * 100 + np.maximum(day, 1)
    last = year * 10000 + last_month * 100 + np.where(day > 0, day, month_days)
    dated = year > 0
    return np.where(dated, first, 0), np.where(dated, last, 0)


@dataclass(frozen=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text):
        m = re.fullmatch(r"(\d{4})-Q([1-4])", text.strip())
        if not m:
            raise SystemExit(f"invalid quarter {text!r}: expected YYYY-Qn")
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def label(self): return f"{self.year}-Q{self.q}"
    @property
    def start(self): return self.year * 10000 + (3 * self.q - 2) * 100 + 1
    @property
    def finish(self): return self.year * 10000 + (3 * self.q) * 100 + DAYS[3 * self.q]
    def previous(self): return Quarter(self.year, self.q - 1) if self.q > 1 else Quarter(self.year - 1, 4)
    def year_before(self): return Quarter(self.year - 1, self.q)


def breakdown(keys, deal_rows, top=None):
    """r:breakdown over (row, key) pairs: partnerships per key (a key once per partnership),
    largest first then by key; past `top`, one "Other (k more)" row of the partnerships
    with a key not shown; a "(none)" row for partnerships without a key."""
    pairs = pd.DataFrame({"row": keys[0], "key": keys[1]}).dropna().drop_duplicates()
    counts = pairs.groupby("key").size().rename("partnerships").reset_index()
    counts = counts.sort_values(["partnerships", "key"], ascending=[False, True], kind="stable")
    if top is not None and len(counts) > top:
        shown = set(counts["key"].iloc[:top])
        others = pairs.loc[~pairs["key"].isin(shown), "row"].nunique()
        counts = pd.concat([counts.iloc[:top], pd.DataFrame(
            {"key": [f"Other ({len(counts) - top} more)"], "partnerships": [others]})])
    keyless = len(np.setdiff1d(deal_rows, pairs["row"].to_numpy()))
    if keyless:
        counts = pd.concat([counts, pd.DataFrame({"key": ["(none)"], "partnerships": [keyless]})])
    return counts.reset_index(drop=True)


def quarterly(d, labels, quarter):
    p = d.p
    date = p["signed"].where(p["signed"] != "", p["announced"])
    date = date.where(date != "", p["start"])
    first, last = date_bounds(date)
    dated = first > 0

    def filed(period):
        return dated & (first >= period.start) & (last <= period.finish)

    parties = d.parties
    party_rows = parties["row"].to_numpy()

    def key_figures(period):
        mask = filed(period)
        taking_part = parties[mask[party_rows]]
        return {"new_partnerships": int(mask.sum()),
                "organizations": int(taking_part["org"].nunique()),
                "countries": int(taking_part["country"].nunique())}

    deals = filed(quarter)
    deal_rows = np.flatnonzero(deals)
    out = {"quarter": quarter.label, "deals": deal_rows}
    out["figures"] = pd.DataFrame({"value": key_figures(quarter), "previous": key_figures(quarter.previous()),
                                   "year_before": key_figures(quarter.year_before())})
    out["undated"] = int((~dated).sum())
    out["coarser"] = int((dated & (first <= quarter.finish) & (last >= quarter.start) & ~deals).sum())

    # By purpose: labels as words, "unclassified" when none.
    held = labels.to_numpy()[deal_rows]
    r, c = np.nonzero(held)
    words = np.array([name.replace("_", " ") for name in labels.columns], dtype=object)
    unlabelled = deal_rows[~held.any(axis=1)]
    out["by_purpose"] = breakdown((np.concatenate([deal_rows[r], unlabelled]),
                                   np.concatenate([words[c], np.full(len(unlabelled), "unclassified", dtype=object)])),
                                  deal_rows)
    out["by_form"] = breakdown((deal_rows, p["form"].to_numpy()[deal_rows].astype(str)), deal_rows)
    out["by_form"]["key"] = out["by_form"]["key"].str.replace("_", " ")

    taking_part = parties[deals[party_rows]]
    out["by_country"] = breakdown((taking_part["row"].to_numpy(), taking_part["country"].to_numpy()), deal_rows, top=10)
    out["top_organizations"] = breakdown((taking_part["row"].to_numpy(), taking_part["name"].to_numpy()), deal_rows,
                                         top=10)

    f = d.financials
    f = f[deals[f["row"].to_numpy()] & f["type"].isin(["investment", "fund", "research_funding", "grant"])
          & f["amount"].notna() & (f["currency"] != "")]
    out["committed"] = (f.groupby("currency").agg(amount=("amount", "sum"), partnerships=("row", "nunique"))
                        .reset_index().sort_values("currency").reset_index(drop=True))
    return out


def show(q, labels, primary, file=sys.stderr):
    print(f"quarter {q['quarter']}: {len(q['deals'])} partnerships; {q['undated']} undated; "
          f"{q['coarser']} dated too coarsely", file=file)
    with pd.option_context("display.width", 200, "display.max_rows", 100):
        for key in ("figures", "by_purpose", "by_form", "by_country", "top_organizations", "committed"):
            print(f"\n{key}\n{q[key]}", file=file)
    counts = pd.Series(primary).value_counts()
    print(f"\nprimary labels\n{counts.sort_index()}", file=file)


# Main --------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", help="folder with sources.csv, organizations.csv and partnerships.csv")
    parser.add_argument("--quarter", required=True, help="the quarter of the report, such as 2025-Q4")
    parser.add_argument("--show", action="store_true", help="also write the quarterly frames to standard error")
    args = parser.parse_args()
    quarter = Quarter.parse(args.quarter)

    clock = time.perf_counter
    started = clock()
    d = read_data(args.data)
    read_done = clock()
    labels, primary = classify(d, STANDARD)
    classify_done = clock()
    q = quarterly(d, labels, quarter)
    quarterly_done = clock()

    print(f"read_seconds {read_done - started:.6f}")
    print(f"classify_seconds {classify_done - read_done:.6f}")
    print(f"quarterly_seconds {quarterly_done - classify_done:.6f}")
    print(f"total_seconds {quarterly_done - started:.6f}")
    print(f"records {d.n}")
    counts = labels.sum(axis=0)
    for name in sorted(labels.columns):
        if counts[name] > 0:
            print(f"label {name} {int(counts[name])}")
    print(f"quarter_partnerships {len(q['deals'])}")
    if args.show:
        show(q, labels, primary)


if __name__ == "__main__":
    main()
