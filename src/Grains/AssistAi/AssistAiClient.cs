using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChronusCrm.Grains.Abstractions.AssistAi;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ChronusCrm.Grains.AssistAi;

/// <summary>
/// AssistAI's REST API, read tolerantly: the vendor documents little, and fields have been seen under
/// more than one name. Retries, backoff, timeouts, the circuit breaker and the concurrency bound
/// come from the resilience pipeline the client is registered with (see <see cref="AssistAiSetup"/>).
/// </summary>
public sealed class AssistAiClient(HttpClient http)
{
    /// <summary>How many rows a list call asks for; the vendor's default is 10.</summary>
    public const int PageSize = 50;

    /// <summary>A safety stop for a list that never ends: at most this many pages are read.</summary>
    private const int MaxPages = 200;

    public async Task<AssistAiCheck> CheckAsync(AssistAiConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(connection, HttpMethod.Get, "agents?page=1&take=1", cancellationToken);
            return new AssistAiCheck(true, (int)response.StatusCode, null);
        }
        catch (AssistAiException exception)
        {
            return new AssistAiCheck(false, exception.StatusCode, exception.Message);
        }
    }

    public async Task<IReadOnlyList<RemoteAgent>> GetAgentsAsync(
        AssistAiConnection connection,
        CancellationToken cancellationToken)
    {
        var agents = new List<RemoteAgent>();
        await foreach (var item in ReadPagesAsync(connection, "agents", cancellationToken))
        {
            if (AssistAiJson.String(item, "code") is { } code)
            {
                agents.Add(new RemoteAgent
                {
                    Code = code,
                    Name = AssistAiJson.String(item, "name"),
                    Model = AssistAiJson.String(item, "model"),
                    Description = AssistAiJson.String(item, "description"),
                    CreatedAt = AssistAiJson.Time(item, "createdAt"),
                });
            }
        }

        return agents;
    }

    /// <summary>Conversations, newest activity first, one page at a time so the caller can stop early.</summary>
    public async IAsyncEnumerable<RemoteConversation> GetConversationsAsync(
        AssistAiConnection connection,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ReadPagesAsync(connection, "conversations?orderBy=lastMessageDate&order=DESC", cancellationToken))
        {
            if (RemoteConversation.From(item) is { } conversation)
            {
                yield return conversation;
            }
        }
    }

    /// <summary>A conversation's messages, newest first.</summary>
    public async IAsyncEnumerable<RemoteMessage> GetMessagesAsync(
        AssistAiConnection connection,
        string uuid,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = $"conversations/{Uri.EscapeDataString(uuid)}/messages?order=DESC";
        await foreach (var item in ReadPagesAsync(connection, path, cancellationToken))
        {
            if (RemoteMessage.From(item) is { } message)
            {
                yield return message;
            }
        }
    }

    /// <summary>
    /// Sends a message into a conversation, for AssistAI to relay to the customer. A human's message
    /// goes as an intervention, which tells AssistAI to pause its AI there. Answers AssistAI's id of
    /// the message when it gives one (as id, uuid, or inside data).
    /// </summary>
    public async Task<string?> SendMessageAsync(
        AssistAiConnection connection,
        string uuid,
        AssistAiOutgoing message,
        CancellationToken cancellationToken)
    {
        var body = JsonContent.Create(message, options: SendJson);
        using var response = await SendAsync(
            connection, HttpMethod.Post, $"conversations/{Uri.EscapeDataString(uuid)}/messages", cancellationToken, body);

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) ? d : root;
            return AssistAiJson.String(data, "id", "uuid") ?? AssistAiJson.String(root, "id", "uuid");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every item of a list, page after page: paging is read from <c>meta</c> when it says, else the
    /// list ends at the first page shorter than asked for.
    /// </summary>
    public async IAsyncEnumerable<JsonElement> ReadPagesAsync(
        AssistAiConnection connection,
        string path,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var page = 1; page <= MaxPages; page++)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"{path}{separator}page={page}&take={PageSize}");
            using var response = await SendAsync(connection, HttpMethod.Get, query, cancellationToken);
            using var document = await JsonDocument.ParseAsync(
                await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);

            var items = AssistAiJson.Items(document.RootElement);
            foreach (var item in items)
            {
                yield return item.Clone();
            }

            if (items.Count < PageSize || AssistAiJson.IsLastPage(document.RootElement, page))
            {
                yield break;
            }
        }
    }

    private static readonly JsonSerializerOptions SendJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private async Task<HttpResponseMessage> SendAsync(
        AssistAiConnection connection,
        HttpMethod method,
        string path,
        CancellationToken cancellationToken,
        HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Root(connection), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.ApiToken);
        request.Headers.Add("x-tenant-domain", connection.TenantDomain);
        request.Headers.Add("x-organization-code", connection.OrganizationCode);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException
            or BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AssistAiException(null, $"AssistAI did not answer: {exception.Message}", exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var detail = body.Length > 300 ? body[..300] : body;
            throw new AssistAiException((int)response.StatusCode, $"AssistAI answered {(int)response.StatusCode}: {detail}");
        }
    }

    /// <summary>The base URL with /api/v1/, whether or not the configured one ends with it.</summary>
    private static Uri Root(AssistAiConnection connection)
    {
        var root = connection.BaseUrl.TrimEnd('/');
        if (!root.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            root += "/api/v1";
        }

        return new Uri(root + "/");
    }
}
