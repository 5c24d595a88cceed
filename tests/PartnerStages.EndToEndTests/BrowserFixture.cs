using Microsoft.Playwright;

namespace PartnerStages.EndToEndTests;

// One Chromium for every browser test: starting it costs far more than a fresh context per test.
public sealed class BrowserFixture : IAsyncLifetime
{
    // Debian's Chromium; Playwright's own download does not work on every machine this runs on.
    private const string SystemChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Two shared cores can take longer than the default 5 s to bring up the first circuit.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        var options = new BrowserTypeLaunchOptions { Headless = true };
        if (File.Exists(SystemChromium))
        {
            options.ExecutablePath = SystemChromium;
            options.Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ];
        }

        Browser = await _playwright.Chromium.LaunchAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
