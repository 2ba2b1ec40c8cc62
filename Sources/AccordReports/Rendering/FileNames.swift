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

    /// The CSV file of each table, in order: `<id>.csv`, except that `partnerships.csv` is the
    /// period's partnership list, so a table with that id is `partnerships-table.csv` (or,
    /// should that be taken too, `partnerships-table-2.csv`, …).
    static func tables(_ tables: [ReportTable]) -> [String] {
        let names = tables.map(table)
        var taken = Set(names).union([PartnershipsCSV.fileName])
        return names.map { name in
            guard name == PartnershipsCSV.fileName else { return name }
            let base = String(name.dropLast(".csv".count)) + "-table"
            var candidate = base + ".csv"
            var number = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(number).csv"
                number += 1
            }
            taken.insert(candidate)
            return candidate
        }
    }
}
