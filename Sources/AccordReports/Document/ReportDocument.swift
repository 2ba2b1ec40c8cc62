/// A report as its script built it, before rendering: every renderer draws
/// from this, and the JSON format is this document as it is.
public struct ReportDocument: Codable, Equatable, Sendable {
    /// The report's id: `quarterly`.
    public var id: String
    public var title: String
    /// Whose report it is: the workspace's `name` (`accord.yaml`), shown above the title.
    public var workspace: String?
    public var period: ReportPeriod
    public var blocks: [ReportBlock]
    /// What the report was made from; renderers add it as a closing line.
    public var source: ReportSource?

    public init(id: String, title: String, workspace: String? = nil, period: ReportPeriod, blocks: [ReportBlock] = [],
                source: ReportSource? = nil) {
        self.id = id
        self.title = title
        self.workspace = workspace
        self.period = period
        self.blocks = blocks
        self.source = source
    }
}

/// What a report was made from, with nothing that changes from run to run:
/// the same inputs give the same document.
public struct ReportSource: Codable, Equatable, Sendable {
    /// The day relative periods were resolved against, and the zone it is in.
    public var asOf: String
    public var timeZone: String
    public var parameters: [String: String]
    /// The script as the workspace names it, the modules it loaded, and
    /// `sha256:…` over all of them.
    public var script: String
    public var modules: [String]
    public var digest: String
    /// The classification whose labels the report read.
    public var classification: ReportClassification?
    /// The exchange rates the report converted amounts with, if it converted any.
    public var exchangeRates: ExchangeRates?

    public init(asOf: String, timeZone: String, parameters: [String: String], script: String, modules: [String],
                digest: String, classification: ReportClassification?, exchangeRates: ExchangeRates? = nil) {
        self.asOf = asOf
        self.timeZone = timeZone
        self.parameters = parameters
        self.script = script
        self.modules = modules
        self.digest = digest
        self.classification = classification
        self.exchangeRates = exchangeRates
    }

    /// `Made from Scripts/reports/quarterly.lua (sha256:1a2b3c4d…) as of 2026-01-01 (Asia/Seoul).`, then
    /// the classification's line.
    public func lines(period: String) -> [String] {
        let params = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        let made = "Made from \(script) (\(digest.prefix(15))…)" + (params.isEmpty ? "" : " with \(params)")
            + " as of \(asOf) (\(timeZone))."
        return [made] + (classification.map { [$0.line(period: period)] } ?? []) + (exchangeRates.map { [$0.line] } ?? [])
    }
}

/// The period a report covers, with the periods its figures compare against.
public struct ReportPeriod: Codable, Equatable, Sendable {
    /// `2019-Q4`, `2019`, `2019-06`, `FY2020-Q1`.
    public var label: String
    /// `month`, `quarter` or `year`.
    public var grain: String
    /// First and last day, ISO dates.
    public var start: String
    public var finish: String
    /// The label of the period before, and of the same period a year before.
    public var previous: String
    public var yearBefore: String

    public init(label: String, grain: String, start: String, finish: String, previous: String, yearBefore: String) {
        self.label = label
        self.grain = grain
        self.start = start
        self.finish = finish
        self.previous = previous
        self.yearBefore = yearBefore
    }
}

/// One part of a report, in reading order. In JSON each block is an object
/// with a `type` (`heading`, `paragraph`, `highlights`, `note`, `figures`, `table`, `chart`,
/// `partnerships`) and that block's fields.
public enum ReportBlock: Codable, Equatable, Sendable {
    /// A heading, level 1 to 3.
    case heading(text: String, level: Int)
    /// Text with Markdown inline formatting: `**bold**`, `*emphasis*`, `` `code` ``, `[text](url)`.
    case paragraph(text: String)
    /// What moved since the period before, in a sentence (`r:highlights`): a paragraph that
    /// e-mail and webhooks quote above the figures.
    case highlights(text: String)
    /// A remark shown apart from the text: "4 partnerships are dated to the year only".
    case note(text: String)
    /// Key figures shown as tiles, each with its change against earlier periods.
    case figures([KeyFigure])
    case table(ReportTable)
    case chart(ReportChart)
    /// Partnerships listed with their dates, parties and sources.
    case partnerships(PartnershipList)
}

