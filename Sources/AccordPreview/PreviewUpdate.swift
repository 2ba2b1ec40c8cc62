import Foundation

/// What `accord preview` tells its server (`accord-preview`) on the server's standard input,
/// one JSON object a line: each render's outcome, published as `PreviewState` publishes it.
public enum PreviewUpdate: Codable, Sendable, Equatable {
    case render(PreviewRender)
    case error(String)

    /// The update as one line of JSON, newline included.
    public func line() throws -> Data {
        try JSONEncoder().encode(self) + Data("\n".utf8)
    }

    /// The update a line holds.
    public init(line: Data) throws {
        self = try JSONDecoder().decode(Self.self, from: line)
    }

    /// Publishes the update to `state`; returns whether the page changed.
    @discardableResult
    public func publish(to state: PreviewState) -> Bool {
        switch self {
        case .render(let render): state.publish(render)
        case .error(let message): state.publish(error: message)
        }
    }
}

/// What the server says on its standard output, one line each: where it listens (or why it
/// cannot), then each request it answered.
public enum PreviewServerReport: Equatable, Sendable {
    /// The page's address, with the port the system chose when 0 was asked for.
    case listening(String)
    case failed(String)
    /// A request and its status: `GET / 200`.
    case request(String)

    private static let prefixes = ["listening ", "failed ", "request "]

    public var line: String {
        switch self {
        case .listening(let url): "listening \(url)\n"
        case .failed(let message): "failed \(message.replacingOccurrences(of: "\n", with: " "))\n"
        case .request(let text): "request \(text)\n"
        }
    }

    /// The report a line (without its newline) holds, if any.
    public init?(line: Substring) {
        guard let prefix = Self.prefixes.first(where: { line.hasPrefix($0) }) else { return nil }
        let rest = String(line.dropFirst(prefix.count))
        switch prefix {
        case "listening ": self = .listening(rest)
        case "failed ": self = .failed(rest)
        default: self = .request(rest)
        }
    }
}
