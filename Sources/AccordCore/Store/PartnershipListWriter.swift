import Foundation

/// Writes partnerships' lists (parties, territories, tags, …) a batch of partnerships at a time:
/// each list table's rows of the batch in statements of many rows (`ChunkedInsert`). Partnerships
/// written in key order then add their rows at the end of each table where the last went, where a
/// statement a row searched each one's place from the root of the B-tree and opened and closed
/// the table again. At a million partnerships (9.3 million rows of lists) the import's writing
/// thread spent 4,200 samples in user code writing records, and spends 3,100.
///
/// Partnerships' own rows are still written one by one as they come: written a batch at a time
/// as well, they cost no less processor time and the kernel 2.5 s more (8.5–9.0 s → 11.1–11.4 s).
///
/// The rows wait in memory until `flush()`, which the writer of the partnerships calls once all
/// are written; a partnership whose rows wait must not be written again before then.
final class PartnershipListWriter {
    /// The partnerships whose rows wait, and their ids and filing days.
    private var waiting: [Partnership] = []
    private var ids: [String] = []
    private var days: [Int] = []
    /// How many partnerships' rows wait at most.
    private let batch: Int
    /// The statements that write the lists, and the partnerships' rows (`RecordsSQL.write`).
    let prepared = PreparedStatements()

    init(batch: Int = 64) {
        self.batch = batch
    }

    /// Adds the lists of `p`, filed on `filed`, written when the batch is full or at `flush`.
    func add(_ p: Partnership, filed: Int, _ db: any StoreConnection) throws {
        waiting.append(p)
        ids.append(p.id)
        days.append(filed)
        if waiting.count >= batch { try flush(db) }
    }

    /// Writes every row that waits.
    func flush(_ db: any StoreConnection) throws {
        guard !waiting.isEmpty else { return }
        defer {
            waiting.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            days.removeAll(keepingCapacity: true)
        }
        try insert(Self.party, { waiting[$0].parties }) { row, party, position in
            let unnamed = party.unnamed
            row.add(position); row.add(party.organization); row.add(party.role.rawValue); row.add(unnamed?.description)
            row.add(unnamed?.kind.rawValue); row.add(unnamed?.country); row.add(unnamed?.count?.value)
            row.add(unnamed?.count?.qualifier.rawValue)
        }
        try insert(Self.relation, { waiting[$0].related }) { row, relation, position in
            row.add(position); row.add(relation.to); row.add(relation.kind.rawValue)
        }
        try insert(Self.person, { waiting[$0].people }) { row, person, position in
            row.add(position); row.add(person.name); row.add(person.title); row.add(person.organization); row.add(person.role.rawValue)
        }
        try insert(Self.territory, { waiting[$0].territories }) { row, code, position in
            row.add(position); row.add(code)
        }
        try insert(Self.product, { waiting[$0].products }) { row, product, position in
            row.add(position); row.add(product.name); row.add(product.kind.rawValue); row.add(product.indication)
            row.add(product.therapeuticArea)
        }
        try insert(Self.financialTerm, { waiting[$0].financials }) { row, term, position in
            row.add(position); row.add(term.type.rawValue); row.add(term.amount); row.add(term.currency); row.add(term.wording)
            row.add(term.qualifier.rawValue); row.add(term.per)
        }
        try insert(Self.moneyEquivalent, { i in
            waiting[i].financials.enumerated().flatMap { term in term.element.equivalents.enumerated().map { (term.offset, $0.offset, $0.element) } }
        }) { row, equivalent, _ in
            let (term, position, money) = equivalent
            row.add(term); row.add(position); row.add(money.amount); row.add(money.qualifier.rawValue); row.add(money.currency)
        }
        try insert(Self.figure, { waiting[$0].figures.sorted { $0.key < $1.key } }) { row, figure, _ in
            row.add(figure.key.rawValue); row.add(figure.value.value); row.add(figure.value.qualifier.rawValue)
        }
        try insert(Self.tag, { waiting[$0].tags }) { row, tag, position in
            row.add(position); row.add(tag)
        }
        try insert(Self.label, { waiting[$0].labels }) { row, label, position in
            row.add(position); row.add(label)
        }
        try insert(Self.source, { waiting[$0].sources }) { row, source, position in
            row.add(position); row.add(source)
        }

        /// The rows of `items(i)` of each waiting partnership `i`, its id and filing day first, then the
        /// values `values` adds for an item and its position in the list. A list is taken from the
        /// partnership where it lies: a closure given each partnership copied the whole record.
        func insert<Items: RandomAccessCollection>(_ statement: ChunkedInsert, _ items: (Int) -> Items,
                                                   _ values: (inout RowValues, Items.Element, Int) -> Void) throws
            where Items.Index == Int {
            let lists = waiting.indices.map(items)
            var owner = 0, position = 0
            try statement.run(rows: lists.reduce(0) { $0 + $1.count }, in: db, prepared: prepared) { _, row in
                while position == lists[owner].count { (owner, position) = (owner + 1, 0) }
                row.add(ids[owner])
                row.add(days[owner])
                values(&row, lists[owner][position], position)
                position += 1
            }
        }
    }

    private static func table(_ name: String, _ columns: String) -> ChunkedInsert {
        ChunkedInsert(into: name, columns: ["partnership_id", "filed"] + columns.split(separator: " ").map(String.init))
    }

    private static let party = table("party", "position organization_id role description kind country count count_qualifier")
    private static let relation = table("relation", "position target_id kind")
    private static let person = table("person", "position name title organization_id role")
    private static let territory = table("territory", "position code")
    private static let product = table("product", "position name kind indication therapeutic_area")
    private static let financialTerm = table("financial_term", "position type amount currency wording qualifier per")
    private static let moneyEquivalent = table("money_equivalent", "term_position position amount qualifier currency")
    private static let figure = table("figure", "key value qualifier")
    private static let tag = table("tag", "position tag")
    private static let label = table("partnership_label", "position label")
    private static let source = table("partnership_source", "position source_id")
}
