import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `accord preview` on a copy of the sample workspace, through the binary and curl:
/// the page and its files, renders after changes to the script, a module and the data, errors
/// shown above the last good render, what is not served, and the loopback rule.
@Suite(.serialized) struct PreviewWorkflowTests {
    static let script = "ws/Scripts/reports/quarterly.lua"
    static let heading = "r:heading(\"Partnerships filed in \" .. period.label, 1)"

    @Test func thePreviewServesTheReportAndRendersItAgainWhenTheScriptChanges() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let preview = try RunningPreview(accord, ["quarterly", "--period", "2025-Q4", "--port", "0"], in: "ws")
        defer { preview.stop() }
        #expect(preview.url.wholeMatch(of: /http:\/\/127\.0\.0\.1:\d+\//) != nil, "\(preview.url)")

        let page = try Curl.get(preview.url)
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["cache-control"] == "no-store")
        #expect(page.body.contains(">Partnerships filed in 2025-Q4</h2>"))
        #expect(page.body.contains("<script id=\"accord-preview-reload\">"))
        let version = try #require(page.version)

        // The rendered files are served as rendered: no script in them.
        let file = try Curl.get(preview.url + "report.html")
        #expect(file.status == 200)
        #expect(file.body.contains(">Partnerships filed in 2025-Q4</h2>"))
        #expect(!file.body.contains("<script"))
        #expect(try Curl.get(preview.url + "report.md").headers["content-type"] == "text/markdown; charset=utf-8")

        // A page waiting for changes hears of the new render; the page then shows it.
        let waiting = try Curl.start(preview.url + "__accord/changes?since=\(version)")
        let saved = Date()
        let source = try accord.read(Self.script)
        try accord.write(source.replacingOccurrences(of: Self.heading, with: "r:heading(\"Deals signed in \" .. period.label, 1)"),
                         to: Self.script)
        let change = try waiting.finish()
        let seconds = Date().timeIntervalSince(saved)
        #expect(change.body == "{\"version\":\(version + 1)}\n")
        #expect(seconds < 15)
        print("accord preview: the change was announced \(String(format: "%.2f", seconds)) s after the script was saved")
        let changed = try Curl.get(preview.url)
        #expect(changed.body.contains(">Deals signed in 2025-Q4</h2>"))
        #expect(!changed.body.contains(">Partnerships filed in 2025-Q4</h2>"))
        #expect(changed.version == version + 1)

        // Renders never go to the workspace's Reports folder.
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/Reports/quarterly").path))
        #expect(preview.stop() == 0)
        #expect(preview.stderr.contains("rendered Scripts/reports/quarterly.lua for 2025-Q4 in "))
        #expect(preview.stderr.hasSuffix("stopped\n"), "\(preview.stderr)")
    }

    /// The page in headless Chromium: after the script changes, the browser asks for the page
    /// again by itself (the preview's debug log lists each request).
    @Test func thePageReloadsItselfInABrowserAfterAChange() throws {
        let chromium = try Chromium()
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let preview = try RunningPreview(accord, ["quarterly", "--period", "2025-Q4", "--port", "0"], in: "ws",
                                         environment: ["ACCORD_LOG": "debug"])
        defer { preview.stop() }
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: chromium.executable)
        browser.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--user-data-dir="
            + accord.folder.appendingPathComponent("chromium").path, preview.url]
        browser.standardOutput = FileHandle.nullDevice
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        defer {
            browser.terminate()
            browser.waitUntilExit()
        }
        func pageLoads() -> Int { preview.stderr.components(separatedBy: "preview: GET / 200").count - 1 }
        func wait(until condition: () -> Bool, seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while !condition() && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return condition()
        }
        #expect(wait(until: { pageLoads() == 1 && preview.stderr.contains("preview: GET /__accord/changes") == false }, seconds: 60),
                "\(preview.stderr)")
        // Give the page's script a moment to ask for changes.
        Thread.sleep(forTimeInterval: 1)
        let source = try accord.read(Self.script)
        try accord.write(source.replacingOccurrences(of: Self.heading, with: "r:heading(\"Deals signed in \" .. period.label, 1)"),
                         to: Self.script)
        let saved = Date()
        #expect(wait(until: { pageLoads() == 2 }, seconds: 30), "\(preview.stderr)")
        print("accord preview: Chromium loaded the new page \(String(format: "%.2f", Date().timeIntervalSince(saved))) s after the script was saved")
        let log = preview.stderr
        let rendered = try #require(log.range(of: "after a change to Scripts/reports/quarterly.lua"))
        let reloaded = try #require(log.range(of: "preview: GET / 200", options: .backwards))
        #expect(rendered.upperBound < reloaded.lowerBound)
        #expect(log.contains("preview: GET /__accord/changes 200"))
        // The private folder the renders went to is gone once the preview stops.
        let folder = try #require(log.firstMatch(of: /preview: renders go to (\S+)/)).1
        #expect(FileManager.default.fileExists(atPath: String(folder)))
        #expect(preview.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: String(folder)))
    }

    @Test func aBrokenScriptOrModuleShowsItsErrorAndLineAboveTheLastGoodRender() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let preview = try RunningPreview(accord, ["quarterly", "--period", "2025-Q4", "--port", "0"], in: "ws")
        defer { preview.stop() }
        var version = try #require(try Curl.get(preview.url).version)

        let source = try accord.read(Self.script)
        let line = try #require(source.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(Self.heading) }) + 2
        try accord.write(source.replacingOccurrences(of: Self.heading, with: Self.heading + "\n    local broken = nil + 1"),
                         to: Self.script)
        version = try preview.waitForChange(after: version)
        let broken = try Curl.get(preview.url)
        #expect(broken.body.contains("<div id=\"accord-preview-error\""))
        #expect(broken.body.contains("Scripts/reports/quarterly.lua:\(line): attempt to perform arithmetic on a nil value"))
        #expect(broken.body.contains(">Partnerships filed in 2025-Q4</h2>"), "the last good render stays")
        #expect(preview.stderr.contains("render failed after a change to Scripts/reports/quarterly.lua: Scripts/reports/quarterly.lua:\(line):"),
                "\(preview.stderr)")

        try accord.write(source, to: Self.script)
        version = try preview.waitForChange(after: version)
        #expect(!(try Curl.get(preview.url).body.contains("accord-preview-error")))

        // The modules the script loaded are watched too.
        let module = "ws/Scripts/reports/lib/summary.lua"
        let library = try accord.read(module)
        try accord.write("error(\"summary is broken\")\n" + library, to: module)
        version = try preview.waitForChange(after: version)
        let failed = try Curl.get(preview.url)
        #expect(failed.body.contains("Scripts/reports/lib/summary.lua:1: summary is broken"))
        #expect(failed.body.contains(">Partnerships filed in 2025-Q4</h2>"))
        try accord.write(library, to: module)
        version = try preview.waitForChange(after: version)
        #expect(!(try Curl.get(preview.url).body.contains("accord-preview-error")))
        #expect(preview.stop(signal: SIGINT) == 0)
    }

    @Test func aScriptBrokenFromTheStartShowsTheErrorAlone() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        try accord.write("""
            return accord.report { id = "failing", title = "Failing", grain = "year", build = function(r, period)
              r:heading("Never shown")
              error("no data for " .. period.label)
            end }
            """, to: "ws/Scripts/reports/failing.lua")
        let preview = try RunningPreview(accord, ["failing", "--period", "2024", "--port", "0"], in: "ws")
        defer { preview.stop() }
        let page = try Curl.get(preview.url)
        #expect(page.status == 200)
        #expect(page.body.contains("The report could not be rendered.</strong>"))
        #expect(page.body.contains("Scripts/reports/failing.lua:3: no data for 2024"))
        #expect(!page.body.contains("Never shown"))
        #expect(try Curl.get(preview.url + "report.html").status == 404)
    }

    @Test("A script that does not even load at the start is previewed with its error, and its page once mended")
    func aScriptThatDoesNotLoadIsPreviewedWithItsError() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let script = """
            return accord.report { id = "mending", title = "Mending", grain = "year", build = function(r)
              r:heading("Mended at last")
            end }
            """
        try accord.write("local x = = 1\n" + script, to: "ws/Scripts/reports/mending.lua")
        let preview = try RunningPreview(accord, ["mending", "--period", "2024", "--port", "0"], in: "ws")
        defer { preview.stop() }
        let page = try Curl.get(preview.url)
        #expect(page.body.contains("Scripts/reports/mending.lua:1: unexpected symbol near"), "\(page.body.prefix(600))")
        let version = try #require(page.version)
        try accord.write(script.replacingOccurrences(of: "\n", with: "\n "), to: "ws/Scripts/reports/mending.lua")
        _ = try preview.waitForChange(after: version)
        #expect(try Curl.get(preview.url).body.contains("Mended at last"))
    }

    @Test("Without a period, a script that does not load has no grain to take one from: its error is said")
    func withoutAPeriodAScriptThatDoesNotLoadIsRefused() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        try accord.write("local x = = 1\n", to: "ws/Scripts/reports/broken.lua")
        let refused = try accord.run("preview", "broken", "--port", "0", in: "ws")
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("Scripts/reports/broken.lua:1: unexpected symbol near"), "\(refused.stderr)")
    }

    @Test func newDataInTheDatabaseIsRenderedAndOnlyTheReportsFilesAreServed() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let preview = try RunningPreview(accord, ["quarterly", "--period", "2025-Q4", "--port", "0"], in: "ws")
        defer { preview.stop() }
        let version = try #require(try Curl.get(preview.url).version)
        try accord.write("""
            sources:
              - {id: preview-test-note, title: A note written for this test}
            partnerships:
              - id: preview-test-mou
                title: Preview test MOU with KHIDI
                form: mou
                status: signed
                signed: 2025-11-05
                parties:
                  - {org: khidi, role: signatory}
                sources: [preview-test-note]
            """, to: "ws/preview-test.yaml")
        let imported = try accord.run("import", "preview-test.yaml", in: "ws")
        #expect(imported.status == 0, "\(imported.stderr)")
        _ = try preview.waitForChange(after: version)
        #expect(try Curl.get(preview.url).body.contains("Preview test MOU with KHIDI"))

        for path in ["../accord.yaml", "%2e%2e/accord.yaml", "%2e%2e%2faccord.yaml", "charts/..%2f..%2faccord.yaml",
                     "..%2f..%2f..%2fetc%2fpasswd", "accord.db", "Scripts/reports/quarterly.lua"] {
            let response = try Curl.get(preview.url + path, pathAsIs: true)
            #expect(response.status == 404, "\(path)")
            #expect(!response.body.contains("database"), "\(path)")
        }
        #expect(try Curl.get(preview.url, headers: ["Host: evil.example"]).status == 403)
        #expect(try Curl.get(preview.url + "by-form.csv").headers["content-type"] == "text/csv; charset=utf-8")
        #expect(try Curl.get(preview.url + "manifest.json").headers["content-type"] == "application/json")
    }

    @Test func settingsAndPacksAreReadAgainAndEveryRenderKeepsToTheLimits() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let preview = try RunningPreview(accord, ["quarterly", "--period", "2025-Q4", "--port", "0"], in: "ws")
        defer { preview.stop() }
        var version = try #require(try Curl.get(preview.url).version)
        let settings = try accord.read("ws/accord.yaml")
        try accord.write(settings.replacingOccurrences(of: "name: Sample partnerships", with: "name: Preview team"), to: "ws/accord.yaml")
        version = try preview.waitForChange(after: version)
        #expect(try Curl.get(preview.url).body.contains("Preview team"))

        // A pack of the workspace, applied: editing it classifies again and renders again.
        let pack = """
            local R = accord.rules
            return R.pack {
              name = "team", version = "0.1.0",
              labels = { previewed = "Previewed purpose" },
              rules = { R.rule { id = "everything", label = "previewed", when = function() return true, "always" end } },
            }
            """
        try accord.write(pack, to: "ws/Scripts/rules/team/init.lua")
        let withPack = settings.replacingOccurrences(of: "name: Sample partnerships", with: "name: Preview team")
            .replacingOccurrences(of: "  standard: ^1.0", with: "  standard: ^1.0\n  team: ^0.1")
        try accord.write(withPack, to: "ws/accord.yaml")
        version = try preview.waitForChange(after: version)
        #expect(try Curl.get(preview.url).body.contains("Previewed purpose"), "\(preview.stderr)")
        try accord.write(pack.replacingOccurrences(of: "Previewed purpose", with: "Renamed purpose"), to: "ws/Scripts/rules/team/init.lua")
        version = try preview.waitForChange(after: version)
        #expect(try Curl.get(preview.url).body.contains("Renamed purpose"))
        #expect(preview.stderr.contains("after a change to Scripts/rules/team"))

        try accord.write(withPack.replacingOccurrences(of: "instructions: 10G", with: "instructions: 1000"), to: "ws/accord.yaml")
        version = try preview.waitForChange(after: version)
        let stopped = try Curl.get(preview.url)
        #expect(stopped.body.contains("instruction limit (1000) exceeded"), "\(preview.stderr)")
        #expect(stopped.body.contains("Preview team"), "the last good render stays")
        #expect(preview.stop() == 0)
    }

    @Test func anInterruptEndsThePreviewEvenDuringItsFirstRender() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        try accord.write("""
            return accord.report { id = "slow", title = "Slow", grain = "year", build = function(r, period)
              local started = os.clock()
              while os.clock() - started < 60 do end
            end }
            """, to: "ws/Scripts/reports/slow.lua")
        let preview = try RunningPreview(accord, ["slow", "--period", "2024", "--port", "0"], in: "ws", waitForAddress: false)
        defer { preview.stop() }
        Thread.sleep(forTimeInterval: 1.5)
        let started = Date()
        #expect(preview.stop(signal: SIGINT) == 0)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(preview.stdout.isEmpty)
        #expect(preview.stderr.hasSuffix("stopped\n"), "\(preview.stderr)")
    }

    @Test func anAddressOthersCanReachIsRefusedAndABusyPortIsSaid() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        for host in ["0.0.0.0", "::", "192.168.1.20"] {
            let refused = try accord.run("preview", "quarterly", "--host", host, in: "ws")
            #expect(refused.status == 64, "\(host)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.hasPrefix("accord: --host \(host) is not a loopback address"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--allow-remote"))
        }
        let preview = try RunningPreview(accord, ["quarterly", "--period", "2025-Q4", "--port", "0"], in: "ws")
        defer { preview.stop() }
        let port = try #require(preview.url.firstMatch(of: /:(\d+)\//)).1
        let busy = try accord.run("preview", "quarterly", "--period", "2025-Q4", "--port", String(port), in: "ws")
        #expect(busy.status == 64)
        #expect(busy.stderr.hasPrefix("accord: cannot listen on http://127.0.0.1:\(port)/"), "\(busy.stderr)")
    }
}

