import Foundation

/// A named connection service, as libpq reads it: a `[NAME]` section of the user's service file
/// (`PGSERVICEFILE`, else `~/.pg_service.conf`) or, when that has none, of the system's
/// (`$PGSYSCONFDIR/pg_service.conf`, else `/etc/postgresql-common/pg_service.conf`). Its lines are
/// `key=value`; `#` starts a comment. Accord reads the keys `host`, `port`, `dbname`, `sslmode`,
/// `user` and `password`, and refuses any other in the section it uses, naming the file and line.
public struct PostgresService: Equatable, Sendable {
    public static let keys: Set<String> = ["host", "port", "dbname", "sslmode", "user", "password"]

    public var name: String
    /// The file that defines it.
    public var file: String
    /// The service's settings, by key.
    public var values: [String: String]

    public init(name: String, file: String, values: [String: String]) {
        self.name = name
        self.file = file
        self.values = values
    }

    /// A setting that is there and not empty.
    public subscript(key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }

    /// The files searched, in order: the user's, then the system's.
    public static func files(environment: [String: String]) -> [String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let user = environment["PGSERVICEFILE"] ?? (home as NSString).appendingPathComponent(".pg_service.conf")
        let system = ((environment["PGSYSCONFDIR"] ?? "/etc/postgresql-common") as NSString).appendingPathComponent("pg_service.conf")
        return [user, system]
    }

    /// The service `name`, from the first file that defines it.
    public static func find(_ name: String, environment: [String: String]) throws(DatabaseLocationError) -> PostgresService {
        let files = files(environment: environment)
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            if let service = try parse(text, file: file, service: name) { return service }
        }
        throw DatabaseLocationError("service '\(name)' is defined in none of \(files.joined(separator: ", "))")
    }

    /// The section `service` of a service file's `text`, if it has one.
    static func parse(_ text: String, file: String, service: String) throws(DatabaseLocationError) -> PostgresService? {
        // The section once its header is read: the next header ends it.
        var found: PostgresService?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw DatabaseLocationError("\(file):\(index + 1): a section is written [NAME]") }
                if found != nil { break }
                if line.dropFirst().dropLast() == service { found = PostgresService(name: service, file: file, values: [:]) }
                continue
            }
            guard found != nil else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw DatabaseLocationError("\(file):\(index + 1): a setting is written key=value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard keys.contains(key) else {
                throw DatabaseLocationError("""
                    \(file):\(index + 1): '\(key)' is not read by Accord (it reads \(keys.sorted().joined(separator: ", ")))
                    """)
            }
            if found?.values[key] == nil { found?.values[key] = value }
        }
        return found
    }
}
