using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Accounts;

// The first-run state: until an administrator exists, every page leads to /setup, which asks for a
// one-time code printed in the server's log, so only whoever runs the server can claim the role.
// (Accounts without a password, such as a sample portfolio's owners, do not end the first run.)
public sealed class FirstRun(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock, ILogger<FirstRun> logger)
    : IDisposable
{
    // The rate limiter policy on the setup page's posts (AccountServiceCollectionExtensions).
    public const string SetupAttemptsPolicy = "setup-attempts";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _complete;

    public string SetupCode { get; } = NewCode();

    public async ValueTask<bool> IsPendingAsync(CancellationToken cancellationToken = default)
    {
        if (_complete)
        {
            return false;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var administrator = Roles.Administrator.ToLowerInvariant();
        _complete = await db.UserRoles.AnyAsync(r => r.RoleId == administrator, cancellationToken);
        return !_complete;
    }

    public async Task AnnounceIfPendingAsync()
    {
        if (await IsPendingAsync())
        {
            logger.LogWarning("No administrator exists yet. Open /setup and enter the setup code {SetupCode} to create the administrator.", SetupCode);
        }
    }

    public bool CodeMatches(string? code)
    {
        var given = Encoding.UTF8.GetBytes((code ?? "").Trim().ToUpperInvariant());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(SetupCode));
    }

    public async Task<IdentityResult> CreateAdministratorAsync(UserManager<ApplicationUser> userManager,
        string displayName, string email, string password)
    {
        // One at a time, and only while no administrator exists: a second one cannot come this way.
        await _gate.WaitAsync();
        try
        {
            if (!await IsPendingAsync())
            {
                return IdentityResult.Failed(new IdentityError { Code = "SetupComplete", Description = "The administrator has already been created." });
            }

            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName.Trim() };
            var created = await userManager.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return created;
            }

            var role = await userManager.AddToRoleAsync(user, Roles.Administrator);
            _complete = role.Succeeded;
            await using (var db = await contextFactory.CreateDbContextAsync())
            {
                db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user.Id, email, AuditAction.AdministratorCreated, "User", user.Id,
                    $"{displayName.Trim()} ({email}) created as the first administrator on the setup page."));
                await db.SaveChangesAsync();
            }

            var userId = user.Id;
            logger.LogInformation("The administrator {UserId} was created on the first-run page.", userId);
            return role;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string NewCode()
    {
        // Crockford-style alphabet: no I, L, O or U to misread.
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 10);
        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
    }
}
