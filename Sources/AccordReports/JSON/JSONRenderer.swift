import Foundation

/// `report.json`: the document as it is, with sorted keys, so that it reads back unchanged.
/// A value that is not a finite number is written as the string `NaN`, `Infinity` or `-Infinity`.
///
/// The text is Foundation's `JSONEncoder`'s with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes`, byte for byte, made by `JSONTreeEncoder` and `JSONTextWriter`: a year's
/// report at a million partnerships holds some 1.3 million partnership ids, and `JSONEncoder` made
/// a value of each and wrote them in 1.15 s of its 13.
enum JSONRenderer {
    static func render(_ document: ReportDocument) -> RenderedFile {
        RenderedFile(name: "report.json", data: encode(document))
    }

    static func encode(_ document: ReportDocument) -> Data {
        // The document holds only strings, numbers, lists and records, and non-finite numbers
        // become strings: encoding cannot fail.
        JSONTextWriter.data(try! JSONTreeEncoder.tree(of: document))
    }

}

extension ReportDocument {
    /// The document `report.json` holds, its numbers that are not finite read back from the
    /// strings `NaN`, `Infinity` and `-Infinity`.
    public init(json: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity",
                                                                        negativeInfinity: "-Infinity", nan: "NaN")
        self = try decoder.decode(ReportDocument.self, from: json)
    }
}
