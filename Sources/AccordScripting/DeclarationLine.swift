/// The line of the first `name {` or `name(` call in a script, outside
/// comments. `return accord.rules.pack{…}` is a tail call, which leaves no
/// trace of the caller's line to ask Lua for: this is the line messages name.
func declarationLine(of name: String, in source: String) -> Int? {
    for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let code = line.range(of: "--").map { line[..<$0.lowerBound] } ?? line
        var rest = code[...]
        while let range = rest.range(of: name) {
            let before = rest[..<range.lowerBound].last
            let after = rest[range.upperBound...].drop { $0 == " " || $0 == "\t" }.first
            let startsWord = before.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
            if startsWord && (after == "{" || after == "(") { return i + 1 }
            rest = rest[range.upperBound...]
        }
    }
    return nil
}
