-- Notifications (issue 21): see Sqlite/0018_notifications.sql for the notes.
CREATE TABLE window_notification_events (
    kind text NOT NULL,
    CONSTRAINT window_notification_events_pk PRIMARY KEY (kind)
);

INSERT INTO window_notification_events (kind) VALUES ('accepted'), ('step-returned'), ('case-completed'), ('officer-assigned');

CREATE FUNCTION window_case_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM window_notification_events WHERE kind = NEW.kind) THEN
        INSERT INTO window_notification_dispatch (case_id, seq, kind, detail, item_id, step_id, department, at)
        VALUES (NEW.case_id, NEW.seq, NEW.kind, NEW.detail, NEW.item_id, NEW.step_id, NEW.department, NEW.at)
        ON CONFLICT (case_id, seq) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER window_case_events_notify AFTER INSERT ON window_case_events FOR EACH ROW
    EXECUTE FUNCTION window_case_events_notify();

CREATE TABLE window_notification_messages (
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    case_id         text        NOT NULL,
    seq             integer     NOT NULL,
    recipient       text        NOT NULL,
    channel         text        NOT NULL,
    template        text        NOT NULL,
    kind            text        NOT NULL,
    token           text        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_until   timestamptz NULL,
    last_error      text        NULL,
    masked_to       text        NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz NULL,
    CONSTRAINT window_notification_messages_pk PRIMARY KEY (id),
    CONSTRAINT window_notification_messages_once UNIQUE (case_id, seq, recipient, channel, template)
);

CREATE INDEX window_notification_messages_due ON window_notification_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX window_notification_messages_dead ON window_notification_messages (id) WHERE status = 'dead';
