using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChronusCrm.Bench.Baseline;

public sealed record MessageIn(string From, string Content, string Platform, string? ExternalId);

public sealed record MessageOut(string MessageId, string ConversationId, long Sequence);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MessageIn))]
[JsonSerializable(typeof(MessageOut))]
internal sealed partial class BaselineJson : JsonSerializerContext;
