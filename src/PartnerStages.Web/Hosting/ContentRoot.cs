namespace PartnerStages.Web.Hosting;

// A published build keeps its settings and wwwroot beside its dll. Started from another folder, the host
// would take that folder as its content root: no appsettings.json, and static assets listed in the
// endpoint manifest (found beside the dll) but read from an empty web root, so they answer 200 with
// 0 bytes. `dotnet run` keeps its usual content root (the project, whose wwwroot the development
// manifest maps), and so does anyone who names one explicitly.
public static class ContentRoot
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Choose(args, AppContext.BaseDirectory, Environment.GetEnvironmentVariable),
    };

    // Null leaves the host's own choice (the working folder, or what the arguments or environment say).
    public static string? Choose(IReadOnlyList<string> args, string appFolder, Func<string, string?> environment)
    {
        var named = args.Any(arg => arg.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || environment("ASPNETCORE_CONTENTROOT") is not null
            || environment("DOTNET_CONTENTROOT") is not null;
        var published = Directory.Exists(Path.Combine(appFolder, "wwwroot"));
        return !named && published ? appFolder : null;
    }
}
