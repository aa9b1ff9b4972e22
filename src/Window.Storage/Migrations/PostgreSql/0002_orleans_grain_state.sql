-- Grain state for Microsoft.Orleans.Persistence.AdoNet.
--
-- One row per grain: the primary key is the grain's whole identity (service, type, id), so concurrent first
-- writes of a new grain cannot create two rows. A grain id without a string extension is stored as ''.
-- "version" is the ETag Orleans hands back on every write; a write names the version it read and fails
-- (returns no row) when the stored version differs, which the provider turns into InconsistentStateException.
CREATE TABLE window_grain_state (
    service_id         varchar(150)  NOT NULL,
    grain_type_hash    integer       NOT NULL,
    grain_type         varchar(512)  NOT NULL,
    grain_id_hash      integer       NOT NULL,
    grain_id_n0        bigint        NOT NULL,
    grain_id_n1        bigint        NOT NULL,
    grain_id_extension varchar(512)  NOT NULL,
    payload            bytea         NULL,
    version            integer       NOT NULL,
    modified_at        timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT window_grain_state_pk
        PRIMARY KEY (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_extension)
);

-- Parameters arrive untyped when null, so every one is cast to the column's type.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM window_grain_state
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_type_hash = CAST(@GrainTypeHash AS integer)
  AND grain_id_hash = CAST(@GrainIdHash AS integer)
  AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND grain_type = CAST(@GrainTypeString AS varchar)
  AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
$q$),
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE window_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = CAST(@ServiceId AS varchar)
      AND grain_type_hash = CAST(@GrainTypeHash AS integer)
      AND grain_id_hash = CAST(@GrainIdHash AS integer)
      AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
      AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
      AND grain_type = CAST(@GrainTypeString AS varchar)
      AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version
), inserted AS (
    INSERT INTO window_grain_state
        (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT CAST(@ServiceId AS varchar), CAST(@GrainTypeHash AS integer), CAST(@GrainTypeString AS varchar),
           CAST(@GrainIdHash AS integer), CAST(@GrainIdN0 AS bigint), CAST(@GrainIdN1 AS bigint),
           COALESCE(CAST(@GrainIdExtensionString AS varchar), ''), @PayloadBinary, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$q$),
-- Clearing keeps the row (payload NULL) and moves the version on; clearing a grain that was never written
-- leaves a row at version 1 so that the ETag it returns is meaningful for the next write.
('ClearStorageKey', $q$
WITH updated AS (
    UPDATE window_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = CAST(@ServiceId AS varchar)
      AND grain_type_hash = CAST(@GrainTypeHash AS integer)
      AND grain_id_hash = CAST(@GrainIdHash AS integer)
      AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
      AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
      AND grain_type = CAST(@GrainTypeString AS varchar)
      AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version
), inserted AS (
    INSERT INTO window_grain_state
        (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT CAST(@ServiceId AS varchar), CAST(@GrainTypeHash AS integer), CAST(@GrainTypeString AS varchar),
           CAST(@GrainIdHash AS integer), CAST(@GrainIdN0 AS bigint), CAST(@GrainIdN1 AS bigint),
           COALESCE(CAST(@GrainIdExtensionString AS varchar), ''), NULL, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version FROM updated
UNION ALL
SELECT version FROM inserted
$q$),
-- Deleting returns the deleted version + 1 (any value other than the ETag tells the provider it worked);
-- deleting a grain that has no row succeeds when the caller also believed it had none.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM window_grain_state
    WHERE service_id = CAST(@ServiceId AS varchar)
      AND grain_type_hash = CAST(@GrainTypeHash AS integer)
      AND grain_id_hash = CAST(@GrainIdHash AS integer)
      AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
      AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
      AND grain_type = CAST(@GrainTypeString AS varchar)
      AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version
)
SELECT version + 1 FROM deleted
UNION ALL
SELECT 1
WHERE CAST(@GrainStateVersion AS integer) IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM window_grain_state
    WHERE service_id = CAST(@ServiceId AS varchar)
      AND grain_type_hash = CAST(@GrainTypeHash AS integer)
      AND grain_id_hash = CAST(@GrainIdHash AS integer)
      AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
      AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
      AND grain_type = CAST(@GrainTypeString AS varchar)
      AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), ''))
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
