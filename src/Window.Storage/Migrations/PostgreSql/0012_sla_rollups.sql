-- The SLA summary without reading every case of the period (issue 10, second part). Three kinds of aggregate, none of
-- which adds a row that many commands update (a department's counter row would serialise every command of that
-- department on its lock until the durable commit):
--
-- 1. Lit steps now: a tally by department, item and light (window_sla_lit_counts) plus insert-only deltas
--    (window_sla_lit_deltas, +1/-1 rows appended by triggers on window_steps in the projection's own transaction). The
--    summary reads counts + deltas in one statement (one snapshot, so exact and current); a periodic fold
--    (SqlSlaStore.FoldLitStepsAsync) moves the deltas into the counts in one statement.
-- 2. Days: the completed cases and red light changes of a day up to an instant (its end once it is over, the time of the
--    tally for today), tallied by the host (handling time needs the working calendar) and stored as one row per day
--    (window_sla_days, stamped with the calendar it was computed with); a summary reads today's rows after that instant
--    live. A tallied stretch still changes when a talent rates or visits after completion, or when a projection lands
--    late (lag over midnight, start-up repair): triggers append a mark with the row's day and instant
--    (window_sla_stale_days) in the writing transaction, and a day with a mark before its tally's instant is tallied
--    again. A roll-up deletes exactly the marks its snapshot saw, so a mark committed meanwhile survives to the next read.
-- 3. Cases red now: grouped by their item list in the database from a partial index of its own.
--
-- The office day of an instant is its date at UTC+08:00, as OfficeTime computes it.

CREATE TABLE window_sla_lit_counts (
    department text   NOT NULL,
    item_id    text   NOT NULL,
    light      text   NOT NULL,
    count      bigint NOT NULL,
    CONSTRAINT window_sla_lit_counts_pk PRIMARY KEY (department, item_id, light)
);

CREATE TABLE window_sla_lit_deltas (
    department text    NOT NULL,
    item_id    text    NOT NULL,
    light      text    NOT NULL,
    delta      integer NOT NULL
);

-- A step is lit when its light is green, yellow or red and its case is not withdrawn (the summary's definition).
CREATE FUNCTION window_sla_lit_delta() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_lit boolean := TG_OP <> 'INSERT' AND OLD.light IN ('green', 'yellow', 'red') AND OLD.case_status <> 'withdrawn';
    is_lit  boolean := TG_OP <> 'DELETE' AND NEW.light IN ('green', 'yellow', 'red') AND NEW.case_status <> 'withdrawn';
BEGIN
    IF was_lit AND is_lit AND (OLD.department, OLD.item_id, OLD.light) = (NEW.department, NEW.item_id, NEW.light) THEN
        RETURN NULL;
    END IF;
    IF was_lit THEN
        INSERT INTO window_sla_lit_deltas (department, item_id, light, delta) VALUES (OLD.department, OLD.item_id, OLD.light, -1);
    END IF;
    IF is_lit THEN
        INSERT INTO window_sla_lit_deltas (department, item_id, light, delta) VALUES (NEW.department, NEW.item_id, NEW.light, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER window_steps_lit_insert AFTER INSERT ON window_steps FOR EACH ROW
    WHEN (NEW.light IN ('green', 'yellow', 'red') AND NEW.case_status <> 'withdrawn')
    EXECUTE FUNCTION window_sla_lit_delta();
CREATE TRIGGER window_steps_lit_update AFTER UPDATE ON window_steps FOR EACH ROW
    WHEN ((OLD.light, OLD.case_status, OLD.department, OLD.item_id) IS DISTINCT FROM (NEW.light, NEW.case_status, NEW.department, NEW.item_id))
    EXECUTE FUNCTION window_sla_lit_delta();
CREATE TRIGGER window_steps_lit_delete AFTER DELETE ON window_steps FOR EACH ROW
    WHEN (OLD.light IN ('green', 'yellow', 'red') AND OLD.case_status <> 'withdrawn')
    EXECUTE FUNCTION window_sla_lit_delta();

INSERT INTO window_sla_lit_counts (department, item_id, light, count)
SELECT department, item_id, light, COUNT(*) FROM window_steps
WHERE light IN ('green', 'yellow', 'red') AND case_status <> 'withdrawn'
GROUP BY department, item_id, light;

-- One row per office day: the host's tally of the day's rows before upto, as JSON, and which calendar it used.
CREATE TABLE window_sla_days (
    day         date        NOT NULL,
    upto        timestamptz NOT NULL,
    calendar    text        NOT NULL,
    figures     text        NOT NULL,
    computed_at timestamptz NOT NULL,
    CONSTRAINT window_sla_days_pk PRIMARY KEY (day)
);

CREATE TABLE window_sla_stale_days (
    id  bigint      GENERATED ALWAYS AS IDENTITY,
    day date        NOT NULL,
    at  timestamptz NOT NULL,
    CONSTRAINT window_sla_stale_days_pk PRIMARY KEY (id)
);

CREATE INDEX window_sla_stale_days_day ON window_sla_stale_days (day, at);

-- What a day's tally reads of a case: when it was opened and completed, the promise, trips, rating, items, departments.
CREATE FUNCTION window_sla_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.completed_at IS NOT NULL THEN
        INSERT INTO window_sla_stale_days (day, at) VALUES (((OLD.completed_at AT TIME ZONE 'UTC') + interval '8 hours')::date, OLD.completed_at);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.completed_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.completed_at IS DISTINCT FROM NEW.completed_at) THEN
        INSERT INTO window_sla_stale_days (day, at) VALUES (((NEW.completed_at AT TIME ZONE 'UTC') + interval '8 hours')::date, NEW.completed_at);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER window_cases_sla_insert AFTER INSERT ON window_cases FOR EACH ROW
    WHEN (NEW.completed_at IS NOT NULL)
    EXECUTE FUNCTION window_sla_case_changed();
CREATE TRIGGER window_cases_sla_update AFTER UPDATE ON window_cases FOR EACH ROW
    WHEN ((OLD.completed_at IS NOT NULL OR NEW.completed_at IS NOT NULL)
          AND (OLD.completed_at, OLD.opened_at, OLD.promised_by, OLD.trips, OLD.evaluation, OLD.items, OLD.departments)
              IS DISTINCT FROM (NEW.completed_at, NEW.opened_at, NEW.promised_by, NEW.trips, NEW.evaluation, NEW.items, NEW.departments))
    EXECUTE FUNCTION window_sla_case_changed();
CREATE TRIGGER window_cases_sla_delete AFTER DELETE ON window_cases FOR EACH ROW
    WHEN (OLD.completed_at IS NOT NULL)
    EXECUTE FUNCTION window_sla_case_changed();

-- The journal is append-only: a red light change marks its day when it is inserted.
CREATE FUNCTION window_sla_red_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO window_sla_stale_days (day, at) VALUES (((NEW.at AT TIME ZONE 'UTC') + interval '8 hours')::date, NEW.at);
    RETURN NULL;
END
$$;

CREATE TRIGGER window_case_events_sla_red AFTER INSERT ON window_case_events FOR EACH ROW
    WHEN (NEW.kind = 'light-changed' AND NEW.detail = 'red')
    EXECUTE FUNCTION window_sla_red_event();

-- A day's red light changes, index-only (replaces window_case_events_red_covering, which lacks seq); and each one's
-- previous change of the same subject (a step that turned red again after a rerun counts once in a period), probed per
-- change, index-only.
CREATE INDEX window_case_events_red_at ON window_case_events (at) INCLUDE (case_id, seq, item_id, step_id, department)
    WHERE kind = 'light-changed' AND detail = 'red';
DROP INDEX window_case_events_red_covering;
CREATE INDEX window_case_events_red_by_case ON window_case_events (case_id, seq) INCLUDE (at, item_id, step_id, department)
    WHERE kind = 'light-changed' AND detail = 'red';

-- Cases red now, grouped by their items: index-only.
CREATE INDEX window_cases_red_now ON window_cases (items) WHERE light = 'red' AND status = 'open';
