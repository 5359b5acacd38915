using ChronusCrm.Api.Problems;
using ChronusCrm.Grains.Abstractions.ReadModel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChronusCrm.Api.Paging;

/// <summary>The checks every listing makes of its limit and cursor.</summary>
public static class ListQuery
{
    public static ProblemHttpResult? Check(int? limit, string? cursor, out ListCursor? after)
    {
        after = null;
        if (limit is < 1 or > PageLinks.MaxLimit)
        {
            return ProblemResults.Invalid(
                "limit", "range", $"limit must be from 1 to {PageLinks.MaxLimit}");
        }

        if (cursor is not null && !ListCursor.TryParse(cursor, out after))
        {
            return ProblemResults.Invalid(
                "cursor", "format", "cursor must be a value taken from a Link header of this listing");
        }

        return null;
    }
}
