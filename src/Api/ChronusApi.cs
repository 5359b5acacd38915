using System.Text.Json;
using System.Text.Json.Serialization;
using ChronusCrm.Api.AssistAi;
using ChronusCrm.Api.Customers;
using ChronusCrm.Api.Health;
using ChronusCrm.Api.Idempotency;
using ChronusCrm.Api.Inbox;
using ChronusCrm.Api.Leads;
using ChronusCrm.Api.OpenApi;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Api;

/// <summary>The HTTP surface of ChronusCRM: its services, its middleware and its endpoint groups.</summary>
public static class ChronusApi
{
    /// <summary>Deep enough for any payload we take, shallow enough to refuse a nesting attack.</summary>
    private const int MaxJsonDepth = 32;

    public static IServiceCollection AddChronusApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = StatusProblems.Describe);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.MaxDepth = MaxJsonDepth;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper));
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddHealthChecks().AddChronusHealthChecks();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<InboxFeed>();
        services.AddSingleton(s => new SenderConversations(s.GetRequiredService<IGrainFactory>(), 16_384));
        services.AddChronusSecurity();
        services.AddChronusOpenApi();
        return services;
    }

    public static WebApplication UseChronusApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHealthApi();
        app.MapChronusDocs();
        app.MapApiKeysApi();
        app.MapLeadsApi();
        app.MapLeadWebhookApi();
        app.MapCustomersApi();
        app.MapMessageWebhookApi();
        app.MapConversationsApi();
        app.MapInboxEventsApi();
        app.MapAssistAiApi();
        return app;
    }

    private static IServiceCollection AddChronusSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName,
                options => options.ForwardDefaultSelector = WebhookSignatureHandler.ForwardSigned)
            .AddScheme<AuthenticationSchemeOptions, WebhookSignatureHandler>(
                WebhookSignatureHandler.SchemeName, null);

        // Every endpoint needs a key unless it says otherwise: a new endpoint is closed by default.
        // Policies name no scheme: the principal the authentication middleware made is the one
        // they judge, rather than a second principal per policy merged from its schemes.
        services.AddAuthorizationBuilder().SetFallbackPolicy(
            new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, BrowserFormCors>();
        services.AddHostedService<ApiKeyBootstrap>();
        return services;
    }
}
