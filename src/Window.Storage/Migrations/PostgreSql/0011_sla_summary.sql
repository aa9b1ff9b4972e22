-- The SLA summary's completed cases in one index range (issue 10): a case's items and the departments of its steps,
-- comma-separated and sorted, on the case row itself, so that the cases completed in a period come with what they are
-- grouped by from one index-only scan, instead of a join of tens of thousands of cases to window_case_items and to
-- window_steps (a hash join over every step at 1,000,000 cases). Written by the case upsert from the same projection as
-- the child rows, so the copies never drift; filled here for the cases already stored.
ALTER TABLE window_cases ADD COLUMN items text NOT NULL DEFAULT '';
ALTER TABLE window_cases ADD COLUMN departments text NOT NULL DEFAULT '';

UPDATE window_cases c SET
    items = COALESCE((SELECT string_agg(i.item_id, ',' ORDER BY i.item_id) FROM window_case_items i WHERE i.case_id = c.case_id), ''),
    departments = COALESCE((SELECT string_agg(DISTINCT s.department, ',' ORDER BY s.department) FROM window_steps s
                            WHERE s.case_id = c.case_id AND s.department <> ''), '');

-- Replaces window_cases_completed: the same key, covering everything the summary and the trend read.
CREATE INDEX window_cases_completed_covering ON window_cases (completed_at, promised_by)
    INCLUDE (case_id, opened_at, trips, evaluation, items, departments) WHERE completed_at IS NOT NULL;
DROP INDEX window_cases_completed;

-- Replaces window_case_events_red: red light changes of the period with what the summary reads, index-only.
CREATE INDEX window_case_events_red_covering ON window_case_events (at) INCLUDE (case_id, item_id, step_id, department)
    WHERE kind = 'light-changed' AND detail = 'red';
DROP INDEX window_case_events_red;
