import AccordPreview
import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP server of a preview (FlyingFox), on one address.
public final class PreviewServer: @unchecked Sendable {
    private let server: HTTPServer
    private let address: PreviewAddress
    private var task: Task<Void, any Error>?

    public init(address: PreviewAddress, routes: PreviewRoutes) throws {
        self.address = address
        let socketAddress: any SocketAddress = address.isIPv6
            ? try sockaddr_in6.inet6(ip6: address.host, port: address.port)
            : try sockaddr_in.inet(ip4: address.host, port: address.port)
        // FlyingFox answers 500 to a handler that takes longer than its timeout: leave room for
        // the requests that wait for changes.
        server = HTTPServer(config: HTTPServer.Configuration(address: socketAddress, timeout: routes.changesTimeout + 10,
                                                             logger: .disabled),
                            handler: routes)
    }

    /// Starts listening and returns the page's address, with the port the system
    /// chose when 0 was asked for.
    func start() async throws -> String {
        let server = self.server
        let failure = Failure()
        // `run` throws at once when the address cannot be bound; otherwise it serves until stopped.
        task = Task {
            do { try await server.run() } catch { failure.error = error }
        }
        let deadline = Date().addingTimeInterval(10)
        while await !server.isListening {
            if let error = failure.error {
                throw PreviewServerError("cannot listen on \(address.url(port: address.port)): \(error)"
                    + (address.port == 0 ? "" : " (choose another --port, or --port 0 for any free one)"))
            }
            guard Date() < deadline else { throw PreviewServerError("cannot listen on \(address.url(port: address.port))") }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: return address.url(port: port)
        default: return address.url(port: address.port)
        }
    }

    func stop() async {
        await server.stop(timeout: 0.2)
        task?.cancel()
    }

    /// `start()`, waited for on this thread.
    public func startWaiting() throws -> String {
        let started = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task { [self] in
            do { started.result = .success(try await start()) } catch { started.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try started.result!.get()
    }

    /// `stop()`, waited for on this thread (two seconds at most).
    public func stopWaiting() {
        let done = DispatchSemaphore(value: 0)
        Task { [self] in
            await stop()
            done.signal()
        }
        _ = done.wait(timeout: .now() + 2)
    }

    private final class Outcome: @unchecked Sendable {
        var result: Result<String, any Error>?
    }

    private final class Failure: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: (any Error)?
        var error: (any Error)? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