/// A number shown large, with the same number for the previous period and for
/// the same period a year before, and the partnerships it counts.
public struct KeyFigure: Codable, Equatable, Sendable {
    public var label: String
    public var value: Double
    /// A unit shown after the value: a currency code, `%`; nil for a count.
    public var unit: String?
    public var previous: Double?
    public var yearBefore: Double?
    /// Ids of the partnerships behind the value, so that it can be traced.
    public var partnerships: [String]
    /// The value in the periods up to this one, oldest first, for a sparkline.
    public var trend: [Double]?

    public init(label: String, value: Double, unit: String? = nil, previous: Double? = nil, yearBefore: Double? = nil,
                partnerships: [String] = [], trend: [Double]? = nil) {
        self.label = label
        self.value = value
        self.unit = unit
        self.previous = previous
        self.yearBefore = yearBefore
        self.partnerships = partnerships
        self.trend = trend
    }
}

/// A table; CSV writes each table to its own file, named by `id`.
public struct ReportTable: Codable, Equatable, Sendable {
    /// Lower-case letters, digits and dashes: `by-label`.
    public var id: String
    public var title: String
    public var columns: [TableColumn]
    /// Each row has one cell per column.
    public var rows: [[TableCell]]
    /// Whether renderers add a row summing the number columns.
    public var totals: Bool
    /// Whether the page and the Markdown show it: a table drawn as a chart beside it is not
    /// shown twice, and a full list is for spreadsheets; the CSV and the JSON always have it.
    public var shown: Bool
    /// Whether its title is shown: not under a chart of the same numbers, which has it already
    /// (screen readers still read it).
    public var titleShown: Bool
    /// The row that lumps the rest together ("Other (4 more)"), by index: set apart from the
    /// data rows in CSV files and workbooks, so that a sum over the data is right. The totals count it.
    public var other: Int?

    public init(id: String, title: String, columns: [TableColumn], rows: [[TableCell]], totals: Bool = false,
                shown: Bool = true, titleShown: Bool = true, other: Int? = nil) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.totals = totals
        self.shown = shown
        self.titleShown = titleShown
        self.other = other
    }
}

public struct TableColumn: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case text, number
    }

    /// How a column's numbers read: whole, with fixed decimals, as a share, as money, or as
    /// dates (text, typed for spreadsheets).
    public enum Format: String, Codable, Sendable, CaseIterable {
        case integer, decimal, percent, money, date
    }

    public var title: String
    public var kind: Kind
    /// For number columns: a currency code or `%` shown with each value.
    public var unit: String?
    public var format: Format?
    /// The decimals of a `decimal` column (2 unless given).
    public var places: Int?
    /// Whether a totals row may sum it; nil for the default (see `TableValues.totals`).
    public var additive: Bool?

    public init(title: String, kind: Kind = .text, unit: String? = nil, format: Format? = nil, places: Int? = nil,
                additive: Bool? = nil) {
        self.title = title
        self.kind = kind
        self.unit = unit
        self.format = format
        self.places = places
        self.additive = additive
    }
}

/// A table cell: text, or a number with the partnerships it counts.
public struct TableCell: Codable, Equatable, Sendable {
    public var text: String?
    public var number: Double?
    /// Ids of the partnerships behind a number, or the one a row is about.
    public var partnerships: [String]
    /// The code a row's name stands for (`rnd` beside "Research and development"): the JSON
    /// keeps it, and the CSV gives it a column.
    public var key: String?
    /// The currency of an amount, when the cell has its own.
    public var unit: String?
    /// Values over recent periods, oldest first, drawn as a sparkline (in the HTML).
    public var trend: [Double]?

    public init(text: String? = nil, number: Double? = nil, partnerships: [String] = [], key: String? = nil,
                unit: String? = nil, trend: [Double]? = nil) {
        self.text = text
        self.number = number
        self.partnerships = partnerships
        self.key = key
        self.unit = unit
        self.trend = trend
    }
}