/// `accord preview` running in the background, its output in files; stopped by `stop()`.
final class RunningPreview {
    let process = Process()
    let url: String
    private let outURL: URL, errURL: URL

    /// Starts `accord preview ARGUMENTS` and, unless told not to, waits for the address it prints.
    init(_ accord: AccordProcess, _ arguments: [String], in subfolder: String, environment extra: [String: String] = [:],
         waitForAddress: Bool = true) throws {
        process.executableURL = URL(fileURLWithPath: AccordProcess.binary)
        process.arguments = ["preview"] + arguments
        process.currentDirectoryURL = accord.folder.appendingPathComponent(subfolder)
        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        environment.removeValue(forKey: "ACCORD_WORKSPACE")
        process.environment = environment
        let name = "preview-\(UUID().uuidString)"
        outURL = accord.folder.appendingPathComponent(name + ".stdout")
        errURL = accord.folder.appendingPathComponent(name + ".stderr")
        for file in [outURL, errURL] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The address comes once the first render is done.
        let deadline = Date().addingTimeInterval(180)
        var line: String? = waitForAddress ? nil : ""
        while line == nil {
            let out = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
            if let end = out.firstIndex(of: "\n") { line = String(out[..<end]); break }
            guard process.isRunning, Date() < deadline else {
                let error = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
                if process.isRunning { process.interrupt() }
                throw Failure(description: "accord preview printed no address: \(error)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        url = line!
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    var stdout: String { String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self) }

    var stderr: String { String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self) }

    /// The version after `version`, once the preview announces it.
    func waitForChange(after version: Int) throws -> Int {
        for _ in 0..<6 {
            let answer = try Curl.get(url + "__accord/changes?since=\(version)")
            guard let match = answer.body.firstMatch(of: /\{"version":(\d+)\}/), let next = Int(match.1) else {
                throw Failure(description: "no version in \(answer.body)")
            }
            if next != version { return next }
        }
        throw Failure(description: "no change after version \(version): \(stderr)")
    }

    /// Sends `signal` and waits for the exit (SIGKILL after 10 s); the exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { stop() }
}

/// HTTP through curl, its output in a file.
struct Curl {
    struct Response {
        let status: Int
        /// Lower-cased names.
        let headers: [String: String]
        let body: String

        /// The version the page's reload script waits from.
        var version: Int? { body.firstMatch(of: /var version = (\d+);/).flatMap { Int($0.1) } }
    }

    /// A request under way.
    struct Running {
        let process: Process
        let output: URL

        func finish() throws -> Response {
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: output) }
            return try Curl.parse(try Data(contentsOf: output))
        }
    }

    static func start(_ url: String, pathAsIs: Bool = false, headers: [String] = []) throws -> Running {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("accord-curl-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["--silent", "--show-error", "--include", "--max-time", "60", "--output", output.path]
            + (pathAsIs ? ["--path-as-is"] : []) + headers.flatMap { ["--header", $0] } + [url]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, output: output)
    }

    static func get(_ url: String, pathAsIs: Bool = false, headers: [String] = []) throws -> Response {
        try start(url, pathAsIs: pathAsIs, headers: headers).finish()
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ data: Data) throws -> Response {
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no HTTP answer: \(text)") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw Failure(description: "no status: \(text)")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
