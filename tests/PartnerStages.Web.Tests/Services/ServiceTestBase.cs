using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Services;

// Real services over a real, migrated SQLite file, with the clock fixed at TestData.Today.
public abstract class ServiceTestBase : IAsyncLifetime
{
    private ServiceProvider _provider = default!;

    protected TestDatabase Database { get; } = new();

    protected T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        await Database.RegisterAsync(services);
        services.AddSingleton<TimeProvider>(new FixedClock(TestData.Today));
        _provider = services.BuildServiceProvider();

        await using var db = Database.CreateContext();
        foreach (var actor in new[] { TestData.Administrator, TestData.Manager, TestData.OtherManager, TestData.Executive })
        {
            db.Users.Add(new ApplicationUser { Id = actor.UserId, UserName = actor.Name, Email = actor.Name, DisplayName = actor.UserId });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = actor.UserId, RoleId = actor.Roles.Single().ToLowerInvariant() });
        }

        await db.SaveChangesAsync();
        await ArrangeAsync();
    }

    // Data a test class needs beyond the four users.
    public virtual Task ArrangeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}

// Always the same day; each reading is a second later, so events keep the order they happened in.
public sealed class FixedClock(DateOnly today) : TimeProvider
{
    private long _readings;

    public override DateTimeOffset GetUtcNow() =>
        new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddSeconds(Interlocked.Increment(ref _readings));
}
