-- ChronusCRM: Orleans ADO.NET schema for PostgreSQL 15+.
--
-- Covers clustering, reminders and grain storage for
-- Microsoft.Orleans.*.AdoNet 10.4.x (invariant "Npgsql").
-- Idempotent: run it on every start-up. Tables and indexes
-- are only created when missing; query rows are upserted so
-- that a newer version of this file replaces the query text.
--
-- Identifiers are unquoted, so PostgreSQL stores them in
-- lower case (OrleansStorage -> orleansstorage). The
-- providers read result columns by name, case-insensitively.
-- Timestamps are timestamptz: Npgsql sends the providers'
-- DateTime parameters (DbType.DateTime, Kind=Utc) as
-- timestamptz and reads them back as UTC.
--
-- Query texts are dollar-quoted ($q$ ... $q$) and contain
-- no semicolons, so the file runs as a single command with
-- Npgsql and as a script with psql.


-- Query catalogue. Each provider loads its statements from
-- here at start-up, keyed by the names the provider expects.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  VARCHAR(64) NOT NULL,
    QueryText TEXT        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);


-- ---------------------------------------------------------
-- Clustering
-- ---------------------------------------------------------

-- One row per cluster (DeploymentId = ClusterId). Version
-- is bumped by every membership change; a change is only
-- applied when the caller still holds the current version.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId VARCHAR(150) NOT NULL,
    Timestamp    TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    Version      INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable
        PRIMARY KEY (DeploymentId)
);

-- One row per silo instance (address, port, generation):
-- its status, liveness heartbeat and suspicion votes.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId VARCHAR(150)  NOT NULL,
    Address      VARCHAR(45)   NOT NULL,
    Port         INTEGER       NOT NULL,
    Generation   INTEGER       NOT NULL,
    SiloName     VARCHAR(150)  NOT NULL,
    HostName     VARCHAR(150)  NOT NULL,
    Status       INTEGER       NOT NULL,
    ProxyPort    INTEGER       NOT NULL,
    SuspectTimes VARCHAR(8000) NULL,
    StartTime    TIMESTAMPTZ   NOT NULL,
    IAmAliveTime TIMESTAMPTZ   NOT NULL,
    CONSTRAINT PK_OrleansMembershipTable
        PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version
        FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'InsertMembershipVersionKey',
    $q$
    WITH Created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT COUNT(*) > 0 AS Created FROM Created
    $q$
),
(
    'MembershipReadAllKey',
    $q$
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId
    $q$
),
(
    'MembershipReadRowKey',
    $q$
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address
        AND m.Port = @Port
        AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId
    $q$
),
(
    'GatewaysQueryKey',
    $q$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
        AND Status = @Status
        AND ProxyPort > 0
    $q$
),
(
    'InsertMembershipKey',
    $q$
    WITH Bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = NOW()
        WHERE DeploymentId = @DeploymentId
            AND Version = @Version
            AND NOT EXISTS (
                SELECT 1 FROM OrleansMembershipTable
                WHERE DeploymentId = @DeploymentId
                    AND Address = @Address
                    AND Port = @Port
                    AND Generation = @Generation)
        RETURNING DeploymentId
    ),
    Inserted AS (
        INSERT INTO OrleansMembershipTable
        (
            DeploymentId, Address, Port, Generation,
            SiloName, HostName, Status, ProxyPort,
            StartTime, IAmAliveTime
        )
        SELECT
            b.DeploymentId, @Address, @Port, @Generation,
            @SiloName, @HostName, @Status, @ProxyPort,
            @StartTime, @IAmAliveTime
        FROM Bumped b
        RETURNING 1
    )
    SELECT COUNT(*) > 0 AS Inserted FROM Inserted
    $q$
),
(
    'UpdateMembershipKey',
    $q$
    WITH Bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = NOW()
        WHERE DeploymentId = @DeploymentId
            AND Version = @Version
            AND EXISTS (
                SELECT 1 FROM OrleansMembershipTable
                WHERE DeploymentId = @DeploymentId
                    AND Address = @Address
                    AND Port = @Port
                    AND Generation = @Generation)
        RETURNING DeploymentId
    ),
    Updated AS (
        UPDATE OrleansMembershipTable m
        SET Status = @Status,
            SuspectTimes = @SuspectTimes,
            IAmAliveTime = @IAmAliveTime
        FROM Bumped b
        WHERE m.DeploymentId = b.DeploymentId
            AND m.Address = @Address
            AND m.Port = @Port
            AND m.Generation = @Generation
        RETURNING 1
    )
    SELECT COUNT(*) > 0 AS Updated FROM Updated
    $q$
),
(
    'UpdateIAmAlivetimeKey',
    $q$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId
        AND Address = @Address
        AND Port = @Port
        AND Generation = @Generation
    $q$
),
(
    'DeleteMembershipTableEntriesKey',
    $q$
    WITH Members AS (
        DELETE FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId
    )
    DELETE FROM OrleansMembershipVersionTable
    WHERE DeploymentId = @DeploymentId
    $q$
),
(
    'CleanupDefunctSiloEntriesKey',
    $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
        AND Status = 6
        AND IAmAliveTime < @IAmAliveTime
        AND StartTime < @IAmAliveTime
    $q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;


-- ---------------------------------------------------------
-- Reminders
-- ---------------------------------------------------------

-- Durable reminders: one row per (service, grain, name).
-- GrainHash places the row in the silo ring; Version is the
-- ETag checked when a reminder is removed.
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    VARCHAR(150) NOT NULL,
    GrainId      VARCHAR(512) NOT NULL,
    ReminderName VARCHAR(150) NOT NULL,
    StartTime    TIMESTAMPTZ  NOT NULL,
    Period       BIGINT       NOT NULL,
    GrainHash    INTEGER      NOT NULL,
    Version      INTEGER      NOT NULL,
    CONSTRAINT PK_OrleansRemindersTable
        PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'UpsertReminderRowKey',
    $q$
    INSERT INTO OrleansRemindersTable AS r
    (
        ServiceId, GrainId, ReminderName,
        StartTime, Period, GrainHash, Version
    )
    VALUES
    (
        @ServiceId, @GrainId, @ReminderName,
        @StartTime, @Period, @GrainHash, 0
    )
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
    SET StartTime = EXCLUDED.StartTime,
        Period = EXCLUDED.Period,
        GrainHash = EXCLUDED.GrainHash,
        Version = r.Version + 1
    RETURNING Version
    $q$
),
(
    'ReadReminderRowsKey',
    $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
        AND GrainId = @GrainId
    $q$
),
(
    'ReadReminderRowKey',
    $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
        AND GrainId = @GrainId
        AND ReminderName = @ReminderName
    $q$
),
(
    'ReadRangeRows1Key',
    $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
        AND GrainHash > @BeginHash
        AND GrainHash <= @EndHash
    $q$
),
(
    'ReadRangeRows2Key',
    $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
        AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
    $q$
),
(
    'DeleteReminderRowKey',
    $q$
    WITH Deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId
            AND GrainId = @GrainId
            AND ReminderName = @ReminderName
            AND Version = @Version
        RETURNING 1
    )
    SELECT COUNT(*) > 0 AS Deleted FROM Deleted
    $q$
),
(
    'DeleteReminderRowsKey',
    $q$
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
    $q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;


-- ---------------------------------------------------------
-- Grain storage
-- ---------------------------------------------------------

-- Grain state, one row per (service, state name, grain key).
-- GrainTypeString holds the state name the grain registered
-- (e.g. [PersistentState("lead")] -> 'lead'; Grain<T> uses
-- 'state'). The key is N0/N1 (integer or Guid keys) plus
-- GrainIdExtensionString (string keys and key extensions).
-- The two hashes narrow the index lookup. Version is the
-- ETag: each write or clear must present the current value.
-- ModifiedOn is set on every write or clear, for scans of
-- recently changed state.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER      NOT NULL,
    GrainIdN0              BIGINT       NOT NULL,
    GrainIdN1              BIGINT       NOT NULL,
    GrainTypeHash          INTEGER      NOT NULL,
    GrainTypeString        VARCHAR(512) NOT NULL,
    GrainIdExtensionString VARCHAR(512) NULL,
    ServiceId              VARCHAR(150) NOT NULL,
    PayloadBinary          BYTEA        NULL,
    ModifiedOn             TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    Version                INTEGER      NOT NULL
);

