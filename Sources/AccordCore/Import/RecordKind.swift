/// The three kinds of record a data file holds.
public enum RecordKind: String, CaseIterable, Sendable {
    case source, organization, partnership

    /// The key of a YAML/JSON section, and the usual CSV file name: `partnerships`.
    var section: String { rawValue + "s" }

    /// Its place in `allCases`.
    var number: Int {
        switch self {
        case .source: 0
        case .organization: 1
        case .partnership: 2
        }
    }

    init?(section: String) {
        guard let kind = Self.allCases.first(where: { $0.section == section }) else { return nil }
        self = kind
    }

    var csvColumns: [String] {
        switch self {
        case .source: CSVCells.sourceColumns
        case .organization: CSVCells.organizationColumns
        case .partnership: CSVCells.partnershipColumns
        }
    }

    /// The CSV column that tells a file of this kind by its header.
    var telltaleColumn: String {
        switch self {
        case .source: "publisher"
        case .organization: "kind"
        case .partnership: "form"
        }
    }

    var requiredFields: [String] {
        switch self {
        case .source: ["id", "title"]
        case .organization: ["id", "name", "kind", "country"]
        case .partnership: ["id", "title", "form", "parties", "sources"]
        }
    }
}
