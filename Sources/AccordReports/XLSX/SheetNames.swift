/// Sheet names as Excel takes them: at most 31 characters, none of `[ ] : * ? / \`, no
/// apostrophe first or last, not `History` (Excel's own), and unique whatever their case.
struct SheetNames {
    static let maximumLength = 31
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    private var taken: Set<String> = []

    /// The names given so far, lower-cased, are taken, and so is `History`.
    init(reserving names: [String] = []) {
        taken = Set((names + ["History"]).map(Self.key))
    }

    /// A name for a sheet titled `title`: the title made valid and cut to length, then, if
    /// that is taken, numbered (`By form (2)`); `fallback` when nothing of the title is left.
    mutating func name(for title: String, fallback: String) -> String {
        var base = Self.cleaned(title)
        if base.isEmpty { base = Self.cleaned(fallback) }
        var candidate = Self.cut(base, to: Self.maximumLength)
        var number = 2
        while taken.contains(Self.key(candidate)) {
            let suffix = " (\(number))"
            candidate = Self.cut(base, to: Self.maximumLength - suffix.unicodeScalars.count) + suffix
            number += 1
        }
        taken.insert(Self.key(candidate))
        return candidate
    }

    /// The title with forbidden and control characters as spaces, runs of spaces as one, and
    /// no apostrophe or space at either end.
    static func cleaned(_ title: String) -> String {
        let spaced = String(title.map { forbidden.contains($0) || $0.unicodeScalars.contains { $0.properties.generalCategory == .control }
            || $0.isNewline ? " " : $0 })
        let words = spaced.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return String(words.drop { $0 == "'" || $0 == " " }.reversed().drop { $0 == "'" || $0 == " " }.reversed())
    }

    /// At most `length` Unicode scalars (as libxlsxwriter counts), whole characters only, no
    /// space or apostrophe left at the end; a word the cut would split is left out, unless
    /// that would leave less than half.
    static func cut(_ text: String, to length: Int) -> String {
        var out = ""
        var count = 0
        var cutInWord = false
        for character in text {
            count += character.unicodeScalars.count
            if count > length {
                cutInWord = character != " " && out.last != " "
                break
            }
            out.append(character)
        }
        if cutInWord, let space = out.lastIndex(of: " "), out[..<space].unicodeScalars.count * 2 >= length {
            out = String(out[..<space])
        }
        while let last = out.last, last == " " || last == "'" { out.removeLast() }
        return out
    }

    /// Excel compares sheet names without regard to case.
    static func key(_ name: String) -> String { name.lowercased() }
}
