/// A set of partnerships with what reports group and count them by, read once and grouped in
/// memory: one pass over each list table for the whole set, where a query for each dimension
/// would join the same rows again. A report asks many questions of few sets (its period, the
/// periods it compares with, the trend's).
///
/// Each list is read the first time a dimension needs it, from the view of the database the
/// `PartnershipFrames` that made the frame reads.
public final class PartnershipFrame {
    /// The partnerships, in the order `Store.partnerships` gives them.
    public let ids: [String]
    /// `ids`, as its groups share them.
    private let list: PartnershipIDList
    private let forms: KeyLists
    private let statuses: KeyLists
    private let view: StoreSnapshot
    /// The same view, for a second thread: nil where there is none.
    private let twin: () throws -> StoreSnapshot?
    private let filter: PartnershipFilter
    private let countries: () throws -> OrganizationDirectory
    /// The dimensions read or made so far.
    private var made: [PartnershipDimension: KeyLists] = [:]
    /// What the parties give, once read.
    private var partyKeys: PartyKeys?
    /// `ids`, for the queries that read the lists: in two halves of the tables' key range, read at
    /// once on two threads, for a frame large enough to gain from it; else in one.
    private let parts: [FramePart]
    /// How the lists of each part are read: by scanning the range of its keys, or by looking each
    /// partnership up. Chosen the first time a list is read; given by tests.
    private var reading: [BatchReading]?

    fileprivate init(_ view: StoreSnapshot, twin: @escaping () throws -> StoreSnapshot?, splitFrom: Int, reading: BatchReading?,
                     filter: PartnershipFilter, countries: @escaping () throws -> OrganizationDirectory) throws {
        self.view = view
        self.twin = twin
        self.filter = filter
        self.countries = countries
        var ids: [String] = [], days: [Int] = [], ranks: [Int] = [], forms: [Int32] = [], statuses: [Int32] = []
        var formNames = ByteKeys(), statusNames = ByteKeys()
        // Put in `PartnershipFilter.order` here, where the rows come nearly in order already (a
        // period's, by the period index): SQLite's sorter took 0.1 s for each year at a million
        // partnerships. A limit keeps the first in order, so SQLite orders them then.
        let sorted = filter.limit == nil
        try view.read { db in
            try db.forEachRow(filter.select("p.id, p.filed, p.form, p.status, p.date_precision", ordered: !sorted)) { row in
                let day: Int = try row[1], precision: Int = try row[4] ?? -1
                ids.append(try row[0])
                days.append(day)
                // The day, then the precision (-1 to 2): the order's first two keys in one number.
                ranks.append(day &* 4 &+ (precision + 1))
                forms.append(row.withUTF8(2) { formNames.number($0) } ?? -1)
                statuses.append(row.withUTF8(3) { statusNames.number($0) } ?? -1)
            }
        }
        var order = Array(ids.indices)
        if sorted {
            ranks.withUnsafeBufferPointer { ranks in
                ids.withUnsafeBufferPointer { ids in
                    order.sort { a, b in ranks[a] != ranks[b] ? ranks[a] < ranks[b] : PartnershipScan.precedes(ids[a], ids[b]) }
                }
            }
            (ids, days) = (order.map { ids[$0] }, order.map { days[$0] })
        }
        self.ids = ids
        self.forms = KeyLists(one: order.map { forms[$0] }, of: formNames.texts)
        self.statuses = KeyLists(one: order.map { statuses[$0] }, of: statusNames.texts)
        list = PartnershipIDList(ids)
        parts = FramePart.split(ids.indices.map { PartnershipKey(filed: days[$0], id: ids[$0]) }, in: ids.count >= splitFrom ? 2 : 1)
        self.reading = reading.map { [BatchReading](repeating: $0, count: parts.count) }
    }

    /// The partnerships grouped by `dimension`: keys in SQLite's order of text, each key's
    /// partnerships and the keyless ones in the frame's order.
    public func groups(by dimension: PartnershipDimension) throws -> PartnershipGroups {
        let lists = try keys(dimension)
        // Each key's members are a run of one array of positions: starts[k]..<starts[k + 1].
        var starts = [Int](repeating: 0, count: lists.keys.count + 1)
        var keyless: [Int32] = []
        for i in ids.indices {
            let keys = lists[i]
            if keys.isEmpty { keyless.append(Int32(i)) }
            for key in keys { starts[Int(key) + 1] += 1 }
        }
        for k in 0..<lists.keys.count { starts[k + 1] += starts[k] }
        var next = starts, members = [Int32](repeating: 0, count: starts[lists.keys.count])
        for i in ids.indices {
            for key in lists[i] {
                members[next[Int(key)]] = Int32(i)
                next[Int(key)] += 1
            }
        }
        let order = (0..<lists.keys.count).filter { starts[$0] < starts[$0 + 1] }.sorted(by: lists.keys.precedes)
        return PartnershipGroups(keyed: order.map { (lists.keys.text($0), PartnershipIDs(list, at: members[starts[$0]..<starts[$0 + 1]])) },
                                 keyless: PartnershipIDs(list, at: keyless[...]))
    }

