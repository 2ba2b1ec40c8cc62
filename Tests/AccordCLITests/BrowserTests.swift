import AccordTestSupport
import Foundation
import Testing

/// The standard reports as a person sees them: in headless Chromium at a desktop's and a
/// phone's width, and printed to PDF. Chromium is a requirement of `make test` (its deps
/// install it), so these never skip.
@Suite(.serialized) struct BrowserTests {
    static let widths = [1280, 390]

    /// An organization with a Korean name, and a partnership of it with KHIDI: test data, not facts.
    static let hangulData = """
        sources:
          - {id: hangul-test-note, title: A note written for this test}
        organizations:
          - {id: hangul-test-pharma, name: 한국테스트제약, kind: local_pharma, country: KR, sources: [hangul-test-note]}
        partnerships:
          - id: hangul-test-mou
            title: 한국테스트제약 MOU with KHIDI
            form: mou
            status: signed
            signed: 2023-11-02
            parties:
              - {org: hangul-test-pharma, role: signatory}
              - {org: khidi, role: signatory}
            sources: [hangul-test-note]
        """

    /// The sample workspace, with an organization named in Hangul, and the three standard
    /// reports rendered to HTML.
    private func reports() throws -> (AccordProcess, [URL]) {
        let accord = try AccordProcess()
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        try accord.write(Self.hangulData, to: "ws/hangul.yaml")
        let imported = try accord.run("import", "hangul.yaml", in: "ws")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try accord.run("classify", "--save", in: "ws").status == 0)
        for arguments in [["yearly", "--period", "2023"], ["quarterly", "--period", "2023-Q4"],
                          ["organization", "--period", "2023", "--param", "org=hangul-test-pharma"]] {
            let rendered = try accord.run(["report"] + arguments + ["--format", "html"], in: "ws")
            #expect(rendered.status == 0, "\(rendered.stderr)")
        }
        let root = accord.folder.appendingPathComponent("ws/Reports")
        let pages = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix("report.html") }.sorted().map { root.appendingPathComponent($0) }
        #expect(pages.count == 3)
        let profile = try String(contentsOf: try #require(pages.first { $0.path.contains("/organization/") }), encoding: .utf8)
        #expect(profile.contains(">한국테스트제약</h2>"))
        return (accord, pages)
    }

    @Test func noChartTextIsCutOrTooSmallAtADesktopsOrAPhonesWidth() throws {
        let chromium = try Chromium()
        let (accord, pages) = try reports()
        defer { accord.cleanUp() }
        let check = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Browser/layout-check.js"), encoding: .utf8)
        // The index pages too: every report's periods, and one report's.
        let reports = accord.folder.appendingPathComponent("ws/Reports")
        let indexes = [reports.appendingPathComponent("index.html"), reports.appendingPathComponent("yearly/index.html")]
        for page in pages + indexes {
            let html = try String(contentsOf: page, encoding: .utf8)
            let checked = page.deletingLastPathComponent().appendingPathComponent("checked.html")
            try html.replacingOccurrences(of: "</body>", with: "<script>\n\(check)</script>\n</body>")
                .write(to: checked, atomically: true, encoding: .utf8)
            for width in Self.widths {
                // The page in a frame of the width: a window cannot be narrower than 500 px.
                let frame = page.deletingLastPathComponent().appendingPathComponent("frame-\(width).html")
                try "<!DOCTYPE html><html><body><iframe src=\"checked.html\" style=\"width: \(width)px; height: 3000px; border: 0\"></iframe></body></html>"
                    .write(to: frame, atomically: true, encoding: .utf8)
                let (dom, log) = try chromium.run(["--dump-dom", "--allow-file-access-from-files", "--window-size=1400,2000",
                                                   frame.absoluteString], profile: accord.folder)
                let problems = try #require(dom.firstMatch(of: /data-problems="([^"]*)"/), "\(page.path) at \(width) px: \(log)")
                let list = String(problems.1).replacingOccurrences(of: "&quot;", with: "\"")
                #expect(list == "[]", "\(page.path) at \(width) px")
                #expect(Chromium.consoleErrors(log).isEmpty, "\(page.path): \(Chromium.consoleErrors(log))")
            }
        }
    }

    /// The yearly report of 10,000 generated partnerships prints to at most 12 pages: the list
    /// keeps the most recent, the CSV has the rest.
    @Test func aYearOfTenThousandPartnershipsPrintsToTwelvePagesAtMost() throws {
        let chromium = try Chromium()
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let data = try #require(try accord.generate(records: 10000, seed: 1))
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        #expect(try accord.run("import", "--prune", data.path, in: "ws").status == 0)
        let made = try accord.run("report", "yearly", "--period", "2024", "--format", "html", in: "ws")
        #expect(made.status == 0, "\(made.stderr)")
        let page = accord.folder.appendingPathComponent("ws/Reports/yearly/2024/report.html")
        let pdf = accord.folder.appendingPathComponent("yearly.pdf")
        let (_, log) = try chromium.run(["--no-pdf-header-footer", "--print-to-pdf=" + pdf.path, page.absoluteString],
                                        profile: accord.folder)
        let pages = Chromium.pages(in: try Data(contentsOf: pdf))
        #expect((1...12).contains(pages), "\(pages) pages; \(log)")
    }

    @Test func eachReportPrintsToA4() throws {
        let chromium = try Chromium()
        let (accord, pages) = try reports()
        defer { accord.cleanUp() }
        for page in pages {
            let pdf = page.deletingLastPathComponent().appendingPathComponent("report.pdf")
            let (_, log) = try chromium.run(["--no-pdf-header-footer", "--print-to-pdf=" + pdf.path, page.absoluteString],
                                            profile: accord.folder)
            let data = try Data(contentsOf: pdf)
            #expect(data.prefix(5) == Data("%PDF-".utf8), "\(log)")
            let text = String(decoding: data, as: UTF8.self)
            // A4 is 210 × 297 mm: 595 × 842 points, which Chromium writes as 594.96 × 841.92.
            #expect(text.contains("/MediaBox [0 0 594.9"), "\(page.path) is not printed on A4")
            #expect(Chromium.pages(in: data) >= 1)
        }
    }
}

/// Headless Chromium, run once per call with its own profile.
struct Chromium {
    let executable: String

    init() throws {
        guard let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Missing()
        }
        executable = found
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "Chromium is not installed: run `make deps` (apt-get install chromium fonts-noto-cjk)" }
    }

    /// Runs Chromium headless with `arguments`; returns what it printed and its log.
    func run(_ arguments: [String], profile: URL) throws -> (output: String, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--enable-logging=stderr",
                             "--v=0", "--user-data-dir=" + profile.appendingPathComponent("chromium").path] + arguments
        let output = profile.appendingPathComponent("chromium.out"), log = profile.appendingPathComponent("chromium.log")
        for file in [output, log] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let out = try FileHandle(forWritingTo: output), err = try FileHandle(forWritingTo: log)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (try String(contentsOf: output, encoding: .utf8), try String(contentsOf: log, encoding: .utf8))
    }

    /// The lines of a log that report a console message or an uncaught error.
    static func consoleErrors(_ log: String) -> [Substring] {
        log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
    }

    /// How many pages a PDF has.
    static func pages(in pdf: Data) -> Int {
        String(decoding: pdf, as: UTF8.self).matches(of: /\/Type\s*\/Page[^s]/).count
    }
}
