using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChronusCrm.Tests.Infrastructure;

public static class Http
{
    /// <summary>A client that shows redirects to the test instead of following them off the machine.</summary>
    public static HttpClient ClientFor(Uri address, string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }

    public static string UniqueEmail(string name = "person") => $"{name}.{Guid.NewGuid():N}@example.com";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> PostRawAsync(
        this HttpClient client,
        string path,
        string body,
        string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(contentType);
        return client.PostAsync(path, content);
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, object body) =>
        client.PatchAsync(path, JsonContent.Create(body));

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())
        ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>Asserts an RFC 9457 problem body with this status, naming this field when given.</summary>
    public static async Task<JsonNode> AssertProblemAsync(
        this HttpResponseMessage response,
        HttpStatusCode status,
        string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors?.ContainsKey(field) == true, $"The problem does not name '{field}': {text}");
        }

        return problem;
    }

    /// <summary>Polls until the condition holds; read models are fed asynchronously.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<JsonArray> GetArrayAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).AsArray();
    }

    public static string Str(this JsonNode node, string property) =>
        node[property]?.GetValue<string>() ?? throw new InvalidOperationException($"No '{property}' in {node.ToJsonString()}");

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
