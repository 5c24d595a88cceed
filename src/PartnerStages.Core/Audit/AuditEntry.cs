namespace PartnerStages.Core.Audit;

// Who did what, when (UTC), to which entity, with the state before and after as JSON. Never edited.
public sealed class AuditEntry(DateTime atUtc, string? userId, string? userName, AuditAction action,
    string entityType, string? entityId, string summary, string? before = null, string? after = null)
{
    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; } = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    public string? UserId { get; private set; } = userId;
    public string? UserName { get; private set; } = userName;
    public AuditAction Action { get; private set; } = action;
    public string EntityType { get; private set; } = entityType;
    public string? EntityId { get; private set; } = entityId;
    public string Summary { get; private set; } = summary;
    public string? Before { get; private set; } = before;
    public string? After { get; private set; } = after;
}

public enum AuditAction
{
    Created,
    Edited,
    Deleted,
    Archived,
    Restored,
    Assessed,
    Voided,
    Overridden,
    RegressionConfirmed,
    RegressionDismissed,
    Imported,
    RuleSetPublished,
    RoleChanged,
    SignedIn,
    SignInFailed,
    LockedOut,
    SignedOut,
    AdministratorCreated,
    TemporaryPasswordSet,
    PasswordChanged,
    TokenCreated,
    TokenRevoked,
    SecretRotated,
    WebhookTested,
    WebhookDisabled,
}
