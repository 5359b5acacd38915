namespace ChronusCrm.Grains.Abstractions.Security;

/// <summary>
/// A silo's memory of the keys it checked a moment ago. A key's grain tells every memory that
/// holds the key of its revocation before the revocation is answered.
/// </summary>
public interface IApiKeyObserver : IGrainObserver
{
    /// <summary>Drops the key with this digest, so that its next use asks the key's grain.</summary>
    Task ForgetAsync(string digest);
}
