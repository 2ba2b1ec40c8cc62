/// The items of a `products` or `financials` cell, each split on `|` into the parts
/// `names` gives, read as `RecordReader` reads the mapping each item stands for.
struct CSVParts {
    /// Each item's parts, unescaped and trimmed, by name; nil where a part is empty or missing.
    let items: [[String?]]

    /// Splits `cell` (trimmed, not empty); an item with more parts than `names` is reported
    /// to `report` with its field (`products[2]`), and its extra parts are left out.
    init(_ cell: String, column: String, names: [String], report: CSVSource.CellReport) {
        func tooMany(_ item: Int, _ found: Int) {
            report("\(column)[\(item)]", "expected at most \(names.count) parts (\(names.joined(separator: "|"))), found \(found)")
        }
        if let items = CSVItemBytes.parts(cell, count: names.count, extra: tooMany) {
            self.items = items
            return
        }
        var items: [[String?]] = []
        let cellItems = CSVCells.split(cell, on: ";").compactMap { item -> String? in
            let item = item.trimmed
            return item.isEmpty ? nil : item
        }
        for (i, item) in cellItems.enumerated() {
            let parts = CSVCells.split(item, on: "|")
            if parts.count > names.count {
                tooMany(i + 1, parts.count)
            }
            var values = [String?](repeating: nil, count: names.count)
            for (index, part) in parts.prefix(names.count).enumerated() where !part.trimmed.isEmpty {
                values[index] = CSVCells.unescape(part).trimmed
            }
            items.append(values)
        }
        self.items = items
    }
}

/// One item's parts, read with the checks of a mapping's fields.
struct CSVPartsReader {
    let parts: [String?]
    let names: [String]
    let path: FieldPath
    let line: Int
    let context: RecordContext

    private func path(_ index: Int) -> FieldPath { path.appending(names[index]) }

    func string(_ index: Int, required: Bool = false) -> String? {
        guard let raw = parts[index] else {
            if required { context.report(path(index), line: line, "missing required field") }
            return nil
        }
        let text = context.text(raw, path: path(index), line: line)
        if text == nil, required, raw.trimmed.isEmpty { context.report(path(index), line: line, "missing required field") }
        return text
    }

    func value<E: StoredEnum>(_ index: Int, as type: E.Type) -> E? {
        string(index, required: true).flatMap { context.value($0, as: type, path: path(index), line: line) }
    }

    /// `name|kind|indication|therapeutic_area`, as `RecordReader.product` reads it.
    func product() -> Product? {
        let name = string(0, required: true)
        let kind = value(1, as: ProductKind.self)
        guard let name, let kind else { return nil }
        return Product(name: name, kind: kind, indication: string(2), therapeuticArea: string(3))
    }

    private static let currencies = CodeTable(Codes.currencies)

    /// `type|amount|currency|wording`, as `RecordReader.financial` reads it.
    func financial() -> FinancialTerm? {
        let type = value(0, as: FinancialTermType.self)
        let amount = string(1).flatMap { context.qualifiedAmount($0, path: path(1), line: line) }
        let currency = string(2).flatMap {
            context.code($0, in: Self.currencies, what: "an ISO 4217 currency code", path: { path(2) }, line: line)
        }
        if amount != nil, parts[2] == nil { context.report(path(2), line: line, "an amount needs a currency") }
        guard let type else { return nil }
        let equivalents = string(5).map { text -> [Money] in
            guard case .list(let items) = CSVSource.equivalents(text, line: line).value else { return [] }
            return items.enumerated().compactMap { RecordReader.money($1, path: path(5).item($0 + 1), context) }
        } ?? []
        if !equivalents.isEmpty, amount == nil { context.report(path(5), line: line, "equivalents need an amount") }
        return FinancialTerm(type: type, amount: amount?.0, qualifier: amount?.1 ?? .exactly, currency: currency,
                             per: string(4), equivalents: equivalents, wording: string(3))
    }
}
