import Foundation

/// The country a workspace reports from: partner countries are the others, and a partnership is
/// cross-border when a party is from elsewhere. `home_country` in `accord.yaml`, or else the
/// country of the workspace's time zone.
public enum HomeCountry {
    /// The country of an IANA time zone (`Asia/Seoul` is KR), from the system's `zone.tab`;
    /// nil for zones of no one country (`UTC`) or where the table is missing.
    public static func of(timeZone identifier: String, table: String = "/usr/share/zoneinfo/zone.tab") -> String? {
        // Read as bytes: every command that opens a workspace asks, and the table has 450 lines.
        guard let table = FileManager.default.contents(atPath: table) else { return nil }
        let wanted = Array(identifier.utf8)
        for line in table.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[2].elementsEqual(wanted) else { continue }
            let code = String(decoding: fields[0], as: UTF8.self)
            if Codes.countries.contains(code) { return code }
        }
        return nil
    }
}

extension WorkspaceConfig {
    /// `home_country`, or the country of `timezone`.
    public var resolvedHomeCountry: String? { homeCountry ?? HomeCountry.of(timeZone: timeZone) }
}
