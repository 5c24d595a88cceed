using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using PartnerStages.Core;
using PartnerStages.Data;
using PartnerStages.Data.Backups;
using PartnerStages.Data.Samples;
using PartnerStages.Web.Accounts;
using PartnerStages.Web.Api;
using PartnerStages.Web.Backups;
using PartnerStages.Web.Diagnostics;
using PartnerStages.Web.Webhooks;
using Serilog;

namespace PartnerStages.Web.Hosting;

public static class PartnerStagesHostingExtensions
{
    public static WebApplicationBuilder AddPartnerStages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<StorageLocation>();

        // Configured lazily from the service provider so test hosts can point at their own folder.
        // The console and the data folder always get the log, whatever the configuration holds
        // (appsettings.json sets the levels).
        services.AddSerilog((sp, logger) => logger
            .ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>())
            .ReadFrom.Services(sp)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {SourceContext}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(sp.GetRequiredService<StorageLocation>().LogFilePattern,
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        // Circuit and message limits are stated in appsettings.json (Blazor:Circuit, Blazor:Hub).
        services.AddRazorComponents()
            .AddInteractiveServerComponents(options => builder.Configuration.GetSection("Blazor:Circuit").Bind(options))
            .AddHubOptions(options => builder.Configuration.GetSection("Blazor:Hub").Bind(options));

        // The antiforgery cookie is Secure whenever the page came over HTTPS (its default is never);
        // plain HTTP on a developer's machine keeps working.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // Bottom right: at the top right, the snackbar that confirms a change covers the partner
        // header's action buttons (New assessment, Override stage) just when they are needed next.
        // At most two at once, and the same message never twice: four confirmations stacked across pages hid the page.
        services.AddMudServices(mud =>
        {
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.MaxDisplayedSnackbars = PartnerStagesHostingExtensions.MaxSnackbars;
            mud.SnackbarConfiguration.PreventDuplicates = true;
        });

        services.AddPartnerStagesData(sp => sp.GetRequiredService<StorageLocation>().Database);
        services.AddPartnerStagesAccounts(builder.Configuration);
        services.AddPartnerStagesApi(builder.Configuration);
        services.AddPartnerStagesBackups(builder.Configuration);
        services.AddPartnerStagesDiagnostics();
        services.AddPartnerStagesWebhooks(builder.Configuration);

        // Held shared for as long as the app runs, so `restore` refuses to replace the database under it.
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<StorageLocation>();
            return DatabaseLock.TryTake(storage.DatabasePath, exclusive: false)
                ?? throw new InvalidOperationException($"A restore is in progress on {storage.DataFolder}; start the app when it is done.");
        });

        // Keys in the database, so sign-in cookies survive a restart and any instance on the database
        // accepts any other's (the key folder of earlier versions is imported at start-up).
        services.AddDataProtection().SetApplicationName("PartnerStages").PersistKeysToDbContext<PartnerStagesDbContext>();

        services.AddPartnerStagesHealthChecks();
        return builder;
    }

    public const int MaxSnackbars = 2;

    // The cultures offered to browsers are stated in appsettings.json (Localization).
    public static RequestLocalizationOptions RequestLocalization(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Localization").Get<LocalizationSettings>()
            ?? throw new InvalidOperationException("The configuration has no Localization section.");
        return new RequestLocalizationOptions()
            .AddSupportedCultures(settings.SupportedCultures)
            .AddSupportedUICultures(settings.SupportedUICultures)
            .SetDefaultCulture(settings.DefaultCulture);
    }

    private sealed class LocalizationSettings
    {
        public string DefaultCulture { get; init; } = "";
        public string[] SupportedCultures { get; init; } = [];
        public string[] SupportedUICultures { get; init; } = [];
    }

    public const string SamplePortfolioKey = "PartnerStages:SamplePortfolio";

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        app.Services.GetRequiredService<DatabaseLock>();
        var storage = app.Services.GetRequiredService<StorageLocation>();
        if (storage.HasLostItsDatabase)
        {
            // A fresh, empty database here would greet everyone with a setup code as if nothing had been.
            throw new InvalidOperationException(
                $"The data folder {storage.DataFolder} holds the sign-in keys of an earlier installation but no database " +
                "(partnerstages.db). Restore the database from a backup, or move the folder away to start afresh.");
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
        {
            var imported = await KeyFolderImport.ImportAsync(db, storage.KeysFolder);
            if (imported > 0)
            {
                app.Logger.LogInformation("Copied {Count} sign-in keys from {Folder} into the database, where they are kept from now on.", imported, storage.KeysFolder);
            }
        }

        if (app.Configuration.GetValue<int?>(SamplePortfolioKey) is { } size)
        {
            await LoadSamplePortfolioAsync(scope.ServiceProvider, size);
        }

        await scope.ServiceProvider.GetRequiredService<FirstRun>().AnnounceIfPendingAsync();
    }

    // `--PartnerStages:SamplePortfolio=60` on the command line: a living portfolio to explore.
    private static async Task LoadSamplePortfolioAsync(IServiceProvider services, int size)
    {
        var logger = services.GetRequiredService<ILogger<SamplePortfolioLoader>>();
        try
        {
            var loaded = await services.GetRequiredService<SamplePortfolioLoader>().LoadAsync(OperatorCommands.CommandLine, size);
            logger.LogInformation("Loaded a sample portfolio of {Count} partners.", loaded);
        }
        catch (DomainException error)
        {
            logger.LogWarning("No sample portfolio loaded: {Reason}", error.Message);
        }
    }
}
