import Foundation

/// Where the preview listens: an IP address and a port. Loopback unless the
/// user says otherwise, since a report shows the workspace's data to whoever
/// can reach the page.
public struct PreviewAddress: Sendable, Equatable {
    /// The port the preview listens on when none is given.
    public static let defaultPort = 8765

    /// The address to bind, as an IP literal (`127.0.0.1`, `::1`).
    public let host: String
    /// The port; 0 asks the system for a free one.
    public let port: UInt16

    /// `host` (an IPv4 or IPv6 address, or `localhost`) and `port`; an address that
    /// is not loopback only with `allowRemote`.
    public init(host: String, port: Int, allowRemote: Bool = false) throws(PreviewAddressError) {
        guard (0...65535).contains(port) else {
            throw PreviewAddressError("--port must be between 0 and 65535 (0 for any free port), not \(port)")
        }
        var literal = host.lowercased()
        if literal == "localhost" { literal = "127.0.0.1" }
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        guard Self.isIPv4(literal) || Self.isIPv6(literal) else {
            throw PreviewAddressError("--host must be an IP address such as 127.0.0.1 or ::1 (or localhost), not '\(host)'")
        }
        guard allowRemote || Self.isLoopback(literal) else {
            throw PreviewAddressError("--host \(host) is not a loopback address, so anyone who can reach it would see the "
                + "workspace's reports; preview listens on 127.0.0.1 or ::1 only, unless --allow-remote is given")
        }
        self.host = literal
        self.port = UInt16(port)
    }

    public var isIPv6: Bool { Self.isIPv6(host) }

    /// The page's address on `port` (the one bound, when 0 was asked for).
    public func url(port: UInt16) -> String {
        isIPv6 ? "http://[\(host)]:\(port)/" : "http://\(host):\(port)/"
    }

    /// 127.0.0.0/8, `::1`, and `::ffff:127.x.y.z`.
    public static func isLoopback(_ host: String) -> Bool {
        if isIPv4(host) { return host.hasPrefix("127.") }
        guard isIPv6(host) else { return false }
        var address = in6_addr()
        guard inet_pton(AF_INET6, host, &address) == 1 else { return false }
        let bytes = withUnsafeBytes(of: address) { Array($0) }
        if bytes == Array(repeating: 0, count: 15) + [1] { return true }
        return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff && bytes[12] == 127
    }

    public static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    public static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}

/// An address the preview will not listen on.
public struct PreviewAddressError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The preview could not listen where it was asked to.
public struct PreviewServerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
