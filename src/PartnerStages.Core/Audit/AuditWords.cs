namespace PartnerStages.Core.Audit;

// What an auditor reads for each kind of entry: words, not the code's names.
public static class AuditWords
{
    public static string For(AuditAction action) => action switch
    {
        AuditAction.Created => "Created",
        AuditAction.Edited => "Edited",
        AuditAction.Deleted => "Deleted",
        AuditAction.Archived => "Archived",
        AuditAction.Restored => "Restored",
        AuditAction.Assessed => "Check-in recorded",
        AuditAction.Voided => "Check-in voided",
        AuditAction.Overridden => "Stage overridden",
        AuditAction.RegressionConfirmed => "Regression confirmed",
        AuditAction.RegressionDismissed => "Regression dismissed",
        AuditAction.Imported => "Imported",
        AuditAction.RuleSetPublished => "Rule set published",
        AuditAction.RoleChanged => "Role changed",
        AuditAction.SignedIn => "Signed in",
        AuditAction.SignInFailed => "Sign-in failed",
        AuditAction.LockedOut => "Sign-in refused (locked)",
        AuditAction.SignedOut => "Signed out",
        AuditAction.AdministratorCreated => "First administrator created",
        AuditAction.TemporaryPasswordSet => "Temporary password set",
        AuditAction.PasswordChanged => "Password changed",
        AuditAction.TokenCreated => "Access token created",
        AuditAction.TokenRevoked => "Access token revoked",
        AuditAction.SecretRotated => "Signing secret rotated",
        AuditAction.WebhookTested => "Test event sent",
        AuditAction.WebhookDisabled => "Disabled after failures",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Give this kind of audit entry its words."),
    };
}
