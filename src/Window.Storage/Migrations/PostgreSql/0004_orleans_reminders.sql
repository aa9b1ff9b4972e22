-- Durable reminders for Microsoft.Orleans.Reminders.AdoNet.
-- grain_hash is the grain's uniform hash as a signed integer; silos read the slice of the ring they own.
CREATE TABLE window_reminders (
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(1024) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period        bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    CONSTRAINT window_reminders_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX window_reminders_ring ON window_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
INSERT INTO window_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (CAST(@ServiceId AS varchar), CAST(@GrainId AS varchar), CAST(@ReminderName AS varchar),
        CAST(@StartTime AS timestamptz), CAST(@Period AS bigint), CAST(@GrainHash AS integer), 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time,
    period = EXCLUDED.period,
    grain_hash = EXCLUDED.grain_hash,
    version = window_reminders.version + 1
RETURNING version AS "Version"
$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM window_reminders
WHERE service_id = CAST(@ServiceId AS varchar) AND grain_id = CAST(@GrainId AS varchar)
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM window_reminders
WHERE service_id = CAST(@ServiceId AS varchar) AND grain_id = CAST(@GrainId AS varchar)
  AND reminder_name = CAST(@ReminderName AS varchar)
$q$),
-- The provider picks ReadRangeRows1Key when the slice does not wrap around the ring, ReadRangeRows2Key when it does.
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM window_reminders
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_hash > CAST(@BeginHash AS integer) AND grain_hash <= CAST(@EndHash AS integer)
$q$),
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM window_reminders
WHERE service_id = CAST(@ServiceId AS varchar)
  AND (grain_hash > CAST(@BeginHash AS integer) OR grain_hash <= CAST(@EndHash AS integer))
$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM window_reminders
    WHERE service_id = CAST(@ServiceId AS varchar) AND grain_id = CAST(@GrainId AS varchar)
      AND reminder_name = CAST(@ReminderName AS varchar) AND version = CAST(@Version AS integer)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM window_reminders WHERE service_id = CAST(@ServiceId AS varchar)
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
