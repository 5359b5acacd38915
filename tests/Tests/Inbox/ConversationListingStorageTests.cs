using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.Inbox;
using ChronusCrm.Grains.Storage;
using ChronusCrm.Silo.Hosting;
using ChronusCrm.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace ChronusCrm.Tests.Inbox;

/// <summary>
/// The inbox listing's writes, straight against each storage mode's database: many
/// conversations in one write, and the rule that a newer state wins whatever order states arrive in.
/// </summary>
public sealed class ConversationListingStorageTests
{
    public static TheoryData<string> Modes => ["postgres", "embedded"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task One_write_of_many_conversations_lists_them_all_newest_first(string mode)
    {
        var directory = new ConversationDirectory(await OpenAsync(mode));
        var start = DateTimeOffset.UtcNow;

        // More than one SQLite transaction's worth, in no particular order.
        var written = Enumerable.Range(0, 450)
            .Select(i => State($"cnv_{i:D4}", sequence: 1, version: 1, start.AddSeconds(i)))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        await directory.ProjectAsync(written, CancellationToken.None);

        var listed = await ListAllAsync(directory);
        Assert.Equal(written.Select(c => c.Id).OrderDescending(StringComparer.Ordinal), listed.Select(c => c.Id));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_stale_state_changes_nothing_and_crossed_halves_each_keep_their_newest(string mode)
    {
        var directory = new ConversationDirectory(await OpenAsync(mode));
        var at = DateTimeOffset.UtcNow;
        var current = State("cnv_crossed", sequence: 5, version: 3, at) with
        {
            Status = ConversationStatus.Pending,
            Preview = "fifth",
        };
        await directory.ProjectAsync([current], CancellationToken.None);

        // Older on both counts: ignored.
        await directory.ProjectAsync(
            [State("cnv_crossed", sequence: 4, version: 2, at.AddMinutes(-1)) with { Preview = "fourth" }],
            CancellationToken.None);
        Assert.Equal(current.Preview, (await ListOneAsync(directory)).Preview);

        // A newer message with an older conversation half, then the reverse: each half moves on.
        await directory.ProjectAsync(
            [State("cnv_crossed", sequence: 6, version: 2, at.AddMinutes(1)) with { Preview = "sixth" }],
            CancellationToken.None);
        await directory.ProjectAsync(
            [State("cnv_crossed", sequence: 5, version: 4, at) with { Status = ConversationStatus.Resolved, Assignee = "ana" }],
            CancellationToken.None);

        var listed = await ListOneAsync(directory);
        Assert.Equal(6, listed.LastSequence);
        Assert.Equal("sixth", listed.Preview);
        Assert.Equal(ConversationStatus.Resolved, listed.Status);
        Assert.Equal("ana", listed.Assignee);
        Assert.Equal(4, listed.Version);
    }

    private static Conversation State(string id, long sequence, long version, DateTimeOffset at) => new()
    {
        Id = id,
        Platform = Platform.Whatsapp,
        Sender = "+15550100000",
        Status = ConversationStatus.Open,
        Priority = ConversationPriority.Normal,
        CreatedAt = at,
        LastActivityAt = at,
        LastSequence = sequence,
        IncomingCount = sequence,
        Preview = $"message {sequence}",
        Version = version,
    };

    private static async Task<Conversation> ListOneAsync(ConversationDirectory directory) =>
        Assert.Single(await ListAllAsync(directory));

    private static async Task<List<Conversation>> ListAllAsync(ConversationDirectory directory)
    {
        var all = new List<Conversation>();
        ListCursor? after = null;
        do
        {
            var page = await directory.ListAsync(new ConversationQuery(100, after, null, null, null, null), CancellationToken.None);
            all.AddRange(page.Items);
            after = ListCursor.TryParse(page.NextCursor, out var next) ? next : null;
        }
        while (after is not null);

        return all;
    }

    /// <summary>A fresh database of the given mode, with the product's schema.</summary>
    private static async Task<ChronusDatabase> OpenAsync(string mode)
    {
        var settings = mode == "postgres"
            ? new Dictionary<string, string?>
            {
                ["ConnectionStrings:" + StorageSetup.PostgresConnectionName] =
                    await (await PostgresServer.GetAsync()).CreateDatabaseAsync(),
            }
            : new Dictionary<string, string?>
            {
                [StorageSetup.DataDirectoryKey] = Directory.CreateTempSubdirectory("chronus-listing-").FullName,
            };

        var database = StorageSetup.Open(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).Database;
        await SchemaMigrator.ApplyAsync(database, CancellationToken.None);
        return database;
    }
}
