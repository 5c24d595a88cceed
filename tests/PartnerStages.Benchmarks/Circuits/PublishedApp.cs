using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Benchmarks.Circuits;

// The Release build as it is deployed (published, started from its own folder) on a copy of a benchmark
// sample that holds an administrator the browser harnesses sign in as. One instance is one process on
// a data folder of its own, removed when the instance is disposed.
public sealed class PublishedApp : IAsyncDisposable
{
    private const string Email = "harness@example.com";
    public const string AdministratorId = "harness-admin";
    private const string Password = "browser harness password";

    private readonly string _folder;
    private readonly StreamWriter _log;

    private PublishedApp(Process process, string folder, string baseUrl, StreamWriter log)
    {
        Process = process;
        _folder = folder;
        BaseUrl = baseUrl;
        _log = log;
    }

    public Process Process { get; }

    public string BaseUrl { get; }

    // Publishes src/PartnerStages.Web into the temp folder (run from the repository root), unless the
    // caller names a folder that already holds a published build.
    public static async Task<string> PublishAsync(string? folder)
    {
        if (!string.IsNullOrEmpty(folder))
        {
            return folder;
        }

        var project = Path.Combine("src", "PartnerStages.Web", "PartnerStages.Web.csproj");
        if (!File.Exists(project))
        {
            throw new InvalidOperationException("Run from the repository root, or pass --app with a published PartnerStages.Web folder.");
        }

        var output = Path.Combine(Path.GetTempPath(), "partnerstages-harness-app");
        Console.WriteLine($"// publishing {project} to {output}");
        using var publish = Process.Start("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "q"]);
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0 ? output : throw new InvalidOperationException("dotnet publish failed.");
    }

    // A copy of the benchmark sample of this size with the harness's administrator in it, and the
    // partner with the most check-ins (for the partner page).
    public static async Task<HarnessSample> PrepareSampleAsync(int partners, int seed)
    {
        await (await BenchmarkDatabase.OpenAsync(partners, seed)).DisposeAsync();
        var source = Path.Combine(Path.GetTempPath(), $"partnerstages-bench-{partners}-{seed}.db");
        var copy = Path.Combine(Path.GetTempPath(), $"partnerstages-harness-{partners}-{seed}.db");
        File.Copy(source, copy, overwrite: true);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString();
        await using var services = new ServiceCollection().AddLogging().AddPartnerStagesData(_ => connectionString).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
        var admin = new ApplicationUser
        {
            Id = AdministratorId, UserName = Email, NormalizedUserName = Email.ToUpperInvariant(), Email = Email,
            NormalizedEmail = Email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = "Browser harness",
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        admin.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(admin, Password);
        db.Users.Add(admin);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = admin.Id, RoleId = Roles.Administrator.ToLowerInvariant() });
        await db.SaveChangesAsync();
        var partnerId = await db.Assessments.GroupBy(a => a.PartnerId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).FirstAsync();
        return new HarnessSample(copy, partners, partnerId);
    }

    // settings: more command-line settings for the app (--Key=value).
    public static async Task<PublishedApp> StartAsync(string app, HarnessSample sample, params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "partnerstages-harness-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(sample.Path, Path.Combine(folder, "partnerstages.db"));
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(app, "PartnerStages.Web.dll"), "--urls", Invariant($"http://127.0.0.1:{port}"), "--PartnerStages:DataFolder=" + folder,
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        var log = new StreamWriter(Path.Combine(folder, "app.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new PublishedApp(process, folder, Invariant($"http://127.0.0.1:{port}/"), log);
        await instance.WaitForHealthAsync();
        return instance;
    }

    public static BrowserTypeLaunchOptions BrowserOptions()
    {
        const string systemChromium = "/usr/bin/chromium";
        return File.Exists(systemChromium)
            ? new BrowserTypeLaunchOptions
            {
                Headless = true, ExecutablePath = systemChromium,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
            }
            : new BrowserTypeLaunchOptions { Headless = true };
    }

    // A browser context signed in as the harness's administrator.
    public async Task<IBrowserContext> SignedInContextAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await page.CloseAsync();
        return context;
    }

    // Interactive and filled in: Blazor has started and no panel still shows its skeleton or a progress bar.
    public static async Task WaitUntilFilledAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            "() => window.Blazor && document.querySelectorAll('.mud-skeleton, .mud-progress-linear').length === 0",
            null, new PageWaitForFunctionOptions { Timeout = 300_000, PollingInterval = 50 });

    public async ValueTask DisposeAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
        await _log.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException(Invariant($"The app exited with code {Process.ExitCode} before it answered; see {_folder}/app.log."));
            }

            try
            {
                if ((await http.GetAsync("health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The app did not answer /health within two minutes.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

public sealed record HarnessSample(string Path, int Partners, int PartnerId);
