namespace ChronusCrm.Api.Security;

/// <summary>
/// Endpoint metadata: the endpoint also takes an <c>X-Chronus-Signature</c> in place of an API key
/// (see <see cref="WebhookSignatureHandler"/>).
/// </summary>
public sealed class AcceptsSignature
{
    public static readonly AcceptsSignature Instance = new();

    private AcceptsSignature()
    {
    }
}
