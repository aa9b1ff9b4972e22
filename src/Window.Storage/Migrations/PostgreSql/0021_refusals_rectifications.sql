-- Issue 20: refusals at the window (不予受理) and officer handovers.
--
-- A refusal is its own kind of record (not a case: nothing was accepted), numbered per year (BY-2026-000001; seq is
-- the number's counter, unique per year, so two hosts drawing the same next number collide and the second retries).
-- The talent is kept as at opening: an opaque id and the sealed identity (AES-GCM, unsealed by the host only). items is
-- the refused item ids, comma-separated; reasons a JSON array of {"id": chosen reason or null, "text": free text}.
-- refusal_id is derived from the desk's user and idempotency key, so a retried refusal finds the first one.
CREATE TABLE window_refusals (
    refusal_id      text        NOT NULL,
    year            integer     NOT NULL,
    seq             integer     NOT NULL,
    number          text        NOT NULL,
    talent_id       text        NOT NULL,
    sealed_identity bytea       NOT NULL,
    items           text        NOT NULL,
    reasons         text        NOT NULL,
    refused_by      text        NOT NULL,
    refused_at      timestamptz NOT NULL,
    document_id     text        NULL,
    CONSTRAINT window_refusals_pk PRIMARY KEY (refusal_id)
);

CREATE UNIQUE INDEX window_refusals_number ON window_refusals (year, seq);
CREATE INDEX window_refusals_refused ON window_refusals (refused_at DESC, refusal_id);

-- A supervisor's handover of one officer's open cases to another, by its idempotency key: a retry answers the first
-- count instead of counting again (the cases already moved are no longer the first officer's).
CREATE TABLE window_handovers (
    actor           text        NOT NULL,
    idempotency_key text        NOT NULL,
    from_user       text        NOT NULL,
    to_user         text        NOT NULL,
    moved           integer     NOT NULL,
    at              timestamptz NOT NULL,
    CONSTRAINT window_handovers_pk PRIMARY KEY (actor, idempotency_key)
);

-- A rectification's state is read from its case's journal (closed, appealed, decided): the read model already holds
-- every entry, so no second copy can drift. The watcher turns the lights of open rectifications only.
CREATE INDEX window_case_events_rectification ON window_case_events (kind, case_id)
    WHERE kind IN ('rectification-opened', 'rectification-closed', 'rating-appealed', 'rating-upheld', 'rating-voided');
