-- Notifications (issue 21): the journal entries that notify talents and staff reach the outbox through a trigger, and each
-- becomes one delivery row per recipient, channel and template, with its own status, attempts and next attempt.
--
-- Which timeline kinds notify is data (window_notification_events), written by the host from its message catalogue at
-- start: adding an event to the catalogue needs no migration. Entries journaled before this migration are not queued (a
-- talent must not receive last month's acceptance today).
CREATE TABLE window_notification_events (
    kind TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;

INSERT INTO window_notification_events (kind) VALUES ('accepted'), ('step-returned'), ('case-completed'), ('officer-assigned');

CREATE TRIGGER window_case_events_notify AFTER INSERT ON window_case_events
WHEN NEW.kind IN (SELECT kind FROM window_notification_events)
BEGIN
    INSERT OR IGNORE INTO window_notification_dispatch (case_id, seq, kind, detail, item_id, step_id, department, at)
    VALUES (NEW.case_id, NEW.seq, NEW.kind, NEW.detail, NEW.item_id, NEW.step_id, NEW.department, NEW.at);
END;

-- One message: (case_id, seq) is the journal entry, recipient a staff user name or 'talent', channel sms/email/inbox/log,
-- template the catalogue's template id. The key is what makes it exactly once per event, recipient, channel and template:
-- a dispatcher that dies while expanding an entry inserts the same rows again and the conflicts are ignored.
-- status: pending (next_attempt_at says when), sent, dead (attempts exhausted; an administrator may retry), skipped
-- (opted out, no address). token is the idempotency token sent to the gateway with every attempt.
CREATE TABLE window_notification_messages (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    case_id         TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    recipient       TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    template        TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    token           TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    claimed_until   TEXT    NULL,
    last_error      TEXT    NULL,
    masked_to       TEXT    NULL,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT    NULL,
    UNIQUE (case_id, seq, recipient, channel, template)
);

CREATE INDEX window_notification_messages_due ON window_notification_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX window_notification_messages_dead ON window_notification_messages (id) WHERE status = 'dead';
