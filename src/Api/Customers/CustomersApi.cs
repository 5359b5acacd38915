using System.Globalization;
using ChronusCrm.Api.Paging;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Inbox;
using ChronusCrm.Api.Security;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Inbox;
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
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("List customers, newest first, with a Link header to the next page")
            .RequireScope(ApiScopes.CustomersRead);
        group.MapGet("/{id:maxlength(64)}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("Get a customer")
            .RequireScope(ApiScopes.CustomersRead);
        group.MapPost("", CreateAsync)
            .WithName("CreateCustomer")
            .WithSummary("Create a customer by hand; a phone or handle links their conversations")
            .RequireScope(ApiScopes.CustomersWrite);
        group.MapPatch("/{id:maxlength(64)}", UpdateAsync)
            .WithName("UpdateCustomer")
            .RequireScope(ApiScopes.CustomersWrite);

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

    private static async Task<Results<Created<CustomerView>, ProblemHttpResult>> CreateAsync(
        CustomerInput input,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var violations = RequestValidator.Validate(input);
        var (phone, instagram, status) = Reachability(input.Phone, input.Instagram, input.Status, violations);
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var id = "cust-" + Guid.CreateVersion7().ToString("N");
        var customer = await grains.GetGrain<ICustomerGrain>(id).CreateAsync(
            new NewCustomer
            {
                Name = input.Name!.Trim(),
                Email = input.Email?.Trim(),
                Company = input.Company?.Trim(),
                Phone = phone,
                Instagram = instagram,
                Status = status ?? CustomerStatus.Active,
            },
            cancellationToken);
        return TypedResults.Created($"/customers/{id}", ToView(customer));
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> UpdateAsync(
        string id,
        CustomerPatch patch,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var violations = RequestValidator.Validate(patch);
        var (phone, instagram, status) = Reachability(patch.Phone, patch.Instagram, patch.Status, violations);
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var changes = new CustomerChanges
        {
            Name = patch.Name?.Trim(),
            Email = patch.Email?.Trim(),
            Company = patch.Company?.Trim(),
            Phone = phone,
            Instagram = instagram,
            Status = status,
        };
        var updated = await grains.GetGrain<ICustomerGrain>(id).UpdateAsync(changes, cancellationToken);
        return updated is null ? ProblemResults.NotFound("customer", id) : TypedResults.Ok(ToView(updated));
    }

    /// <summary>Normalises the phone and handle, and reads the status, noting what is wrong.</summary>
    private static (string? Phone, string? Instagram, CustomerStatus? Status) Reachability(
        string? phone,
        string? instagram,
        string? status,
        List<FieldViolation> violations)
    {
        string? e164 = null;
        if (phone is not null && !SenderAddress.TryNormalizePhone(phone, out e164!))
        {
            violations.Add(new("phone", "phoneNumber", "phone must be a phone number in international form"));
        }

        string? handle = null;
        if (instagram is not null && !SenderAddress.TryNormalize(Platform.Instagram, instagram, out handle!))
        {
            violations.Add(new("instagram", "instagramHandle", "instagram must be an Instagram handle"));
        }

        CustomerStatus? parsed = null;
        if (status is not null)
        {
            if (Enum.TryParse<CustomerStatus>(status, ignoreCase: true, out var value)
                && Enum.IsDefined(value) && !int.TryParse(status, out _))
            {
                parsed = value;
            }
            else
            {
                violations.Add(new("status", "oneOf", $"status must be one of {string.Join(", ", StatusNames)}"));
            }
        }

        return (e164, handle, parsed);
    }

    private static CustomerView ToView(Customer customer) => new(
        customer.Id,
        customer.Name,
        customer.Email,
        ToText(customer.Status),
        customer.Company,
        customer.Phone,
        customer.Instagram,
        customer.LeadId,
        customer.CreatedAt,
        customer.UpdatedAt);

    private static string ToText(CustomerStatus status) =>
        status.ToString().ToUpper(CultureInfo.InvariantCulture);
}
