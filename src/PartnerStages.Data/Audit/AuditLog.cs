using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Audit;

namespace PartnerStages.Data.Audit;

// Events that change no row of ours but must be traceable: sign-ins, failed sign-ins, lockouts.
public sealed class AuditLog(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
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
        var rows = await entries.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(rows, total);
    }

    // The user name and summary of an account event come from whoever typed into the sign-in form,
    // signed in or not: cut to the column lengths (SQLite would store any length), so a failed
    // sign-in cannot grow the database by more than one short row.
    public async Task RecordAccountEventAsync(AuditAction action, string? userId, string userName, string summary,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, userId,
            Bounded(userName, AuditEntryConfiguration.UserNameLength), action, "User", userId,
            Bounded(summary, AuditEntryConfiguration.SummaryLength)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Bounded(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
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

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);
