using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerStages.Data;

namespace PartnerStages.Web.Tests.Data;

// An operator's first start on a new, empty database: every migration applied and nothing in the log
// that looks like a fault (Npgsql read the missing history table and EF logged it as an error).
public sealed class FirstStartTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public async Task InitializeAsync()
    {
        if (TestProvider.IsPostgreSql)
        {
            // Test databases are copied from a migrated template: back to an empty one.
            await using var db = _database.CreateContext();
            await db.Database.ExecuteSqlRawAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        }
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_first_start_on_an_empty_database_migrates_it_and_logs_no_error()
    {
        var log = new RecordingLog();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(log));
        services.AddPartnerStagesData(_ => _database.Database);
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        await using var db = _database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Empty(log.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message));
        Assert.Contains(log.Entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal));
    }

    private sealed class RecordingLog : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
