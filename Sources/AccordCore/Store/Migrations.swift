import GRDB

/// The database schema, one named migration per version. Child rows keep their
/// list order in `position` and go with their record (`ON DELETE CASCADE`).
enum Migrations {
    /// Migrations that rebuild tables run without foreign keys, and GRDB then checks every
    /// reference in the database before it commits (`.deferred`): 11 s at a million partnerships.
    /// Those that only add tables, columns or indexes run with foreign keys on, and check nothing
    /// else (`.immediate`): the references they leave are those they found.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        func adding(_ identifier: String, _ sql: String) {
            migrator.registerMigration(identifier, foreignKeyChecks: .immediate) { db in try db.execute(sql: sql) }
        }
        adding("v1", v1)
        adding("v2", v2)
        adding("v3", v3)
        adding("v4", v4)
        adding("record-digests", recordDigests)
        adding("deliveries", deliveries)
        migrator.registerMigration("clustered") { db in try ClusteredTables.migrate(db) }
        adding("period-index", periodIndex)
        migrator.registerMigration("rich-model") { db in try db.execute(sql: richModel) }
        migrator.registerMigration("narrow-labels") { db in try NarrowLabels.migrate(db) }
        adding("run-order", runOrder)
        migrator.registerMigration("label-stamps") { db in try LabelStamps.migrate(db) }
        adding("period-series", periodSeries)
        migrator.registerMigration("filing-order") { db in try FilingOrder.migrate(db) }
        adding("complete-runs", completeRuns)
        adding("tag-lower", tagLower)
        adding("form-status-unindexed", formStatusUnindexed)
        return migrator
    }

    /// Creates a database at `path` with the migrations up to `migration` only, as an
    /// older Accord left it, then runs `sql` in it. For tests of upgrades.
    static func createDatabase(path: String, upTo migration: String, sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue, upTo: migration)
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// The order classification runs were saved in, as a number of their own rather than SQLite's
    /// rowid, which another database does not have: the last saved decides what changed since.
    private static let runOrder = """
        ALTER TABLE classification_run ADD COLUMN saved INTEGER;
        UPDATE classification_run SET saved = rowid;
        """

    /// The revision at which a run left every partnership classified (`Store.classificationState`),
    /// so that labels known to be current need not be counted; unknown for the runs before.
    private static let completeRuns = """
        ALTER TABLE classification_run ADD COLUMN complete_at INTEGER;
        """

    /// Tags found without case by `lower(tag)`, as on PostgreSQL, where an index of `tag COLLATE NOCASE`
    /// compared every pair of its keys without case as it was built: at a million partnerships (3.5 million
    /// tags) it took 4.8–6.5 s of an import, `lower(tag)` 4.0–5.1 s. Both fold ASCII letters alone.
    private static let tagLower = """
        DROP INDEX tag_tag;
        CREATE INDEX tag_tag ON tag(lower(tag));
        """

    /// A form or a status is found through the index of periods, which holds both, where each had an
    /// index of its own: a handful of values, each naming a tenth of the partnerships or more. At a
    /// million partnerships the two took 1.9 s of an import to build, and counting a form without them
    /// reads the period index through (0.06 s).
    private static let formStatusUnindexed = """
        DROP INDEX IF EXISTS partnership_form;
        DROP INDEX IF EXISTS partnership_status;
        """

    /// The tables, children after their parents.
    static let tables = ["source", "organization", "organization_alias", "organization_source", "partnership",
                         "party", "territory", "product", "financial_term", "money_equivalent", "figure", "tag", "partnership_label",
                         "partnership_source", "relation", "person", "classification_run", "label_stamp", "assigned_label", "classified", "report_run", "delivery"]

    private static let v1 = """
        CREATE TABLE source (
            id TEXT PRIMARY KEY NOT NULL,
            title TEXT NOT NULL,
            publisher TEXT,
            published TEXT,
            url TEXT,
            document TEXT
        );

        -- name_key and alias_key hold the lower-cased name for case-insensitive lookups.
        CREATE TABLE organization (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            country TEXT NOT NULL,
            parent_id TEXT REFERENCES organization(id) DEFERRABLE INITIALLY DEFERRED
        );
        CREATE INDEX organization_name_key ON organization(name_key);
        CREATE INDEX organization_parent ON organization(parent_id);
        CREATE INDEX organization_country ON organization(country);
        CREATE INDEX organization_kind ON organization(kind);

        CREATE TABLE organization_alias (
            organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            alias TEXT NOT NULL,
            alias_key TEXT NOT NULL,
            PRIMARY KEY (organization_id, position)
        );
        CREATE INDEX organization_alias_key ON organization_alias(alias_key);

        CREATE TABLE organization_source (
            organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            source_id TEXT NOT NULL REFERENCES source(id),
            PRIMARY KEY (organization_id, position)
        );
        CREATE INDEX organization_source_source ON organization_source(source_id);

        -- date_first, date_last (ISO days) and date_precision (0 year, 1 month, 2 day)
        -- describe the filing date: signed, else announced, else start.
        CREATE TABLE partnership (
            id TEXT PRIMARY KEY NOT NULL,
            title TEXT NOT NULL,
            summary TEXT,
            form TEXT NOT NULL,
            status TEXT NOT NULL,
            announced_date TEXT,
            signed_date TEXT,
            start_date TEXT,
            end_date TEXT,
            duration_months INTEGER,
            date_first TEXT,
            date_last TEXT,
            date_precision INTEGER
        );
        CREATE INDEX partnership_date ON partnership(date_first, date_last);
        CREATE INDEX partnership_form ON partnership(form);
        CREATE INDEX partnership_status ON partnership(status);

        CREATE TABLE party (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            organization_id TEXT NOT NULL REFERENCES organization(id),
            role TEXT NOT NULL,
            PRIMARY KEY (partnership_id, position)
        );
        CREATE INDEX party_organization ON party(organization_id);

        CREATE TABLE territory (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            code TEXT NOT NULL,
            PRIMARY KEY (partnership_id, position)
        );
        CREATE INDEX territory_code ON territory(code);

        CREATE TABLE product (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            indication TEXT,
            therapeutic_area TEXT,
            PRIMARY KEY (partnership_id, position)
        );

        CREATE TABLE financial_term (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            type TEXT NOT NULL,
            amount REAL,
            currency TEXT,
            wording TEXT,
            PRIMARY KEY (partnership_id, position)
        );

        CREATE TABLE figure (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (partnership_id, key)
        );

        CREATE TABLE tag (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (partnership_id, position)
        );
        CREATE INDEX tag_tag ON tag(tag COLLATE NOCASE);

        CREATE TABLE partnership_source (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            source_id TEXT NOT NULL REFERENCES source(id),
            PRIMARY KEY (partnership_id, position)
        );
        CREATE INDEX partnership_source_source ON partnership_source(source_id);
        """

    /// Labels: those set by hand in the data, and those classification runs assigned.
    /// Times are ISO 8601 in UTC; `assigned_label` holds the last run's labels of each partnership.
    private static let v2 = """
        CREATE TABLE partnership_label (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (partnership_id, position)
        );
        CREATE INDEX partnership_label_label ON partnership_label(label);

        CREATE TABLE classification_run (
            id TEXT PRIMARY KEY NOT NULL,
            started TEXT NOT NULL,
            finished TEXT NOT NULL,
            packs TEXT NOT NULL,
            partnerships INTEGER NOT NULL,
            labels INTEGER NOT NULL
        );
        CREATE INDEX classification_run_started ON classification_run(started);

        CREATE TABLE assigned_label (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            label TEXT NOT NULL,
            is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
            origin TEXT NOT NULL CHECK (origin IN ('manual', 'rule')),
            rule TEXT,
            pack TEXT,
            pack_version TEXT,
            pack_digest TEXT,
            evidence TEXT,
            run_id TEXT NOT NULL REFERENCES classification_run(id),
            PRIMARY KEY (partnership_id, position)
        );
        CREATE INDEX assigned_label_label ON assigned_label(label);
        CREATE INDEX assigned_label_run ON assigned_label(run_id);
        """

    /// The ledger of scheduled report runs, and a revision number every change
    /// of data or labels raises.
    private static let v3 = """
        CREATE TABLE report_run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            job TEXT NOT NULL,
            report TEXT NOT NULL,
            period TEXT NOT NULL,
            trigger TEXT NOT NULL CHECK (trigger IN ('run-due', 'backfill')),
            status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'unchanged', 'skipped', 'failed', 'abandoned')),
            started TEXT NOT NULL,
            finished TEXT,
            seconds REAL,
            output TEXT,
            digest TEXT,
            inputs TEXT,
            error TEXT,
            pid INTEGER
        );
        CREATE INDEX report_run_job_period ON report_run(job, period);

        CREATE TABLE revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            number INTEGER NOT NULL
        );
        INSERT INTO revision (id, number) VALUES (1, 0);
        """

    /// What changed since the labels were saved: `classified_run` names the classification
    /// run that last classified the partnership, and is NULL while it is new or has changed
    /// since (an import wrote other values into it or into one of its parties'
    /// organizations, as the records' digests tell). Every partnership with a run was classified with the packs of the newest
    /// run. Partnerships already in the database start with NULL: nothing says which
    /// changed after an older Accord saved their labels.
    private static let v4 = """
        ALTER TABLE partnership ADD COLUMN classified_run TEXT;
        CREATE INDEX partnership_unclassified ON partnership(id) WHERE classified_run IS NULL;
        """

    /// The digest of each record's stored form (`RecordDigest`): an import leaves a
    /// record it holds in the same form as it is. Records stored before have none,
    /// so the next import writes them once more.
    private static let recordDigests = """
        ALTER TABLE source ADD COLUMN digest BLOB;
        ALTER TABLE organization ADD COLUMN digest BLOB;
        ALTER TABLE partnership ADD COLUMN digest BLOB;
        """

    /// The ledger of deliveries of scheduled reports (e-mail, webhooks): a row per attempt; a
    /// `pending` row is queued by a run that made new output, and tried by the next call.
    /// `digest` is the content digest of the output delivered (`report_run.digest`).
    private static let deliveries = """
        CREATE TABLE delivery (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            job TEXT NOT NULL,
            period TEXT NOT NULL,
            target TEXT NOT NULL,
            trigger TEXT NOT NULL CHECK (trigger IN ('run-due', 'backfill', 'deliver')),
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            output TEXT,
            digest TEXT,
            attempted TEXT NOT NULL,
            seconds REAL,
            reference TEXT,
            error TEXT
        );
        CREATE INDEX delivery_job_period_target ON delivery(job, period, target);
        """

    /// A period's partnerships are found, ordered and counted by form and status from the index
    /// alone (the table's key, `id`, is in every index of a `WITHOUT ROWID` table); their saved
    /// labels are read without the rows' evidence.
    private static let periodIndex = """
        DROP INDEX partnership_date;
        CREATE INDEX partnership_period ON partnership(date_first, date_last, date_precision, form, status);
        CREATE INDEX assigned_label_partnership ON assigned_label(partnership_id, label);
        """

    /// A period's partnerships, but for series (the filter reports count with), are found from the
    /// index alone, where each was looked up in the table to read whether it is one.
    private static let periodSeries = """
        DROP INDEX partnership_period;
        CREATE INDEX partnership_period ON partnership(date_first, date_last, date_precision, series, form, status);
        """

    /// What the sources say beyond the first model: links between partnerships, series,
    /// people, venues, durations in days, statuses as of a date, unnamed parties, qualified
    /// figures and amounts, what an amount is per and its equivalents. A party no longer needs
    /// an organization, so its table is rebuilt; the rest is added.
    private static let richModel = """
        ALTER TABLE partnership ADD COLUMN status_as_of TEXT;
        ALTER TABLE partnership ADD COLUMN duration_days INTEGER;
        ALTER TABLE partnership ADD COLUMN series INTEGER NOT NULL DEFAULT 0;
        -- Series are few: the filters find them, or leave them out, through this index alone.
        CREATE INDEX partnership_series ON partnership(id) WHERE series = 1;
        ALTER TABLE partnership ADD COLUMN venue_name TEXT;
        ALTER TABLE partnership ADD COLUMN venue_city TEXT;
        ALTER TABLE partnership ADD COLUMN venue_country TEXT;

        CREATE TABLE unnamed_party (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            organization_id TEXT REFERENCES organization(id),
            role TEXT NOT NULL,
            description TEXT,
            kind TEXT,
            country TEXT,
            count INTEGER,
            count_qualifier TEXT,
            PRIMARY KEY (partnership_id, position),
            CHECK ((organization_id IS NULL) <> (description IS NULL))
        ) WITHOUT ROWID;
        INSERT INTO unnamed_party (partnership_id, position, organization_id, role)
            SELECT partnership_id, position, organization_id, role FROM party ORDER BY partnership_id, position;
        DROP TABLE party;
        ALTER TABLE unnamed_party RENAME TO party;
        CREATE INDEX party_organization ON party(organization_id);

        ALTER TABLE financial_term ADD COLUMN qualifier TEXT NOT NULL DEFAULT 'exactly';
        ALTER TABLE financial_term ADD COLUMN per TEXT;
        ALTER TABLE figure ADD COLUMN qualifier TEXT NOT NULL DEFAULT 'exactly';

        CREATE TABLE money_equivalent (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            term_position INTEGER NOT NULL,
            position INTEGER NOT NULL,
            amount REAL NOT NULL,
            qualifier TEXT NOT NULL,
            currency TEXT NOT NULL,
            PRIMARY KEY (partnership_id, term_position, position)
        ) WITHOUT ROWID;

        -- target_id is checked by import (it must name a partnership), not by a foreign key:
        -- deleting a partnership others relate to is refused by name (Deletion).
        CREATE TABLE relation (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            target_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (partnership_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX relation_target ON relation(target_id, kind);

        CREATE TABLE person (
            partnership_id TEXT NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT,
            title TEXT,
            organization_id TEXT REFERENCES organization(id),
            role TEXT NOT NULL,
            PRIMARY KEY (partnership_id, position),
            CHECK (name IS NOT NULL OR title IS NOT NULL)
        ) WITHOUT ROWID;
        CREATE INDEX person_organization ON person(organization_id);
        """
}
