-- Administrative acts (issue 20): the requests waiting for a supervisor and the statutory breaches are read from the
-- journal by kind; this partial index keeps those reads off the whole events table.
CREATE INDEX window_case_events_act_requests ON window_case_events (kind, case_id, seq)
    WHERE kind IN ('extension-requested', 'suspension-requested', 'termination-requested', 'extension-approved', 'extension-refused', 'suspended', 'terminated', 'act-refused', 'statutory-breached');

-- The next instant at which time acts on a case's acts (the statutory limit passing, a supplement's last day passing):
-- the SLA watcher wakes the case then, as it does for its lights. Null when nothing is due (a closed case, or all journaled).
ALTER TABLE window_cases ADD COLUMN acts_due_at timestamptz NULL;
CREATE INDEX window_cases_acts_due ON window_cases (acts_due_at) WHERE acts_due_at IS NOT NULL;

-- The acts that produce documents (0017) gain the notices of extension, suspension and termination.
DROP INDEX window_case_events_acts;
CREATE INDEX window_case_events_acts ON window_case_events (at) INCLUDE (case_id, seq, kind)
    WHERE kind IN ('accepted', 'step-returned', 'case-completed', 'extension-approved', 'suspended', 'terminated');
