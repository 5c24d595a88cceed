using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;

namespace PartnerStages.Data.Audit;

// Audit entries are added to the same context as the change, so both commit or neither does.
public static class DbContextAuditExtensions
{
    // Stages and other enums by name: an auditor reads "Despair", not 1.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static void Audit(this PartnerStagesDbContext db, DateTime atUtc, Actor actor, AuditAction action,
        string entityType, object? entityId, string summary, object? before = null, object? after = null) =>
        db.AuditEntries.Add(Entry(atUtc, actor, action, entityType, entityId, summary, before, after));

    // The entry itself, for a bulk writer in the same transaction.
    public static AuditEntry Entry(DateTime atUtc, Actor actor, AuditAction action,
        string entityType, object? entityId, string summary, object? before = null, object? after = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry(atUtc, actor.UserId, actor.Name, action, entityType, entityId?.ToString(), summary, Serialize(before), Serialize(after));
    }

    private static string? Serialize(object? state) => state is null ? null : JsonSerializer.Serialize(state, Json);
}
