import Crypto
import GRDB

/// A saved label names the run, rule and pack that gave it by a number, its stamp, whose
/// text is a row of `label_stamp`: a run's million labels share a few dozen stamps, and each
/// repeated the run's id, the rule's, the pack's name, version and digest (140 of a label's
/// 250 bytes). A new stamp's id is drawn from the digest of its text, so that runs staged at
/// the same time, each in tables of its own (`LabelStaging`), never give one id to two
/// stamps. Neither refers to the other by a foreign key, as with runs: staged labels cite
/// stamps that are staged too. A run of every partnership replaces the stamps with its own;
/// after another run, those no label cites any longer stay, as their runs do.
enum LabelStamps {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE label_stamp (
                id INTEGER PRIMARY KEY NOT NULL,
                run_id TEXT NOT NULL,
                rule TEXT,
                pack TEXT,
                pack_version TEXT,
                pack_digest TEXT
            );
            INSERT INTO label_stamp (id, run_id, rule, pack, pack_version, pack_digest)
                SELECT ROW_NUMBER() OVER (ORDER BY run_id, rule, pack, pack_version, pack_digest),
                       run_id, rule, pack, pack_version, pack_digest
                FROM (SELECT DISTINCT run_id, rule, pack, pack_version, pack_digest FROM assigned_label);
            CREATE TABLE stamped_label (
                partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                label TEXT NOT NULL,
                is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
                origin TEXT NOT NULL CHECK (origin IN ('manual', 'rule')),
                evidence TEXT,
                stamp_id INTEGER NOT NULL,
                PRIMARY KEY (partnership_id, position)
            ) WITHOUT ROWID;
            INSERT INTO stamped_label
                SELECT a.partnership_id, a.position, a.label, a.is_primary, a.origin, a.evidence, s.id
                FROM assigned_label a JOIN label_stamp s
                  ON s.run_id = a.run_id AND s.rule IS a.rule AND s.pack IS a.pack
                 AND s.pack_version IS a.pack_version AND s.pack_digest IS a.pack_digest
                ORDER BY a.partnership_id, a.position;
            DROP TABLE assigned_label;
            ALTER TABLE stamped_label RENAME TO assigned_label;
            """)
    }

    /// What a label's stamp holds.
    struct Stamp: Hashable {
        var runID: String
        var rule, pack, packVersion, packDigest: String?

        init(_ label: AssignedLabel) {
            (runID, rule, pack, packVersion, packDigest) = (label.runID, label.rule, label.pack, label.packVersion, label.packDigest)
        }

        /// The first 63 bits of the SHA-256 of its fields, each marked present or not and counted.
        var id: Int64 {
            var bytes: [UInt8] = []
            for field in [runID, rule, pack, packVersion, packDigest] {
                guard let field else { bytes.append(0); continue }
                let utf8 = Array(field.utf8)
                bytes.append(1)
                withUnsafeBytes(of: UInt64(utf8.count).littleEndian) { bytes += $0 }
                bytes += utf8
            }
            return SHA256.hash(data: bytes).withUnsafeBytes { Int64(bitPattern: $0.loadUnaligned(as: UInt64.self)) & .max }
        }
    }
}

/// Labels of partnerships, each with its key, in the tables' order.
typealias KeyedLabels = [(key: PartnershipKey, labels: [AssignedLabel])]

extension LabelWriter {
    /// The labels of each of `batch`, keyed by its record, in the tables' order; nil unless
    /// `labels` holds those of every partnership in `batch` and no other. Labels in the batch's
    /// order, as a classifier returns them, are matched by position, others by id.
    static func keyed(_ labels: BatchLabels, of batch: [Partnership]) -> KeyedLabels? {
        guard labels.count == batch.count else { return nil }
        let inOrder = batch.indices.allSatisfy { labels[$0].partnership == batch[$0].id }
        let byID = inOrder ? [:] : byID(labels)
        var keyed: KeyedLabels = []
        keyed.reserveCapacity(batch.count)
        // By index: a copy of each record would retain every list of it (0.45 s at a million).
        for i in batch.indices {
            guard let theirs = inOrder ? labels[i].labels : byID[batch[i].id] else { return nil }
            keyed.append((PartnershipKey(filed: FilingOrder.filed(batch[i].date), id: batch[i].id), theirs))
        }
        if !zip(keyed, keyed.dropFirst()).allSatisfy({ $0.key < $1.key }) { keyed.sort { $0.key < $1.key } }
        return keyed
    }

    /// The labels, by partnership id; of two for one partnership, the last.
    static func byID(_ labels: BatchLabels) -> [String: [AssignedLabel]] {
        Dictionary(labels.lazy.map { ($0.partnership, $0.labels) }, uniquingKeysWith: { _, last in last })
    }

    /// `keyed(_:lookUp:)` with the filing days read from `db`.
    static func keyed(_ labels: [String: [AssignedLabel]], _ db: any StoreConnection) throws -> KeyedLabels {
        try keyed(labels) { try filed(of: $0, db) }
    }

    /// The filing day of each of the partnerships `ids` names, by id.
    static func filed(of ids: [String], _ db: any StoreConnection) throws -> [String: Int] {
        var days: [String: Int] = [:]
        try db.forEachRow("SELECT id, filed FROM partnership WHERE id IN (\(list: ids))") { row in days[try row[0]] = try row[1] }
        return days
    }
}

/// Writes saved labels into `assigned_label`, or a table of its shape, and each stamp they cite
/// into `label_stamp`, or a table of its shape, the first time it is cited: one writer for a
/// run's batches, which remembers the stamps it wrote.
struct LabelWriter {
    private let labels: ChunkedInsert
    /// `INSERT` of a stamp.
    private let stamp: String
    /// The stamps written so far, by what they hold.
    private var written: [LabelStamps.Stamp: Int64] = [:]
    /// The last stamp of each rule, looked up before `written`: a run's labels of a rule share
    /// one, and hashing its five texts for each label cost more than binding the label's row.
    private var byRule: [String?: (stamp: LabelStamps.Stamp, id: Int64)] = [:]
    private let prepared = PreparedStatements()

    init(labels: String = "assigned_label", stamps: String = "label_stamp") {
        self.labels = ChunkedInsert(into: labels, columns: ["partnership_id", "filed", "position", "label", "is_primary", "origin",
                                                            "evidence", "stamp_id"])
        stamp = "INSERT INTO \(stamps) (id, run_id, rule, pack, pack_version, pack_digest) VALUES (?, ?, ?, ?, ?, ?)"
    }

    /// Inserts the labels of these partnerships in `db`, in this order, each partnership's in theirs.
    mutating func insert(_ batch: KeyedLabels, in db: any StoreConnection) throws {
        var rows: [(partnership: Int, position: Int, stamp: Int64)] = []
        rows.reserveCapacity(batch.reduce(0) { $0 + $1.labels.count })
        // By index throughout: a label taken out of the batch is a copy, retaining each of its texts.
        for partnership in batch.indices {
            for position in batch[partnership].labels.indices {
                rows.append((partnership, position, try stampID(batch[partnership].labels[position], db)))
            }
        }
        try labels.run(rows: rows.count, in: db, prepared: prepared) { i, row in
            let (partnership, position, stamp) = rows[i]
            row.add(batch[partnership].key.id); row.add(batch[partnership].key.filed); row.add(position)
            row.add(batch[partnership].labels[position].label); row.add(batch[partnership].labels[position].isPrimary ? 1 : 0)
            row.add(batch[partnership].labels[position].origin.rawValue); row.add(batch[partnership].labels[position].evidence)
            row.add(Int(stamp))
        }
    }

    /// The labels of each partnership with where it lies in the tables (`PartnershipKey`), in the
    /// tables' order, the filing days as `lookUp` finds them (`filed(of:_:)`). Throws for an id no
    /// partnership has.
    static func keyed(_ labels: [String: [AssignedLabel]], lookUp: ([String]) throws -> [String: Int]) throws -> KeyedLabels {
        guard !labels.isEmpty else { return [] }
        let days = try lookUp(Array(labels.keys))
        return try labels.map { id, labels in
            guard let filed = days[id] else {
                throw StoreError("labels for partnership '\(id)', which is not in the database; nothing was saved")
            }
            return (PartnershipKey(filed: filed, id: id), labels)
        }.sorted { $0.key < $1.key }
    }

    private mutating func stampID(_ label: AssignedLabel, _ db: any StoreConnection) throws -> Int64 {
        if let known = byRule[label.rule], known.stamp.isStamp(of: label) { return known.id }
        let stamp = LabelStamps.Stamp(label)
        let id: Int64
        if let written = written[stamp] {
            id = written
        } else {
            id = stamp.id
            try RowStatement(db, self.stamp).run { row in
                row.add(Int(id)); row.add(stamp.runID); row.add(stamp.rule); row.add(stamp.pack)
                row.add(stamp.packVersion); row.add(stamp.packDigest)
            }
            written[stamp] = id
        }
        byRule[label.rule] = (stamp, id)
        return id
    }
}

extension LabelStamps.Stamp {
    /// Whether `label`'s stamp is this one: its texts compared rather than hashed, and mostly
    /// the very strings of the stamp, which compare at once.
    func isStamp(of label: AssignedLabel) -> Bool {
        rule == label.rule && runID == label.runID && pack == label.pack && packVersion == label.packVersion
            && packDigest == label.packDigest
    }
}
