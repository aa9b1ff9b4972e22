-- Header search at 10,000,000 cases (issue 26): the term rows carry their case's opened_at, so that a term's newest
-- cases are one range of window_case_search_terms_newest. See PostgreSql/0028_search_terms_newest.sql for the notes.
ALTER TABLE window_case_search_terms ADD COLUMN opened_at TEXT NULL;

UPDATE window_case_search_terms
SET opened_at = (SELECT c.opened_at FROM window_cases c WHERE c.case_id = window_case_search_terms.case_id);

CREATE INDEX window_case_search_terms_newest ON window_case_search_terms (term, opened_at DESC, case_id);

-- The SLA summary's officer table: open cases counted by officer, items and departments as the lit steps are (0012), a
-- tally plus deltas appended by triggers on window_cases. See PostgreSql/0028_search_terms_newest.sql for the notes.
CREATE TABLE window_sla_open_counts (
    officer     TEXT    NOT NULL,
    items       TEXT    NOT NULL,
    departments TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (officer, items, departments)
) WITHOUT ROWID;

CREATE TABLE window_sla_open_deltas (
    officer     TEXT    NOT NULL,
    items       TEXT    NOT NULL,
    departments TEXT    NOT NULL,
    delta       INTEGER NOT NULL
);

CREATE TRIGGER window_cases_open_insert AFTER INSERT ON window_cases
WHEN NEW.status = 'open'
BEGIN
    INSERT INTO window_sla_open_deltas (officer, items, departments, delta) VALUES (NEW.officer, NEW.items, NEW.departments, 1);
END;

CREATE TRIGGER window_cases_open_update AFTER UPDATE ON window_cases
WHEN (OLD.status, OLD.officer, OLD.items, OLD.departments) IS NOT (NEW.status, NEW.officer, NEW.items, NEW.departments)
BEGIN
    INSERT INTO window_sla_open_deltas (officer, items, departments, delta)
    SELECT OLD.officer, OLD.items, OLD.departments, -1 WHERE OLD.status = 'open';
    INSERT INTO window_sla_open_deltas (officer, items, departments, delta)
    SELECT NEW.officer, NEW.items, NEW.departments, 1 WHERE NEW.status = 'open';
END;

CREATE TRIGGER window_cases_open_delete AFTER DELETE ON window_cases
WHEN OLD.status = 'open'
BEGIN
    INSERT INTO window_sla_open_deltas (officer, items, departments, delta) VALUES (OLD.officer, OLD.items, OLD.departments, -1);
END;

INSERT INTO window_sla_open_counts (officer, items, departments, count)
SELECT officer, items, departments, COUNT(*) FROM window_cases WHERE status = 'open' GROUP BY officer, items, departments;