-- Lookup index (hashes first) and the guard that makes two
-- concurrent first writes of the same grain conflict.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage
    (
        GrainIdHash, GrainTypeHash, ServiceId,
        GrainTypeString, GrainIdN0, GrainIdN1,
        GrainIdExtensionString
    )
    NULLS NOT DISTINCT;

CREATE INDEX IF NOT EXISTS IX_OrleansStorage_ModifiedOn
    ON OrleansStorage (GrainTypeString, ModifiedOn);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey',
    $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId
        AND GrainTypeString = @GrainTypeString
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainIdExtensionString
            IS NOT DISTINCT FROM @GrainIdExtensionString
    $q$
),
(
    -- First write (no ETag) inserts Version 1; later writes
    -- must match the stored Version. No row is returned on a
    -- mismatch, which the provider reports as a conflict.
    'WriteToStorageKey',
    $q$
    WITH Updated AS (
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary,
            Version = Version + 1,
            ModifiedOn = NOW()
        WHERE GrainIdHash = @GrainIdHash
            AND GrainTypeHash = @GrainTypeHash
            AND ServiceId = @ServiceId
            AND GrainTypeString = @GrainTypeString
            AND GrainIdN0 = @GrainIdN0
            AND GrainIdN1 = @GrainIdN1
            AND GrainIdExtensionString
                IS NOT DISTINCT FROM @GrainIdExtensionString
            AND Version = @GrainStateVersion
        RETURNING Version
    ),
    Inserted AS (
        INSERT INTO OrleansStorage
        (
            GrainIdHash, GrainIdN0, GrainIdN1,
            GrainTypeHash, GrainTypeString,
            GrainIdExtensionString, ServiceId,
            PayloadBinary, ModifiedOn, Version
        )
        SELECT
            @GrainIdHash, @GrainIdN0, @GrainIdN1,
            @GrainTypeHash, @GrainTypeString,
            @GrainIdExtensionString, @ServiceId,
            @PayloadBinary, NOW(), 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version
    )
    SELECT Version AS NewGrainStateVersion FROM Updated
    UNION ALL
    SELECT Version FROM Inserted
    $q$
),
(
    -- Keeps the row (payload NULL) and bumps Version.
    'ClearStorageKey',
    $q$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        Version = Version + 1,
        ModifiedOn = NOW()
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId
        AND GrainTypeString = @GrainTypeString
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainIdExtensionString
            IS NOT DISTINCT FROM @GrainIdExtensionString
        AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion
    $q$
),
(
    -- Only used with DeleteStateOnClear = true. Returns the
    -- deleted Version + 1, as the provider expects.
    'DeleteStorageKey',
    $q$
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId
        AND GrainTypeString = @GrainTypeString
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainIdExtensionString
            IS NOT DISTINCT FROM @GrainIdExtensionString
        AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion
    $q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
