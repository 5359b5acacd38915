using ChronusCrm.Grains.Abstractions.Streams;
using Orleans.Streams;

namespace ChronusCrm.Grains.Streams;

internal static class GrainStreamExtensions
{
    public static IAsyncStream<T> EntityStream<T>(this Grain grain, string streamNamespace, string entityId)
    {
        var key = StreamId.Create(streamNamespace, ChronusStreams.PartitionKey(entityId));
        return grain.GetStreamProvider(ChronusStreams.Provider).GetStream<T>(key);
    }
}
