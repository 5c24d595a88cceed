using Microsoft.Extensions.DependencyInjection;

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

        await Database.AddCastAsync();
        await ArrangeAsync();
    }

    // Data a test class needs beyond the cast of users.
    public virtual Task ArrangeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
