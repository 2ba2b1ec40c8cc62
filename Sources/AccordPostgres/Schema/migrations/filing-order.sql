-- filing-order: partnerships and their lists are keyed by filing day (filed), then id (FilingOrder).
ALTER TABLE partnership ADD COLUMN filed BIGINT;
UPDATE partnership SET filed = COALESCE(replace(date_first, '-', '')::bigint, 99999999);
ALTER TABLE partnership ALTER COLUMN filed SET NOT NULL;
ALTER TABLE party DROP CONSTRAINT party_partnership_id_fkey;
ALTER TABLE party ADD COLUMN filed BIGINT;
UPDATE party t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE party ALTER COLUMN filed SET NOT NULL;
ALTER TABLE party DROP CONSTRAINT party_pkey;
ALTER TABLE party ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE relation DROP CONSTRAINT relation_partnership_id_fkey;
ALTER TABLE relation ADD COLUMN filed BIGINT;
UPDATE relation t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE relation ALTER COLUMN filed SET NOT NULL;
ALTER TABLE relation DROP CONSTRAINT relation_pkey;
ALTER TABLE relation ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE person DROP CONSTRAINT person_partnership_id_fkey;
ALTER TABLE person ADD COLUMN filed BIGINT;
UPDATE person t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE person ALTER COLUMN filed SET NOT NULL;
ALTER TABLE person DROP CONSTRAINT person_pkey;
ALTER TABLE person ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE territory DROP CONSTRAINT territory_partnership_id_fkey;
ALTER TABLE territory ADD COLUMN filed BIGINT;
UPDATE territory t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE territory ALTER COLUMN filed SET NOT NULL;
ALTER TABLE territory DROP CONSTRAINT territory_pkey;
ALTER TABLE territory ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE product DROP CONSTRAINT product_partnership_id_fkey;
ALTER TABLE product ADD COLUMN filed BIGINT;
UPDATE product t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE product ALTER COLUMN filed SET NOT NULL;
ALTER TABLE product DROP CONSTRAINT product_pkey;
ALTER TABLE product ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE financial_term DROP CONSTRAINT financial_term_partnership_id_fkey;
ALTER TABLE financial_term ADD COLUMN filed BIGINT;
UPDATE financial_term t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE financial_term ALTER COLUMN filed SET NOT NULL;
ALTER TABLE financial_term DROP CONSTRAINT financial_term_pkey;
ALTER TABLE financial_term ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE money_equivalent DROP CONSTRAINT money_equivalent_partnership_id_fkey;
ALTER TABLE money_equivalent ADD COLUMN filed BIGINT;
UPDATE money_equivalent t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE money_equivalent ALTER COLUMN filed SET NOT NULL;
ALTER TABLE money_equivalent DROP CONSTRAINT money_equivalent_pkey;
ALTER TABLE money_equivalent ADD PRIMARY KEY (filed, partnership_id, term_position, position);
ALTER TABLE figure DROP CONSTRAINT figure_partnership_id_fkey;
ALTER TABLE figure ADD COLUMN filed BIGINT;
UPDATE figure t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE figure ALTER COLUMN filed SET NOT NULL;
ALTER TABLE figure DROP CONSTRAINT figure_pkey;
ALTER TABLE figure ADD PRIMARY KEY (filed, partnership_id, key);
ALTER TABLE tag DROP CONSTRAINT tag_partnership_id_fkey;
ALTER TABLE tag ADD COLUMN filed BIGINT;
UPDATE tag t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE tag ALTER COLUMN filed SET NOT NULL;
ALTER TABLE tag DROP CONSTRAINT tag_pkey;
ALTER TABLE tag ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE partnership_label DROP CONSTRAINT partnership_label_partnership_id_fkey;
ALTER TABLE partnership_label ADD COLUMN filed BIGINT;
UPDATE partnership_label t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE partnership_label ALTER COLUMN filed SET NOT NULL;
ALTER TABLE partnership_label DROP CONSTRAINT partnership_label_pkey;
ALTER TABLE partnership_label ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE partnership_source DROP CONSTRAINT partnership_source_partnership_id_fkey;
ALTER TABLE partnership_source ADD COLUMN filed BIGINT;
UPDATE partnership_source t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE partnership_source ALTER COLUMN filed SET NOT NULL;
ALTER TABLE partnership_source DROP CONSTRAINT partnership_source_pkey;
ALTER TABLE partnership_source ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE assigned_label DROP CONSTRAINT assigned_label_partnership_id_fkey;
ALTER TABLE assigned_label ADD COLUMN filed BIGINT;
UPDATE assigned_label t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE assigned_label ALTER COLUMN filed SET NOT NULL;
ALTER TABLE assigned_label DROP CONSTRAINT assigned_label_pkey;
ALTER TABLE assigned_label ADD PRIMARY KEY (filed, partnership_id, position);
ALTER TABLE classified DROP CONSTRAINT classified_partnership_id_fkey;
ALTER TABLE classified ADD COLUMN filed BIGINT;
UPDATE classified t SET filed = p.filed FROM partnership p WHERE p.id = t.partnership_id;
ALTER TABLE classified ALTER COLUMN filed SET NOT NULL;
ALTER TABLE classified DROP CONSTRAINT classified_pkey;
ALTER TABLE classified ADD PRIMARY KEY (filed, partnership_id);
ALTER TABLE partnership DROP CONSTRAINT partnership_pkey;
ALTER TABLE partnership ADD CONSTRAINT partnership_id_key UNIQUE (id);
ALTER TABLE partnership ADD PRIMARY KEY (filed, id);
ALTER TABLE party ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE relation ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE person ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE territory ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE product ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE financial_term ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE money_equivalent ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE figure ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE tag ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE partnership_label ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE partnership_source ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE assigned_label ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE classified ADD FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id)
  ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
