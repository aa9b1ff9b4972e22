-- The read model: what queues, search and dashboards query (grain state is opaque).
--
-- Written only by SqlReadModel, one case per transaction; the case row's lock serialises writers of one case.
CREATE TABLE window_cases (
    case_id      text        NOT NULL,
    number       text        NOT NULL,
    talent_id    text        NOT NULL,
    bundle_id    text        NULL,
    status       text        NOT NULL,
    officer      text        NOT NULL,
    opened_at    timestamptz NOT NULL,
    promised_by  date        NOT NULL,
    warn_at      timestamptz NULL,
    due_at       timestamptz NULL,
    light        text        NOT NULL,
    completed_at timestamptz NULL,
    delivered_at timestamptz NULL,
    trips        integer     NOT NULL,
    evaluation   integer     NULL,
    version      bigint      NOT NULL,
    CONSTRAINT window_cases_pk PRIMARY KEY (case_id)
);

CREATE UNIQUE INDEX window_cases_number ON window_cases (number);
-- Search: newest first, alone or by status, light, officer (and status).
CREATE INDEX window_cases_opened ON window_cases (opened_at DESC, case_id);
CREATE INDEX window_cases_status ON window_cases (status, opened_at DESC, case_id);
CREATE INDEX window_cases_light ON window_cases (light, opened_at DESC, case_id);
CREATE INDEX window_cases_officer ON window_cases (officer, status, opened_at DESC, case_id);
-- Workload per officer reads only the cases not yet handed over.
CREATE INDEX window_cases_open_per_officer ON window_cases (officer) WHERE status IN ('open', 'completed');

CREATE TABLE window_case_items (
    case_id      text        NOT NULL,
    item_id      text        NOT NULL,
    item_version integer     NOT NULL,
    status       text        NOT NULL,
    decided_at   timestamptz NULL,
    CONSTRAINT window_case_items_pk PRIMARY KEY (case_id, item_id)
);

CREATE INDEX window_case_items_item ON window_case_items (item_id, case_id);

-- case_number and case_status repeat the case's: steps are rewritten with every version of their case, so the
-- copies never drift, and the queue is one ordered scan of one partial index with no join and no sort.
CREATE TABLE window_steps (
    case_id      text        NOT NULL,
    item_id      text        NOT NULL,
    step_id      text        NOT NULL,
    department   text        NOT NULL,
    status       text        NOT NULL,
    ready_at     timestamptz NULL,
    warn_at      timestamptz NULL,
    due_at       timestamptz NULL,
    light        text        NOT NULL,
    claimed_by   text        NULL,
    completed_at timestamptz NULL,
    outcome      text        NULL,
    case_number  text        NOT NULL,
    case_status  text        NOT NULL,
    CONSTRAINT window_steps_pk PRIMARY KEY (case_id, item_id, step_id)
);

-- Ascending b-tree order already puts NULL (paused) due instants last. The query repeats this WHERE verbatim.
CREATE INDEX window_steps_queue ON window_steps (department, due_at, ready_at, case_number, item_id, step_id)
    WHERE status IN ('ready', 'claimed') AND case_status <> 'withdrawn';
CREATE INDEX window_steps_department ON window_steps (department, case_id);

CREATE TABLE window_case_materials (
    case_id     text NOT NULL,
    material_id text NOT NULL,
    status      text NOT NULL,
    due         date NULL,
    CONSTRAINT window_case_materials_pk PRIMARY KEY (case_id, material_id)
);

-- The journal: append-only, keyed (and read) by case and seq.
CREATE TABLE window_case_events (
    case_id    text        NOT NULL,
    seq        integer     NOT NULL,
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    role       text        NULL,
    department text        NULL,
    kind       text        NOT NULL,
    item_id    text        NULL,
    step_id    text        NULL,
    detail     text        NULL,
    trace_id   text        NULL,
    span_id    text        NULL,
    CONSTRAINT window_case_events_pk PRIMARY KEY (case_id, seq)
);

-- One opaque talent id per keyed hash of an ID number; the ID number itself is never stored.
CREATE TABLE window_talents (
    talent_id     text        NOT NULL,
    id_hash       text        NOT NULL,
    registered_at timestamptz NOT NULL,
    CONSTRAINT window_talents_pk PRIMARY KEY (talent_id),
    CONSTRAINT window_talents_id_hash UNIQUE (id_hash)
);
