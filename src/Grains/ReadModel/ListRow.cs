namespace ChronusCrm.Grains.ReadModel;

/// <summary>One entity as a listing table stores it: sort keys, filter columns and the JSON document.</summary>
internal sealed record ListRow(
    string Id,
    long Version,
    long CreatedAtTicks,
    IReadOnlyList<string?> Filters,
    string SearchText,
    string Document);