/// A bar or line chart: one value per category and series.
public struct ReportChart: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case bar, line
    }

    /// Lower-case letters, digits and dashes; Markdown names the chart's SVG file after it.
    public var id: String
    public var title: String
    public var kind: Kind
    /// Bars drawn left to right from a vertical axis of categories (for top-N lists).
    public var horizontal: Bool
    /// Series stacked on each other rather than side by side.
    public var stacked: Bool
    /// Labels along the category axis: periods for a line chart.
    public var categories: [String]
    public var series: [ChartSeries]
    /// The values' unit, shown on the value axis: a currency code; nil for counts.
    public var unit: String?
    /// The category that lumps the rest together ("Other (4 more)"), by index: drawn apart, in
    /// grey, and not setting the scale.
    public var other: Int?

    public init(id: String, title: String, kind: Kind, horizontal: Bool = false, stacked: Bool = false,
                categories: [String], series: [ChartSeries], unit: String? = nil, other: Int? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.horizontal = horizontal
        self.stacked = stacked
        self.categories = categories
        self.series = series
        self.unit = unit
        self.other = other
    }
}

public struct ChartSeries: Codable, Equatable, Sendable {
    public var name: String
    /// One value per category; nil where there is none.
    public var values: [Double?]
    /// For each value, the ids of the partnerships behind it (empty when none are known).
    public var partnerships: [[String]]

    public init(name: String, values: [Double?], partnerships: [[String]] = []) {
        self.name = name
        self.values = values
        self.partnerships = partnerships
    }
}

/// Partnerships listed by a report, each linked to its sources.
public struct PartnershipList: Codable, Equatable, Sendable {
    public var title: String
    public var items: [PartnershipItem]

    public init(title: String, items: [PartnershipItem]) {
        self.title = title
        self.items = items
    }
}

public struct PartnershipItem: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    /// As precise as known: `2019`, `2019-06`, `2019-06-30`; nil when undated.
    public var date: String?
    /// The form and the labels as codes (`export_contract`, `rnd`), and as a reader sees them
    /// (`Export contract`, `Research and development`).
    public var form: String
    public var labels: [String]
    public var formName: String
    public var labelNames: [String]
    /// Party names with their roles: `Hanmi (exporter)`.
    public var parties: [String]
    public var sources: [SourceLink]

    /// Without names, the codes are shown with spaces for underscores.
    public init(id: String, title: String, date: String?, form: String, labels: [String], formName: String? = nil,
                labelNames: [String]? = nil, parties: [String], sources: [SourceLink]) {
        self.id = id
        self.title = title
        self.date = date
        self.form = form
        self.labels = labels
        self.formName = formName ?? Words.form(form)
        self.labelNames = labelNames ?? labels.map(Words.form)
        self.parties = parties
        self.sources = sources
    }
}

public struct SourceLink: Codable, Equatable, Sendable {
    public var title: String
    public var url: String?

    public init(title: String, url: String?) {
        self.title = title
        self.url = url
    }
}

extension ReportBlock {
    private enum Key: String, CodingKey {
        case type, text, level, items
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .heading(let text, let level):
            try container.encode("heading", forKey: .type)
            try container.encode(text, forKey: .text)
            try container.encode(level, forKey: .level)
        case .paragraph(let text):
            try container.encode("paragraph", forKey: .type)
            try container.encode(text, forKey: .text)
        case .highlights(let text):
            try container.encode("highlights", forKey: .type)
            try container.encode(text, forKey: .text)
        case .note(let text):
            try container.encode("note", forKey: .type)
            try container.encode(text, forKey: .text)
        case .figures(let items):
            try container.encode("figures", forKey: .type)
            try container.encode(items, forKey: .items)
        case .table(let table):
            try container.encode("table", forKey: .type)
            try table.encode(to: encoder)
        case .chart(let chart):
            try container.encode("chart", forKey: .type)
            try chart.encode(to: encoder)
        case .partnerships(let list):
            try container.encode("partnerships", forKey: .type)
            try list.encode(to: encoder)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .type) {
        case "heading": self = .heading(text: try container.decode(String.self, forKey: .text),
                                        level: try container.decode(Int.self, forKey: .level))
        case "paragraph": self = .paragraph(text: try container.decode(String.self, forKey: .text))
        case "note": self = .note(text: try container.decode(String.self, forKey: .text))
        case "highlights": self = .highlights(text: try container.decode(String.self, forKey: .text))
        case "figures": self = .figures(try container.decode([KeyFigure].self, forKey: .items))
        case "table": self = .table(try ReportTable(from: decoder))
        case "chart": self = .chart(try ReportChart(from: decoder))
        case "partnerships": self = .partnerships(try PartnershipList(from: decoder))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown block type '\(other)'")
        }
    }
}
