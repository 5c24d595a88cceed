using Microsoft.EntityFrameworkCore;

namespace PartnerStages.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

// Which database the app keeps its data in: the embedded SQLite file (the default) or a PostgreSQL
// server shared by several app instances. One model for both; each provider has its own migrations
// in an assembly of its own (PartnerStages.Data.Sqlite, PartnerStages.Data.PostgreSql).
public sealed record PartnerStagesDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "PartnerStages:Database:Provider";
    public const string ConnectionStringName = "PartnerStages";

    public static PartnerStagesDatabase Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    public static PartnerStagesDatabase PostgreSql(string connectionString) => new(DatabaseProvider.PostgreSql, connectionString);

    public string MigrationsAssembly => Provider switch
    {
        DatabaseProvider.Sqlite => "PartnerStages.Data.Sqlite",
        DatabaseProvider.PostgreSql => "PartnerStages.Data.PostgreSql",
        _ => throw new InvalidOperationException($"Unknown database provider {Provider}."),
    };

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly)),
            DatabaseProvider.PostgreSql => options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly)),
            _ => throw new InvalidOperationException($"Unknown database provider {Provider}."),
        };
    }

    public PartnerStagesDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<PartnerStagesDbContext>();
        Configure(options);
        return new PartnerStagesDbContext(options.Options);
    }

    // The provider named by PartnerStages:Database:Provider, case-insensitively; missing means SQLite.
    public static DatabaseProvider ParseProvider(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(configured.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : throw new InvalidOperationException(
            $"{ProviderKey} is '{configured}'; it must be Sqlite (the default) or PostgreSql.");
}
