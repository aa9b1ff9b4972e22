-- Provisional dates (issue 15): a date counted through a year whose holidays are not published yet is provisional.
-- The read model keeps the flags (0/1, integers as on SQLite) the case's last projection computed, so that the
-- administrators' banner counts the open cases relying on such dates without asking every grain.
ALTER TABLE window_cases ADD COLUMN promised_provisional integer NOT NULL DEFAULT 0;
ALTER TABLE window_cases ADD COLUMN dates_provisional integer NOT NULL DEFAULT 0;
ALTER TABLE window_steps ADD COLUMN due_provisional integer NOT NULL DEFAULT 0;

-- The banner's count (the query repeats this WHERE verbatim).
CREATE INDEX window_cases_provisional ON window_cases (case_id) WHERE dates_provisional = 1 AND status = 'open';

-- One recount job per published year: publishing (again) resets it; the hosts walk the open cases touching the year
-- in case id order and store the last one done (after_case), so a restart or a failed silo resumes where it stopped.
-- generation grows with each publish, so a pass still working on an older publish never moves the new job's cursor.
CREATE TABLE window_calendar_recounts (
    year         integer     NOT NULL,
    generation   integer     NOT NULL,
    requested_at timestamptz NOT NULL,
    after_case   text        NOT NULL,
    recounted    integer     NOT NULL,
    finished_at  timestamptz NULL,
    CONSTRAINT window_calendar_recounts_pk PRIMARY KEY (year)
);
