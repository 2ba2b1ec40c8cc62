import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs a JSON payload to a webhook URL with a time limit. A 2xx answer is a delivery;
/// any other status, or no answer in time, is a failure.
public struct WebhookPoster: Sendable {
    public var timeout: Double

    public init(timeout: Double) {
        self.timeout = timeout
    }

    /// Returns the HTTP status of the answer.
    @discardableResult
    public func post(_ body: Data, to url: URL) throws(DeliveryError) -> Int {
        var request = URLRequest(url: url, timeoutInterval: timeout > 0 ? timeout : 3600)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue("accord", forHTTPHeaderField: "User-Agent")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout > 0 ? timeout : 3600
        configuration.timeoutIntervalForResource = timeout > 0 ? timeout : 3600
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            answer.set(status: (response as? HTTPURLResponse)?.statusCode, body: data, error: error)
            done.signal()
        }
        task.resume()
        // URLSession's own limits first; this one in case a connection never answers at all.
        if done.wait(timeout: .now() + (timeout > 0 ? timeout + 5 : 3605)) == .timedOut {
            task.cancel()
            throw DeliveryError("\(url.host ?? "the webhook") did not answer within the time limit (schedule.delivery_timeout)")
        }
        let (status, data, error) = answer.get()
        if let error {
            let nsError = error as NSError
            if nsError.code == NSURLErrorTimedOut {
                throw DeliveryError("\(url.host ?? "the webhook") did not answer within the time limit (schedule.delivery_timeout)")
            }
            throw DeliveryError("POST to \(url.host ?? url.absoluteString): \(error.localizedDescription)")
        }
        guard let status else { throw DeliveryError("POST to \(url.host ?? url.absoluteString): no HTTP answer") }
        guard (200..<300).contains(status) else {
            let said = data.map { String(decoding: $0.prefix(200), as: UTF8.self) }?
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw DeliveryError("POST to \(url.host ?? url.absoluteString): HTTP \(status)" + (said.isEmpty ? "" : ": \(said)"))
        }
        return status
    }

    /// The answer, handed from URLSession's queue to the waiting thread.
    private final class Answer: @unchecked Sendable {
        private let lock = NSLock()
        private var status: Int?
        private var body: Data?
        private var error: Error?

        func set(status: Int?, body: Data?, error: Error?) {
            lock.lock(); defer { lock.unlock() }
            (self.status, self.body, self.error) = (status, body, error)
        }

        func get() -> (Int?, Data?, Error?) {
            lock.lock(); defer { lock.unlock() }
            return (status, body, error)
        }
    }
}
