using System.Security.Cryptography;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Security;
using ChronusCrm.Grains.Abstractions.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ChronusCrm.Api.Idempotency;

/// <summary>
/// Makes a POST that carries an Idempotency-Key safe to retry: the first successful answer is
/// stored by the key's grain and replayed for a retry with the same body; the same key with
/// another body is refused. Failed attempts are forgotten, so that a retry runs again.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, IProblemDetailsService problems)
{
    public const string HeaderName = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "The Idempotency-Key is not valid.",
                $"{HeaderName} must be 1 to {MaxKeyLength} characters.");
            return;
        }

        var hash = await HashBodyAsync(context.Request);
        var caller = context.User.Identity?.Name ?? "anonymous";
        var grain = grains.GetGrain<IIdempotencyGrain>(GrainKey(caller, context.Request.Path, key));
        var decision = await grain.BeginAsync(hash, context.RequestAborted);

        switch (decision.Verdict)
        {
            case IdempotencyVerdict.Replay:
                await ReplayAsync(context, decision.Response!);
                return;
            case IdempotencyVerdict.Mismatch:
                await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity,
                    "The Idempotency-Key was used with another request.",
                    "Use a new key for a new request; reuse a key only to retry the very same request.");
                return;
            case IdempotencyVerdict.InFlight:
                await WriteProblemAsync(context, StatusCodes.Status409Conflict,
                    "A request with this Idempotency-Key is still running.",
                    "Retry after it has finished to receive its answer.");
                return;
            default:
                await RunOnceAsync(context, grain, hash);
                return;
        }
    }

    private async Task RunOnceAsync(HttpContext context, IIdempotencyGrain grain, string hash)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await grain.AbandonAsync(hash);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode < StatusCodes.Status400BadRequest)
        {
            var secret = context.GetEndpoint()?.Metadata.GetMetadata<SecretResponse>() is not null;
            await grain.CompleteAsync(hash, new StoredResponse
            {
                StatusCode = response.StatusCode,
                ContentType = response.ContentType,
                Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                Body = secret ? [] : buffer.ToArray(),
                WithheldSecret = secret,
            });
        }
        else
        {
            await grain.AbandonAsync(hash);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// A key per caller, route and Idempotency-Key, digested: the client's key may be long or
    /// carry personal data, and grain keys appear in logs and in a bounded storage column.
    /// </summary>
    private static string GrainKey(string caller, PathString path, string key)
    {
        var digest = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{caller}\n{path}\n{key}"));
        return "idem-" + Convert.ToHexStringLower(digest);
    }

    private static async Task<string> HashBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.ContentType}\n"));

        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        if (stored.WithheldSecret)
        {
            response.Headers.Location = stored.Location;
            await ProblemWriter.WriteAsync(
                context,
                StatusCodes.Status409Conflict,
                "The first request with this Idempotency-Key succeeded.",
                "Its answer held a secret that is shown only once and never stored; the Location header "
                + "names what it created.");
            return;
        }

        response.StatusCode = stored.StatusCode;
        response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        response.Headers["Idempotent-Replayed"] = "true";
        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new()
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
