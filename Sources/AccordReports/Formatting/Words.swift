import Foundation

/// Data values as words for readers.
enum Words {
    /// `export_contract` → `export contract`.
    static func form(_ form: String) -> String {
        form.replacingOccurrences(of: "_", with: " ")
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// `Exports & R&D` → `exports-r-d`: letters and digits, lower-cased, joined by dashes.
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        let trimmed = slug.trimmingDashes()
        return trimmed.isEmpty ? "section" : trimmed
    }
}

extension String {
    /// Without leading and trailing dashes.
    func trimmingDashes() -> String {
        var slice = Substring(self)
        while slice.hasPrefix("-") { slice = slice.dropFirst() }
        while slice.hasSuffix("-") { slice = slice.dropLast() }
        return String(slice)
    }
}
