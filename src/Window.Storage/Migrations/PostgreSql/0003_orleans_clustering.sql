-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet.
--
-- window_membership_version holds one row per cluster (Orleans calls it the deployment) whose version is the
-- membership table's ETag: every insert or update of a member names the version it read, and succeeds only
-- if it is still current, bumping it in the same statement. The version row is locked (FOR UPDATE) before a
-- member row is touched, so two silos racing on one version cannot both change the table.
CREATE TABLE window_membership_version (
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE window_membership (
    deployment_id   varchar(150)  NOT NULL,
    address         varchar(45)   NOT NULL,
    port            integer       NOT NULL,
    generation      integer       NOT NULL,
    silo_name       varchar(150)  NOT NULL,
    host_name       varchar(150)  NOT NULL,
    status          integer       NOT NULL,
    proxy_port      integer       NULL,
    suspect_times   varchar(8000) NULL,
    start_time      timestamptz   NOT NULL,
    i_am_alive_time timestamptz   NOT NULL,
    CONSTRAINT window_membership_pk PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO window_membership_version (deployment_id) VALUES (CAST(@DeploymentId AS varchar))
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$),
('InsertMembershipKey', $q$
WITH current_version AS (
    SELECT deployment_id FROM window_membership_version
    WHERE deployment_id = CAST(@DeploymentId AS varchar) AND version = CAST(@Version AS integer)
    FOR UPDATE
), inserted AS (
    INSERT INTO window_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, CAST(@Address AS varchar), CAST(@Port AS integer), CAST(@Generation AS integer),
           CAST(@SiloName AS varchar), CAST(@HostName AS varchar), CAST(@Status AS integer), CAST(@ProxyPort AS integer),
           CAST(@StartTime AS timestamptz), CAST(@IAmAliveTime AS timestamptz)
    FROM current_version
    ON CONFLICT DO NOTHING
    RETURNING deployment_id
), bumped AS (
    UPDATE window_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id IN (SELECT deployment_id FROM inserted)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM bumped)
$q$),
('UpdateMembershipKey', $q$
WITH current_version AS (
    SELECT deployment_id FROM window_membership_version
    WHERE deployment_id = CAST(@DeploymentId AS varchar) AND version = CAST(@Version AS integer)
    FOR UPDATE
), updated AS (
    UPDATE window_membership
    SET status = CAST(@Status AS integer),
        suspect_times = CAST(@SuspectTimes AS varchar),
        i_am_alive_time = CAST(@IAmAliveTime AS timestamptz)
    WHERE deployment_id IN (SELECT deployment_id FROM current_version)
      AND address = CAST(@Address AS varchar)
      AND port = CAST(@Port AS integer)
      AND generation = CAST(@Generation AS integer)
    RETURNING deployment_id
), bumped AS (
    UPDATE window_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id IN (SELECT deployment_id FROM updated)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM bumped)
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE window_membership
SET i_am_alive_time = CAST(@IAmAliveTime AS timestamptz)
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND address = CAST(@Address AS varchar)
  AND port = CAST(@Port AS integer)
  AND generation = CAST(@Generation AS integer)
$q$),
-- The reads always return the version row, joined to the member rows when there are any: the provider takes
-- the table's ETag from the first row and builds no entry from a row without a start time.
('MembershipReadRowKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM window_membership_version v
LEFT JOIN window_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = CAST(@Address AS varchar)
      AND m.port = CAST(@Port AS integer)
      AND m.generation = CAST(@Generation AS integer)
WHERE v.deployment_id = CAST(@DeploymentId AS varchar)
$q$),
('MembershipReadAllKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM window_membership_version v
LEFT JOIN window_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = CAST(@DeploymentId AS varchar)
$q$),
('DeleteMembershipTableEntriesKey', $q$
WITH members AS (
    DELETE FROM window_membership WHERE deployment_id = CAST(@DeploymentId AS varchar)
)
DELETE FROM window_membership_version WHERE deployment_id = CAST(@DeploymentId AS varchar)
$q$),
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM window_membership
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND status = CAST(@Status AS integer)
  AND proxy_port > 0
$q$),
-- Only silos declared dead (SiloStatus.Dead = 6) that stopped reporting before the given instant are removed.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM window_membership
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND i_am_alive_time < CAST(@IAmAliveTime AS timestamptz)
  AND status = 6
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
