import Foundation

/// The country a workspace reports from: partner countries are the others, and a partnership is
/// cross-border when a party is from elsewhere. `home_country` in `accord.yaml`, or else the
/// country of the workspace's time zone.
public enum HomeCountry {
    /// The country of an IANA time zone (`Asia/Seoul` is KR), from the system's `zone.tab`;
    /// nil for zones of no one country (`UTC`) or where the table is missing.
    public static func of(timeZone identifier: String, table: String = "/usr/share/zoneinfo/zone.tab") -> String? {
        guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count >= 3, fields[2] == identifier, Codes.countries.contains(String(fields[0])) {
                return String(fields[0])
            }
        }
        return nil
    }
}

extension WorkspaceConfig {
    /// `home_country`, or the country of `timezone`.
    public var resolvedHomeCountry: String? { homeCountry ?? HomeCountry.of(timeZone: timeZone) }
}
