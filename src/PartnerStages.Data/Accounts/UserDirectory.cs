using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Partners;

namespace PartnerStages.Data.Accounts;

// Read side of the user accounts, for the administrator's user list and owner pickers.
public sealed class UserDirectory(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                MustChangePassword = db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == TemporaryPassword.ClaimType),
            })
            .ToListAsync(cancellationToken);

        // LockoutEnd is a DateTimeOffset, which SQLite cannot compare in SQL: decide here.
        return users.Select(u => new UserSummary(u.Id, u.DisplayName, u.Email ?? "", u.Roles, u.LockoutEnd > now, u.MustChangePassword)).ToList();
    }

    // Who can own partners: channel managers and administrators.
    public async Task<IReadOnlyList<OwnerOption>> ListOwnersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Owners(db).OrderBy(u => u.DisplayName)
            .Select(u => new OwnerOption(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    // The first owners whose name contains the term: a choice that loads as the user types, so no
    // circuit holds the thousands of owners of a large programme.
    public async Task<IReadOnlyList<OwnerOption>> SearchOwnersAsync(string? term, int limit = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var owners = Owners(db);
        if (!string.IsNullOrWhiteSpace(term))
        {
            var pattern = $"%{term.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            // Regardless of case on every provider: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            var upper = pattern.ToUpperInvariant();
#pragma warning disable CA1304, CA1311 // translated to SQL upper(), which knows no .NET culture
            owners = owners.Where(u => EF.Functions.Like(u.DisplayName.ToUpper(), upper, "\\"));
#pragma warning restore CA1304, CA1311
        }

        return await owners.OrderBy(u => u.DisplayName).Take(limit)
            .Select(u => new OwnerOption(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    public async Task<OwnerOption?> FindOwnerAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new OwnerOption(u.Id, u.DisplayName))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<ApplicationUser> Owners(PartnerStagesDbContext db)
    {
        string[] ownerRoles = [Roles.ChannelManager, Roles.Administrator];
        return db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && ownerRoles.Contains(r.Name!))));
    }
}

public sealed record UserSummary(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsLockedOut, bool MustChangePassword);
