-- complete-runs: the revision at which a run left every partnership classified.
ALTER TABLE classification_run ADD COLUMN complete_at BIGINT;
