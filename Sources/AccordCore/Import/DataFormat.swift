/// The formats data files come in.
public enum DataFormat: String, CaseIterable, Sendable {
    case json, yaml, csv

    /// The format a file name's extension names (`.json`, `.yaml`, `.yml`, `.csv`), if any.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[dot...].contains("/") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "json": self = .json
        case "yaml", "yml": self = .yaml
        case "csv": self = .csv
        default: return nil
        }
    }
}
