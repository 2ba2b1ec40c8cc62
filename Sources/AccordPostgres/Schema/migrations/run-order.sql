-- run-order: the order classification runs were saved in, a number of their own.
ALTER TABLE classification_run ADD COLUMN saved BIGINT;
UPDATE classification_run c SET saved = o.n
  FROM (SELECT id, row_number() OVER (ORDER BY finished, id) AS n FROM classification_run) o WHERE o.id = c.id;
