import GRDB

/// The database schema, one named migration per version. Child rows keep their
/// list order in `position` and go with their record (`ON DELETE CASCADE`).
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: v1) }
        return migrator
    }

    /// The tables, children after their parents.
    static let tables = ["source", "organization", "organization_alias", "organization_source", "partnership",
                         "party", "territory", "product", "financial_term", "figure", "tag", "partnership_source"]

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
}
