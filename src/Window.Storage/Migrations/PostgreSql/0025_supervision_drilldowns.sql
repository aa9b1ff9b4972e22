-- The dashboard's drill-downs at 1,000,000 cases (issue 23).
--
-- A matrix cell (a department's steps of an item lit a light now) starts from the lit steps themselves: the case list's
-- step-light condition repeats this WHERE (lit as window_sla_lit_counts counts it), so it is one range of this index
-- for a department, a light and optionally an item, instead of a join from every case of the item (300+ ms).
CREATE INDEX window_steps_lit_cases ON window_steps (department, light, item_id, case_id)
    WHERE light IN ('green', 'yellow', 'red') AND case_status <> 'withdrawn';

-- The period's 差评 (ratings 1 and 2) with their rectification states: a handful of the period's completed cases.
CREATE INDEX window_cases_poor_ratings ON window_cases (completed_at) INCLUDE (case_id, items, departments)
    WHERE completed_at IS NOT NULL AND evaluation <= 2;

-- The officer table (byOfficer) read every case completed in the period and every open case from the heap (16,000 and
-- 22,000 blocks at 1,000,000 cases, 100 ms of the summary's 113): the completed cases' covering index gains the officer
-- (and replaces window_cases_completed_covering, same key), and the open cases are grouped from their own index.
CREATE INDEX window_cases_completed_with_officer ON window_cases (completed_at, promised_by)
    INCLUDE (case_id, opened_at, trips, evaluation, items, departments, officer) WHERE completed_at IS NOT NULL;
DROP INDEX window_cases_completed_covering;
CREATE INDEX window_cases_open_scopes ON window_cases (officer, items, departments) WHERE status = 'open';
