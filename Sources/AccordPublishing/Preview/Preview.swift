import AccordPreview
import Foundation

/// `accord preview`: serves a report on a local address and renders it again
/// whenever what it is made from changes; open pages reload themselves. The renders
/// are made here; the server is a program of its own (`PreviewServerProcess`).
public final class Preview: @unchecked Sendable {
    public let state: PreviewState
    /// The private folder renders are written to, removed by `stop()`.
    public let folder: URL
    private let loop: PreviewLoop
    private let server: PreviewServerProcess

    /// A preview of `request` on `address`. `watchdog` is started around each build
    /// and render with the time limit and the script's name (as `accord report` does);
    /// `describe` says an error as the command line says it; `log` writes a line to stderr;
    /// `trace` is told each request and its status.
    public init(request: PreviewRequest, address: PreviewAddress, title: String,
                watchdog: @escaping (_ seconds: Double?, _ script: String) -> () -> Void,
                describe: @escaping (Error) -> String, log: @escaping @Sendable (String) -> Void,
                trace: (@Sendable (String) -> Void)? = nil) throws {
        folder = try Self.privateFolder()
        state = PreviewState(title: title)
        let renderer = PreviewRenderer(request: request, folder: folder.appendingPathComponent("report"),
                                       watchdog: watchdog, describe: describe)
        do {
            server = try PreviewServerProcess(address: address, allowRemote: !PreviewAddress.isLoopback(address.host),
                                              title: title, trace: trace)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        loop = PreviewLoop(renderer: renderer, state: state, log: log, send: server.send)
    }

    /// Listens, starts rendering, and returns the page's address (`http://127.0.0.1:8765/`);
    /// the report is rendered at once, then again on each change.
    public func start() throws -> String {
        let url: String
        do { url = try server.start() } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        loop.start()
        return url
    }

    /// Waits until the first render has finished, or `interrupt()` was called.
    public func waitForFirstRender() {
        loop.waitForFirstRender()
    }

    /// Renders nothing more (one under way finishes unseen) and ends `waitForFirstRender()`;
    /// safe from any thread, such as a signal handler's.
    public func interrupt() {
        loop.stop()
    }

    /// Stops rendering and serving, and removes the private folder.
    public func stop() {
        loop.stop()
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A new folder only this user can read, in the system's temporary folder.
    private static func privateFolder() throws -> URL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/accord-preview-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PreviewServerError("cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }
}
