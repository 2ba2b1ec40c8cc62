import Foundation
import GRDB

/// The database stayed locked by another process's write for the whole busy
/// timeout: nothing was changed, and the same command can simply be run again
/// (exit 75).
public struct DatabaseBusy: Error, CustomStringConvertible, Sendable {
    /// The database file, as the user named it.
    public let database: String
    /// The process that held the write lock, when it could be found (`pid 4242 (accord import big.csv)`).
    public let holder: String?
    /// How long the command waited, in seconds.
    public let waited: Double

    public var description: String {
        "the database \(database) is busy: \(holder ?? "another process") holds its write lock; "
            + "gave up after \(Self.duration(waited)) (database_busy_timeout); try again later"
    }

    static func duration(_ seconds: Double) -> String {
        seconds >= 120 && seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60)) min" : "\(Int(seconds.rounded())) s"
    }

    /// `error` as a `DatabaseBusy` when it is SQLite's "database is locked".
    static func from(_ error: any Error, path: String, waited: Double) -> DatabaseBusy? {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY else { return nil }
        return DatabaseBusy(database: display(path), holder: LockHolder.writer(of: path), waited: waited)
    }

    /// The path relative to the current folder when it lies below it.
    private static func display(_ path: String) -> String {
        let folder = FileManager.default.currentDirectoryPath + "/"
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        return full.hasPrefix(folder) ? String(full.dropFirst(folder.count)) : full
    }
}

/// Finds the process holding an SQLite database's write lock, from the
/// system's table of file locks (Linux's /proc/locks).
enum LockHolder {
    /// `pid 4242 (accord classify --save)`, or nil when the lock's holder cannot be seen.
    static func writer(of database: String) -> String? {
        #if os(Linux)
        // In WAL mode the write lock is byte 120 of the -shm file; otherwise the database's RESERVED byte.
        let candidates: [(file: String, byte: Int)] = [(database + "-shm", 120), (database, 0x4000_0001)]
        guard let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for (file, byte) in candidates {
            var info = stat()
            guard stat(file, &info) == 0 else { continue }
            let device = String(format: "%02x:%02x:%lu", major(info.st_dev), minor(info.st_dev), UInt(info.st_ino))
            for line in table.split(separator: "\n") where !line.contains("->") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                // 1: POSIX  ADVISORY  WRITE 4242 08:02:1234567 120 120
                guard fields.count >= 8, fields[3] == "WRITE", fields[5] == device, let pid = Int32(fields[4]),
                      pid != getpid(), let start = Int(fields[6]) else { continue }
                let end = fields[7] == "EOF" ? Int.max : Int(fields[7]) ?? start
                if (start...end).contains(byte) { return describe(pid) }
            }
        }
        #endif
        return nil
    }

    private static func major(_ device: UInt) -> UInt { ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt(0xfff)) }
    private static func minor(_ device: UInt) -> UInt { (device & 0xff) | ((device >> 12) & ~UInt(0xff)) }

    /// `pid 4242 (accord import big.csv)`: the command line, shortened.
    private static func describe(_ pid: Int32) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return "pid \(pid)" }
        var words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        words[0] = (words[0] as NSString).lastPathComponent
        var command = words.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if command.count > 60 { command = command.prefix(59) + "…" }
        return "pid \(pid) (\(command))"
    }
}
