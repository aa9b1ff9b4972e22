-- Administrative acts (issue 20): the requests waiting for a supervisor and the statutory breaches are read from the
-- journal by kind; this partial index keeps those reads off the whole events table.
CREATE INDEX IF NOT EXISTS window_case_events_acts ON window_case_events (kind, case_id, seq)
    WHERE kind IN ('extension-requested', 'suspension-requested', 'termination-requested', 'extension-approved', 'extension-refused', 'suspended', 'terminated', 'act-refused', 'statutory-breached');
