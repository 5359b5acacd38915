using System.Data.Common;
using ChronusCrm.Grains.Abstractions.ReadModel;

namespace ChronusCrm.Grains.Storage;

/// <summary>Ready means the database answers a trivial query within the probe's time.</summary>
public sealed class DatabaseHealth(ChronusDatabase database) : IStorageHealth
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT 1");
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
        catch (DbException)
        {
            return false;
        }
    }
}
