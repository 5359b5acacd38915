using System.Collections.Concurrent;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Streams;
using ChronusCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace ChronusCrm.Tests.Inbox;

/// <summary>
/// The fan-out contract: every logged message and every change of a conversation is an event on
/// the conversation stream, which any consumer can subscribe to, not only the inbox listing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationStreamTests(ClusterFixture fixture)
{
    private const int Conversations = 3;
    private const int MessagesEach = 60;

    [Fact]
    public async Task Every_message_and_every_change_is_an_event_in_sequence_order()
    {
        var senders = Enumerable.Range(0, Conversations).Select(_ => InboxApiTests.UniquePhone()).ToList();
        var ids = senders.Select(s => ConversationIds.For(Platform.Whatsapp, s)).ToList();
        var events = new ConcurrentQueue<ConversationEvent>();
        var subscriptions = await SubscribeAsync(ids, events);
        try
        {
            var acknowledged = await PushConcurrentlyAsync(senders);
            var changed = await fixture.Grains.GetGrain<IConversationGrain>(ids[0])
                .UpdateAsync(new ConversationChanges { Status = ConversationStatus.Pending });
            bool IsTheChange(ConversationEvent e) => e.Conversation.Version == changed!.Version && e.Messages.Count == 0;

            var carried = await Http.EventuallyAsync(
                () => Task.FromResult(SeenMessageIds(events).IsSupersetOf(acknowledged.Select(a => a.MessageId))
                    && events.Any(IsTheChange)),
                done => done,
                seconds: 20);
            Assert.True(carried, "The stream did not carry every event within 20 seconds.");

            foreach (var id in ids)
            {
                var messages = events.Where(e => e.Conversation.Id == id).SelectMany(e => e.Messages).ToList();
                var expected = acknowledged.Where(a => a.ConversationId == id).OrderBy(a => a.Sequence).ToList();

                Assert.Equal(expected.Select(a => a.MessageId), messages.DistinctBy(m => m.Id).Select(m => m.Id));
                Assert.Equal(messages.Select(m => m.Sequence).Order(), messages.Select(m => m.Sequence));
                Assert.All(messages, m => Assert.Equal(id, m.ConversationId));
            }

            var change = events.Single(IsTheChange);
            Assert.Equal(ids[0], change.Conversation.Id);
            Assert.Equal(ConversationStatus.Pending, change.Conversation.Status);
        }
        finally
        {
            await Task.WhenAll(subscriptions.Select(s => s.UnsubscribeAsync()));
        }
    }

    private async Task<List<StreamSubscriptionHandle<ConversationEvents>>> SubscribeAsync(
        IEnumerable<string> conversationIds, ConcurrentQueue<ConversationEvent> into)
    {
        var client = fixture.SiloServices.GetRequiredService<IClusterClient>();
        var provider = client.GetStreamProvider(ChronusStreams.Provider);
        var handles = new List<StreamSubscriptionHandle<ConversationEvents>>();
        var ours = conversationIds.ToHashSet();
        foreach (var partition in ours.Select(ChronusStreams.PartitionKey).Distinct())
        {
            var stream = provider.GetStream<ConversationEvents>(StreamId.Create(ChronusStreams.Conversations, partition));
            handles.Add(await stream.SubscribeAsync((batch, _) =>
            {
                foreach (var change in batch.Events.Where(e => ours.Contains(e.Conversation.Id)))
                {
                    into.Enqueue(change);
                }

                return Task.CompletedTask;
            }));
        }

        return handles;
    }

    private async Task<AppendResult[]> PushConcurrentlyAsync(List<string> senders)
    {
        var pushes = senders.SelectMany(sender => Enumerable.Range(1, MessagesEach).Select(n =>
            fixture.Grains.GetGrain<IConversationGrain>(ConversationIds.For(Platform.Whatsapp, sender))
                .ReceiveAsync(new IncomingMessage
                {
                    Platform = Platform.Whatsapp,
                    Sender = sender,
                    Content = $"message {n}",
                    ExternalId = $"{sender}-{n}",
                })));
        return await Task.WhenAll(pushes);
    }

    private static HashSet<string> SeenMessageIds(IEnumerable<ConversationEvent> events) =>
        events.SelectMany(e => e.Messages).Select(m => m.Id).ToHashSet();
}
