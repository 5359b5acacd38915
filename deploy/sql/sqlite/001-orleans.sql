-- ChronusCRM: Orleans ADO.NET grain storage schema for SQLite.
--
-- For Microsoft.Orleans.Persistence.AdoNet 10.4.x with the
-- invariant "System.Data.SQLite" (Orleans maps that name to
-- Microsoft.Data.Sqlite's SqliteFactory). Clustering and
-- reminders are not stored in SQLite.
--
-- Idempotent: run it on every start-up. Tables and indexes
-- are only created when missing; query rows are upserted so
-- that a newer version of this file replaces the query text.
-- Needs SQLite 3.35+ (RETURNING).
--
-- ModifiedOn is UTC text 'YYYY-MM-DD HH:MM:SS.SSS', which
-- sorts in time order and reads back as a DateTime.
-- Inside the quoted query texts a quote is written twice
-- (''now'').


-- Query catalogue. The storage provider loads its statements
-- from here at start-up, keyed by the names it expects.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL,
    QueryText TEXT NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);


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
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NOT NULL
);

-- Lookup index (hashes first). SQLite treats NULLs in a
-- unique index as distinct, so the write query also checks
-- NOT EXISTS; SQLite runs one writer at a time.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage
    (
        GrainIdHash, GrainTypeHash, ServiceId,
        GrainTypeString, GrainIdN0, GrainIdN1,
        GrainIdExtensionString
    );

CREATE INDEX IF NOT EXISTS IX_OrleansStorage_ModifiedOn
    ON OrleansStorage (GrainTypeString, ModifiedOn);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey',
    '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId
        AND GrainTypeString = @GrainTypeString
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainIdExtensionString IS @GrainIdExtensionString;
    '
),
(
    -- With an ETag: update when Version matches. Without one:
    -- insert Version 1 unless the row exists. A mismatch
    -- returns no row, which the provider reports as a
    -- conflict. Only one of the two statements can act.
    'WriteToStorageKey',
    '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        Version = Version + 1,
        ModifiedOn = STRFTIME(''%Y-%m-%d %H:%M:%f'', ''now'')
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId
        AND GrainTypeString = @GrainTypeString
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainIdExtensionString IS @GrainIdExtensionString
        AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;

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
        @PayloadBinary,
        STRFTIME(''%Y-%m-%d %H:%M:%f'', ''now''), 1
    WHERE @GrainStateVersion IS NULL
        AND NOT EXISTS (
            SELECT 1 FROM OrleansStorage
            WHERE GrainIdHash = @GrainIdHash
                AND GrainTypeHash = @GrainTypeHash
                AND ServiceId = @ServiceId
                AND GrainTypeString = @GrainTypeString
                AND GrainIdN0 = @GrainIdN0
                AND GrainIdN1 = @GrainIdN1
                AND GrainIdExtensionString
                    IS @GrainIdExtensionString)
    ON CONFLICT DO NOTHING
    RETURNING Version AS NewGrainStateVersion;
    '
),
(
    -- Keeps the row (payload NULL) and bumps Version.
    'ClearStorageKey',
    '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        Version = Version + 1,
        ModifiedOn = STRFTIME(''%Y-%m-%d %H:%M:%f'', ''now'')
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId
        AND GrainTypeString = @GrainTypeString
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainIdExtensionString IS @GrainIdExtensionString
        AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
    '
),
(
    -- Only used with DeleteStateOnClear = true. Returns the
    -- deleted Version + 1, as the provider expects.
    'DeleteStorageKey',
    '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId
        AND GrainTypeString = @GrainTypeString
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainIdExtensionString IS @GrainIdExtensionString
        AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
    '
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
