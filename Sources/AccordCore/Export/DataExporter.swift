import CSV
import Foundation
import Yams

/// Writes a `Dataset` in the formats `DataImporter` reads back unchanged. Records are
/// sorted by id; absent fields and empty lists are left out.
public enum DataExporter {
    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public static func json(_ d: Dataset) -> Data {
        // Every value is a string, number, array or dictionary: serialization cannot fail.
        var data = try! JSONSerialization.data(withJSONObject: document(d).json,
                                               options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }

    /// YAML in the documented field order, with inline parties, products and lists of codes.
    public static func yaml(_ d: Dataset) -> String {
        // libyaml only fails to emit on invalid UTF-8, which a Swift string cannot hold.
        try! Yams.serialize(node: document(d).yaml, indent: 2, width: -1, allowUnicode: true,
                            newLineScalarStyle: .literal)
    }

    /// `sources.csv`, `organizations.csv` and `partnerships.csv`, each with its header.
    public static func csv(_ d: Dataset) -> [(name: String, contents: String)] {
        [("sources.csv", table(CSVCells.sourceColumns, sorted(d.sources).map(CSVCells.row))),
         ("organizations.csv", table(CSVCells.organizationColumns, sorted(d.organizations).map(CSVCells.row))),
         ("partnerships.csv", table(CSVCells.partnershipColumns, sorted(d.partnerships).map(CSVCells.row)))]
    }

    private static func document(_ d: Dataset) -> FieldValue {
        .map([("sources", .list(sorted(d.sources).map(FieldValue.record), compact: false)),
              ("organizations", .list(sorted(d.organizations).map(FieldValue.record), compact: false)),
              ("partnerships", .list(sorted(d.partnerships).map(FieldValue.record), compact: false))],
             compact: false)
    }

    private static func sorted<R: Identifiable>(_ records: [R]) -> [R] where R.ID == String {
        records.sorted { $0.id < $1.id }
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        let stream = OutputStream.toMemory()
        stream.open()
        // Writing to memory cannot fail.
        let writer = try! CSVWriter(stream: stream)
        for row in [header] + rows { try! writer.write(row: row) }
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