    /// The partnerships, as their groups name them.
    public var all: PartnershipIDs { PartnershipIDs(list, at: nil) }

    /// How many different keys of `dimension` the partnerships have between them: as many as
    /// `groups(by:)` has keyed groups, without making them.
    public func distinctCount(of dimension: PartnershipDimension) throws -> Int {
        try keys(dimension).keys.count
    }

    /// The partnerships with a party from outside `home` (any party when nil), or those without.
    public func abroad(_ abroad: Bool) throws -> [String] {
        let partners = try keys(.partnerCountry)
        return ids.indices.filter { !partners[$0].isEmpty == abroad }.map { ids[$0] }
    }

    /// Each partnership's keys of `dimension`, each once; read or made the first time asked for.
    private func keys(_ dimension: PartnershipDimension) throws -> KeyLists {
        if let known = made[dimension] { return known }
        let keys = try make(dimension)
        made[dimension] = keys
        return keys
    }

    private func make(_ dimension: PartnershipDimension) throws -> KeyLists {
        switch dimension {
        case .form: return forms
        case .status: return statuses
        case .organization: return try parties().organizations
        case .partnerCountry:
            // The countries, the home country left out: one pass over the parties for both.
            let countries = try keys(.country)
            guard let home = filter.home else { return countries }
            return countries.without(home)
        case .country:
            let countries = try countries()
            var builder = KeyLists.Builder()
            let organizations = try keys(.organization), unnamed = try parties().unnamedCountries
            // Each organization's country looked up once, not once for each of its partnerships:
            // its number in `builder`, -1 for none, -2 until looked up.
            var countryOf = [Int32](repeating: -2, count: organizations.keys.count)
            var unnamedSeen = [Int32](repeating: -1, count: unnamed.keys.count)
            for i in ids.indices {
                for key in organizations[i] {
                    let k = Int(key)
                    if countryOf[k] >= 0 {
                        builder.add(number: countryOf[k], to: i)
                    } else if countryOf[k] == -2 {
                        let country = organizations.keys.withUTF8(k) { countries.country(of: $0) }
                        countryOf[k] = country.map { builder.add($0, to: i) } ?? -1
                    }
                }
                for key in unnamed[i] { builder.add(key, of: unnamed.keys, seen: &unnamedSeen, to: i) }
            }
            return builder.lists(count: ids.count)
        case .area:
            return try lists(FrameList(table: "product", columns: ["t.therapeutic_area"], condition: "t.therapeutic_area IS NOT NULL"))[0]
        case .label: return try partnershipLabels()
        case .purpose: return try keys(.label).orWhenEmpty("unclassified")
        }
    }

    /// Each partnership's organizations, and the countries of its unnamed parties where the source
    /// gives them: one pass over the parties for both, where two read the same pages twice.
    private func parties() throws -> PartyKeys {
        if let known = partyKeys { return known }
        let read = try lists(FrameList(table: "party",
                                       columns: ["t.organization_id", "CASE WHEN t.organization_id IS NULL THEN t.country END"]))
        partyKeys = PartyKeys(organizations: read[0], unnamedCountries: read[1])
        return partyKeys!
    }

    private struct PartyKeys {
        let organizations: KeyLists
        let unnamedCountries: KeyLists
    }

    /// The labels set by hand where there are some, else those saved.
    private func partnershipLabels() throws -> KeyLists {
        let manual = try lists(FrameList(table: "partnership_label", columns: ["t.label"]))[0]
        let saved = try lists(FrameList(table: "assigned_label", columns: ["t.label"]))[0]
        var builder = KeyLists.Builder()
        var manualSeen = [Int32](repeating: -1, count: manual.keys.count), savedSeen = [Int32](repeating: -1, count: saved.keys.count)
        for i in ids.indices {
            if manual[i].isEmpty {
                for key in saved[i] { builder.add(key, of: saved.keys, seen: &savedSeen, to: i) }
            } else {
                for key in manual[i] { builder.add(key, of: manual.keys, seen: &manualSeen, to: i) }
            }
        }
        return builder.lists(count: ids.count)
    }

    /// For each of the list's columns, the distinct values each partnership has in it, in the
    /// order read (the table's); a NULL is no value. The second of two parts is read on another thread.
    private func lists(_ list: FrameList) throws -> [KeyLists] {
        let empty = [KeyLists.Builder](repeating: KeyLists.Builder(), count: list.columns.count)
        if reading == nil { reading = try view.read { [parts] db in try parts.map { try $0.reading(db) } } }
        let (parts, reading) = (self.parts, self.reading!)
        var builders = empty
        guard parts.count == 2, let twin = try twin() else {
            for (part, how) in zip(parts, reading) { try part.read(list, how, from: view, into: &builders) }
            return builders.map { $0.lists(count: ids.count) }
        }
        let second = Background {
            var builders = empty
            try parts[1].read(list, reading[1], from: twin, into: &builders)
            return builders
        }
        try parts[0].read(list, reading[0], from: view, into: &builders)
        for (c, other) in try second.value().enumerated() { builders[c].add(contentsOf: other) }
        return builders.map { $0.lists(count: ids.count) }
    }
}

