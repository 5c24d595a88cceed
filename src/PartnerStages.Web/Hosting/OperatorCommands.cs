using PartnerStages.Core.Accounts;
using PartnerStages.Data.Backups;
using PartnerStages.Web.Backups;

namespace PartnerStages.Web.Hosting;

// `backup` and `restore <file>` (or `--backup`, `--restore <file>`) on the command line: do the job
// against the configured data folder and exit without serving. Every other argument is the app's
// usual configuration (`--PartnerStages:DataFolder=...`).
internal static class OperatorCommands
{
    public static readonly Actor CommandLine = new("command-line", "command line", new HashSet<string> { Roles.Administrator });

    // False when the arguments name no command: the app then serves as usual.
    public static async Task<bool> TryRunAsync(string[] args)
    {
        var at = Array.FindIndex(args, arg => arg.TrimStart('-') is "backup" or "restore");
        if (at < 0)
        {
            return false;
        }

        var restore = args[at].TrimStart('-') == "restore";
        var file = restore && at + 1 < args.Length && !args[at + 1].StartsWith('-') ? args[at + 1] : null;
        if (restore && file is null)
        {
            await Console.Error.WriteLineAsync("Name the backup to restore, right after the command: restore <file>.");
            Environment.ExitCode = 2;
            return true;
        }

        // The command's own words are taken out: the configuration reader would read `--backup x` as a setting.
        var settings = args.Where((_, i) => i != at && !(restore && i == at + 1)).ToArray();
        var builder = WebApplication.CreateBuilder(ContentRoot.Options(settings));
        builder.AddPartnerStages();
        await using var app = builder.Build();
        var storage = app.Services.GetRequiredService<StorageLocation>();
        if (!storage.IsSqlite)
        {
            await Console.Error.WriteLineAsync(BackupService.NotOnThisDatabase);
            Environment.ExitCode = 1;
            return true;
        }

        try
        {
            Environment.ExitCode = restore ? await RestoreAsync(app, storage, file!) : await BackUpAsync(app, storage);
        }
        catch (RestoreRefusedException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            Environment.ExitCode = 1;
        }

        return true;
    }

    // Online: the app may keep running (and writing) meanwhile.
    private static async Task<int> BackUpAsync(WebApplication app, StorageLocation storage)
    {
        if (!File.Exists(storage.DatabasePath))
        {
            throw new RestoreRefusedException($"There is no database at {storage.DatabasePath} to back up.");
        }

        // Shared, like the running app's, so a restore cannot start under the backup.
        using var inUse = DatabaseLock.TryTake(storage.DatabasePath, exclusive: false)
            ?? throw new RestoreRefusedException($"A restore is in progress on {storage.DataFolder}; back up when it is done.");
        await using var scope = app.Services.CreateAsyncScope();
        var backups = scope.ServiceProvider.GetRequiredService<BackupService>();
        var backup = await backups.BackUpAsync(CommandLine);
        await Console.Out.WriteLineAsync($"Backed up {storage.DatabasePath} to {Path.Combine(backups.Location, backup.Name)} ({backup.Size:N0} bytes, integrity ok).");
        return 0;
    }

    private static async Task<int> RestoreAsync(WebApplication app, StorageLocation storage, string file)
    {
        var restored = await app.Services.GetRequiredService<DatabaseRestore>().RestoreAsync(file, storage.DatabasePath);
        await Console.Out.WriteLineAsync($"Restored {Path.GetFullPath(file)} to {restored.DatabasePath}.");
        if (restored.ReplacedPath is { } replaced)
        {
            await Console.Out.WriteLineAsync($"The database it replaced is kept as {replaced}.");
        }

        await Console.Out.WriteLineAsync("Start the app as usual; it applies any newer migrations at start-up.");
        return 0;
    }
}
