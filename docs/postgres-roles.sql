-- Accord's three PostgreSQL roles, for a team database. Run it as the owner of Accord's tables
-- (the user who ran `accord db copy --to`) or a superuser, in that database, once the tables are
-- there, and again after `accord db copy --to --replace` (dropping the tables drops their grants);
-- running it again changes nothing. A table an upgrade adds gets the grants of the table it
-- comes from (`label_stamp`, those of `assigned_label`). Then make each person's login a
-- member of one role:
--
--   CREATE ROLE maria LOGIN PASSWORD '…' IN ROLE accord_analyst;
--   CREATE ROLE cron_reports LOGIN PASSWORD '…' IN ROLE accord_scheduler;
--   CREATE ROLE manager_team LOGIN PASSWORD '…' IN ROLE accord_reader;
--
-- accord_reader     reads: reports, explain, repl, export, `accord db copy --from`
-- accord_analyst    also writes the records and the saved labels: import, delete, classify --save
-- accord_scheduler  also keeps the ledger of scheduled runs and deliveries, and saves labels: run-due, backfill
--
-- None of them may create, drop or alter tables: only the owner copies a workspace in anew.

DO $$
BEGIN
  CREATE ROLE accord_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- there already, or made at this moment by another session
END $$;

DO $$
BEGIN
  CREATE ROLE accord_analyst NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- there already, or made at this moment by another session
END $$;

DO $$
BEGIN
  CREATE ROLE accord_scheduler NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- there already, or made at this moment by another session
END $$;

GRANT USAGE ON SCHEMA public TO accord_reader, accord_analyst, accord_scheduler;

GRANT SELECT ON schema_migrations, source, organization, organization_alias, organization_source, partnership, party,
  territory, product, financial_term, money_equivalent, figure, tag, partnership_label, partnership_source, relation,
  person, classification_run, label_stamp, assigned_label, classified, report_run, delivery, revision
  TO accord_reader, accord_analyst, accord_scheduler;

GRANT INSERT, UPDATE, DELETE ON source, organization, organization_alias, organization_source, partnership, party,
  territory, product, financial_term, money_equivalent, figure, tag, partnership_label, partnership_source, relation,
  person
  TO accord_analyst;

GRANT INSERT, UPDATE, DELETE ON classification_run, label_stamp, assigned_label, classified, revision
  TO accord_analyst, accord_scheduler;

GRANT INSERT, UPDATE ON report_run, delivery TO accord_scheduler;

GRANT USAGE ON SEQUENCE report_run_id_seq, delivery_id_seq TO accord_scheduler;
