/// Where a record with an id is defined, to find duplicates.
struct Definition {
    var kind: RecordKind
    var id: String
    var file: String
    var line: Int?

    var record: String { RecordLabel.named(kind, id).description }
}

/// A field that names another record by id, to check that it exists.
struct Reference {
    var target: RecordKind
    var id: String
    var file: String
    var line: Int?
    var citing: RecordLabel
    var path: FieldPath

    var record: String { citing.description }
    var field: String { path.description }
}

/// How messages name a record: `partnership 'abc-2019'` once its id is read,
/// `row 3` or `partnerships[3]` before. Spelled out only when a message needs it.
enum RecordLabel: CustomStringConvertible, Sendable {
    case named(RecordKind, String)
    case row(Int)
    case text(String)

    var description: String {
        switch self {
        case .named(let kind, let id): "\(kind.rawValue) '\(id)'"
        case .row(let number): "row \(number)"
        case .text(let text): text
        }
    }
}

/// What reading one record found: its issues, its id and the ids it cites.
final class RecordContext {
    let file: String
    let kind: RecordKind
    private(set) var label: RecordLabel
    private(set) var issues: [DataIssue] = []
    private(set) var definition: Definition?
    private(set) var references: [Reference] = []

    init(file: String, kind: RecordKind, fallbackLabel: RecordLabel) {
        self.file = file
        self.kind = kind
        self.label = fallbackLabel
    }

    var record: String { label.description }

    func report(_ field: FieldPath?, line: Int?, _ message: String) {
        issues.append(DataIssue(file: file, line: line, record: record, field: field.map(\.description), message: message))
    }

    func define(id: String, line: Int?) {
        label = .named(kind, id)
        definition = Definition(kind: kind, id: id, file: file, line: line)
    }

    func cite(_ target: RecordKind, id: String, field: FieldPath, line: Int?) {
        references.append(Reference(target: target, id: id, file: file, line: line, citing: label, path: field))
    }
}
