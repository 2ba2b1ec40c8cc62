import AccordReports
import Foundation

/// One report with every kind of block, the document behind the golden files.
enum SampleDocument {
    static let period = ReportPeriod(label: "2019-Q4", grain: "quarter", start: "2019-10-01", finish: "2019-12-31",
                                     previous: "2019-Q3", yearBefore: "2018-Q4")

    static let document = ReportDocument(id: "quarterly", title: "Partnerships in review", workspace: "Sample partnerships", period: period, blocks: [
        .heading(text: "Overview", level: 1),
        .paragraph(text: "This quarter saw **12 new partnerships**, led by *export* contracts under `export.lua`. "
            + "See [Hanmi's export deal](#p-hanmi-vn-2019) and [the ministry's notice](https://example.org/notice?id=7&lang=en)."),
        .note(text: "4 partnerships are dated to the year only and are counted in no quarter."),
        .figures([
            KeyFigure(label: "New partnerships", value: 12, previous: 9, yearBefore: 14,
                      partnerships: ["hanmi-vn-2019", "risinajumi-lv-2019", "celltrion-th-2019"]),
            KeyFigure(label: "Export contracts", value: 3, previous: 0, partnerships: ["hanmi-vn-2019"]),
            KeyFigure(label: "Disclosed deal value", value: 170e9, unit: "KRW", previous: 200e9, yearBefore: 95.5e9),
            KeyFigure(label: "Share with a government party", value: 25, unit: "%", previous: 20, yearBefore: 25),
            KeyFigure(label: "University partners", value: 2),
        ]),
        .heading(text: "By purpose", level: 2),
        .table(ReportTable(id: "by-label", title: "Partnerships by purpose", columns: [
            TableColumn(title: "Purpose"),
            TableColumn(title: "Partnerships", kind: .number),
            TableColumn(title: "Disclosed value", kind: .number, unit: "KRW"),
            TableColumn(title: "Share", kind: .number, unit: "%"),
        ], rows: [
            [TableCell(text: "export"), TableCell(number: 3, partnerships: ["hanmi-vn-2019", "celltrion-th-2019", "gc-my-2019"]),
             TableCell(number: 120e9), TableCell(number: 25)],
            [TableCell(text: "R&D"), TableCell(number: 5, partnerships: ["risinajumi-lv-2019"]),
             TableCell(number: 48_250_000.5), TableCell(number: 41.7)],
            [TableCell(text: "training | education"), TableCell(number: 1234), TableCell(), TableCell(number: 33.3)],
        ], totals: true)),
        .table(ReportTable(id: "partners", title: "Partners named", columns: [
            TableColumn(title: "Partner"), TableColumn(title: "Country"), TableColumn(title: "Deals", kind: .number),
        ], rows: [
            [TableCell(text: "Hanmi Pharmaceutical Co., Ltd."), TableCell(text: "KR"), TableCell(number: 2)],
            [TableCell(text: "The \"Risinājumi\" programme"), TableCell(text: "LV"), TableCell(number: 1)],
            [TableCell(text: "Line one\nline two"), TableCell(text: "VN"), TableCell(number: 0.5)],
        ])),
        .chart(ReportChart(id: "by-purpose", title: "Partnerships by purpose", kind: .bar,
                           categories: ["R&D", "export", "training", "investment"],
                           series: [ChartSeries(name: "2019-Q3", values: [4, 0, 2, 1]),
                                    ChartSeries(name: "2019-Q4", values: [5, 3, 1, nil])])),
        .chart(ReportChart(id: "by-form", title: "Partnerships by form and quarter", kind: .bar, stacked: true,
                           categories: ["Q1 2019", "Q2 2019", "Q3 2019", "Q4 2019"],
                           series: [ChartSeries(name: "mou", values: [2, 3, 4, 5]),
                                    ChartSeries(name: "license", values: [1, 0, 2, 4]),
                                    ChartSeries(name: "export contract", values: [0, 1, 1, 3])])),
        .chart(ReportChart(id: "top-partners", title: "Most active partners", kind: .bar, horizontal: true,
                           categories: ["Hanmi Pharmaceutical", "Ministry of Health of the Socialist Republic of Vietnam",
                                        "Risinājumi", "Celltrion", "Samsung Bioepis"],
                           series: [ChartSeries(name: "partnerships", values: [7, 5, 3, 2, 1])])),
        .chart(ReportChart(id: "deal-value", title: "Disclosed deal value by quarter", kind: .line,
                           categories: ["2018-Q4", "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"],
                           series: [ChartSeries(name: "all partnerships", values: [95.5e9, 80e9, nil, 200e9, 170e9]),
                                    ChartSeries(name: "export", values: [20e9, 35e9, 40e9, 90e9, 120e9])],
                           unit: "KRW")),
        .chart(ReportChart(id: "by-region", title: "Investments by region", kind: .bar,
                           categories: [], series: [])),
        .heading(text: "Partnerships", level: 3),
        .partnerships(PartnershipList(title: "Signed this quarter", items: [
            PartnershipItem(id: "hanmi-vn-2019", title: "Hanmi to export Rosuzet to Vietnam", date: "2019-11-05",
                            form: "export_contract", labels: ["export", "distribution"],
                            parties: ["Hanmi Pharmaceutical (exporter)", "Vimedimex (distributor)"],
                            sources: [SourceLink(title: "Korea Biomedical Review", url: "https://example.com/news/1234"),
                                      SourceLink(title: "Company filing", url: nil)]),
            PartnershipItem(id: "risinajumi-lv-2019", title: "Risinājumi: joint research programme", date: "2019",
                            form: "mou", labels: ["R&D"], parties: ["Rīga Stradiņš University (host)"],
                            sources: [SourceLink(title: "Press release", url: "javascript:alert(1)")]),
            PartnershipItem(id: "celltrion-th-2019", title: "Celltrion and Thai GPO", date: nil, form: "license",
                            labels: [], parties: [], sources: []),
        ])),
    ])
}

extension SampleDocument {
    /// A document of the sample's period holding only `blocks`.
    static func with(_ blocks: [ReportBlock], title: String = "Test") -> ReportDocument {
        ReportDocument(id: "test", title: title, period: period, blocks: blocks)
    }

    /// The text of the one file `format` renders `document` to, or of the file named `name`.
    /// The formats asked for here need no PDF engine, so rendering cannot fail.
    static func text(_ document: ReportDocument, as format: ReportFormat, file name: String? = nil) -> String {
        let files = (try? ReportRenderer.render(document, as: format)) ?? []
        let file = name.flatMap { name in files.first { $0.name == name } } ?? files.first
        return String(decoding: file?.data ?? Data(), as: UTF8.self)
    }
}
