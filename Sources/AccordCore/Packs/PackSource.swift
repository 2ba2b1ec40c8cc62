import Foundation

/// Where a pack that `accord.yaml` requires comes from, when not from the
/// search path: `accord rules install` fetches it from there and vendors the
/// chosen version into the workspace.
public enum PackSource: Hashable, Sendable, CustomStringConvertible {
    /// A git repository, by any address git accepts (a relative path is taken
    /// from the workspace folder). Its versions are its tags `vX.Y.Z`, or
    /// `PATH/vX.Y.Z` for a pack kept in the subfolder `path`.
    case git(url: String, path: String?)
    /// A `.tar.gz` written by `accord rules pack`: a file (relative paths are
    /// taken from the workspace folder) or an `http(s)` address.
    case archive(String)
    /// A folder that holds the pack's `init.lua`.
    case folder(String)

    /// The kind, as `accord.yaml` and `accord.lock` name it.
    public var kind: String {
        switch self {
        case .git: "git"
        case .archive: "archive"
        case .folder: "folder"
        }
    }

    /// The address or path, as written.
    public var location: String {
        switch self {
        case .git(let url, _): url
        case .archive(let location), .folder(let location): location
        }
    }

    public var description: String {
        switch self {
        case .git(let url, let path): "git \(url)" + (path.map { " (\($0))" } ?? "")
        case .archive(let location): "archive \(location)"
        case .folder(let path): "folder \(path)"
        }
    }

    /// Whether `location` names something on this machine rather than on a server.
    public var isLocal: Bool {
        switch self {
        case .folder: return true
        case .archive(let location): return !Self.isRemoteAddress(location)
        case .git(let url, _): return url.hasPrefix("file://") || !(Self.isRemoteAddress(url) || Self.isSCPStyle(url))
        }
    }

    /// A local path or `file://` address made absolute from the workspace folder `root`;
    /// anything else as it is.
    public func resolvedLocation(in root: URL) -> String {
        let location = self.location
        if Self.isRemoteAddress(location) || location.hasPrefix("file://") { return location }
        if case .git = self, Self.isSCPStyle(location) { return location }
        return location.hasPrefix("/") ? location : root.appendingPathComponent(location).standardizedFileURL.path
    }

    /// An address with a scheme other than `file`: `https://…`, `ssh://…`, `git://…`.
    static func isRemoteAddress(_ text: String) -> Bool {
        guard let colon = text.range(of: "://") else { return false }
        let scheme = text[..<colon.lowerBound]
        return !scheme.isEmpty && scheme != "file" && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    /// git's `user@host:path` form of an ssh address.
    public static func isSCPStyle(_ text: String) -> Bool {
        guard !text.contains("://"), let colon = text.firstIndex(of: ":") else { return false }
        let host = text[..<colon]
        return !host.isEmpty && !host.contains("/")
    }
}
