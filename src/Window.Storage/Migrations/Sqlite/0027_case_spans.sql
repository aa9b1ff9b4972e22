-- A case's command spans in the read model (issue 26); see PostgreSql/0027_case_spans.sql for the notes.
CREATE TABLE window_case_spans (
    case_id    TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    span_id    TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    started_at TEXT    NOT NULL,
    duration   INTEGER NOT NULL,
    first_seq  INTEGER NOT NULL,
    department TEXT    NULL,
    step_id    TEXT    NULL,
    PRIMARY KEY (case_id, n)
);
