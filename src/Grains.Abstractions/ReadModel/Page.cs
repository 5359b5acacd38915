namespace ChronusCrm.Grains.Abstractions.ReadModel;

/// <summary>One page of a listing and the cursor of the next, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
