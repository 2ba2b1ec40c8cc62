import Foundation

/// `accord preview`: serves a report on a local address and renders it again
/// whenever what it is made from changes; open pages reload themselves.
public final class Preview: @unchecked Sendable {
    public let state: PreviewState
    /// The private folder renders are written to, removed by `stop()`.
    public let folder: URL
    private let loop: PreviewLoop
    private let server: PreviewServer

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
        loop = PreviewLoop(renderer: renderer, state: state, log: log)
        let routes = PreviewRoutes(state: state, allowRemote: !PreviewAddress.isLoopback(address.host), trace: trace)
        do { server = try PreviewServer(address: address, routes: routes) } catch {
            try? FileManager.default.removeItem(at: folder)
            throw PreviewServerError("cannot listen on \(address.url(port: address.port)): \(error)")
        }
    }

    /// Listens, starts rendering, and returns the page's address (`http://127.0.0.1:8765/`);
    /// the report is rendered at once, then again on each change.
    public func start() throws -> String {
        let started = Outcome()
        let done = DispatchSemaphore(value: 0)
        let server = self.server
        Task {
            do { started.result = .success(try await server.start()) } catch { started.result = .failure(error) }
            done.signal()
        }
        done.wait()
        let url: String
        do { url = try started.result!.get() } catch {
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
        let done = DispatchSemaphore(value: 0)
        let server = self.server
        Task {
            await server.stop()
            done.signal()
        }
        _ = done.wait(timeout: .now() + 2)
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

    private final class Outcome: @unchecked Sendable {
        var result: Result<String, any Error>?
    }
}
