import Foundation

/// Record ids given one to a line, as `--ids-from` reads them from a file or standard input.
/// Each line holds one id, with or without spaces around it; blank lines and lines starting
/// with `#` hold none. An id given twice counts once, at the line it was first given on.
public struct IDList: Equatable, Sendable {
    /// The ids, in the order first given.
    public let ids: [String]
    /// The line each id was first given on, from 1.
    public let lines: [String: Int]
    /// The file the ids were read from, as errors and `place(of:)` name it.
    public let file: String

    /// Reads the ids of `data`, the text of `file`, a byte order mark before it or none. Text that
    /// is not UTF-8, or a line that holds no id (two words, capitals, a CSV row), is a `DataIssue`
    /// naming its line.
    public init(_ data: Data, file: String) throws(DataIssue) {
        guard var text = String(data: data, encoding: .utf8) else {
            throw DataIssue(file: file, message: "the text is not UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var ids: [String] = [], lines: [String: Int] = [:]
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(.controlCharacters))
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard Slug.isValid(line) else {
                throw DataIssue(file: file, line: index + 1, message: "'\(line)' is not an id: one id to a line, "
                                  + "of lower-case letters, digits and dashes")
            }
            if lines[line] == nil {
                lines[line] = index + 1
                ids.append(line)
            }
        }
        (self.ids, self.lines, self.file) = (ids, lines, file)
    }

    /// Where the list gives `id` (`ids.txt:3`), nil when it does not.
    public func place(of id: String) -> String? {
        lines[id].map { "\(file):\($0)" }
    }
}
