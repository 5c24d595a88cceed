using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Audit;

namespace PartnerStages.Data.Audit;

// Reads the audit trail for the administrators' page, newest first, filtered and a page at a time.
public sealed class AuditSearch(IDbContextFactory<PartnerStagesDbContext> contextFactory)
{
    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim();
            entries = entries.Where(e => e.UserId == user || (e.UserName != null && e.UserName.Contains(user)));
        }

        if (query.PartnerId is { } partnerId)
        {
            var id = partnerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            entries = entries.Where(e => e.EntityType == "Partner" && e.EntityId == id);
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        // Whole days in UTC, both ends included.
        if (query.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.AtUtc >= start);
        }

        if (query.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.AtUtc < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        var rows = page.Select(e => new AuditRow(e, AuditStates.Read(e.Before, e.After))).ToList();

        // The users the changes name, by name or else email, looked up once for the page.
        var ids = rows.SelectMany(r => r.Changes.UserIds).Distinct().ToList();
        var names = ids.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, u.Email })
                .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName,
                    cancellationToken);
        return new AuditPage(rows, total, names);
    }
}

public sealed record AuditQuery
{
    public string? User { get; init; }
    public int? PartnerId { get; init; }
    public AuditAction? Action { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 50;
}

// The page's entries, each with the fields it changed, and the names of the users those fields name.
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, IReadOnlyDictionary<string, string> UserNames)
{
    public IEnumerable<AuditEntry> Entries => Rows.Select(r => r.Entry);
}

public sealed record AuditRow(AuditEntry Entry, AuditChanges Changes);