/// Values of a list table (`table AS t`), for the frames: its `columns`, in the rows where
/// `condition` holds.
private struct FrameList {
    let table: String
    let columns: [String]
    var condition: String?
}

/// Some of a frame's partnerships, for the queries that read their lists: their keys in the
/// tables' order, and where each is in the frame.
private struct FramePart: Sendable {
    let keys: [PartnershipKey]
    /// The frame's position of `keys[i]` at `i`.
    let positions: [Int]

    /// The partnerships of `keys` in `count` parts of the key range, each as near the same size as can be.
    static func split(_ keys: [PartnershipKey], in count: Int) -> [FramePart] {
        let inOrder = keys.indices.sorted { keys[$0] < keys[$1] }
        let size = max(1, (keys.count + count - 1) / count)
        let parts = stride(from: 0, to: keys.count, by: size).map { start in
            let positions = Array(inOrder[start..<min(start + size, keys.count)])
            return FramePart(keys: positions.map { keys[$0] }, positions: positions)
        }
        return parts.isEmpty ? [FramePart(keys: [], positions: [])] : parts
    }

    /// By ranges when the part's partnerships are at least one in `BatchReading.denseShare` of
    /// those their keys span, as a period's are; else by looking each up.
    func reading(_ db: any StoreConnection) throws -> BatchReading {
        let most = keys.count * BatchReading.denseShare
        return try PartnershipScan.spanned(keys, atMost: most, db) <= most ? .ranges : .lookups
    }

    /// Adds what `list` gives each partnership, column `c` to `builders[c]`, at its place in the frame.
    func read(_ list: FrameList, _ how: BatchReading, from view: StoreSnapshot, into builders: inout [KeyLists.Builder]) throws {
        guard let first = keys.first, let last = keys.last else { return }
        let columns = list.columns.joined(separator: ", ")
        try view.read { db in
            guard how == .ranges else {
                let condition = list.condition.map { " WHERE \($0)" } ?? ""
                try db.forEachRow(Store.matching(keys: SQLStringList(keys.map(\.listed))) + """
                    SELECT f.ord, \(sql: columns) FROM f JOIN \(sql: list.table) t ON t.filed = f.filed AND t.partnership_id = f.id\(sql: condition)
                    """) { row in
                    add(row, at: positions[(try row[0] as Int) - 1], from: 1, to: &builders)
                }
                return
            }
            // The rows of the range, in key order, walked beside `keys`: those of partnerships
            // between the part's that the frame leaves out are passed over.
            let condition = list.condition.map { " AND \($0)" } ?? ""
            var walk = PartnershipScan.KeyWalk(keys)
            for span in PartnershipScan.KeySpan(first: first, last: last).conditions() {
                try db.forEachRow("""
                    SELECT t.filed, t.partnership_id, \(sql: columns) FROM \(sql: list.table) t
                    WHERE \(span)\(sql: condition) ORDER BY t.filed, t.partnership_id, t.position
                    """) { row in
                    if let i = try walk.owner(of: row, id: 1, day: 0) { add(row, at: positions[i], from: 2, to: &builders) }
                }
            }
        }
    }

    /// Adds the row's values from column `start` on, one to each builder; a NULL adds nothing.
    private func add(_ row: any StoreRow, at position: Int, from start: Int, to builders: inout [KeyLists.Builder]) {
        for c in builders.indices { _ = row.withUTF8(start + c) { builders[c].add(utf8: $0, to: position) } }
    }
}

/// Frames of partnerships read from one view of the database, as it was when the first was
/// asked for, each kept by its filter: what a report builds from.
public final class PartnershipFrames {
    private let store: Store
    private var view: StoreSnapshot?
    /// `view` for a second thread, once asked for; nil inside when there is none.
    private var twin: StoreSnapshot??
    private var frames: [PartnershipFilter: PartnershipFrame] = [:]
    private var countries: OrganizationDirectory?

    /// The fewest partnerships a frame reads the lists of on two threads.
    private let splitFrom: Int
    /// How frames read their lists, when not chosen for each part (tests).
    private let reading: BatchReading?

    public convenience init(_ store: Store) {
        self.init(store, splitFrom: 10_000)
    }

    init(_ store: Store, splitFrom: Int, reading: BatchReading? = nil) {
        self.store = store
        self.splitFrom = splitFrom
        self.reading = reading
    }

    /// The partnerships `filter` selects.
    public func frame(_ filter: PartnershipFilter) throws -> PartnershipFrame {
        if let known = frames[filter] { return known }
        let view = try self.view ?? store.snapshot()
        self.view = view
        // What the frames share, a frame kept longer than they are reads for itself.
        let second = { [weak self] () throws -> StoreSnapshot? in
            if let twin = self?.twin { return twin }
            let made = try view.twin()
            self?.twin = .some(made)
            return made
        }
        let frame = try PartnershipFrame(view, twin: second, splitFrom: splitFrom, reading: reading, filter: filter) { [weak self] in
            if let countries = self?.countries { return countries }
            let read = try view.read { db in try OrganizationDirectory(db, names: false) }
            self?.countries = read
            return read
        }
        frames[filter] = frame
        return frame
    }
}
