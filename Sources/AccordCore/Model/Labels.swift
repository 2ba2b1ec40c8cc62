import Foundation

/// The names of purpose labels: lower-case ASCII letters, digits, `_` and `-`,
/// starting with a letter (`rnd`, `open_innovation`, `co-marketing`).
public enum LabelName {
    /// Whether `text` is a label name.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }

    /// What a label name may hold, for messages.
    public static let format = "lower-case letters, digits, '_' and '-', starting with a letter"
}
