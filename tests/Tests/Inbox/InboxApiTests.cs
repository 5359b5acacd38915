using System.Net;
using ChronusCrm.Grains.Inbox;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Inbox;

/// <summary>The unified inbox over real HTTP; run once per storage mode by the classes below.</summary>
public abstract class InboxApiTests(ChronusServer server)
{
    private const string Webhook = "/webhooks/messages/incoming";
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task The_seed_payload_is_accepted_with_its_ids_and_shows_in_the_inbox()
    {
        var phone = UniquePhone();
        var response = await _client.PostJsonAsync(Webhook, new
        {
            from = phone,
            content = "Hello, I need support with my invoice.",
            platform = "whatsapp",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        Assert.StartsWith("msg-", accepted.Str("messageId"), StringComparison.Ordinal);
        Assert.Equal(1, accepted["sequence"]!.GetValue<long>());
        var id = accepted.Str("conversationId");
        Assert.Equal($"/conversations/{id}", response.Headers.Location?.OriginalString);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.True(response.Content.Headers.ContentLength > 0);

        var listed = await Http.EventuallyAsync(
            () => _client.GetArrayAsync("/conversations?platform=whatsapp&limit=200"),
            list => list.Any(c => c!.Str("id") == id));
        var conversation = listed.Single(c => c!.Str("id") == id)!;
        Assert.Equal("Hello, I need support with my invoice.", conversation.Str("preview"));
        Assert.Equal(1, conversation["unreadCount"]!.GetValue<long>());
        Assert.Equal("open", conversation.Str("status"));
        Assert.Equal(phone, conversation.Str("sender"));
    }

    [Fact]
    public async Task Spellings_of_one_phone_number_are_one_conversation()
    {
        var digits = UniquePhone()[1..];
        var spelled = $"+{digits[0]} ({digits[1..4]}) {digits[4..7]}-{digits[7..]}";

        var ids = new List<string>();
        foreach (var from in new[] { "+" + digits, spelled, digits })
        {
            var accepted = await (await _client.PostJsonAsync(Webhook, new { from, content = "hi", platform = "sms" }))
                .ReadJsonAsync();
            ids.Add(accepted.Str("conversationId"));
        }

        Assert.Single(ids.Distinct());
        var conversation = await (await _client.GetAsync($"/conversations/{ids[0]}")).ReadJsonAsync();
        Assert.Equal("+" + digits, conversation.Str("sender"));
        Assert.Equal(3, conversation["lastSequence"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("""{"from":"not a number","content":"x","platform":"whatsapp"}""", 400, "from")]
    [InlineData("""{"from":"+1","content":"x","platform":"sms"}""", 400, "from")]
    [InlineData("""{"from":"+15550123456","content":"x","platform":"telegram"}""", 400, "platform")]
    [InlineData("""{"from":"+15550123456","platform":"whatsapp"}""", 400, "content")]
    [InlineData("""{"content":"x","platform":"whatsapp"}""", 400, "from")]
    [InlineData("""{"from":"no spaces allowed!","content":"x","platform":"instagram"}""", 400, "from")]
    [InlineData("""{"from":"+15550123456","content":"x","platform":"whatsapp","timestamp":"yesterday"}""", 400, "timestamp")]
    [InlineData("""{"from":"+15550123456","content":"x","platform":"sms","mediaUrl":"javascript:alert(1)"}""", 400, "mediaUrl")]
    [InlineData("""{"from":"+15550123456","content":"x","platform":"sms","mediaUrl":"/uploads/a.jpg"}""", 400, "mediaUrl")]
    public async Task Bad_messages_are_refused_naming_the_field(string body, int status, string field)
    {
        var response = await _client.PostRawAsync(Webhook, body);

        await response.AssertProblemAsync((HttpStatusCode)status, field);
    }

    [Theory]
    [InlineData("[1,2]", "The body must be a JSON object.")]
    [InlineData("\"hello\"", "The body must be a JSON object.")]
    [InlineData("not json", "The body is not valid JSON.")]
    public async Task A_body_that_is_not_a_json_object_is_refused_saying_which_it_is(string body, string detail)
    {
        var response = await _client.PostRawAsync(Webhook, body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "$");

        Assert.Equal(detail, problem.Str("detail"));
    }

    [Fact]
    public async Task Content_over_the_bound_is_413_and_unknown_platforms_name_the_allowed_ones()
    {
        var tooLong = await _client.PostJsonAsync(Webhook, new
        {
            from = UniquePhone(),
            content = new string('x', 5000),
            platform = "whatsapp",
        });
        var problem = await tooLong.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("content", problem.Str("field"));

        var unknown = await _client.PostJsonAsync(Webhook, new { from = UniquePhone(), content = "x", platform = "fax" });
        var detail = (await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "platform")).Str("detail");
        Assert.Contains("whatsapp, instagram, sms", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_external_id_answers_200_with_the_original_ids_and_stores_nothing()
    {
        var phone = UniquePhone();
        var first = await (await Push(phone, "original", "wamid.A")).ReadJsonAsync();

        var retry = await Push(phone, "original", "wamid.A");
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Push(phone, "original", "wamid.A")));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var again = await retry.ReadJsonAsync();
        Assert.Equal(first.Str("messageId"), again.Str("messageId"));
        Assert.Equal(1, again["sequence"]!.GetValue<long>());
        Assert.True(again["duplicate"]!.GetValue<bool>());
        Assert.All(concurrent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var history = await _client.GetArrayAsync($"/conversations/{first.Str("conversationId")}/messages");
        Assert.Single(history);
    }

    [Fact]
    public async Task A_blank_external_id_or_name_counts_as_none_so_no_message_is_taken_for_a_retry()
    {
        var phone = UniquePhone();
        var first = await Push(phone, "first", "");
        var second = await _client.PostJsonAsync(Webhook, new
        {
            from = phone,
            content = "second",
            platform = "whatsapp",
            externalId = "   ",
            name = " ",
        });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var id = (await second.ReadJsonAsync()).Str("conversationId");
        var history = await _client.GetArrayAsync($"/conversations/{id}/messages");
        Assert.Equal(["first", "second"], history.Select(m => m!.Str("content")));
        Assert.All(history, m => Assert.Null(m!["externalId"]));
        Assert.All(history, m => Assert.Null(m!["authorName"]));
    }

    [Fact]
    public async Task A_retry_older_than_the_ids_a_conversation_keeps_in_memory_is_still_recognised()
    {
        // A conversation keeps its last few hundred provider ids in memory; older ones are in the
        // log only.
        const int Messages = ConversationGrain.RecentExternalIds + 50;
        var phone = UniquePhone();
        var first = await (await Push(phone, "message 1", "old-1")).ReadJsonAsync();
        foreach (var chunk in Enumerable.Range(2, Messages - 1).Chunk(100))
        {
            var pushed = await Task.WhenAll(chunk.Select(i => Push(phone, $"message {i}", $"old-{i}")));
            Assert.All(pushed, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        }

        var retries = await Task.WhenAll(Push(phone, "message 1", "old-1"), Push(phone, "new", "new-1"));

        Assert.Equal(HttpStatusCode.OK, retries[0].StatusCode);
        var retry = await retries[0].ReadJsonAsync();
        Assert.Equal(first.Str("messageId"), retry.Str("messageId"));
        Assert.Equal(1, retry["sequence"]!.GetValue<long>());
        Assert.True(retry["duplicate"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Accepted, retries[1].StatusCode);
        Assert.Equal(Messages + 1, (await retries[1].ReadJsonAsync())["sequence"]!.GetValue<long>());
        var conversation = await (await _client.GetAsync($"/conversations/{first.Str("conversationId")}")).ReadJsonAsync();
        Assert.Equal(Messages + 1, conversation["lastSequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task Two_hundred_concurrent_pushes_to_one_conversation_are_each_stored_once_without_gaps()
    {
        var phone = UniquePhone();
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Push(phone, $"burst {i}", $"burst-{i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var accepted = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        var sequences = accepted.Select(a => a["sequence"]!.GetValue<long>()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), sequences);

        var id = accepted[0].Str("conversationId");
        var history = await _client.GetArrayAsync($"/conversations/{id}/messages?limit=200");
        Assert.Equal(sequences, history.Select(m => m!["sequence"]!.GetValue<long>()));
        Assert.Equal(200, history.Select(m => m!.Str("externalId")).Distinct().Count());

        // Each caller was told the very place its message has in the history.
        var byExternal = history.ToDictionary(m => m!.Str("externalId"), m => m!["sequence"]!.GetValue<long>());
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(accepted[i]["sequence"]!.GetValue<long>(), byExternal[$"burst-{i}"]);
        }
    }

    [Fact]
    public async Task Media_links_and_types_are_kept_with_the_message()
    {
        var response = await _client.PostJsonAsync(Webhook, new
        {
            from = UniquePhone(),
            content = "photo of the damage",
            platform = "whatsapp",
            mediaUrl = " https://cdn.example.com/m/42.jpg ",
            mediaType = "image/jpeg",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.ReadJsonAsync()).Str("conversationId");
        var message = (await _client.GetArrayAsync($"/conversations/{id}/messages")).Single()!;
        Assert.Equal("https://cdn.example.com/m/42.jpg", message.Str("mediaUrl"));
        Assert.Equal("image/jpeg", message.Str("mediaType"));
    }

    [Fact]
    public async Task A_preview_cut_at_an_emoji_keeps_whole_characters_and_reaches_the_listing()
    {
        // The preview's bound falls between the two halves of the emoji.
        var content = new string('x', 139) + "\U0001F600 and more";
        var id = (await (await Push(UniquePhone(), content, null)).ReadJsonAsync()).Str("conversationId");

        var listed = await Http.EventuallyAsync(
            () => _client.GetArrayAsync("/conversations?platform=whatsapp&limit=200"),
            list => list.Any(c => c!.Str("id") == id));
        var preview = listed.Single(c => c!.Str("id") == id)!.Str("preview");
        Assert.Equal(new string('x', 139) + "…", preview);

        var conversation = await (await _client.GetAsync($"/conversations/{id}")).ReadJsonAsync();
        Assert.Equal(preview, conversation.Str("preview"));
        var history = await _client.GetArrayAsync($"/conversations/{id}/messages");
        Assert.Equal(content, history.Single()!.Str("content"));
    }

    [Fact]
    public async Task History_pages_after_and_before_a_sequence()
    {
        var phone = UniquePhone();
        string id = "";
        for (var i = 1; i <= 7; i++)
        {
            id = (await (await Push(phone, $"m{i}", null)).ReadJsonAsync()).Str("conversationId");
        }

        var first = await _client.GetAsync($"/conversations/{id}/messages?limit=3");
        Assert.Equal(["m1", "m2", "m3"], (await first.ReadJsonAsync()).AsArray().Select(m => m!.Str("content")));
        Assert.Contains("after=3", first.Headers.GetValues("Link").Single(), StringComparison.Ordinal);

        var after = await _client.GetArrayAsync($"/conversations/{id}/messages?after=5");
        Assert.Equal(["m6", "m7"], after.Select(m => m!.Str("content")));

        var before = await _client.GetArrayAsync($"/conversations/{id}/messages?before=7&limit=2");
        Assert.Equal(["m5", "m6"], before.Select(m => m!.Str("content")));
        await (await _client.GetAsync($"/conversations/{id}/messages?before=seven"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "before");
    }

    [Fact]
    public async Task A_reply_is_stored_as_outgoing_and_stays_queued_without_an_adapter()
    {
        var id = (await (await Push(UniquePhone(), "Where is my order?", null)).ReadJsonAsync()).Str("conversationId");

        var response = await _client.PostJsonAsync($"/conversations/{id}/messages", new
        {
            content = "It ships today.",
            authorName = "Bob",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reply = await response.ReadJsonAsync();
        Assert.Equal(2, reply["sequence"]!.GetValue<long>());
        Assert.Equal("outgoing", reply.Str("direction"));
        Assert.Equal("human", reply.Str("author"));
        Assert.Equal("queued", reply["delivery"]!.Str("status"));
        Assert.Contains("adapter", reply["delivery"]!.Str("detail"), StringComparison.Ordinal);

        var history = await _client.GetArrayAsync($"/conversations/{id}/messages");
        Assert.Equal(["incoming", "outgoing"], history.Select(m => m!.Str("direction")));
        await (await _client.PostJsonAsync($"/conversations/{id}/messages", new { content = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "content");
        foreach (var author in new[] { "robot", "customer" })
        {
            var answer = await _client.PostJsonAsync($"/conversations/{id}/messages", new { content = "x", author });
            var refused = await answer.AssertProblemAsync(HttpStatusCode.BadRequest, "author");
            Assert.Equal("author must be human or ai_agent", refused.Str("detail"));
        }

        var badLink = new { content = "see", mediaUrl = "ftp://files/a" };
        await (await _client.PostJsonAsync($"/conversations/{id}/messages", badLink))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "mediaUrl");
        Assert.Equal(2, (await _client.GetArrayAsync($"/conversations/{id}/messages")).Count);
    }

    [Fact]
    public async Task Status_assignee_priority_and_read_marks_change_and_filter_the_inbox()
    {
        var assignee = $"agent-{Guid.NewGuid():N}";
        var phone = UniquePhone();
        var id = (await (await Push(phone, "one", null)).ReadJsonAsync()).Str("conversationId");
        await Push(phone, "two", null);

        var patched = await _client.PatchJsonAsync($"/conversations/{id}", new { status = "pending", assignee, priority = "high" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var conversation = await patched.ReadJsonAsync();
        Assert.Equal("pending", conversation.Str("status"));
        Assert.Equal("high", conversation.Str("priority"));

        var read = await (await _client.PostAsync($"/conversations/{id}/read", null)).ReadJsonAsync();
        Assert.Equal(0, read["unreadCount"]!.GetValue<long>());

        var mine = await Http.EventuallyAsync(
            () => _client.GetArrayAsync($"/conversations?assignee={assignee}&status=pending"),
            list => list.Count == 1 && list[0]!["unreadCount"]!.GetValue<long>() == 0);
        Assert.Equal(id, Assert.Single(mine)!.Str("id"));

        await (await _client.PatchJsonAsync($"/conversations/{id}", new { status = "closed" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await _client.GetAsync("/conversations/conv-none")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Conversations_link_to_customers_by_hand_by_phone_and_when_the_customer_comes_later()
    {
        var phone = UniquePhone();
        var existing = await (await _client.PostJsonAsync("/customers", new { name = "Known", phone })).ReadJsonAsync();
        var linkedAtOnce = (await (await Push(phone, "I am known", null)).ReadJsonAsync()).Str("conversationId");

        var laterPhone = UniquePhone();
        var linkedLater = (await (await Push(laterPhone, "Not yet known", null)).ReadJsonAsync()).Str("conversationId");
        var later = await (await _client.PostJsonAsync("/customers", new { name = "Later", phone = laterPhone })).ReadJsonAsync();

        var byHand = (await (await Push(UniquePhone(), "Link me", null)).ReadJsonAsync()).Str("conversationId");
        var linked = await _client.PostJsonAsync($"/conversations/{byHand}/link", new { customerId = existing.Str("id") });

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        await AssertLinkedAsync(linkedAtOnce, existing.Str("id"));
        await AssertLinkedAsync(linkedLater, later.Str("id"));
        var list = await Http.EventuallyAsync(
            () => _client.GetArrayAsync($"/customers/{existing.Str("id")}/conversations"), l => l.Count == 2);
        Assert.Equal(new[] { linkedAtOnce, byHand }.Order(), list.Select(c => c!.Str("id")).Order());
        await (await _client.PostJsonAsync($"/conversations/{byHand}/link", new { customerId = "cust-none" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "customerId");
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_answer_for_a_message()
    {
        var body = $$"""{"from":"{{UniquePhone()}}","content":"keyed","platform":"whatsapp"}""";
        var key = Guid.NewGuid().ToString();

        var first = await SendWithKeyAsync(key, body);
        var retry = await SendWithKeyAsync(key, body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        var id = (await first.ReadJsonAsync()).Str("conversationId");
        Assert.Single(await _client.GetArrayAsync($"/conversations/{id}/messages"));
    }

    private async Task AssertLinkedAsync(string conversationId, string customerId)
    {
        var conversation = await Http.EventuallyAsync(
            async () => await (await _client.GetAsync($"/conversations/{conversationId}")).ReadJsonAsync(),
            c => c["customerId"]?.GetValue<string>() == customerId);
        Assert.Equal(customerId, conversation["customerId"]?.GetValue<string>());
    }

    private Task<HttpResponseMessage> Push(string from, string content, string? externalId) =>
        _client.PostJsonAsync(Webhook, new { from, content, platform = "whatsapp", externalId });

    private Task<HttpResponseMessage> SendWithKeyAsync(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Webhook)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return _client.SendAsync(request);
    }

    /// <summary>A North American number in the 555 range: possible, never assigned.</summary>
    internal static string UniquePhone() => $"+1555{Random.Shared.Next(0, 10_000_000):D7}";
}

public sealed class EmbeddedInboxApiTests(EmbeddedServerFixture fixture)
    : InboxApiTests(fixture.Server), IClassFixture<EmbeddedServerFixture>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresInboxApiTests(PostgresServerFixture fixture)
    : InboxApiTests(fixture.Server), IClassFixture<PostgresServerFixture>;
