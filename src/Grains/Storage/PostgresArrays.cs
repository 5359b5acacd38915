using Npgsql;
using NpgsqlTypes;

namespace ChronusCrm.Grains.Storage;

internal static class PostgresArrays
{
    /// <summary>A whole column as one array parameter, for <c>INSERT … SELECT * FROM unnest(…)</c>.</summary>
    public static NpgsqlParameter Of<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values.ToArray() };
}
