using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChronusCrm.Api.Security;

public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api-keys")
            .WithTags("API keys")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // Any secret key may mint keys, but only with scopes it holds itself.
        group.MapPost("", CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create a key; the answer shows the raw key once")
            .WithMetadata(new SecretResponse())
            .RequireAuthorization(SecurityConventions.Policy(ApiScopes.All.ToArray()));
        group.MapGet("", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List keys: prefix, scopes, creation and last use, never a raw key")
            .RequireScope(ApiScopes.Admin);
        group.MapDelete("/{id:maxlength(64)}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke a key at once, on every silo")
            .RequireScope(ApiScopes.Admin);

        return routes;
    }

    private static async Task<Results<Created<CreatedApiKeyView>, ProblemHttpResult>> CreateAsync(
        ApiKeyRequest request,
        HttpContext context,
        IGrainFactory grains,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var violations = RequestValidator.Validate(request);
        violations.AddRange(ApiKeyRules.Check(request, now));
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        if (context.User.IsBrowserKey() || !request.Scopes!.All(s => ApiScopes.Grants(context.User.Scopes(), s)))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "A key cannot mint a key with more than it has.",
                detail: "Every requested scope must be held by the key that asks, and browser keys mint none.");
        }

        var kind = request.AllowedOrigins is { Count: > 0 } ? ApiKeyKind.Browser : ApiKeyKind.Secret;
        var raw = ApiKeyFormat.NewRawKey(kind);
        var key = new ApiKey
        {
            Id = ApiKeyFormat.NewId(),
            Name = request.Name!.Trim(),
            Kind = kind,
            Prefix = raw[..ApiKeyFormat.ShownPrefixLength],
            Scopes = [.. request.Scopes!.Distinct()],
            AllowedOrigins = [.. (request.AllowedOrigins ?? []).Select(ApiKeyRules.NormalizeOrigin).Distinct()],
            RateLimitPerMinute = request.RateLimitPerMinute,
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt,
            CreatedBy = context.User.KeyId(),
            Digest = ApiKeyDigest.Of(raw),
        };

        // Listed first, usable second: a stop in between leaves a listed key nobody can use.
        await grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.Key).AddAsync(key, cancellationToken);
        await grains.GetGrain<IApiKeyGrain>(key.Digest).CreateAsync(key, cancellationToken);

        return TypedResults.Created($"/api-keys/{key.Id}", new CreatedApiKeyView(raw, ToView(key)));
    }

    private static async Task<Ok<ApiKeyView[]>> ListAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var keys = await grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.Key).ListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(ToView).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id,
        IGrainFactory grains,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.Key);
        var key = (await registry.ListAsync(cancellationToken)).FirstOrDefault(k => k.Id == id);
        if (key is null)
        {
            return ProblemResults.NotFound("API key", id);
        }

        // Unusable first, shown as revoked second: a stop in between errs on the safe side.
        var now = clock.GetUtcNow();
        await grains.GetGrain<IApiKeyGrain>(key.Digest).RevokeAsync(now, cancellationToken);
        await registry.MarkRevokedAsync(id, now, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ApiKeyView ToView(ApiKey key) => new(
        key.Id,
        key.Name,
        key.Kind == ApiKeyKind.Browser ? "browser" : "secret",
        key.Prefix,
        key.Scopes,
        key.AllowedOrigins,
        key.RateLimitPerMinute,
        key.CreatedAt,
        key.ExpiresAt,
        key.LastUsedAt,
        key.RevokedAt);
}
