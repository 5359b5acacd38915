using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChronusCrm.Grains.ReadModel;

/// <summary>How read-model documents and grain state are written as JSON.</summary>
public static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
