using System.Text.Json;

namespace ChronusCrm.Grains.AssistAi;

/// <summary>Reads AssistAI's JSON without trusting its shape: absent, null or oddly typed fields read as null.</summary>
internal static class AssistAiJson
{
    public static IReadOnlyList<JsonElement> Items(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => [.. root.EnumerateArray()],
        JsonValueKind.Object when root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array =>
            [.. data.EnumerateArray()],
        _ => [],
    };

    /// <summary>True when <c>meta</c> says this page is the last (totalPages, pageCount or hasNextPage).</summary>
    public static bool IsLastPage(JsonElement root, int page)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("meta", out var meta)
            || meta.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (meta.TryGetProperty("hasNextPage", out var next) && next.ValueKind is JsonValueKind.False)
        {
            return true;
        }

        foreach (var name in new[] { "totalPages", "pageCount", "lastPage" })
        {
            if (meta.TryGetProperty(name, out var total) && total.TryGetInt32(out var pages))
            {
                return page >= pages;
            }
        }

        return false;
    }

    /// <summary>The first of <paramref name="names"/> that holds a string (or a number, as text).</summary>
    public static string? String(JsonElement item, params string[] names)
    {
        foreach (var name in names)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value))
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.String when value.GetString() is { Length: > 0 } text:
                        return text;
                    case JsonValueKind.Number:
                        return value.GetRawText();
                }
            }
        }

        return null;
    }

    public static DateTimeOffset? Time(JsonElement item, params string[] names) =>
        String(item, names) is { } text && DateTimeOffset.TryParse(
            text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}
