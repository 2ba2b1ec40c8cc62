@testable import AccordPreview
@testable import AccordPreviewServer
@testable import AccordPublishing
import FlyingFox
import Foundation
import Testing

/// What the preview answers, without a socket: only the report's own files, the page, and changes.
struct PreviewRoutesTests {
    static let html = "<!DOCTYPE html><html><head></head><body><h1>Report</h1></body></html>"

    private func routes() -> (PreviewRoutes, PreviewState) {
        let state = PreviewState(title: "Report")
        state.publish(PreviewRender(files: [
            "report.html": Data(Self.html.utf8), "report.md": Data("# Report\n".utf8), "by-form.csv": Data("a,b\n".utf8),
            "report.json": Data("{}".utf8), "charts/by-form.svg": Data("<svg/>".utf8),
        ]))
        return (PreviewRoutes(state: state, allowRemote: false, changesTimeout: 0.2), state)
    }

    private func get(_ target: String, host: String = "127.0.0.1:8765", method: HTTPMethod = .GET,
                     from routes: PreviewRoutes) async throws -> HTTPResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        let request = HTTPRequest(method: method, version: .http11,
                                  target: .init(path: parts[0], query: parts.count > 1 ? parts[1] : ""),
                                  headers: [.host: host], body: HTTPBodySequence(data: Data()))
        return try await routes.handleRequest(request)
    }

    @Test func thePageCarriesTheReloadScriptButTheRenderedFileDoesNot() async throws {
        let (routes, _) = routes()
        let page = try await get("/", from: routes)
        #expect(page.statusCode == .ok)
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(String(decoding: try await page.bodyData, as: UTF8.self).contains("accord-preview-reload"))
        let file = try await get("/report.html", from: routes)
        #expect(try await file.bodyData == Data(Self.html.utf8))
    }

    @Test func everyAnswerIsNeverCachedAndFilesHaveTheirTypes() async throws {
        let (routes, _) = routes()
        let expected = ["/report.md": "text/markdown; charset=utf-8", "/by-form.csv": "text/csv; charset=utf-8",
                        "/report.json": "application/json", "/charts/by-form.svg": "image/svg+xml"]
        for (path, type) in expected {
            let response = try await get(path, from: routes)
            #expect(response.statusCode == .ok, "\(path)")
            #expect(response.headers[.contentType] == type, "\(path)")
            #expect(response.headers[HTTPHeader("Cache-Control")] == "no-store", "\(path)")
            #expect(response.headers[HTTPHeader("X-Content-Type-Options")] == "nosniff", "\(path)")
        }
    }

    @Test(arguments: ["/../accord.yaml", "/%2e%2e/accord.yaml", "/%2E%2E%2Faccord.yaml", "/..%2faccord.yaml",
                      "/charts/../../accord.yaml", "/charts/..%2F..%2Faccord.yaml", "//etc/passwd", "/%2fetc%2fpasswd",
                      "/accord.yaml", "/charts", "/charts/"])
    func nothingButTheRenderedFilesIsServed(path: String) async throws {
        let (routes, _) = routes()
        let response = try await get(path, from: routes)
        #expect(response.statusCode == .notFound, "\(path)")
    }

    @Test func aRequestNamingAnotherHostIsRefused() async throws {
        let (routes, state) = routes()
        #expect(try await get("/", host: "evil.example:8765", from: routes).statusCode == .forbidden)
        #expect(try await get("/", host: "localhost:8765", from: routes).statusCode == .ok)
        #expect(try await get("/", host: "[::1]:8765", from: routes).statusCode == .ok)
        #expect(try await get("/", host: "127.0.0.2:8765", from: routes).statusCode == .ok)
        #expect(try await get("/", host: "127.0.0.1.evil.example", from: routes).statusCode == .forbidden)
        #expect(try await get("/", host: "", from: routes).statusCode == .forbidden)
        let open = PreviewRoutes(state: state, allowRemote: true)
        #expect(try await get("/", host: "192.168.1.20:8765", from: open).statusCode == .ok)
    }

    @Test func onlyGetAndHeadAreAnsweredAndHeadHasNoBody() async throws {
        let (routes, _) = routes()
        #expect(try await get("/", method: .POST, from: routes).statusCode == .methodNotAllowed)
        let head = try await get("/report.md", method: .HEAD, from: routes)
        #expect(head.statusCode == .ok)
        #expect(try await head.bodyData.isEmpty)
        #expect(head.headers[.contentLength] == "9")
    }

    @Test func changesAnswerAtOnceWhenTheVersionMovedAndAfterTheTimeoutOtherwise() async throws {
        let (routes, state) = routes()
        let moved = try await get("/__accord/changes?since=0", from: routes)
        #expect(String(decoding: try await moved.bodyData, as: UTF8.self) == "{\"version\":1}\n")
        let started = Date()
        let same = try await get("/__accord/changes?since=1", from: routes)
        #expect(String(decoding: try await same.bodyData, as: UTF8.self) == "{\"version\":1}\n")
        #expect(Date().timeIntervalSince(started) >= 0.15)
        state.publish(error: "r.lua:1: boom")
        let failed = try await get("/__accord/changes?since=1", from: routes)
        #expect(String(decoding: try await failed.bodyData, as: UTF8.self) == "{\"version\":2}\n")
    }
}

/// What the render loop publishes.
struct PreviewStateTests {
    @Test func theSameContentAgainDoesNotReloadPagesButAnErrorDoes() {
        let state = PreviewState(title: "R")
        #expect(state.publish(PreviewRender(files: ["report.html": Data("a".utf8), "manifest.json": Data("1".utf8)])))
        #expect(!state.publish(PreviewRender(files: ["report.html": Data("a".utf8), "manifest.json": Data("2".utf8)])))
        #expect(state.snapshot.version == 1)
        #expect(state.publish(error: "r.lua:2: boom"))
        #expect(!state.publish(error: "r.lua:2: boom"))
        #expect(state.snapshot.render?.files["report.html"] == Data("a".utf8))
        #expect(state.snapshot.version == 2)
        // The same render after an error clears the banner: the page changes.
        #expect(state.publish(PreviewRender(files: ["report.html": Data("a".utf8)])))
        #expect(state.snapshot.error == nil)
        #expect(state.snapshot.version == 3)
    }

    @Test func aModuleOrPackFileThatChangesIsSeen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pack"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let module = folder.appendingPathComponent("lib.lua"), rule = folder.appendingPathComponent("pack/init.lua")
        try "return 1".write(to: module, atomically: true, encoding: .utf8)
        try "return {}".write(to: rule, atomically: true, encoding: .utf8)
        let inputs = PreviewInputs(files: [module.path, folder.appendingPathComponent("missing.lua").path], folders: [folder.path])
        let before = inputs.stamps()
        #expect(inputs.stamps() == before)
        try "return 2".write(to: module, atomically: false, encoding: .utf8)
        #expect(PreviewLoop.changed(from: before, to: inputs.stamps()) == [module.path])
        let middle = inputs.stamps()
        try "return { x = 1 }".write(to: rule, atomically: false, encoding: .utf8)
        #expect(PreviewLoop.changed(from: middle, to: inputs.stamps()) == [rule.path])
    }
}
