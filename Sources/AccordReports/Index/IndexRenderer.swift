/// The index pages: `index.html` of the output folder, listing every report and period, and
/// `<report>/index.html`, listing one report's periods. Plain HTML without script, with
/// relative links, so they work from the file system and from any static web server.
public enum IndexRenderer {
    /// The index of every report, newest period first in each.
    public static func all(_ reports: [IndexedReport], workspace: String?) -> RenderedFile {
        var body: [String] = []
        for report in reports {
            body.append("<h2><a href=\"\(href(report.id))/index.html\">\(HTMLEscaping.escape(report.title))</a></h2>")
            body += periods(report, prefix: href(report.id) + "/")
        }
        if reports.isEmpty { body.append("<p>No report has been rendered yet.</p>") }
        return page(title: "Reports", workspace: workspace, up: nil, body: body)
    }

    /// The index of one report's periods, newest first.
    public static func report(_ report: IndexedReport, workspace: String?) -> RenderedFile {
        page(title: report.title, workspace: workspace, up: "../index.html", body: periods(report, prefix: ""))
    }

    /// What the files of a folder are called on the index, in the order shown.
    static let formats: [(name: String, label: String)] = [
        ("report.html", "Page"), ("report.pdf", "PDF"), ("report.xlsx", "Workbook"), ("report.md", "Markdown"),
        ("report.json", "JSON"),
    ]

    private static func periods(_ report: IndexedReport, prefix: String) -> [String] {
        var lines = ["<table class=\"index\">", "<thead><tr><th>Period</th><th>Key figures</th><th>Files</th><th>Rendered</th></tr></thead>",
                     "<tbody>"]
        for period in report.periods {
            let folder = prefix + href(period.folder) + "/"
            let name = HTMLEscaping.escape(period.label + parameterText(period.parameters))
            let title = period.files.contains("report.html") ? "<a href=\"\(folder)report.html\">\(name)</a>" : name
            var files = formats.filter { period.files.contains($0.name) }.map { "<a href=\"\(folder)\($0.name)\">\($0.label)</a>" }
            let tables = period.files.filter { ReportFormat(ofFile: $0) == .csv }
            if !tables.isEmpty {
                files.append("CSV: " + tables.map { "<a href=\"\(folder)\(href($0))\">\(HTMLEscaping.escape(String($0.dropLast(4))))</a>" }
                    .joined(separator: ", "))
            }
            lines.append("<tr id=\"\(HTMLEscaping.escape(period.folder))\"><td>\(title)</td><td>\(figures(period.figures))</td>"
                + "<td>\(files.joined(separator: " · "))</td><td class=\"day\">\(HTMLEscaping.escape(String(period.generated.prefix(10))))</td></tr>")
        }
        lines += ["</tbody>", "</table>"]
        return lines
    }

    private static func figures(_ figures: [IndexFigure]) -> String {
        figures.map { figure in
            let change = Change(from: figure.previous, to: figure.value, unit: figure.unit)
            let delta = change.direction == .absent ? "" : " <span class=\"delta\">\(change.arrow) \(HTMLEscaping.escape(change.detail))</span>"
            return "\(HTMLEscaping.escape(figure.label)): <b>\(HTMLEscaping.escape(NumberFormat.value(figure.value, unit: figure.unit)))</b>\(delta)"
        }.joined(separator: "<br>")
    }

    private static func parameterText(_ parameters: [String: String]) -> String {
        parameters.isEmpty ? "" : " (" + parameters.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
    }

    /// A file or folder name as a relative link: percent-encoded where a URL needs it.
    static func href(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            let keep = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "-._~/".utf8.contains(byte)
            out += keep ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
        return out
    }

    private static func page(title: String, workspace: String?, up: String?, body: [String]) -> RenderedFile {
        let lines = [
            "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(HTMLEscaping.escape(title))</title>", "<style>", HTMLStyleSheet.css, HTMLStyleSheet.index, "</style>",
            "</head>", "<body>", "<main class=\"report\">", "<header class=\"report-header\">",
        ] + (up.map { ["<nav class=\"periods\"><a href=\"\($0)\">All reports</a></nav>"] } ?? [])
            + (workspace.map { ["<p class=\"workspace\">\(HTMLEscaping.escape($0))</p>"] } ?? [])
            + ["<h1>\(HTMLEscaping.escape(title))</h1>", "</header>"] + body + ["</main>", "</body>", "</html>"]
        return RenderedFile(name: "index.html", text: lines.joined(separator: "\n") + "\n")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
