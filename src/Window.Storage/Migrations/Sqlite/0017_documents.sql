-- Official documents (issue 19). See PostgreSql/0017_documents.sql for the notes.
CREATE TABLE window_documents (
    document_id TEXT    NOT NULL PRIMARY KEY,
    case_id     TEXT    NOT NULL,
    act_seq     INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    number      TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    sequence    INTEGER NOT NULL,
    issued_at   TEXT    NOT NULL,
    issued_by   TEXT    NOT NULL,
    department  TEXT    NULL,
    replaces    TEXT    NULL,
    sha256      TEXT    NOT NULL,
    pdf         BLOB    NOT NULL,
    UNIQUE (kind, year, sequence)
);
CREATE UNIQUE INDEX window_documents_act ON window_documents (case_id, act_seq) WHERE replaces IS NULL;
CREATE UNIQUE INDEX window_documents_replaces ON window_documents (replaces) WHERE replaces IS NOT NULL;
CREATE INDEX window_documents_case ON window_documents (case_id, issued_at);

CREATE TABLE window_document_counters (
    kind TEXT    NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (kind, year)
) WITHOUT ROWID;

CREATE TABLE window_document_sweep (
    id            INTEGER NOT NULL PRIMARY KEY,
    checked_until TEXT    NULL
);
INSERT INTO window_document_sweep (id, checked_until) VALUES (1, NULL);

CREATE INDEX window_case_events_acts ON window_case_events (at, case_id, seq, kind)
    WHERE kind IN ('accepted', 'step-returned', 'case-completed');
