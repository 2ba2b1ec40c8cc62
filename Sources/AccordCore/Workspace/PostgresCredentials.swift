import Foundation

/// Who connects to a PostgreSQL database, found as libpq finds it: the user of the address's service
/// (`PostgresService`), else in `PGUSER`, else the system's name for the account; the password of
/// the service, else in `PGPASSWORD`, else in the password file (`PGPASSFILE`, else
/// `~/.pgpass`), whose lines read `host:port:database:user:password` (`*` matches anything,
/// `\:` and `\\` escape). Its description never shows the password.
public struct PostgresCredentials: Equatable, Sendable, CustomStringConvertible {
    public var user: String
    public var password: String?

    public init(user: String, password: String?) {
        self.user = user
        self.password = password
    }

    /// The credentials for `address` from `environment` (the process's when not given).
    /// A password file that others may read is passed over, as libpq does, and said in `warnings`.
    public static func find(for address: PostgresAddress,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            warnings: (String) -> Void = { _ in }) -> PostgresCredentials {
        // The address was read with its service, so the service is there unless its file changed since.
        let service = address.service.flatMap { try? PostgresService.find($0, environment: environment) }
        let user = service?["user"] ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
        if let password = service?["password"] ?? environment["PGPASSWORD"], !password.isEmpty {
            return PostgresCredentials(user: user, password: password)
        }
        let file = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".pgpass")
        return PostgresCredentials(user: user, password: password(in: file, for: address, user: user, warnings: warnings))
    }

    /// The password of the first line of the password file `path` that matches, if any.
    static func password(in path: String, for address: PostgresAddress, user: String, warnings: (String) -> Void) -> String? {
        // The file a link leads to is the one whose permissions count, as libpq stats it.
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            warnings("\(path) is readable by others (chmod 600 it): its passwords are not used")
            return nil
        }
        let wanted = [address.host, String(address.port), address.database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(of: line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A password file line's fields, split at unescaped colons.
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = [], field = "", escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    public var description: String { password == nil ? "user \(user), no password" : "user \(user), a password" }
}
