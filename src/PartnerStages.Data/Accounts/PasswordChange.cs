using Microsoft.AspNetCore.Identity;
using PartnerStages.Core.Audit;

namespace PartnerStages.Data.Accounts;

// A signed-in person replacing their own password. Replacing a temporary one clears the duty to
// change it; the caller renews the sign-in cookie so the page after this one lets them through.
// Used by a static page, so it works in the request's own scope: the user entity the cookie check
// already loaded there is the one changed, and the renewed cookie carries its new security stamp.
public sealed class PasswordChange(UserManager<ApplicationUser> users, PartnerStagesDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> ChangeOwnAsync(string userId, string currentPassword, string newPassword)
    {
        if (currentPassword == newPassword)
        {
            return ["Choose a new password that differs from the current one."];
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return ["This account does not exist any more."];
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        // Changing the password renews the security stamp, which ends the user's other sessions.
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return changed.Errors.Select(e => e.Code == "PasswordMismatch" ? "The current password is not right." : e.Description).ToList();
        }

        var temporary = (await users.GetClaimsAsync(user)).Where(c => c.Type == TemporaryPassword.ClaimType).ToList();
        if (temporary.Count > 0)
        {
            var removed = await users.RemoveClaimsAsync(user, temporary);
            if (!removed.Succeeded)
            {
                return removed.Errors.Select(e => e.Description).ToList();
            }
        }

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user.Id, user.Email, AuditAction.PasswordChanged, "User", user.Id,
            temporary.Count > 0 ? $"{user.DisplayName} replaced a temporary password with their own." : $"{user.DisplayName} changed their password."));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return [];
    }
}
