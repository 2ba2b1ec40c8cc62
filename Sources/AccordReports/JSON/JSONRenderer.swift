import Foundation

/// `report.json`: the document as it is, with sorted keys, so that it reads back unchanged.
/// A value that is not a finite number is written as the string `NaN`, `Infinity` or `-Infinity`.
enum JSONRenderer {
    static func render(_ document: ReportDocument) -> RenderedFile {
        RenderedFile(name: "report.json", data: encode(document))
    }

    static func encode(_ document: ReportDocument) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = nonFinite
        // The document holds only strings, numbers, lists and records, and non-finite numbers
        // become strings: encoding cannot fail.
        var data = try! encoder.encode(document)
        data.append(0x0A)
        return data
    }

    /// How a reader decodes `report.json` to the same document: `JSONDecoder` with this strategy.
    static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
}
