using System.Globalization;
using System.Text.Json;
using ChronusCrm.Grains.Abstractions.Leads;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.Storage;

namespace ChronusCrm.Grains.ReadModel;

/// <summary>The lead listing: written by the lead projection, read by the API.</summary>
public sealed class LeadDirectory(ChronusDatabase database) : ILeadDirectory
{
    private readonly ListTable _table = new(database, "lead_list", "status", "source");

    public Task ProjectAsync(Lead lead, CancellationToken cancellationToken)
    {
        var row = new ListRow(
            lead.Id,
            lead.Version,
            lead.CreatedAt.UtcTicks,
            [StatusText(lead.Status), lead.Source],
            string.Join(' ', lead.Name, lead.Email, lead.Company).ToLowerInvariant(),
            JsonSerializer.Serialize(lead with { History = [] }, DocumentJson.Options));
        return _table.UpsertAsync(row, cancellationToken);
    }

    public async Task<Page<Lead>> ListAsync(LeadQuery query, CancellationToken cancellationToken)
    {
        var status = query.Status is { } s ? StatusText(s) : null;
        var (documents, next) = await _table.PageAsync(
            query.Limit, query.After, [status, query.Source], query.Search, cancellationToken);

        var leads = documents.Select(d => JsonSerializer.Deserialize<Lead>(d, DocumentJson.Options)!);
        return new Page<Lead>([.. leads], next?.Encode());
    }

    private static string StatusText(LeadStatus status) =>
        status.ToString().ToUpper(CultureInfo.InvariantCulture);
}
