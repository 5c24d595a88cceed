using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Audit;

namespace PartnerStages.Data.Audit;

// Writes the events that change no row of ours but must be traceable: sign-ins, failed sign-ins,
// lockouts. A change to our rows writes its entry in the same context (DbContextAuditExtensions).
public sealed class AuditLog(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    public async Task RecordAccountEventAsync(AuditAction action, string? userId, string userName, string summary,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, userId, userName, action, "User", userId, summary));
        await db.SaveChangesAsync(cancellationToken);
    }
}
