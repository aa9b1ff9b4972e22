-- The dashboard's drill-downs (issue 23); see PostgreSql/0025_supervision_drilldowns.sql for the notes.
CREATE INDEX window_steps_lit_cases ON window_steps (department, light, item_id, case_id)
    WHERE light IN ('green', 'yellow', 'red') AND case_status <> 'withdrawn';

CREATE INDEX window_cases_poor_ratings ON window_cases (completed_at, case_id, items, departments)
    WHERE completed_at IS NOT NULL AND evaluation <= 2;

CREATE INDEX window_cases_completed_with_officer ON window_cases (completed_at, promised_by, case_id, opened_at, trips, evaluation, items, departments, officer)
    WHERE completed_at IS NOT NULL;
DROP INDEX window_cases_completed_covering;
CREATE INDEX window_cases_open_scopes ON window_cases (officer, items, departments) WHERE status = 'open';
