-- Official documents (issue 19): numbered, archived PDFs of the administrative acts (受理通知书, 补正告知书, 办结通知书, ...).
--
-- A document is issued once per act: the journal entry that records it (case_id, act_seq = window_case_events.seq). A
-- correction is a new document that names the one it replaces (replaces), so the two partial unique indexes say "one
-- original per act" and "one correction per document". Rows are never updated: the bytes and their SHA-256 are the archive.
CREATE TABLE window_documents (
    document_id text        NOT NULL,
    case_id     text        NOT NULL,
    act_seq     integer     NOT NULL,
    kind        text        NOT NULL,
    number      text        NOT NULL,
    year        integer     NOT NULL,
    sequence    integer     NOT NULL,
    issued_at   timestamptz NOT NULL,
    issued_by   text        NOT NULL,
    department  text        NULL,
    replaces    text        NULL,
    sha256      text        NOT NULL,
    pdf         bytea       NOT NULL,
    CONSTRAINT window_documents_pk PRIMARY KEY (document_id),
    CONSTRAINT window_documents_sequence UNIQUE (kind, year, sequence)
);
CREATE UNIQUE INDEX window_documents_act ON window_documents (case_id, act_seq) WHERE replaces IS NULL;
CREATE UNIQUE INDEX window_documents_replaces ON window_documents (replaces) WHERE replaces IS NOT NULL;
CREATE INDEX window_documents_case ON window_documents (case_id, issued_at);

-- The last number given per kind and year. Issuing updates the row (a row lock that serialises issuers of one kind on
-- every host) in the same transaction as the document's insert: a failed insert rolls the number back, so the numbers
-- of a kind and year have no gaps.
CREATE TABLE window_document_counters (
    kind text    NOT NULL,
    year integer NOT NULL,
    last integer NOT NULL,
    CONSTRAINT window_document_counters_pk PRIMARY KEY (kind, year)
);

-- The sweep that issues any document whose act has none (a crash between the act and the issue): it reads acts after
-- checked_until (less an overlap) and moves the mark on. NULL until the first sweep, which starts an overlap before its
-- own time: acts older than that (cases stored before documents existed) get no documents.
CREATE TABLE window_document_sweep (
    id            integer     NOT NULL,
    checked_until timestamptz NULL,
    CONSTRAINT window_document_sweep_pk PRIMARY KEY (id)
);
INSERT INTO window_document_sweep (id, checked_until) VALUES (1, NULL);

-- The acts that produce documents, by time (a new kind of document adds its act's kind here in its own migration).
CREATE INDEX window_case_events_acts ON window_case_events (at) INCLUDE (case_id, seq, kind)
    WHERE kind IN ('accepted', 'step-returned', 'case-completed');
