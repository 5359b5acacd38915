using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ChronusCrm.Api.Http;

/// <summary>
/// JSON answers serialised whole before they are sent, so that they carry a Content-Length and
/// leave in one write. ASP.NET's JSON results stream the body as a chunk and send the closing
/// chunk in a second write: a second system call, and a second packet for the client to read, on
/// every message the webhook takes.
/// </summary>
public static class WholeJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static async Task WriteAsync<TValue>(
        HttpContext context,
        int statusCode,
        TValue value,
        string? location)
    {
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value;
        var type = (JsonTypeInfo<TValue>)json.SerializerOptions.GetTypeInfo(typeof(TValue));
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    internal static void Describe<TValue>(EndpointBuilder builder, int statusCode) =>
        builder.Metadata.Add(
            new ProducesResponseTypeMetadata(statusCode, typeof(TValue), ["application/json"]));
}

/// <summary>202 Accepted, where the accepted thing can be found, and a JSON body; sent whole.</summary>
public sealed class AcceptedJson<TValue>(string location, TValue value)
    : IResult, IStatusCodeHttpResult, IValueHttpResult<TValue>, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status202Accepted;

    public TValue? Value => value;

    public Task ExecuteAsync(HttpContext httpContext) =>
        WholeJson.WriteAsync(httpContext, StatusCodes.Status202Accepted, value, location);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        WholeJson.Describe<TValue>(builder, StatusCodes.Status202Accepted);
}

/// <summary>200 OK and a JSON body; sent whole.</summary>
public sealed class OkJson<TValue>(TValue value)
    : IResult, IStatusCodeHttpResult, IValueHttpResult<TValue>, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public TValue? Value => value;

    public Task ExecuteAsync(HttpContext httpContext) =>
        WholeJson.WriteAsync(httpContext, StatusCodes.Status200OK, value, location: null);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        WholeJson.Describe<TValue>(builder, StatusCodes.Status200OK);
}
