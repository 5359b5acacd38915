namespace ChronusCrm.Grains.AssistAi;

/// <summary>The AssistAi configuration section; the connection may also be set at run time.</summary>
public sealed class AssistAiOptions
{
    public const string Section = "AssistAi";

    public string? BaseUrl { get; set; }
    public string? ApiToken { get; set; }
    public string? TenantDomain { get; set; }
    public string? OrganizationCode { get; set; }
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one call to AssistAI may take before it is abandoned (and retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
