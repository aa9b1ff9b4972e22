-- Supervisors' alert rules (issue 23). See PostgreSql/0019_supervision.sql for the notes.
CREATE TABLE window_sla_alert_rules (
    rule_id    TEXT    NOT NULL PRIMARY KEY,
    owner      TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    department TEXT    NULL,
    threshold  INTEGER NOT NULL,
    created_at TEXT    NOT NULL
) WITHOUT ROWID;

CREATE INDEX window_sla_alert_rules_owner ON window_sla_alert_rules (owner, created_at);
