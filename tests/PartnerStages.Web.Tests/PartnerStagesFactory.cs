using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data.Accounts;
using PartnerStages.Web.Hosting;

namespace PartnerStages.Web.Tests;

// The one host for integration tests: the real app on its own SQLite file in a temp folder.
public sealed class PartnerStagesFactory : WebApplicationFactory<Program>
{
    public const string Password = "maple quartz harbour lantern";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "partnerstages-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Services.GetRequiredService<StorageLocation>().DatabasePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(StorageLocation.DataFolderKey, DataFolder);
        builder.UseSetting("PartnerStages:PasswordHashIterations", "1000");
        builder.UseSetting("PartnerStages:SessionRecheckSeconds", "0");
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<ApplicationUser> CreateUserAsync(string email, string role, string displayName = "Test User")
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(user, role);
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
        return user;
    }

    public async Task<int> CountUsersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().Users.Count();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
