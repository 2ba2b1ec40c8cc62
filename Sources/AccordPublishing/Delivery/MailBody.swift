import AccordReports
import Foundation

/// The words of a report's e-mail, as HTML (inline styles only: mail clients drop style
/// sheets) and as plain text: the highlights sentence, the key figures with their changes,
/// the charts, what is attached, and where the report is and what it was made from.
struct MailBody {
    let report: DeliveredReport
    /// Each chart's title and the Content-ID of its PNG.
    let charts: [(title: String, contentID: String)]
    let attached: [String]

    private var document: ReportDocument { report.document }
    private var period: ReportPeriod { document.period }
    /// For a year, the period before is the year before: one comparison then.
    private var both: Bool { period.yearBefore != period.previous }

    var text: String {
        var lines: [String] = []
        if let workspace = document.workspace { lines.append(workspace) }
        lines += [document.title + ", " + period.label, ""]
        if let highlights = report.highlights { lines += [highlights, ""] }
        for figure in report.figures {
            lines.append(FigureText.line(figure, in: period))
        }
        if !report.figures.isEmpty { lines.append("") }
        if !charts.isEmpty {
            lines.append("Charts (in the HTML version of this message): " + charts.map(\.title).joined(separator: "; ") + ".")
        }
        if !attached.isEmpty { lines.append("Attached: " + attached.joined(separator: ", ") + ".") }
        lines += ["", footer.joined(separator: "\n")]
        return lines.joined(separator: "\n") + "\n"
    }

    var html: String {
        let font = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,'Noto Sans CJK KR',sans-serif;color:#1f2328"
        var out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>\(HTMLEscaping.escape(report.subject))</title></head>",
                   "<body style=\"margin:0;padding:16px;\(font)\">", "<div style=\"max-width:680px\">"]
        if let workspace = document.workspace {
            out.append("<p style=\"margin:0;color:#59636e;font-size:13px\">\(HTMLEscaping.escape(workspace))</p>")
        }
        out.append("<h1 style=\"font-size:22px;margin:4px 0 12px\">\(HTMLEscaping.escape(document.title)), \(HTMLEscaping.escape(period.label))</h1>")
        if let highlights = report.highlights {
            out.append("<p style=\"font-size:15px;line-height:1.5\">\(HTMLEscaping.escape(highlights))</p>")
        }
        if !report.figures.isEmpty {
            let cell = "padding:6px 10px;border-bottom:1px solid #d0d7de"
            var header = "<tr><th style=\"\(cell);text-align:left\">Figure</th><th style=\"\(cell);text-align:right\">\(HTMLEscaping.escape(period.label))</th>"
                + "<th style=\"\(cell);text-align:right\">against \(HTMLEscaping.escape(period.previous))</th>"
            if both { header += "<th style=\"\(cell);text-align:right\">against \(HTMLEscaping.escape(period.yearBefore))</th>" }
            out += ["<table style=\"border-collapse:collapse;font-size:14px;margin:8px 0 16px\">", header + "</tr>"]
            for figure in report.figures {
                let traced = figure.partnerships.isEmpty ? "" : " title=\"\(HTMLEscaping.escape(Self.tooltip(figure.partnerships)))\""
                var row = "<tr><td style=\"\(cell)\">\(HTMLEscaping.escape(figure.label))</td>"
                    + "<td style=\"\(cell);text-align:right;font-weight:600\"\(traced)>\(HTMLEscaping.escape(FigureText.value(figure.value, unit: figure.unit)))</td>"
                    + "<td style=\"\(cell);text-align:right\">\(HTMLEscaping.escape(FigureText.change(from: figure.previous, to: figure.value, unit: figure.unit)))</td>"
                if both {
                    row += "<td style=\"\(cell);text-align:right\">\(HTMLEscaping.escape(FigureText.change(from: figure.yearBefore, to: figure.value, unit: figure.unit)))</td>"
                }
                out.append(row + "</tr>")
            }
            out.append("</table>")
        }
        for chart in charts {
            out.append("<p style=\"margin:12px 0\"><img src=\"cid:\(HTMLEscaping.escape(chart.contentID))\" alt=\"\(HTMLEscaping.escape(chart.title))\" "
                + "width=\"640\" style=\"max-width:100%;height:auto;display:block\"></p>")
        }
        if !attached.isEmpty {
            out.append("<p style=\"font-size:14px\">Attached: \(attached.map(HTMLEscaping.escape).joined(separator: ", ")).</p>")
        }
        out.append("<p style=\"font-size:12px;color:#59636e;margin-top:24px\">"
            + footer.map(HTMLEscaping.escape).joined(separator: "<br>") + "</p>")
        out += ["</div>", "</body></html>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Where the report is, its content digest, and what it was made from.
    private var footer: [String] {
        ["The full report: \(report.shownFolder) (content \(report.contentDigest))."]
            + (document.source?.lines(period: period.label) ?? [])
    }

    /// The partnerships behind a figure: at most 20 named, the rest counted.
    static func tooltip(_ ids: [String]) -> String {
        let shown = ids.prefix(20).joined(separator: ", ")
        return ids.count > 20 ? "\(shown) and \(ids.count - 20) more" : shown
    }
}
