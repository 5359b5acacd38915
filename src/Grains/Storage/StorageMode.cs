namespace ChronusCrm.Grains.Storage;

public enum StorageMode
{
    /// <summary>A SQLite file under the data directory: one process, nothing to install.</summary>
    Embedded,

    /// <summary>PostgreSQL: clustering, reminders, grain state and read models in one database.</summary>
    Postgres,
}
