using System.ComponentModel.DataAnnotations;
using ChronusCrm.Api.Validation;

namespace ChronusCrm.Api.Leads;

/// <summary>A lead as landing pages, forms and scripts send it (the seed's payload).</summary>
public sealed record LeadInput
{
    [Required(ErrorMessage = Rules.Required)]
    [StringLength(LeadLimits.Name, ErrorMessage = Rules.MaxLength)]
    public string? Name { get; init; }

    [Required(ErrorMessage = Rules.Required)]
    [StringLength(LeadLimits.Email, ErrorMessage = Rules.MaxLength), EmailRule]
    public string? Email { get; init; }

    [StringLength(LeadLimits.Company, ErrorMessage = Rules.MaxLength)]
    public string? Company { get; init; }

    [Range(typeof(decimal), "0", LeadLimits.MaxValue, ErrorMessage = Rules.NonNegativeAmount)]
    public decimal? Value { get; init; }

    [StringLength(LeadLimits.Notes, ErrorMessage = Rules.MaxLength)]
    public string? Notes { get; init; }

    [StringLength(LeadLimits.Source, ErrorMessage = Rules.MaxLength)]
    public string? Source { get; init; }
}

/// <summary>A change to a lead: only the fields present are changed.</summary>
public sealed record LeadPatch
{
    [StringLength(LeadLimits.Name, MinimumLength = 1, ErrorMessage = Rules.Length)]
    public string? Name { get; init; }

    [StringLength(LeadLimits.Email, ErrorMessage = Rules.MaxLength), EmailRule]
    public string? Email { get; init; }

    [StringLength(LeadLimits.Company, ErrorMessage = Rules.MaxLength)]
    public string? Company { get; init; }

    [Range(typeof(decimal), "0", LeadLimits.MaxValue, ErrorMessage = Rules.NonNegativeAmount)]
    public decimal? Value { get; init; }

    [StringLength(LeadLimits.Notes, ErrorMessage = Rules.MaxLength)]
    public string? Notes { get; init; }

    [StringLength(LeadLimits.Source, MinimumLength = 1, ErrorMessage = Rules.Length)]
    public string? Source { get; init; }

    /// <summary>One of NEW, CONTACTED, QUALIFIED, PROPOSAL, NEGOTIATION, WON, LOST.</summary>
    public string? Status { get; init; }
}

public sealed record LeadSubmissionView(
    string Name,
    string? Company,
    decimal? Value,
    string? Notes,
    string Source,
    DateTimeOffset ReceivedAt);

public sealed record LeadView(
    string Id,
    string Name,
    string Email,
    string? Company,
    decimal? Value,
    string? Notes,
    string Source,
    string Status,
    string? CustomerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>On a submission: whether it was folded into the person's open lead.</summary>
    public bool? Merged { get; init; }

    /// <summary>On a single lead: every submission that reached it, oldest first.</summary>
    public IReadOnlyList<LeadSubmissionView>? History { get; init; }
}

public sealed record ConversionView(string LeadId, string CustomerId, LeadView Lead);

public static class LeadLimits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int Company = 200;
    public const int Notes = 5000;
    public const int Source = 100;
    public const string MaxValue = "1000000000000";

    /// <summary>Generous for a form with long notes, small enough that nobody streams files here.</summary>
    public const long BodyBytes = 64 * 1024;
}
