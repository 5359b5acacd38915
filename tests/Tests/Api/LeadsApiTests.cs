using System.Net;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Api;

/// <summary>The leads contract over real HTTP; run once per storage mode by the classes below.</summary>
public abstract class LeadsApiTests(ChronusServer server)
{
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task Create_with_the_seed_payload_answers_201_with_location_and_the_lead()
    {
        var email = Http.UniqueEmail("jane");
        var response = await _client.PostJsonAsync("/leads", new
        {
            name = "Jane Doe",
            email,
            company = "Tech Inc",
            value = 1500,
            notes = "Interested in Premium Plan",
            source = "API",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lead = await response.ReadJsonAsync();
        Assert.Equal($"/leads/{lead.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal("Jane Doe", lead.Str("name"));
        Assert.Equal(email, lead.Str("email"));
        Assert.Equal("Tech Inc", lead.Str("company"));
        Assert.Equal(1500m, lead["value"]!.GetValue<decimal>());
        Assert.Equal("Interested in Premium Plan", lead.Str("notes"));
        Assert.Equal("API", lead.Str("source"));
        Assert.Equal("NEW", lead.Str("status"));
        Assert.False(lead["merged"]!.GetValue<bool>());
        Assert.Equal(lead.Str("createdAt"), lead.Str("updatedAt"));

        var fetched = await (await _client.GetAsync(response.Headers.Location)).ReadJsonAsync();
        Assert.Equal(lead.Str("id"), fetched.Str("id"));
    }

    [Fact]
    public async Task Webhook_takes_the_seed_json_and_records_the_webhook_as_source()
    {
        var response = await _client.PostJsonAsync("/webhooks/leads/incoming", new
        {
            name = "John Smith",
            email = Http.UniqueEmail("john"),
            company = "Web Design Co",
            notes = "Submitted from Contact Form",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lead = await response.ReadJsonAsync();
        Assert.Equal("WEBHOOK", lead.Str("source"));
        Assert.Equal("Web Design Co", lead.Str("company"));
    }

    [Fact]
    public async Task Webhook_form_post_with_redirect_answers_303_to_the_thank_you_page()
    {
        var email = Http.UniqueEmail("form");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Form Person",
            ["email"] = email,
            ["value"] = "250.5",
            ["redirect"] = "https://landing.example.com/thanks",
        });

        var response = await _client.PostAsync("/webhooks/leads/incoming", form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://landing.example.com/thanks", response.Headers.Location?.AbsoluteUri);
        var again = await _client.PostJsonAsync("/leads", new { name = "Form Person", email });
        var lead = await again.ReadJsonAsync();
        Assert.True(lead["merged"]!.GetValue<bool>());
        Assert.Equal(250.5m, lead["value"]!.GetValue<decimal>());
        Assert.Equal("WEBHOOK", lead.Str("source"));
    }

    [Fact]
    public async Task Webhook_multipart_form_without_redirect_answers_json()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Multi Part"), "name" },
            { new StringContent(Http.UniqueEmail("multi")), "email" },
            { new StringContent("Acme"), "company" },
        };

        var response = await _client.PostAsync("/webhooks/leads/incoming", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lead = await response.ReadJsonAsync();
        Assert.Equal("Acme", lead.Str("company"));
    }

    [Fact]
    public async Task Webhook_form_with_an_invalid_field_answers_a_problem_not_a_redirect()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Bad Form",
            ["email"] = "not-an-email",
            ["redirect"] = "https://landing.example.com/thanks",
        });

        var response = await _client.PostAsync("/webhooks/leads/incoming", form);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task A_repeat_submission_of_the_same_email_merges_into_the_open_lead()
    {
        var email = Http.UniqueEmail("repeat");
        var first = await (await _client.PostJsonAsync("/leads", new { name = "First", email })).ReadJsonAsync();

        var response = await _client.PostJsonAsync("/webhooks/leads/incoming", new
        {
            name = "Second",
            email = $"  {email.ToUpperInvariant()} ",
            company = "Later Co",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var merged = await response.ReadJsonAsync();
        Assert.True(merged["merged"]!.GetValue<bool>());
        Assert.Equal(first.Str("id"), merged.Str("id"));
        Assert.Equal("Later Co", merged.Str("company"));

        var lead = await (await _client.GetAsync($"/leads/{first.Str("id")}")).ReadJsonAsync();
        var history = lead["history"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal("WEBHOOK", history[1]!.Str("source"));
    }

    [Fact]
    public async Task Thirty_concurrent_submissions_of_one_email_make_one_lead()
    {
        var email = Http.UniqueEmail("burst");
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            _client.PostJsonAsync("/webhooks/leads/incoming", new { name = $"Burst {i}", email })));

        var leads = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        Assert.Single(leads.Select(l => l.Str("id")).Distinct());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(29, responses.Count(r => r.StatusCode == HttpStatusCode.OK));

        var lead = await (await _client.GetAsync($"/leads/{leads[0].Str("id")}")).ReadJsonAsync();
        Assert.Equal(30, lead["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task List_filters_by_status_source_and_search_and_pages_with_a_link_header()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var created = await _client.PostJsonAsync("/leads", new
            {
                name = $"Pager {i}",
                email = Http.UniqueEmail("pager"),
                company = $"Company {tag}",
                source = $"src-{tag}",
            });
            ids.Add((await created.ReadJsonAsync()).Str("id"));
        }

        await _client.PatchJsonAsync($"/leads/{ids[0]}", new { status = "CONTACTED" });

        var all = await Http.EventuallyAsync(
            () => _client.GetArrayAsync($"/leads?search={tag}&limit=200"), a => a.Count == 5);
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Select(l => l!.Str("id")));

        var contacted = await Http.EventuallyAsync(
            () => _client.GetArrayAsync($"/leads?source=src-{tag}&status=contacted"), a => a.Count == 1);
        Assert.Equal(ids[0], Assert.Single(contacted)!.Str("id"));

        var seen = new List<string>();
        var next = $"/leads?search={tag.ToUpperInvariant()}&limit=2";
        while (next is not null)
        {
            var page = await _client.GetAsync(next);
            seen.AddRange((await page.ReadJsonAsync()).AsArray().Select(l => l!.Str("id")));
            next = page.Headers.TryGetValues("Link", out var links) ? ParseNext(links.Single()) : null;
        }

        Assert.Equal(all.Select(l => l!.Str("id")), seen);
    }

    [Fact]
    public async Task Patch_changes_fields_and_refuses_a_senseless_transition_naming_the_allowed_ones()
    {
        var created = await (await _client.PostJsonAsync("/leads", new
        {
            name = "Patchy",
            email = Http.UniqueEmail("patch"),
        })).ReadJsonAsync();
        var path = $"/leads/{created.Str("id")}";

        var patched = await _client.PatchJsonAsync(path, new { company = "New Co", value = 99.5, status = "CONTACTED" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var lead = await patched.ReadJsonAsync();
        Assert.Equal("New Co", lead.Str("company"));
        Assert.Equal("CONTACTED", lead.Str("status"));
        Assert.Equal("Patchy", lead.Str("name"));

        var refused = await _client.PatchJsonAsync(path, new { status = "NEGOTIATION" });
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        var allowed = problem["allowedStatuses"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(["QUALIFIED", "LOST"], allowed);

        var unchanged = await (await _client.GetAsync(path)).ReadJsonAsync();
        Assert.Equal("CONTACTED", unchanged.Str("status"));

        var unknown = await _client.PatchJsonAsync(path, new { status = "MAYBE" });
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task Convert_makes_an_active_customer_marks_the_lead_won_and_twice_answers_the_same()
    {
        var created = await (await _client.PostJsonAsync("/leads", new
        {
            name = "Convertible",
            email = Http.UniqueEmail("convert"),
            company = "Convert Co",
        })).ReadJsonAsync();
        var id = created.Str("id");

        var first = await (await _client.PostAsync($"/leads/{id}/convert", null)).ReadJsonAsync();
        var second = await (await _client.PostAsync($"/leads/{id}/convert", null)).ReadJsonAsync();

        var customerId = first.Str("customerId");
        Assert.Equal(customerId, second.Str("customerId"));
        Assert.Equal("WON", first["lead"]!.Str("status"));

        var customer = await (await _client.GetAsync($"/customers/{customerId}")).ReadJsonAsync();
        Assert.Equal("ACTIVE", customer.Str("status"));
        Assert.Equal("Convertible", customer.Str("name"));
        Assert.Equal(id, customer.Str("leadId"));
    }

    [Fact]
    public async Task A_submission_after_the_lead_was_won_opens_a_new_lead()
    {
        var email = Http.UniqueEmail("again");
        var won = await (await _client.PostJsonAsync("/leads", new { name = "Again", email })).ReadJsonAsync();
        await _client.PostAsync($"/leads/{won.Str("id")}/convert", null);

        var response = await _client.PostJsonAsync("/leads", new { name = "Again", email });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(won.Str("id"), (await response.ReadJsonAsync()).Str("id"));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_answer_and_refuses_another_body()
    {
        var key = Guid.NewGuid().ToString();
        var email = Http.UniqueEmail("idem");
        var body = $$"""{"name":"Idem","email":"{{email}}"}""";

        var first = await SendWithKeyAsync(key, body);
        var retry = await SendWithKeyAsync(key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);

        var lead = await (await _client.GetAsync(first.Headers.Location)).ReadJsonAsync();
        Assert.Single(lead["history"]!.AsArray());

        var other = await SendWithKeyAsync(key, $$"""{"name":"Other","email":"{{email}}"}""");
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("""{"email":"x@example.com"}""", "name")]
    [InlineData("""{"name":"No Email"}""", "email")]
    [InlineData("""{"name":"Bad","email":"not-an-email"}""", "email")]
    [InlineData("""{"name":"Bad","email":"a@b"}""", "email")]
    [InlineData("""{"name":"Neg","email":"neg@example.com","value":-1}""", "value")]
    [InlineData("""{"name":"Text","email":"text@example.com","value":"lots"}""", "value")]
    [InlineData("""{"name":"Long","email":"long@example.com","company":"LONG"}""", "company")]
    [InlineData("""{"name":"Malformed","email":""", "email")]
    [InlineData("""[1,2,3]""", "$")]
    public async Task Bad_input_answers_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var email = Http.UniqueEmail("bad");
        body = body.Replace("LONG", new string('x', 300), StringComparison.Ordinal)
            .Replace("x@example.com", email, StringComparison.Ordinal)
            .Replace("neg@example.com", email, StringComparison.Ordinal)
            .Replace("text@example.com", email, StringComparison.Ordinal)
            .Replace("long@example.com", email, StringComparison.Ordinal);

        var response = await _client.PostRawAsync("/leads", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        var afterwards = await _client.PostJsonAsync("/leads", new { name = "Valid", email });
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_with_400()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var response = await _client.PostRawAsync("/leads", $$"""{"name":"Deep","email":"d@example.com","x":{{deep}}}""");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415_and_an_oversized_body_is_413()
    {
        var wrongType = await _client.PostRawAsync("/leads", "name=x", "text/plain");
        await wrongType.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var webhookWrongType = await _client.PostRawAsync("/webhooks/leads/incoming", "<lead/>", "application/xml");
        await webhookWrongType.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var huge = $$"""{"name":"Huge","email":"h@example.com","notes":"{{new string('n', 100_000)}}"}""";
        var tooLarge = await _client.PostRawAsync("/leads", huge);
        await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_unknown_lead_is_a_404_problem_and_bad_list_parameters_are_400()
    {
        await (await _client.GetAsync("/leads/lead-nope")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PatchJsonAsync("/leads/lead-nope", new { name = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsync("/leads/lead-nope/convert", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/leads?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await _client.GetAsync("/leads?status=SOMEDAY")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await _client.GetAsync("/leads?cursor=%%%")).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    private Task<HttpResponseMessage> SendWithKeyAsync(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/leads")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return _client.SendAsync(request);
    }

    private static string? ParseNext(string link)
    {
        var start = link.IndexOf('<', StringComparison.Ordinal) + 1;
        var end = link.IndexOf('>', StringComparison.Ordinal);
        return link.Contains("rel=\"next\"", StringComparison.Ordinal) ? link[start..end] : null;
    }
}

public sealed class EmbeddedLeadsApiTests(EmbeddedServerFixture fixture)
    : LeadsApiTests(fixture.Server), IClassFixture<EmbeddedServerFixture>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresLeadsApiTests(PostgresServerFixture fixture)
    : LeadsApiTests(fixture.Server), IClassFixture<PostgresServerFixture>;
