-- Search and paging (issue 18): search terms of each case (keyed hashes of the talent's normalised name, ID number and
-- phone; the case number's digits reversed) and the indexes of lists sorted by the promised date.
-- See PostgreSql/0016_case_search.sql for the notes.
CREATE TABLE window_case_search_terms (
    term    TEXT NOT NULL,
    case_id TEXT NOT NULL,
    PRIMARY KEY (term, case_id)
) WITHOUT ROWID;

CREATE TABLE window_search_backfill (
    id          INTEGER NOT NULL PRIMARY KEY,
    indexed     INTEGER NOT NULL,
    finished_at TEXT    NULL
);
INSERT INTO window_search_backfill (id, indexed, finished_at) VALUES (1, 0, NULL);

CREATE INDEX window_cases_due ON window_cases (promised_by, case_id);
CREATE INDEX window_cases_status_due ON window_cases (status, promised_by, case_id);
CREATE INDEX window_cases_officer_due ON window_cases (officer, status, promised_by, case_id);

-- A department reaches a case through a step that is not skipped (the query repeats this WHERE).
CREATE INDEX window_steps_department_reached ON window_steps (department, case_id) WHERE status <> 'skipped';
DROP INDEX window_steps_department;
