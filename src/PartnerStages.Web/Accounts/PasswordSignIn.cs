using Microsoft.AspNetCore.Identity;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Audit;

namespace PartnerStages.Web.Accounts;

// Sign-in by email and password that looks the same from outside whether or not the email has an
// account. Identity returns early for an unknown email, a locked-out or disabled account and an
// account without a password, skipping the password hash (10 ms against 364 ms), so each of those
// costs one verification against a stand-in hash here; and every refusal is the same `false`.
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signInManager,
    IPasswordHasher<ApplicationUser> hasher,
    StandInPasswordHash standIn,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PasswordSignIn> logger)
{
    public async Task<bool> SignInAsync(string email, string password, bool remember)
    {
        var users = signInManager.UserManager;
        var user = await users.FindByEmailAsync(email);
        if (user is null || !await users.HasPasswordAsync(user))
        {
            standIn.Verify(hasher, password);
            await audit.RecordAccountEventAsync(AuditAction.SignInFailed, user?.Id, email, $"Failed sign-in for {email}.");
            return false;
        }

        if (await users.IsLockedOutAsync(user) || !await signInManager.CanSignInAsync(user))
        {
            standIn.Verify(hasher, password);
            await RecordLockedOutAsync(user, email);
            return false;
        }

        var result = await signInManager.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAccountEventAsync(AuditAction.SignedIn, user.Id, email, $"{email} signed in.");
            return true;
        }

        if (result.IsLockedOut)
        {
            await RecordLockedOutAsync(user, email);
        }
        else
        {
            await audit.RecordAccountEventAsync(AuditAction.SignInFailed, user.Id, email, $"Failed sign-in for {email}.");
        }

        return false;
    }

    private async Task RecordLockedOutAsync(ApplicationUser user, string email)
    {
        logger.LogWarning("Sign-in refused: account locked out.");
        var why = user.LockoutEnd > clock.GetUtcNow().AddYears(1) ? "disabled" : "locked";
        await audit.RecordAccountEventAsync(AuditAction.LockedOut, user.Id, email, $"Sign-in refused for {email}: the account is {why}.");
    }
}

// A hash of a random password made once by the app's own hasher, so verifying against it costs what
// verifying a real user's password costs (same algorithm and iteration count).
public sealed class StandInPasswordHash
{
    private static readonly ApplicationUser Nobody = new() { UserName = "nobody" };

    private string? _hash;

    // Only the work matters: the answer is thrown away.
    public void Verify(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        var hash = LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
