-- A case's command spans leave its grain state for the read model (issue 26), as its journal did: the state keeps the root
-- span (the acceptance, every later span's parent) and the tail not yet known durable here.
--
-- Keyed by the command's number in the case (1 = the acceptance): a span id is unique too, but the number orders the
-- spans and is what the grain reads a range of (those before its tail). first_seq is not unique: a command that writes
-- no journal entry shares it with the next. duration is in ticks (100 ns).
CREATE TABLE window_case_spans (
    case_id    text        NOT NULL,
    n          integer     NOT NULL,
    span_id    text        NOT NULL,
    name       text        NOT NULL,
    started_at timestamptz NOT NULL,
    duration   bigint      NOT NULL,
    first_seq  integer     NOT NULL,
    department text        NULL,
    step_id    text        NULL,
    CONSTRAINT window_case_spans_pk PRIMARY KEY (case_id, n)
);
