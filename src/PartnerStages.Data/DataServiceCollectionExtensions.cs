using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Backups;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Import;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;
using PartnerStages.Data.Samples;
using PartnerStages.Data.Webhooks;

namespace PartnerStages.Data;

public static class DataServiceCollectionExtensions
{
    // A SQLite file: what tools and benchmarks that only know SQLite ask for.
    public static IServiceCollection AddPartnerStagesData(this IServiceCollection services,
        Func<IServiceProvider, string> connectionString) =>
        services.AddPartnerStagesData(sp => PartnerStagesDatabase.Sqlite(connectionString(sp)));

    public static IServiceCollection AddPartnerStagesData(this IServiceCollection services,
        Func<IServiceProvider, PartnerStagesDatabase> database)
    {
        // The factory serves the services (one short-lived context per operation), from a pool: a new
        // context and its connection cost about 54 KB and 100 µs to set up, more than a small query
        // itself, and a pooled one about 6 KB. The context holds no state of its own to reset.
        services.AddSingleton<PartnerStagesDatabase>(database);
        services.AddSingleton<DatabaseFileGuard>();
        services.AddPooledDbContextFactory<PartnerStagesDbContext>((sp, options) => sp.GetRequiredService<PartnerStagesDatabase>()
            .Configure(options)
            .AddInterceptors(sp.GetRequiredService<DatabaseFileGuard>()));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<UserPreferencesService>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<PersonalAccessTokenService>();
        services.AddScoped<PartnerService>();
        services.AddScoped<AssessmentService>();
        services.AddScoped<DashboardService>();
        services.AddSingleton<DashboardCache>();
        services.AddScoped<SamplePortfolioLoader>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditSearch>();
        services.AddScoped<CsvImportService>();
        services.AddScoped<CsvExportService>();
        services.AddSingleton<RuleSetStore>();
        services.AddScoped<RuleSetService>();
        services.AddScoped<RuleImpactService>();
        services.AddScoped<RuleSetPublisher>();
        services.AddScoped<PartnerTraceService>();
        services.AddScoped<BacktestService>();
        services.AddScoped<BackupService>();
        services.AddSingleton<DatabaseRestore>();
        services.AddScoped<WebhookService>();
        services.AddSingleton<WebhookDispatchQueue>();
        services.AddOptions<WebhookOptions>();
        return services;
    }
}
