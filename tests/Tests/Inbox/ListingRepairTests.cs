using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Inbox;
using ChronusCrm.Grains.ReadModel;
using ChronusCrm.Grains.Storage;
using ChronusCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Tests.Inbox;

/// <summary>
/// The periodic repair pass reads a bounded range of the inbox log, not all of it: a listing row
/// lost with a silo comes back when a pass covers the log rows behind it, and not otherwise.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ListingRepairTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_lost_listing_row_is_repaired_from_the_log_rows_of_the_range_only()
    {
        var sender = InboxApiTests.UniquePhone();
        var id = ConversationIds.For(Platform.Whatsapp, sender);
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(id);
        for (var i = 1; i <= 3; i++)
        {
            await conversation.ReceiveAsync(Incoming(sender, $"m{i}"), default);
        }

        var directory = fixture.SiloServices.GetRequiredService<ConversationDirectory>();
        await Http.EventuallyAsync(() => ListedSequenceAsync(directory, id), sequence => sequence == 3);

        var database = fixture.SiloServices.GetRequiredService<ChronusDatabase>();
        var (first, last) = await LogIdsAsync(database, id);
        await ExecuteAsync(database, $"DELETE FROM conversation_list WHERE id = '{id}'");
        var repair = fixture.SiloServices.GetRequiredService<ReadModelRepair>();

        await repair.RepairLogRowsAsync(last, long.MaxValue, default);
        Assert.Null(await ListedSequenceAsync(directory, id));

        await repair.RepairLogRowsAsync(first - 1, last, default);
        Assert.Equal(3, await ListedSequenceAsync(directory, id));
    }

    private static IncomingMessage Incoming(string sender, string externalId) => new()
    {
        Platform = Platform.Whatsapp,
        Sender = sender,
        Content = "hello",
        ExternalId = externalId,
    };

    private static async Task<long?> ListedSequenceAsync(ConversationDirectory directory, string id)
    {
        var page = await directory.ListAsync(new ConversationQuery(100, null, null, null, null, null), default);
        return page.Items.FirstOrDefault(c => c.Id == id)?.LastSequence;
    }

    private static async Task<(long First, long Last)> LogIdsAsync(ChronusDatabase database, string id)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT min(id), max(id) FROM inbox_log WHERE conversation_id = @id");
        await using var reader = await command.With("@id", id).ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task ExecuteAsync(ChronusDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
