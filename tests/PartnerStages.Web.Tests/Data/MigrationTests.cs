using Microsoft.EntityFrameworkCore;
using PartnerStages.Data;

namespace PartnerStages.Web.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void The_model_has_no_changes_without_a_SQLite_migration()
    {
        using var db = PartnerStagesDatabase.Sqlite("Data Source=:memory:").CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: see the README, Adding a migration.");
    }

    [Fact]
    public void The_model_has_no_changes_without_a_PostgreSQL_migration()
    {
        // Comparing the model with the snapshot opens no connection.
        using var db = PartnerStagesDatabase.PostgreSql("Host=localhost;Database=never_opened").CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: see the README, Adding a migration.");
    }

    // The IDs in the __EFMigrationsHistory of every SQLite database made before the migrations moved
    // to PartnerStages.Data.Sqlite: the moved set must still know each of them, in this order.
    private static readonly string[] ShippedSqliteMigrations =
    [
        "20261126144157_Initial",
        "20261202063831_StoreCheckInFacts",
        "20261202063940_DropVerdictExplanation",
        "20261202122029_PortfolioChanges",
        "20261202184212_PortfolioChangeHistoryFrom",
        "20261202184257_RuleSetPublisher",
        "20261202190625_PartnerAddedOn",
    ];

    [Fact]
    public void The_SQLite_migrations_keep_the_IDs_existing_databases_recorded()
    {
        using var db = PartnerStagesDatabase.Sqlite("Data Source=:memory:").CreateContext();

        var migrations = db.Database.GetMigrations().ToList();

        Assert.Equal(ShippedSqliteMigrations, migrations.Take(ShippedSqliteMigrations.Length));
    }

    [Fact]
    public void PostgreSQL_starts_from_one_initial_migration()
    {
        using var db = PartnerStagesDatabase.PostgreSql("Host=localhost;Database=never_opened").CreateContext();

        Assert.EndsWith("_Initial", db.Database.GetMigrations().First(), StringComparison.Ordinal);
    }
}
