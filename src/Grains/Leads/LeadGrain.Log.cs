using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Leads;

public sealed partial class LeadGrain
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Lead {LeadId} created")]
    private static partial void LogCreated(ILogger logger, string leadId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Submission merged into lead {LeadId} ({Submissions} kept)")]
    private static partial void LogMerged(ILogger logger, string leadId, int submissions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId} converted to customer {CustomerId}")]
    private static partial void LogConverted(ILogger logger, string leadId, string customerId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Lead {LeadId} version {Version} saved but its event was not published; the repair pass will project it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string leadId, long version);
}
