using ChronusCrm.Grains.Storage;

namespace ChronusCrm.Silo.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ChronusCRM storage: {Mode}, data in {Location}")]
    public static partial void StorageMode(ILogger logger, StorageMode mode, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema at version {Version}")]
    public static partial void SchemaReady(ILogger logger, int version);
}
