using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace ChronusCrm.Api.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddChronusOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ChronusCRM API";
                document.Info.Description =
                    "Leads, customers and the unified inbox of ChronusCRM. Listings page with a "
                    + "`Link: <...>; rel=\"next\"` header; every error is an RFC 9457 problem body.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<SeedExamples>();
        });

    public static IEndpointRouteBuilder MapChronusDocs(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath).AllowAnonymous();

        // Scalar's script is served from the package itself, so the docs work offline.
        routes.MapScalarApiReference("/api/docs", options => options
            .WithTitle("ChronusCRM API")
            .DisableDefaultFonts()
            .WithOpenApiRoutePattern(DocumentPath))
            .AllowAnonymous();
        return routes;
    }
}
