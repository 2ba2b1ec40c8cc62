-- period-series: a period's partnerships, but for series, found from the index alone.
DROP INDEX partnership_period;
CREATE INDEX partnership_period ON partnership(date_first, date_last, date_precision, series, form, status);
