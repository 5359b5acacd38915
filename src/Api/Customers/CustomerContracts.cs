using System.ComponentModel.DataAnnotations;
using ChronusCrm.Api.Validation;

namespace ChronusCrm.Api.Customers;

/// <summary>A customer made by hand (most are made by converting a lead).</summary>
public sealed record CustomerInput
{
    [Required(ErrorMessage = Rules.Required)]
    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? Name { get; init; }

    [StringLength(254, ErrorMessage = Rules.MaxLength), EmailRule]
    public string? Email { get; init; }

    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? Company { get; init; }

    /// <summary>Any international spelling; stored in E.164.</summary>
    [StringLength(40, ErrorMessage = Rules.MaxLength)]
    public string? Phone { get; init; }

    /// <summary>An Instagram handle, with or without the @.</summary>
    [StringLength(40, ErrorMessage = Rules.MaxLength)]
    public string? Instagram { get; init; }

    /// <summary>ACTIVE, INACTIVE or CHURNED.</summary>
    public string? Status { get; init; }
}

/// <summary>A change to a customer: only the fields present are changed.</summary>
public sealed record CustomerPatch
{
    [StringLength(200, MinimumLength = 1, ErrorMessage = Rules.Length)]
    public string? Name { get; init; }

    [StringLength(254, ErrorMessage = Rules.MaxLength), EmailRule]
    public string? Email { get; init; }

    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? Company { get; init; }

    [StringLength(40, ErrorMessage = Rules.MaxLength)]
    public string? Phone { get; init; }

    [StringLength(40, ErrorMessage = Rules.MaxLength)]
    public string? Instagram { get; init; }

    public string? Status { get; init; }
}

/// <summary>The seed's customer (id, name, email, status) and what a dashboard also wants.</summary>
public sealed record CustomerView(
    string Id,
    string Name,
    string? Email,
    string Status,
    string? Company,
    string? Phone,
    string? Instagram,
    string? LeadId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
