/// Writes text as a YAML scalar that reads back as the same string.
enum YAMLScalar {
    /// `text` as is when it is a harmless plain scalar, otherwise double-quoted.
    static func quoted(_ text: String) -> String {
        isPlain(text) ? text : "\"" + escaped(text) + "\""
    }

    private static let reserved: Set<String> = [
        "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static func isPlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !reserved.contains(text), text.last != ":" else { return false }
        let starts = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.^~=<+"
        let continues = starts + "-:@"
        return starts.unicodeScalars.contains(first) && text.unicodeScalars.allSatisfy { continues.unicodeScalars.contains($0) }
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where c.value < 0x20 || (0x7f...0x9f).contains(c.value) || c.value == 0xfeff:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
