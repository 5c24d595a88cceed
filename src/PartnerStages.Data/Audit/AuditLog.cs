using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Audit;

namespace PartnerStages.Data.Audit;

// Writes the events that change no row of ours but must be traceable: sign-ins, failed sign-ins,
// lockouts. A change to our rows writes its entry in the same context (DbContextAuditExtensions).
public sealed class AuditLog(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
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
