using System.Data.Common;

namespace ChronusCrm.Grains.Storage;

/// <summary>Binds a named parameter in one call, for either storage mode.</summary>
public static class DbCommandExtensions
{
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
