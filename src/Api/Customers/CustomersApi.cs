using System.Globalization;
using ChronusCrm.Api.Paging;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Security;
using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChronusCrm.Api.Customers;

public static class CustomersApi
{
    private static readonly string[] StatusNames =
        [.. Enum.GetValues<CustomerStatus>().Select(ToText)];

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/customers")
            .WithTags("Customers")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireScope(ApiScopes.CustomersRead);

        group.MapGet("", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("List customers, newest first, with a Link header to the next page");
        group.MapGet("/{id:maxlength(64)}", GetAsync).WithName("GetCustomer").WithSummary("Get a customer");

        return routes;
    }

    private static async Task<Results<Ok<CustomerView[]>, ProblemHttpResult>> ListAsync(
        HttpContext context,
        ICustomerDirectory directory,
        int? limit,
        string? cursor,
        string? status,
        string? search,
        CancellationToken cancellationToken)
    {
        if (ListQuery.Check(limit, cursor, out var after) is { } invalid)
        {
            return invalid;
        }

        CustomerStatus? statusFilter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<CustomerStatus>(status, ignoreCase: true, out var parsed)
                || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return ProblemResults.Invalid(
                    "status", "oneOf", $"status must be one of {string.Join(", ", StatusNames)}");
            }

            statusFilter = parsed;
        }

        var query = new CustomerQuery(limit ?? PageLinks.DefaultLimit, after, statusFilter, search);
        var page = await directory.ListAsync(query, cancellationToken);

        PageLinks.AddNext(context, page.NextCursor);
        return TypedResults.Ok(page.Items.Select(ToView).ToArray());
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetAsync(
        string id,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var customer = await grains.GetGrain<ICustomerGrain>(id).GetAsync(cancellationToken);
        return customer is null ? ProblemResults.NotFound("customer", id) : TypedResults.Ok(ToView(customer));
    }

    private static CustomerView ToView(Customer customer) => new(
        customer.Id,
        customer.Name,
        customer.Email,
        ToText(customer.Status),
        customer.Company,
        customer.LeadId,
        customer.CreatedAt,
        customer.UpdatedAt);

    private static string ToText(CustomerStatus status) =>
        status.ToString().ToUpper(CultureInfo.InvariantCulture);
}

/// <summary>The seed's customer (id, name, email, status) and what a dashboard also wants.</summary>
public sealed record CustomerView(
    string Id,
    string Name,
    string? Email,
    string Status,
    string? Company,
    string? LeadId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
