using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Backups;

namespace PartnerStages.Web.Tests.Backups;

[SqliteOnly("Downloads and restores SQLite backup files; on PostgreSQL there are none")]
public sealed class BackupEndpointTests : IAsyncLifetime
{
    // Sessions re-checked hourly: a re-issued sign-in cookie brings its own no-store, which would
    // hide whether the download sends one (as in CsvEndpointTests).
    private readonly PartnerStagesFactory _factory = new(services =>
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromHours(1)));

    private string _backup = "";

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TestData.Administrator);
        await _factory.CreateUserAsync(TestData.Executive);
        await using var scope = _factory.Services.CreateAsyncScope();
        _backup = (await scope.ServiceProvider.GetRequiredService<BackupService>().BackUpAsync(TestData.Administrator)).Name;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, email, PartnerStagesFactory.Password);
        return client;
    }

    private static Uri Download(string name) => new($"/admin/backups/{name}", UriKind.Relative);

    [Fact]
    public async Task An_administrator_downloads_the_backup_uncached()
    {
        using var admin = await SignedInAsync(TestData.Email(TestData.Administrator));

        var response = await admin.GetAsync(Download(_backup));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Equal(_backup, response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("SQLite format 3\0", Encoding.ASCII.GetString(bytes, 0, 16), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executive_is_refused_and_a_visitor_is_sent_to_sign_in()
    {
        using var executive = await SignedInAsync(TestData.Email(TestData.Executive));
        using var visitor = _factory.CreateBrowserlessClient();

        var refused = await executive.GetAsync(Download(_backup));
        var anonymous = await visitor.GetAsync(Download(_backup));

        // The cookie scheme answers a forbidden request (403) with the access-denied page, as for every administrator page.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", FormPost.RedirectPath(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", FormPost.RedirectPath(anonymous), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..%2Fpartnerstages.db")]
    [InlineData("partnerstages.db")]
    [InlineData("partnerstages-20000101T000000000Z.db")]
    public async Task Only_backups_in_the_folder_can_be_downloaded(string name)
    {
        using var admin = await SignedInAsync(TestData.Email(TestData.Administrator));

        var response = await admin.GetAsync(Download(name));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Restore_is_refused_while_the_app_holds_the_data_folder()
    {
        // The live database now holds a user the backup does not, so a restore that went through shows.
        await _factory.CreateUserAsync(TestData.Manager);
        var backup = Path.Combine(_factory.DataFolder, "backups", _backup);
        var filesBefore = DataFolderFiles();

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            new DatabaseRestore(TimeProvider.System).RestoreAsync(backup, _factory.DatabasePath));

        // Not the file's bytes: the app may fold its write-ahead log into the file at any moment
        // (the connection pool closes idle connections on a timer), which changes them legitimately.
        Assert.Contains("is running", refused.Message, StringComparison.Ordinal);
        Assert.Equal(filesBefore, DataFolderFiles());
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.NotNull(await users.FindByIdAsync(TestData.Manager.UserId));
    }

    // What a restore would add or move (".restoring", ".replaced-…"); SQLite's own -wal and -shm come and go.
    private string[] DataFolderFiles() =>
        [.. Directory.EnumerateFiles(_factory.DataFolder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.EndsWith("-wal", StringComparison.Ordinal) && !name.EndsWith("-shm", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
