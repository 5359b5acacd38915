using System.Threading.Channels;
using ChronusCrm.Grains.Abstractions.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// Puts this silo's conversation events on the conversation streams, gathered for a few
/// milliseconds and sent as one item per partition. Events are announcements of what is already
/// in the log: one lost with a crashed silo only delays the listing until the repair pass.
/// </summary>
public sealed partial class InboxEventPublisher(IServiceProvider services, ILogger<InboxEventPublisher> logger)
    : BackgroundService
{
    private static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(20);

    private readonly Channel<ConversationEvent> _events =
        Channel.CreateUnbounded<ConversationEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(ConversationEvent change) => _events.Writer.TryWrite(change);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var streams = services.GetRequiredService<IClusterClient>().GetStreamProvider(ChronusStreams.Provider);
        var gathered = new List<ConversationEvent>();
        while (await _events.Reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(GatherFor, stoppingToken);
            while (_events.Reader.TryRead(out var change))
            {
                gathered.Add(change);
            }

            foreach (var partition in gathered.GroupBy(e => ChronusStreams.PartitionKey(e.Conversation.Id)))
            {
                try
                {
                    var stream = streams.GetStream<ConversationEvents>(
                        StreamId.Create(ChronusStreams.Conversations, partition.Key));
                    await stream.OnNextAsync(new ConversationEvents([.. partition]));
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPublishFailed(logger, exception, partition.Count());
                }
            }

            gathered.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} conversation events were not published; the repair pass will project them")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int count);
}
