-- Grain state for Microsoft.Orleans.Persistence.AdoNet on the embedded SQLite file.
--
-- One row per grain: the primary key is the grain's whole identity, so concurrent first writes of a new
-- grain cannot create two rows. A grain id without a string extension is stored as ''.
-- SQLite has no data-modifying CTEs, so each query is a short script whose row-returning statements are
-- the provider's result sets; the version parameter decides which one of them can match.
CREATE TABLE window_grain_state (
    service_id         TEXT    NOT NULL,
    grain_type_hash    INTEGER NOT NULL,
    grain_type         TEXT    NOT NULL,
    grain_id_hash      INTEGER NOT NULL,
    grain_id_n0        INTEGER NOT NULL,
    grain_id_n1        INTEGER NOT NULL,
    grain_id_extension TEXT    NOT NULL,
    payload            BLOB    NULL,
    version            INTEGER NOT NULL,
    modified_at        TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_extension)
) WITHOUT ROWID;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM window_grain_state
WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension = IFNULL(@GrainIdExtensionString, '''');
'),
('WriteToStorageKey', '
UPDATE window_grain_state
SET payload = @PayloadBinary, version = version + 1, modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension = IFNULL(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
INSERT INTO window_grain_state
    (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
       IFNULL(@GrainIdExtensionString, ''''), @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
'),
('ClearStorageKey', '
UPDATE window_grain_state
SET payload = NULL, version = version + 1, modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension = IFNULL(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version;
INSERT INTO window_grain_state
    (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
       IFNULL(@GrainIdExtensionString, ''''), NULL, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version;
'),
('DeleteStorageKey', '
SELECT 1
WHERE @GrainStateVersion IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM window_grain_state
    WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
      AND grain_id_extension = IFNULL(@GrainIdExtensionString, ''''));
DELETE FROM window_grain_state
WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension = IFNULL(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version + 1;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
