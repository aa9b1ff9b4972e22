-- Supervisors' alert rules (issue 23): a supervisor subscribes to "a department's on-time rate below X % in the running
-- week" or "a step red for more than N working days". The periodic pass notifies the owner through window_inbox; the
-- inbox's unique (recipient, case_id, seq) makes it once per rule and period (a week), whatever the number of hosts.
-- rule_id is derived from the owner and the request's idempotency key, so a retried creation adds nothing.
CREATE TABLE window_sla_alert_rules (
    rule_id    varchar(64) NOT NULL PRIMARY KEY,
    owner      varchar(64) NOT NULL,
    kind       varchar(32) NOT NULL,
    department varchar(64) NULL,
    threshold  integer     NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX window_sla_alert_rules_owner ON window_sla_alert_rules (owner, created_at);
