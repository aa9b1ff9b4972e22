-- SLA supervision (issue 6): the watcher's and the dashboards' indexes, the escalation outbox, the inbox,
-- rectification (整改) deadlines and administrator-published calendar years. See Sqlite/0004_sla.sql for the notes.

CREATE INDEX window_steps_sla_warn ON window_steps (warn_at)
    WHERE light = 'green' AND case_status <> 'withdrawn';
CREATE INDEX window_steps_sla_due ON window_steps (due_at)
    WHERE (light IN ('green', 'yellow') OR status = 'waiting') AND case_status <> 'withdrawn';
CREATE INDEX window_cases_sla_warn ON window_cases (warn_at) WHERE light = 'green' AND status = 'open';
CREATE INDEX window_cases_sla_due ON window_cases (due_at) WHERE light IN ('green', 'yellow') AND status = 'open';

CREATE INDEX window_steps_sla_lit ON window_steps (light, due_at, department, item_id)
    WHERE light IN ('green', 'yellow', 'red') AND case_status <> 'withdrawn';
CREATE INDEX window_cases_sla_lit ON window_cases (light, due_at) WHERE light IN ('yellow', 'red') AND status = 'open';
CREATE INDEX window_cases_completed ON window_cases (completed_at, promised_by) WHERE completed_at IS NOT NULL;
CREATE INDEX window_case_events_red ON window_case_events (at) WHERE kind = 'light-changed' AND detail = 'red';

CREATE TABLE window_notification_dispatch (
    case_id       text        NOT NULL,
    seq           integer     NOT NULL,
    kind          text        NOT NULL,
    detail        text        NULL,
    item_id       text        NULL,
    step_id       text        NULL,
    department    text        NULL,
    at            timestamptz NOT NULL,
    claimed_until timestamptz NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    dispatched_at timestamptz NULL,
    CONSTRAINT window_notification_dispatch_pk PRIMARY KEY (case_id, seq)
);

CREATE INDEX window_notification_dispatch_pending ON window_notification_dispatch (at, case_id, seq)
    WHERE dispatched_at IS NULL;

INSERT INTO window_notification_dispatch (case_id, seq, kind, detail, item_id, step_id, department, at)
SELECT case_id, seq, kind, detail, item_id, step_id, department, at FROM window_case_events
WHERE kind IN ('light-changed', 'rectification-opened');

CREATE TABLE window_notification_deliveries (
    case_id      text        NOT NULL,
    seq          integer     NOT NULL,
    recipient    text        NOT NULL,
    delivered_at timestamptz NOT NULL,
    CONSTRAINT window_notification_deliveries_pk PRIMARY KEY (case_id, seq, recipient)
);

CREATE TABLE window_inbox (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    recipient   text        NOT NULL,
    case_id     text        NOT NULL,
    seq         integer     NOT NULL,
    case_number text        NOT NULL,
    kind        text        NOT NULL,
    light       text        NULL,
    item_id     text        NULL,
    step_id     text        NULL,
    department  text        NULL,
    at          timestamptz NOT NULL,
    read_at     timestamptz NULL,
    CONSTRAINT window_inbox_pk PRIMARY KEY (id),
    CONSTRAINT window_inbox_once UNIQUE (recipient, case_id, seq)
);

CREATE INDEX window_inbox_recipient ON window_inbox (recipient, id DESC);
CREATE INDEX window_inbox_unread ON window_inbox (recipient) WHERE read_at IS NULL;

CREATE TABLE window_rectifications (
    case_id text        NOT NULL,
    due_on  date        NOT NULL,
    warn_at timestamptz NOT NULL,
    due_at  timestamptz NOT NULL,
    light   text        NOT NULL,
    CONSTRAINT window_rectifications_pk PRIMARY KEY (case_id)
);

CREATE INDEX window_rectifications_warn ON window_rectifications (warn_at) WHERE light = 'green';
CREATE INDEX window_rectifications_due ON window_rectifications (due_at) WHERE light IN ('green', 'yellow');

CREATE TABLE window_calendar_years (
    year             integer     NOT NULL,
    days_off         text        NOT NULL,
    make_up_workdays text        NOT NULL,
    updated_at       timestamptz NOT NULL,
    updated_by       text        NOT NULL,
    CONSTRAINT window_calendar_years_pk PRIMARY KEY (year)
);
