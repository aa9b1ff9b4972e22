-- Issue 20: refusals at the window (不予受理) and officer handovers. See PostgreSql/0021_refusals_rectifications.sql for the notes.
CREATE TABLE window_refusals (
    refusal_id      TEXT    NOT NULL PRIMARY KEY,
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    number          TEXT    NOT NULL,
    talent_id       TEXT    NOT NULL,
    sealed_identity BLOB    NOT NULL,
    items           TEXT    NOT NULL,
    reasons         TEXT    NOT NULL,
    refused_by      TEXT    NOT NULL,
    refused_at      TEXT    NOT NULL,
    document_id     TEXT    NULL
) WITHOUT ROWID;

CREATE UNIQUE INDEX window_refusals_number ON window_refusals (year, seq);
CREATE INDEX window_refusals_refused ON window_refusals (refused_at DESC, refusal_id);

CREATE TABLE window_handovers (
    actor           TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    from_user       TEXT    NOT NULL,
    to_user         TEXT    NOT NULL,
    moved           INTEGER NOT NULL,
    at              TEXT    NOT NULL,
    PRIMARY KEY (actor, idempotency_key)
) WITHOUT ROWID;

-- Rectifications are listed from their cases' journals; the watcher turns the lights of open ones only.
CREATE INDEX window_case_events_rectification ON window_case_events (kind, case_id)
    WHERE kind IN ('rectification-opened', 'rectification-closed', 'rating-appealed', 'rating-upheld', 'rating-voided');
