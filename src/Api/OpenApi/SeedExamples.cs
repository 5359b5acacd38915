using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChronusCrm.Api.OpenApi;

/// <summary>Puts the seed contract's example payloads on the operations they document.</summary>
internal sealed class SeedExamples : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> RequestExamples = new()
    {
        ["CreateLead"] = """
            { "name": "Jane Doe", "email": "jane@example.com", "company": "Tech Inc",
              "value": 1500, "notes": "Interested in Premium Plan", "source": "API" }
            """,
        ["IncomingLeadWebhook"] = """
            { "name": "John Smith", "email": "john@test.com", "company": "Web Design Co",
              "notes": "Submitted from Contact Form" }
            """,
    };

    private static readonly Dictionary<string, string> ResponseExamples = new()
    {
        ["ListCustomers"] = """
            [ { "id": "cust-123", "name": "Acme Corp", "email": "contact@acme.com", "status": "ACTIVE" } ]
            """,
    };

    public Task TransformAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var name = operation.OperationId;
        if (name is null)
        {
            return Task.CompletedTask;
        }

        if (RequestExamples.TryGetValue(name, out var request)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = JsonNode.Parse(request);
        }

        if (ResponseExamples.TryGetValue(name, out var response)
            && operation.Responses?.TryGetValue("200", out var ok) == true
            && ok.Content?.TryGetValue("application/json", out var content) == true)
        {
            content.Example = JsonNode.Parse(response);
        }

        return Task.CompletedTask;
    }
}
