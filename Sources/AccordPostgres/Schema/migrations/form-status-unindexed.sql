-- form-status-unindexed: a form or a status is found through the index of periods, which holds both.
DROP INDEX IF EXISTS partnership_form;
DROP INDEX IF EXISTS partnership_status;
