import AccordCore
import AccordReports
import Foundation

/// Prints report pages to PDF with headless Chromium: the engine the browser checks see the
/// page with, so what is checked on screen is what prints. The page's print style sets the
/// paper, margins, running header and page numbers; Chromium's own header and footer are off.
public struct ChromiumPrinter: PDFPrinter {
    /// The Chromium executable.
    public let executable: String
    public let paper: Paper
    /// How long one page may take to print, in seconds.
    public let timeout: Double

    /// The executable names looked for on `PATH`, in order.
    public static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// Chromium found on `PATH`, printing on the workspace's `paper`, or nil.
    public static func find(for config: WorkspaceConfig) -> ChromiumPrinter? {
        find(paper: Paper(rawValue: config.paper) ?? .a4)
    }

    /// Chromium found on `PATH`, or nil.
    public static func find(paper: Paper = .a4, timeout: Double = 120) -> ChromiumPrinter? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in names {
            for folder in folders {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) {
                    return ChromiumPrinter(executable: path, paper: paper, timeout: timeout)
                }
            }
        }
        return nil
    }

    public init(executable: String, paper: Paper = .a4, timeout: Double = 120) {
        self.executable = executable
        self.paper = paper
        self.timeout = timeout
    }

    public func pdf(of html: Data, dated day: String) throws -> Data {
        let folder = try TemporaryFolder(prefix: "accord-pdf")
        defer { folder.remove() }
        let page = folder.url.appendingPathComponent("report.html"), output = folder.url.appendingPathComponent("report.pdf")
        try paper.styled(html).write(to: page)
        var arguments = ["--headless", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-sync",
                         "--disable-background-networking", "--mute-audio", "--hide-scrollbars",
                         "--no-pdf-header-footer",
                         "--user-data-dir=" + folder.url.appendingPathComponent("profile").path,
                         "--print-to-pdf=" + output.path, page.absoluteString]
        // Chromium will not start as root with its sandbox on.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        let child = try ChildProcess(executable, arguments, in: folder.url, output: .capture)
        let exit = child.wait(timeout: timeout)
        guard !exit.timedOut else { throw RenderError("Chromium did not print the report within \(Int(timeout)) seconds") }
        guard exit.status == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Data("%PDF-".utf8)) else {
            let log = child.capturedOutput().stderr.split(separator: "\n").filter { $0.contains("ERROR") }.prefix(3)
            throw RenderError("Chromium could not print the report (exit \(exit.status))"
                + (log.isEmpty ? "" : ": " + log.joined(separator: "; ")))
        }
        return PDFMetadata.dated(pdf, day: day)
    }
}

/// The paper reports print on.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The page with its paper size set, when it is not the style sheet's A4.
    func styled(_ html: Data) -> Data {
        guard self == .letter else { return html }
        let rule = Data("<style>@page { size: letter; }</style>\n".utf8)
        guard let end = html.range(of: Data("</head>".utf8)) else { return html }
        var out = html
        out.insert(contentsOf: rule, at: end.lowerBound)
        return out
    }
}
