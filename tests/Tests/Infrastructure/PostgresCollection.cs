namespace ChronusCrm.Tests.Infrastructure;

/// <summary>
/// PostgreSQL test classes run one after another: the machine has two cores and each class
/// starts a silo of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection
{
    public const string Name = "PostgreSQL";
}
