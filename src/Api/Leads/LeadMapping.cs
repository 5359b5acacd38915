using System.Globalization;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Leads;

namespace ChronusCrm.Api.Leads;

/// <summary>Translates between the HTTP records and the grain records, in one place.</summary>
public static class LeadMapping
{
    public static readonly string[] StatusNames =
        [.. Enum.GetValues<LeadStatus>().Select(ToText)];

    public static string ToText(LeadStatus status) =>
        status.ToString().ToUpper(CultureInfo.InvariantCulture);

    public static bool TryParseStatus(string? text, out LeadStatus status) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out status)
        && Enum.IsDefined(status)
        && !int.TryParse(text, out _);

    public static LeadSubmission ToSubmission(LeadInput input, string defaultSource, DateTimeOffset now) => new()
    {
        Name = input.Name!.Trim(),
        Email = LeadEmail.Normalize(input.Email!),
        Company = TrimmedText.OrNull(input.Company),
        Value = input.Value,
        Notes = TrimmedText.OrNull(input.Notes),
        Source = TrimmedText.OrNull(input.Source) ?? defaultSource,
        ReceivedAt = now,
    };

    public static LeadView ToView(Lead lead, bool withHistory = false) =>
        new(
            lead.Id,
            lead.Name,
            lead.Email,
            lead.Company,
            lead.Value,
            lead.Notes,
            lead.Source,
            ToText(lead.Status),
            lead.CustomerId,
            lead.CreatedAt,
            lead.UpdatedAt)
        {
            History = withHistory
                ? [.. lead.History.Select(s => new LeadSubmissionView(
                    s.Name, s.Company, s.Value, s.Notes, s.Source, s.ReceivedAt))]
                : null,
        };
}
