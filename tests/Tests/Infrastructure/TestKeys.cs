namespace ChronusCrm.Tests.Infrastructure;

public static class TestKeys
{
    /// <summary>The admin key every test host is started with, as Chronus:BootstrapApiKey.</summary>
    public const string Admin = "sk_live_TestBootstrapAdminKey0123456789";
}
