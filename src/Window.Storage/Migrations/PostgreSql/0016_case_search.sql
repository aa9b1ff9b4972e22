-- Search and paging (issue 18).
--
-- A talent's name, ID number and phone are stored only sealed (AES-GCM) in the case's grain state, so the read model
-- cannot compare them. The host writes search terms instead, one row per term and case:
--   'k:' || a keyed hash (HMAC-SHA256, key derived from the master key) of a normalised name, ID number or phone;
--   'n:' || the digits of the case number reversed, so that "its last digits" is a prefix, one range of the key.
-- The searched value never reaches the database: the host hashes it the same way and compares terms, exactly.
-- Written when a case is opened (next to the talent's registration), and for cases stored before this migration by the
-- host's backfill pass, which reads their sealed identity once (window_search_backfill says when it is done).
-- COLLATE "C": terms compare byte by byte, so that a prefix is one range of the index whatever the database's locale.
CREATE TABLE window_case_search_terms (
    term    text COLLATE "C" NOT NULL,
    case_id text NOT NULL,
    CONSTRAINT window_case_search_terms_pk PRIMARY KEY (term, case_id)
);

CREATE TABLE window_search_backfill (
    id          integer     NOT NULL,
    indexed     bigint      NOT NULL,
    finished_at timestamptz NULL,
    CONSTRAINT window_search_backfill_pk PRIMARY KEY (id)
);
INSERT INTO window_search_backfill (id, indexed, finished_at) VALUES (1, 0, NULL);

-- Lists sorted by the promised date (承诺办结), earliest first: alone, by status, by officer and status, each one ordered
-- range from which keyset paging continues.
CREATE INDEX window_cases_due ON window_cases (promised_by, case_id);
CREATE INDEX window_cases_status_due ON window_cases (status, promised_by, case_id);
CREATE INDEX window_cases_officer_due ON window_cases (officer, status, promised_by, case_id);

-- A department reaches a case through a step that is not skipped (the case grain shows department staff no other case):
-- the search's EXISTS repeats this WHERE, so that finding a department's cases stays index-only.
CREATE INDEX window_steps_department_reached ON window_steps (department, case_id) WHERE status <> 'skipped';
DROP INDEX window_steps_department;
