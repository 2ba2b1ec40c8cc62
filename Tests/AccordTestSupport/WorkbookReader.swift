import Foundation

/// A workbook as openpyxl reads it (`read_workbook.py`), a reader independent of the one
/// that wrote it. The Python is `.venv/bin/python` in the package (`make pydeps` makes it),
/// or `ACCORD_TEST_PYTHON`.
public struct ReadWorkbook: Decodable, Sendable {
    public struct Sheet: Decodable, Sendable {
        public var name: String
        /// The top-left cell not frozen (`A2` under a frozen header), or nil.
        public var freeze: String?
        /// The autofilter's range (`A1:C4`), or nil.
        public var filter: String?
        /// By column letter.
        public var widths: [String: Double]
        public var rows: [[Cell]]

        /// The cell at `row`, `column` counted from 0, blank outside the sheet.
        public subscript(row: Int, column: Int) -> Cell {
            rows.indices.contains(row) && rows[row].indices.contains(column) ? rows[row][column]
                : Cell(type: "blank", value: nil, format: "General", bold: false)
        }
    }

    public struct Cell: Decodable, Sendable, Equatable {
        /// `text`, `number`, `date`, `bool` or `blank`.
        public var type: String
        public var value: Value?
        public var format: String
        public var bold: Bool

        public init(type: String, value: Value?, format: String, bold: Bool) {
            self.type = type
            self.value = value
            self.format = format
            self.bold = bold
        }

        public var text: String? { if case .text(let t) = value { t } else { nil } }
        public var number: Double? { if case .number(let n) = value { n } else { nil } }
    }

    public enum Value: Decodable, Sendable, Equatable {
        case text(String), number(Double)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    public var title: String?
    public var created: String?
    public var sheets: [Sheet]

    public var names: [String] { sheets.map(\.name) }

    public subscript(name: String) -> Sheet? { sheets.first { $0.name == name } }

    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The Python with openpyxl; nil when there is none (`make pydeps` makes it).
    public static var python: String? {
        let path = ProcessInfo.processInfo.environment["ACCORD_TEST_PYTHON"]
            ?? packageRoot.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the workbook in `data`.
    public static func read(_ data: Data) throws -> ReadWorkbook {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("read-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try read(file)
    }

    /// Reads the workbook at `file`.
    public static func read(_ file: URL) throws -> ReadWorkbook {
        guard let python else {
            throw Failure(description: "no Python with openpyxl: run `make pydeps` (or set ACCORD_TEST_PYTHON)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot.appendingPathComponent("Tests/AccordTestSupport/read_workbook.py").path, file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "read_workbook.py failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return try JSONDecoder().decode(ReadWorkbook.self, from: output)
    }
}
