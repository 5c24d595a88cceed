using Microsoft.EntityFrameworkCore;

namespace PartnerStages.Data.Accounts;

public sealed class UserPreferencesService(IDbContextFactory<PartnerStagesDbContext> contextFactory)
{
    public async Task<UserProfile?> GetProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserProfile(u.DisplayName, u.PrefersDarkMode))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetDarkModeAsync(string userId, bool darkMode, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.PrefersDarkMode, darkMode), cancellationToken);
    }
}

public sealed record UserProfile(string DisplayName, bool PrefersDarkMode);
