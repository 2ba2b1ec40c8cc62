/// Where a record with an id is defined, to find duplicates.
struct Definition {
    var kind: RecordKind
    var id: String
    var file: String
    var line: Int?
    var record: String
}

/// A field that names another record by id, to check that it exists.
struct Reference {
    var target: RecordKind
    var id: String
    var file: String
    var line: Int?
    var record: String
    var field: String
}

/// What reading one record found: its issues, its id and the ids it cites.
final class RecordContext {
    let file: String
    let kind: RecordKind
    private(set) var record: String
    private(set) var issues: [DataIssue] = []
    private(set) var definition: Definition?
    private(set) var references: [Reference] = []

    init(file: String, kind: RecordKind, fallbackLabel: String) {
        self.file = file
        self.kind = kind
        self.record = fallbackLabel
    }

    func report(_ field: String?, line: Int?, _ message: String) {
        issues.append(DataIssue(file: file, line: line, record: record, field: field, message: message))
    }

    func define(id: String, line: Int?) {
        record = "\(kind.rawValue) '\(id)'"
        definition = Definition(kind: kind, id: id, file: file, line: line, record: record)
    }

    func cite(_ target: RecordKind, id: String, field: String, line: Int?) {
        references.append(Reference(target: target, id: id, file: file, line: line, record: record, field: field))
    }
}
