import AccordPreview
import AccordReports
import FlyingFox
import Foundation

/// What the preview answers: `/`, the report page with the reload script;
/// `/__accord/changes?since=N`, the version once it changes; and the report's own
/// files by name, as rendered. Nothing else is served: a path is looked up among
/// the names of the rendered files, never joined to a folder.
public struct PreviewRoutes: HTTPHandler {
    let state: PreviewState
    /// Whether the Host header must name a loopback address or `localhost` (with any
    /// port), as it must unless remote clients are allowed: a page of another site that
    /// resolves its name to 127.0.0.1 cannot read the preview.
    let loopbackOnly: Bool
    /// How long a request for changes waits before it answers with the same version.
    var changesTimeout = 20.0

    /// Told each request and its status (`GET / 200`), for diagnostics.
    let trace: (@Sendable (String) -> Void)?

    public init(state: PreviewState, allowRemote: Bool, changesTimeout: Double = 20, trace: (@Sendable (String) -> Void)? = nil) {
        self.state = state
        loopbackOnly = !allowRemote
        self.changesTimeout = changesTimeout
        self.trace = trace
    }

    public func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = await answer(request)
        trace?("\(request.method.rawValue) \(request.path) \(response.statusCode.code)")
        return response
    }

    private func answer(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            let answer = Self.text(.methodNotAllowed, "The preview only answers GET and HEAD.\n", extra: [HTTPHeader("Allow"): "GET, HEAD"])
            return HTTPResponse(statusCode: answer.status, headers: answer.headers, body: answer.body)
        }
        if loopbackOnly, !Self.isLoopbackName(Self.hostName(request.headers[.host])) {
            let answer = Self.text(.forbidden, "The preview answers requests to a loopback address or localhost only.\n")
            return HTTPResponse(statusCode: answer.status, headers: answer.headers, body: answer.body)
        }
        let answer = await respond(to: request)
        guard request.method == .HEAD else { return HTTPResponse(statusCode: answer.status, headers: answer.headers, body: answer.body) }
        var headers = answer.headers
        headers[.contentLength] = String(answer.body.count)
        return HTTPResponse(statusCode: answer.status, headers: headers)
    }

    /// A response before it is sent: HEAD sends it without its body.
    struct Answer {
        var status: HTTPStatusCode
        var headers: HTTPHeaders
        var body: Data
    }

    private func respond(to request: HTTPRequest) async -> Answer {
        switch request.path {
        case "/":
            return Self.page(state.snapshot)
        case PreviewPage.changesPath:
            let since = request.query.first { $0.name == "since" }.flatMap { Int($0.value) } ?? -1
            let version = await state.version(after: since, timeout: changesTimeout)
            return Self.response(.ok, Data("{\"version\":\(version)}\n".utf8), type: "application/json")
        default:
            let name = String(request.path.dropFirst())
            guard let render = state.snapshot.render, let data = render.files[name] else {
                return Self.text(.notFound, "The report has no file \(request.path).\n")
            }
            return Self.response(.ok, data, type: RenderedFile.mediaType(of: name))
        }
    }

    /// The page for `/`: the last render that worked with the reload script and the
    /// last error, the error alone, or a page that waits for the first render.
    static func page(_ snapshot: PreviewState.Snapshot) -> Answer {
        let html: String
        if let render = snapshot.render, let report = render.files["report.html"] {
            html = PreviewPage.wrap(String(decoding: report, as: UTF8.self), version: snapshot.version, error: snapshot.error)
        } else if let error = snapshot.error {
            html = PreviewPage.failure(error, title: snapshot.title, version: snapshot.version)
        } else {
            html = PreviewPage.waiting(title: snapshot.title, version: snapshot.version)
        }
        return response(.ok, Data(html.utf8), type: "text/html; charset=utf-8")
    }

    /// `localhost`, or a loopback address (`127.0.0.2`, `[::1]`).
    static func isLoopbackName(_ name: String) -> Bool {
        if name == "localhost" { return true }
        let literal = name.hasPrefix("[") && name.hasSuffix("]") ? String(name.dropFirst().dropLast()) : name
        return (name.hasPrefix("[") || PreviewAddress.isIPv4(literal)) && PreviewAddress.isLoopback(literal)
    }

    /// `127.0.0.1` of `127.0.0.1:8765`, `[::1]` of `[::1]:8765`, lower-cased.
    static func hostName(_ header: String?) -> String {
        guard let header = header?.lowercased() else { return "" }
        if header.hasPrefix("["), let end = header.firstIndex(of: "]") { return String(header[...end]) }
        return String(header.split(separator: ":", maxSplits: 1).first ?? "")
    }

    private static func response(_ status: HTTPStatusCode, _ body: Data, type: String,
                                 extra: [HTTPHeader: String] = [:]) -> Answer {
        var headers: [HTTPHeader: String] = [
            .contentType: type,
            HTTPHeader("Cache-Control"): "no-store",
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
        headers.merge(extra) { _, new in new }
        return Answer(status: status, headers: HTTPHeaders(headers), body: body)
    }

    private static func text(_ status: HTTPStatusCode, _ message: String, extra: [HTTPHeader: String] = [:]) -> Answer {
        response(status, Data(message.utf8), type: "text/plain; charset=utf-8", extra: extra)
    }
}
