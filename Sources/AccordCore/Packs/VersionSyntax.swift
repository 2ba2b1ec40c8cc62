/// The pieces shared by versions and ranges, checked against SemVer 2.0.0.
/// A failed check throws the reason, quoting the offending part.
enum VersionSyntax {
    struct Reason: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// `text` cut at the first `+` (build), then at the first `-` (prerelease).
    static func split(_ text: Substring) -> (core: Substring, prerelease: Substring?, build: Substring?) {
        var core = text
        var build: Substring?
        if let plus = core.firstIndex(of: "+") {
            build = core[core.index(after: plus)...]
            core = core[..<plus]
        }
        var prerelease: Substring?
        if let dash = core.firstIndex(of: "-") {
            prerelease = core[core.index(after: dash)...]
            core = core[..<dash]
        }
        return (core, prerelease, build)
    }

    /// A major, minor or patch number: digits without a leading zero.
    static func number(_ part: Substring, name: String) throws(Reason) -> Int {
        if part.isEmpty { throw Reason("\(name) is missing") }
        guard part.utf8.allSatisfy(isDigit) else { throw Reason("\(name) '\(part)' is not a number") }
        if part.count > 1, part.first == "0" { throw Reason("\(name) '\(part)' has a leading zero") }
        guard let n = Int(part) else { throw Reason("\(name) '\(part)' is too large") }
        return n
    }

    /// Dot-separated identifiers of a prerelease (`name` "prerelease") or build metadata.
    static func identifiers(_ text: Substring, name: String) throws(Reason) -> [String] {
        if text.isEmpty { throw Reason("\(name) is empty") }
        var result: [String] = []
        for identifier in text.split(separator: ".", omittingEmptySubsequences: false) {
            if identifier.isEmpty { throw Reason("\(name) '\(text)' has an empty identifier") }
            guard identifier.utf8.allSatisfy({ isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "-") }) else {
                throw Reason("\(name) identifier '\(identifier)' may only hold 0-9, A-Z, a-z and '-'")
            }
            if name == "prerelease", isNumeric(identifier), identifier.count > 1, identifier.first == "0" {
                throw Reason("prerelease identifier '\(identifier)' has a leading zero")
            }
            result.append(String(identifier))
        }
        return result
    }

    static func isNumeric(_ s: some StringProtocol) -> Bool { !s.isEmpty && s.utf8.allSatisfy(isDigit) }
    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }
}
