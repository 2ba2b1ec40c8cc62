-- label-stamps: a saved label names its run, rule and pack by a number, a row of label_stamp.
CREATE TABLE label_stamp (
    id BIGINT PRIMARY KEY,
    run_id TEXT COLLATE "C" NOT NULL,
    rule TEXT COLLATE "C",
    pack TEXT COLLATE "C",
    pack_version TEXT COLLATE "C",
    pack_digest TEXT COLLATE "C"
);
INSERT INTO label_stamp (id, run_id, rule, pack, pack_version, pack_digest)
  SELECT row_number() OVER (ORDER BY run_id, rule, pack, pack_version, pack_digest), run_id, rule, pack, pack_version, pack_digest
  FROM (SELECT DISTINCT run_id, rule, pack, pack_version, pack_digest FROM assigned_label) d;
ALTER TABLE assigned_label ADD COLUMN stamp_id BIGINT;
UPDATE assigned_label a SET stamp_id = s.id FROM label_stamp s
  WHERE s.run_id = a.run_id AND s.rule IS NOT DISTINCT FROM a.rule AND s.pack IS NOT DISTINCT FROM a.pack
    AND s.pack_version IS NOT DISTINCT FROM a.pack_version AND s.pack_digest IS NOT DISTINCT FROM a.pack_digest;
ALTER TABLE assigned_label ALTER COLUMN stamp_id SET NOT NULL;
ALTER TABLE assigned_label DROP COLUMN rule, DROP COLUMN pack, DROP COLUMN pack_version, DROP COLUMN pack_digest,
  DROP COLUMN run_id;
-- Whoever may read or write the saved labels may read or write their stamps (docs/postgres-roles.sql).
DO $$ DECLARE g record; BEGIN FOR g IN SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS role FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = 'assigned_label'::regclass AND a.grantee <> c.relowner LOOP EXECUTE format('GRANT %s ON label_stamp TO %s', g.privilege_type, g.role); END LOOP; END $$;
