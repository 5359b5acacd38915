using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Leads;

namespace ChronusCrm.Grains.Abstractions.Streams;

/// <summary>A lead after a change; consumers keep the highest <see cref="Lead.Version"/> they saw.</summary>
[GenerateSerializer, Alias("chronus.LeadChanged")]
public sealed record LeadChanged([property: Id(0)] Lead Lead);

/// <summary>A customer after a change; consumers keep the highest version they saw.</summary>
[GenerateSerializer, Alias("chronus.CustomerChanged")]
public sealed record CustomerChanged([property: Id(0)] Customer Customer);
