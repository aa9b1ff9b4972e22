-- SLA supervision (issue 6): the watcher's and the dashboards' indexes, the escalation outbox, the inbox,
-- rectification (整改) deadlines and administrator-published calendar years.
--
-- Each partial index's WHERE is repeated verbatim by its query (src/Window.Storage/Sla/SlaSql.cs), which is what lets
-- SQLite use a partial index.

-- The watcher: lit steps whose yellow or red instant has passed, and waits that have ended.
CREATE INDEX window_steps_sla_warn ON window_steps (warn_at)
    WHERE light = 'green' AND case_status <> 'withdrawn';
CREATE INDEX window_steps_sla_due ON window_steps (due_at)
    WHERE (light IN ('green', 'yellow') OR status = 'waiting') AND case_status <> 'withdrawn';
CREATE INDEX window_cases_sla_warn ON window_cases (warn_at) WHERE light = 'green' AND status = 'open';
CREATE INDEX window_cases_sla_due ON window_cases (due_at) WHERE light IN ('green', 'yellow') AND status = 'open';

-- Dashboards: lit steps by light (covering the summary's grouping), lit cases, completions and red events by time.
CREATE INDEX window_steps_sla_lit ON window_steps (light, due_at, department, item_id)
    WHERE light IN ('green', 'yellow', 'red') AND case_status <> 'withdrawn';
CREATE INDEX window_cases_sla_lit ON window_cases (light, due_at) WHERE light IN ('yellow', 'red') AND status = 'open';
CREATE INDEX window_cases_completed ON window_cases (completed_at, promised_by) WHERE completed_at IS NOT NULL;
CREATE INDEX window_case_events_red ON window_case_events (at) WHERE kind = 'light-changed' AND detail = 'red';

-- The escalation outbox: one row per journal entry that notifies (written with the entry, in the read model's
-- transaction) or per rectification light change (written with that change). Negative seqs are rectification lights
-- (-1 yellow, -2 red), which live outside the case's journal. A dispatcher claims a row until claimed_until, delivers
-- to each recipient once (window_notification_deliveries) and sets dispatched_at when all are done.
CREATE TABLE window_notification_dispatch (
    case_id       TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    detail        TEXT    NULL,
    item_id       TEXT    NULL,
    step_id       TEXT    NULL,
    department    TEXT    NULL,
    at            TEXT    NOT NULL,
    claimed_until TEXT    NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    dispatched_at TEXT    NULL,
    PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;

CREATE INDEX window_notification_dispatch_pending ON window_notification_dispatch (at, case_id, seq)
    WHERE dispatched_at IS NULL;

-- Journal entries stored before this migration are escalated once too.
INSERT INTO window_notification_dispatch (case_id, seq, kind, detail, item_id, step_id, department, at)
SELECT case_id, seq, kind, detail, item_id, step_id, department, at FROM window_case_events
WHERE kind IN ('light-changed', 'rectification-opened');

CREATE TABLE window_notification_deliveries (
    case_id      TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    recipient    TEXT    NOT NULL,
    delivered_at TEXT    NOT NULL,
    PRIMARY KEY (case_id, seq, recipient)
) WITHOUT ROWID;

-- Staff notifications; (recipient, case_id, seq) unique so a retried send never duplicates.
CREATE TABLE window_inbox (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    recipient   TEXT    NOT NULL,
    case_id     TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    case_number TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    light       TEXT    NULL,
    item_id     TEXT    NULL,
    step_id     TEXT    NULL,
    department  TEXT    NULL,
    at          TEXT    NOT NULL,
    read_at     TEXT    NULL,
    UNIQUE (recipient, case_id, seq)
);

CREATE INDEX window_inbox_recipient ON window_inbox (recipient, id DESC);
CREATE INDEX window_inbox_unread ON window_inbox (recipient) WHERE read_at IS NULL;

-- Rectification tasks opened by 差评 (levels 1–2): yellow from the start of their last working day, red after it.
CREATE TABLE window_rectifications (
    case_id TEXT NOT NULL PRIMARY KEY,
    due_on  TEXT NOT NULL,
    warn_at TEXT NOT NULL,
    due_at  TEXT NOT NULL,
    light   TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX window_rectifications_warn ON window_rectifications (warn_at) WHERE light = 'green';
CREATE INDEX window_rectifications_due ON window_rectifications (due_at) WHERE light IN ('green', 'yellow');

-- Calendar years published by an administrator (JSON arrays of yyyy-MM-dd), loaded over the shipped files.
CREATE TABLE window_calendar_years (
    year             INTEGER NOT NULL PRIMARY KEY,
    days_off         TEXT    NOT NULL,
    make_up_workdays TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    updated_by       TEXT    NOT NULL
);
