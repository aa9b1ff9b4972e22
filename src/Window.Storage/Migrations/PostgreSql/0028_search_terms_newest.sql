-- Header search at 10,000,000 cases (issue 26).
--
-- A common name is ~0.2 % of the cases (18,000 at 10 M). Its page, newest first, either walked window_cases_opened and
-- probed the terms' key for each case (26,000 probes for 21 rows) or looked every match up in window_cases to sort them.
-- The term rows now carry their case's opened_at (it never changes once a case is opened), so that a term's newest cases
-- are one range of window_case_search_terms_newest: the page reads 21 entries and joins 21 cases, whatever the term.
--
-- The table is rebuilt rather than updated in place: an UPDATE of every row would write each row twice and insert into the
-- key's B-tree in random order; a copy writes the rows once and builds both indexes by sorting. A term whose case row is
-- missing keeps a NULL opened_at (it is found by its key as before; the newest-first index lists it last).
CREATE TABLE window_case_search_terms_0028 (
    term      text COLLATE "C" NOT NULL,
    case_id   text NOT NULL,
    opened_at timestamptz NULL
);

INSERT INTO window_case_search_terms_0028 (term, case_id, opened_at)
SELECT t.term, t.case_id, c.opened_at FROM window_case_search_terms t LEFT JOIN window_cases c ON c.case_id = t.case_id;

DROP TABLE window_case_search_terms;
ALTER TABLE window_case_search_terms_0028 RENAME TO window_case_search_terms;
ALTER TABLE window_case_search_terms ADD CONSTRAINT window_case_search_terms_pk PRIMARY KEY (term, case_id);
CREATE INDEX window_case_search_terms_newest ON window_case_search_terms (term, opened_at DESC, case_id);
ANALYZE window_case_search_terms;

-- The SLA summary's officer table at 10,000,000 cases (issue 26): its open cases now were grouped by officer, items and
-- departments from window_cases_open_scopes on every request, 410,000 index entries at 10 M (most of the summary's
-- 128 ms). They are now counted as the lit steps are (0012): a tally (window_sla_open_counts) plus insert-only deltas
-- (+1/-1 rows appended by triggers on window_cases in the projection's own transaction, only when a case enters or
-- leaves the open status or an open case changes officer, items or departments), read together in one statement and
-- folded by the same periodic pass (LitCounts.FoldLitStepsAsync).
CREATE TABLE window_sla_open_counts (
    officer     text   NOT NULL,
    items       text   NOT NULL,
    departments text   NOT NULL,
    count       bigint NOT NULL,
    CONSTRAINT window_sla_open_counts_pk PRIMARY KEY (officer, items, departments)
);

CREATE TABLE window_sla_open_deltas (
    officer     text    NOT NULL,
    items       text    NOT NULL,
    departments text    NOT NULL,
    delta       integer NOT NULL
);

CREATE FUNCTION window_sla_open_delta() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_open boolean := TG_OP <> 'INSERT' AND OLD.status = 'open';
    is_open  boolean := TG_OP <> 'DELETE' AND NEW.status = 'open';
BEGIN
    IF was_open AND is_open AND (OLD.officer, OLD.items, OLD.departments) = (NEW.officer, NEW.items, NEW.departments) THEN
        RETURN NULL;
    END IF;
    IF was_open THEN
        INSERT INTO window_sla_open_deltas (officer, items, departments, delta) VALUES (OLD.officer, OLD.items, OLD.departments, -1);
    END IF;
    IF is_open THEN
        INSERT INTO window_sla_open_deltas (officer, items, departments, delta) VALUES (NEW.officer, NEW.items, NEW.departments, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER window_cases_open_insert AFTER INSERT ON window_cases FOR EACH ROW
    WHEN (NEW.status = 'open')
    EXECUTE FUNCTION window_sla_open_delta();
CREATE TRIGGER window_cases_open_update AFTER UPDATE ON window_cases FOR EACH ROW
    WHEN ((OLD.status, OLD.officer, OLD.items, OLD.departments) IS DISTINCT FROM (NEW.status, NEW.officer, NEW.items, NEW.departments))
    EXECUTE FUNCTION window_sla_open_delta();
CREATE TRIGGER window_cases_open_delete AFTER DELETE ON window_cases FOR EACH ROW
    WHEN (OLD.status = 'open')
    EXECUTE FUNCTION window_sla_open_delta();

INSERT INTO window_sla_open_counts (officer, items, departments, count)
SELECT officer, items, departments, COUNT(*) FROM window_cases WHERE status = 'open' GROUP BY officer, items, departments;
