-- The SLA summary's completed cases in one index range (issue 10): a case's items and the departments of its steps,
-- comma-separated and sorted, on the case row itself. See PostgreSql/0011_sla_summary.sql for the notes.
ALTER TABLE window_cases ADD COLUMN items TEXT NOT NULL DEFAULT '';
ALTER TABLE window_cases ADD COLUMN departments TEXT NOT NULL DEFAULT '';

UPDATE window_cases SET
    items = COALESCE((SELECT group_concat(i.item_id, ',' ORDER BY i.item_id) FROM window_case_items i
                      WHERE i.case_id = window_cases.case_id), ''),
    departments = COALESCE((SELECT group_concat(d.department, ',' ORDER BY d.department)
                            FROM (SELECT DISTINCT s.department FROM window_steps s
                                  WHERE s.case_id = window_cases.case_id AND s.department <> '') AS d), '');

-- Replaces window_cases_completed: SQLite has no INCLUDE, so the covered columns follow the key.
CREATE INDEX window_cases_completed_covering ON window_cases (completed_at, promised_by, case_id, opened_at, trips, evaluation, items, departments)
    WHERE completed_at IS NOT NULL;
DROP INDEX window_cases_completed;

-- Replaces window_case_events_red: red light changes of the period with what the summary reads, covered.
CREATE INDEX window_case_events_red_covering ON window_case_events (at, case_id, item_id, step_id, department)
    WHERE kind = 'light-changed' AND detail = 'red';
DROP INDEX window_case_events_red;
