namespace ChronusCrm.Grains.Abstractions.Security;

/// <summary>What an API key may do. <see cref="Admin"/> may do everything.</summary>
public static class ApiScopes
{
    public const string LeadsRead = "leads:read";
    public const string LeadsWrite = "leads:write";
    public const string LeadsSubmit = "leads:submit";
    public const string CustomersRead = "customers:read";
    public const string CustomersWrite = "customers:write";
    public const string MessagesWrite = "messages:write";
    public const string InboxRead = "inbox:read";
    public const string InboxWrite = "inbox:write";
    public const string AssistAiAdmin = "assistai:admin";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All =
    [
        LeadsRead, LeadsWrite, LeadsSubmit, CustomersRead, CustomersWrite,
        MessagesWrite, InboxRead, InboxWrite, AssistAiAdmin, Admin,
    ];

    public static bool IsKnown(string scope) => All.Contains(scope);

    /// <summary>Whether holding <paramref name="held"/> grants <paramref name="needed"/>.</summary>
    public static bool Grants(IReadOnlyList<string> held, string needed)
    {
        foreach (var scope in held)
        {
            if (scope == needed || scope == Admin)
            {
                return true;
            }
        }

        return false;
    }
}
