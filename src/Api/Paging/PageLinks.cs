using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace ChronusCrm.Api.Paging;

/// <summary>
/// Listings answer a bare JSON array, as the seed's customers example does, and point at the next
/// page with an RFC 8288 Link header that repeats the query with the new cursor.
/// </summary>
public static class PageLinks
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void AddNext(HttpContext context, string? nextCursor)
    {
        if (nextCursor is null)
        {
            return;
        }

        var request = context.Request;
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value);
        query["cursor"] = new StringValues(nextCursor);
        var builder = new QueryBuilder(query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))));
        var url = $"{request.PathBase}{request.Path}{builder}";
        context.Response.Headers.Append("Link", $"<{url}>; rel=\"next\"");
    }
}
