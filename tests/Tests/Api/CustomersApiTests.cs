using System.Net;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Api;

/// <summary>The customers contract: the seed's array, keyset paging by Link header, the read model.</summary>
public abstract class CustomersApiTests(ChronusServer server)
{
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task A_converted_customer_shows_in_the_list_in_the_seed_shape()
    {
        var (customerId, email) = await ConvertNewLeadAsync("Acme Corp");

        var listed = await Http.EventuallyAsync(
            () => _client.GetArrayAsync($"/customers?search={Uri.EscapeDataString(email)}"),
            list => list.Count == 1,
            seconds: 5);

        var customer = Assert.Single(listed)!;
        Assert.Equal(customerId, customer.Str("id"));
        Assert.Equal("Acme Corp", customer.Str("name"));
        Assert.Equal(email, customer.Str("email"));
        Assert.Equal("ACTIVE", customer.Str("status"));
    }

    [Fact]
    public async Task The_list_pages_with_a_link_header_and_filters_by_status()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await ConvertNewLeadAsync($"Pager {tag} {i}")).CustomerId);
        }

        await Http.EventuallyAsync(() => _client.GetArrayAsync($"/customers?search={tag}"), l => l.Count == 3);

        var first = await _client.GetAsync($"/customers?search={tag}&limit=2&status=ACTIVE");
        var firstPage = (await first.ReadJsonAsync()).AsArray();
        var link = Assert.Single(first.Headers.GetValues("Link"));
        Assert.EndsWith("rel=\"next\"", link, StringComparison.Ordinal);

        var next = link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
        var second = await _client.GetAsync(next);
        var secondPage = (await second.ReadJsonAsync()).AsArray();
        Assert.False(second.Headers.Contains("Link"));

        var seen = firstPage.Concat(secondPage).Select(c => c!.Str("id"));
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);

        var churned = await _client.GetArrayAsync($"/customers?search={tag}&status=churned");
        Assert.Empty(churned);
    }

    [Fact]
    public async Task Unknown_customers_and_bad_parameters_are_problems()
    {
        await (await _client.GetAsync("/customers/cust-nobody")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/customers?limit=500")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await _client.GetAsync("/customers?status=GONE")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        var unreadable = await (await _client.GetAsync("/customers?limit=abc"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        Assert.Equal("limit must be a whole number", unreadable.Str("detail"));
    }

    private async Task<(string CustomerId, string Email)> ConvertNewLeadAsync(string name)
    {
        var email = Http.UniqueEmail("customer");
        var lead = await (await _client.PostJsonAsync("/leads", new { name, email })).ReadJsonAsync();
        var conversion = await (await _client.PostAsync($"/leads/{lead.Str("id")}/convert", null)).ReadJsonAsync();
        return (conversion.Str("customerId"), email);
    }
}

public sealed class EmbeddedCustomersApiTests(EmbeddedServerFixture fixture)
    : CustomersApiTests(fixture.Server), IClassFixture<EmbeddedServerFixture>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCustomersApiTests(PostgresServerFixture fixture)
    : CustomersApiTests(fixture.Server), IClassFixture<PostgresServerFixture>;
