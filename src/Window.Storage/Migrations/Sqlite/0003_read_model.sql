-- The read model: what queues, search and dashboards query (grain state is opaque).
--
-- Written only by SqlReadModel, one case per transaction. Instants are TEXT in one fixed-width UTC format
-- (yyyy-MM-ddTHH:mm:ss.ffffffZ) so that text order is time order; days are TEXT yyyy-MM-dd.
-- Small rows with composite keys are WITHOUT ROWID: the primary key is the table, no second b-tree.
CREATE TABLE window_cases (
    case_id      TEXT    NOT NULL PRIMARY KEY,
    number       TEXT    NOT NULL,
    talent_id    TEXT    NOT NULL,
    bundle_id    TEXT    NULL,
    status       TEXT    NOT NULL,
    officer      TEXT    NOT NULL,
    opened_at    TEXT    NOT NULL,
    promised_by  TEXT    NOT NULL,
    warn_at      TEXT    NULL,
    due_at       TEXT    NULL,
    light        TEXT    NOT NULL,
    completed_at TEXT    NULL,
    delivered_at TEXT    NULL,
    trips        INTEGER NOT NULL,
    evaluation   INTEGER NULL,
    version      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE UNIQUE INDEX window_cases_number ON window_cases (number);
-- Search: newest first, alone or by status, light, officer (and status).
CREATE INDEX window_cases_opened ON window_cases (opened_at DESC, case_id);
CREATE INDEX window_cases_status ON window_cases (status, opened_at DESC, case_id);
CREATE INDEX window_cases_light ON window_cases (light, opened_at DESC, case_id);
CREATE INDEX window_cases_officer ON window_cases (officer, status, opened_at DESC, case_id);
-- Workload per officer reads only the cases not yet handed over.
CREATE INDEX window_cases_open_per_officer ON window_cases (officer) WHERE status IN ('open', 'completed');

CREATE TABLE window_case_items (
    case_id      TEXT    NOT NULL,
    item_id      TEXT    NOT NULL,
    item_version INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    decided_at   TEXT    NULL,
    PRIMARY KEY (case_id, item_id)
) WITHOUT ROWID;

CREATE INDEX window_case_items_item ON window_case_items (item_id, case_id);

-- case_number and case_status repeat the case's: steps are rewritten with every version of their case, so the
-- copies never drift, and the queue is one ordered scan of one partial index with no join and no sort.
CREATE TABLE window_steps (
    case_id      TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    step_id      TEXT NOT NULL,
    department   TEXT NOT NULL,
    status       TEXT NOT NULL,
    ready_at     TEXT NULL,
    warn_at      TEXT NULL,
    due_at       TEXT NULL,
    light        TEXT NOT NULL,
    claimed_by   TEXT NULL,
    completed_at TEXT NULL,
    outcome      TEXT NULL,
    case_number  TEXT NOT NULL,
    case_status  TEXT NOT NULL,
    PRIMARY KEY (case_id, item_id, step_id)
) WITHOUT ROWID;

-- SQLite sorts NULL first; "due_at IS NULL" first in the key puts paused steps last. The query repeats these
-- expressions and this WHERE verbatim, which is what lets SQLite use the index.
CREATE INDEX window_steps_queue ON window_steps
    (department, due_at IS NULL, due_at, ready_at IS NULL, ready_at, case_number, item_id, step_id)
    WHERE status IN ('ready', 'claimed') AND case_status <> 'withdrawn';
CREATE INDEX window_steps_department ON window_steps (department, case_id);

CREATE TABLE window_case_materials (
    case_id     TEXT NOT NULL,
    material_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    due         TEXT NULL,
    PRIMARY KEY (case_id, material_id)
) WITHOUT ROWID;

-- The journal: append-only, keyed (and read) by case and seq.
CREATE TABLE window_case_events (
    case_id    TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    at         TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    role       TEXT    NULL,
    department TEXT    NULL,
    kind       TEXT    NOT NULL,
    item_id    TEXT    NULL,
    step_id    TEXT    NULL,
    detail     TEXT    NULL,
    trace_id   TEXT    NULL,
    span_id    TEXT    NULL,
    PRIMARY KEY (case_id, seq)
);

-- One opaque talent id per keyed hash of an ID number; the ID number itself is never stored.
CREATE TABLE window_talents (
    talent_id     TEXT NOT NULL PRIMARY KEY,
    id_hash       TEXT NOT NULL UNIQUE,
    registered_at TEXT NOT NULL
);
