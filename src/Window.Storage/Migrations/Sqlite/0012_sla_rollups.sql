-- The SLA summary without reading every case of the period (issue 10, second part): lit steps as counts plus
-- insert-only deltas, days that are over tallied once and marked stale by the writes that change them, cases red now
-- grouped from a partial index. See PostgreSql/0012_sla_rollups.sql for the notes.
--
-- The office day of an instant is its date at UTC+08:00. Instants are stored as 'yyyy-MM-ddTHH:mm:ss.ffffffZ'; the
-- fraction is cut off before date() because SQLite rounds it to milliseconds (23:59:59.9999995 would become the next day).

CREATE TABLE window_sla_lit_counts (
    department TEXT    NOT NULL,
    item_id    TEXT    NOT NULL,
    light      TEXT    NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (department, item_id, light)
) WITHOUT ROWID;

CREATE TABLE window_sla_lit_deltas (
    department TEXT    NOT NULL,
    item_id    TEXT    NOT NULL,
    light      TEXT    NOT NULL,
    delta      INTEGER NOT NULL
);

CREATE TRIGGER window_steps_lit_insert AFTER INSERT ON window_steps
WHEN NEW.light IN ('green', 'yellow', 'red') AND NEW.case_status <> 'withdrawn'
BEGIN
    INSERT INTO window_sla_lit_deltas (department, item_id, light, delta) VALUES (NEW.department, NEW.item_id, NEW.light, 1);
END;

CREATE TRIGGER window_steps_lit_update AFTER UPDATE ON window_steps
WHEN (OLD.light, OLD.case_status, OLD.department, OLD.item_id) IS NOT (NEW.light, NEW.case_status, NEW.department, NEW.item_id)
BEGIN
    INSERT INTO window_sla_lit_deltas (department, item_id, light, delta)
    SELECT OLD.department, OLD.item_id, OLD.light, -1
    WHERE OLD.light IN ('green', 'yellow', 'red') AND OLD.case_status <> 'withdrawn';
    INSERT INTO window_sla_lit_deltas (department, item_id, light, delta)
    SELECT NEW.department, NEW.item_id, NEW.light, 1
    WHERE NEW.light IN ('green', 'yellow', 'red') AND NEW.case_status <> 'withdrawn';
END;

CREATE TRIGGER window_steps_lit_delete AFTER DELETE ON window_steps
WHEN OLD.light IN ('green', 'yellow', 'red') AND OLD.case_status <> 'withdrawn'
BEGIN
    INSERT INTO window_sla_lit_deltas (department, item_id, light, delta) VALUES (OLD.department, OLD.item_id, OLD.light, -1);
END;

INSERT INTO window_sla_lit_counts (department, item_id, light, count)
SELECT department, item_id, light, COUNT(*) FROM window_steps
WHERE light IN ('green', 'yellow', 'red') AND case_status <> 'withdrawn'
GROUP BY department, item_id, light;

CREATE TABLE window_sla_days (
    day         TEXT NOT NULL,
    upto        TEXT NOT NULL,
    calendar    TEXT NOT NULL,
    figures     TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (day)
) WITHOUT ROWID;

CREATE TABLE window_sla_stale_days (
    id  INTEGER PRIMARY KEY,
    day TEXT    NOT NULL,
    at  TEXT    NOT NULL
);

CREATE INDEX window_sla_stale_days_day ON window_sla_stale_days (day, at);

CREATE TRIGGER window_cases_sla_insert AFTER INSERT ON window_cases
WHEN NEW.completed_at IS NOT NULL
BEGIN
    INSERT INTO window_sla_stale_days (day, at) VALUES (date(substr(NEW.completed_at, 1, 19), '+8 hours'), NEW.completed_at);
END;

CREATE TRIGGER window_cases_sla_update AFTER UPDATE ON window_cases
WHEN (OLD.completed_at IS NOT NULL OR NEW.completed_at IS NOT NULL)
    AND (OLD.completed_at, OLD.opened_at, OLD.promised_by, OLD.trips, OLD.evaluation, OLD.items, OLD.departments)
        IS NOT (NEW.completed_at, NEW.opened_at, NEW.promised_by, NEW.trips, NEW.evaluation, NEW.items, NEW.departments)
BEGIN
    INSERT INTO window_sla_stale_days (day, at)
    SELECT date(substr(OLD.completed_at, 1, 19), '+8 hours'), OLD.completed_at WHERE OLD.completed_at IS NOT NULL;
    INSERT INTO window_sla_stale_days (day, at)
    SELECT date(substr(NEW.completed_at, 1, 19), '+8 hours'), NEW.completed_at
    WHERE NEW.completed_at IS NOT NULL AND NEW.completed_at IS NOT OLD.completed_at;
END;

CREATE TRIGGER window_cases_sla_delete AFTER DELETE ON window_cases
WHEN OLD.completed_at IS NOT NULL
BEGIN
    INSERT INTO window_sla_stale_days (day, at) VALUES (date(substr(OLD.completed_at, 1, 19), '+8 hours'), OLD.completed_at);
END;

CREATE TRIGGER window_case_events_sla_red AFTER INSERT ON window_case_events
WHEN NEW.kind = 'light-changed' AND NEW.detail = 'red'
BEGIN
    INSERT INTO window_sla_stale_days (day, at) VALUES (date(substr(NEW.at, 1, 19), '+8 hours'), NEW.at);
END;

CREATE INDEX window_case_events_red_at ON window_case_events (at, case_id, seq, item_id, step_id, department)
    WHERE kind = 'light-changed' AND detail = 'red';
DROP INDEX window_case_events_red_covering;

CREATE INDEX window_case_events_red_by_case ON window_case_events (case_id, seq, at, item_id, step_id, department)
    WHERE kind = 'light-changed' AND detail = 'red';

CREATE INDEX window_cases_red_now ON window_cases (items) WHERE light = 'red' AND status = 'open';
