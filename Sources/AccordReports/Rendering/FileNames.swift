/// File names made from ids that scripts chose: lower-case letters, digits and dashes
/// only, so that no id can name a path outside the report's folder.
enum FileNames {
    static func safe(_ id: String, fallback: String) -> String {
        var name = ""
        for scalar in id.lowercased().unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            if keep {
                name.unicodeScalars.append(scalar)
            } else if !name.hasSuffix("-") {
                name += "-"
            }
        }
        let trimmed = name.trimmingDashes()
        return trimmed.isEmpty ? fallback : trimmed
    }

    static func chart(_ chart: ReportChart) -> String {
        "charts/\(safe(chart.id, fallback: "chart")).svg"
    }

    static func table(_ table: ReportTable) -> String {
        "\(safe(table.id, fallback: "table")).csv"
    }
}
