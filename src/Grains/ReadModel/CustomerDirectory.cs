using System.Globalization;
using System.Text.Json;
using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.Storage;

namespace ChronusCrm.Grains.ReadModel;

/// <summary>The customer listing: written by the customer projection, read by the API.</summary>
public sealed class CustomerDirectory(ChronusDatabase database) : ICustomerDirectory
{
    private readonly ListTable _table = new(database, "customer_list", "status");

    public Task ProjectAsync(Customer customer, CancellationToken cancellationToken)
    {
        var row = new ListRow(
            customer.Id,
            customer.Version,
            customer.CreatedAt.UtcTicks,
            [StatusText(customer.Status)],
            string.Join(' ', customer.Name, customer.Email, customer.Company).ToLowerInvariant(),
            JsonSerializer.Serialize(customer, DocumentJson.Options));
        return _table.UpsertAsync(row, cancellationToken);
    }

    public async Task<Page<Customer>> ListAsync(CustomerQuery query, CancellationToken cancellationToken)
    {
        var status = query.Status is { } s ? StatusText(s) : null;
        var (documents, next) = await _table.PageAsync(
            query.Limit, query.After, [status], query.Search, cancellationToken);

        var customers = documents.Select(d => JsonSerializer.Deserialize<Customer>(d, DocumentJson.Options)!);
        return new Page<Customer>([.. customers], next?.Encode());
    }

    private static string StatusText(CustomerStatus status) =>
        status.ToString().ToUpper(CultureInfo.InvariantCulture);
}
