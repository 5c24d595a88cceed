using Bunit;
using Bunit.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data.Webhooks;
using PartnerStages.Web.Components.Pages.Admin.Webhooks;

namespace PartnerStages.Web.Tests.Components.Admin;

// The webhooks page over the real webhook service and a real database.
public sealed class WebhookEndpointsPageTests : ComponentTestBase
{
    private const string Url = "https://crm.example.com/hooks/partnerstages";

    protected override Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        return Task.CompletedTask;
    }

    private Task<WebhookSecretShown> RegisterAsync() => Services.GetRequiredService<WebhookService>()
        .CreateAsync(TestData.Administrator, new WebhookEndpointInput { Url = Url, Description = "CRM", Events = [WebhookEvents.StageChanged] });

    private IRenderedComponent<ContainerFragment> RenderPage() => RenderWithProviders(b =>
    {
        b.OpenComponent<WebhookEndpoints>(0);
        b.CloseComponent();
    });

    private static void Click(IRenderedComponent<ContainerFragment> page, string selector, string text) =>
        page.FindAll(selector).Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Without_endpoints_the_page_says_what_adding_one_does()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("No endpoints yet", page.Find("[aria-label='No webhook endpoints']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("table[aria-label='Webhook endpoints']"));
    }

    [Fact]
    public async Task Each_endpoint_is_listed_with_its_events_status_and_last_delivery()
    {
        await RegisterAsync();

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("table[aria-label='Webhook endpoints'] tbody tr")), Patience);
        var row = page.Find("table[aria-label='Webhook endpoints'] tbody tr");
        Assert.Contains(Url, row.QuerySelector("td[data-label=Endpoint]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(WebhookEvents.StageChanged, row.QuerySelector("td[data-label=Events]")!.TextContent.Trim());
        Assert.Contains("Enabled", row.QuerySelector("td[data-label=Status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("None yet", row.QuerySelector("td[data-label='Last delivery']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("admin/webhooks/1", page.Find($"a[aria-label='Delivery log of {Url}']").GetAttribute("href"));
    }

    [Fact]
    public async Task Adding_refuses_a_non_http_url_beside_the_field_then_shows_the_secret_once()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[aria-label='No webhook endpoints']")), Patience);
        Click(page, "button", "Add endpoint");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".mud-dialog input[type=url]")), Patience);

        page.Find(".mud-dialog input[type=url]").Change("ftp://crm.example.com/hooks");
        Click(page, ".mud-dialog button", "Add endpoint");
        page.WaitForAssertion(() => Assert.Contains("Enter an absolute http:// or https:// URL",
            page.Find(".mud-dialog .mud-input-control").TextContent, StringComparison.Ordinal), Patience);

        page.Find(".mud-dialog input[type=url]").Change(Url);
        Click(page, ".mud-dialog button", "Add endpoint");

        page.WaitForAssertion(() => Assert.Contains("not shown again", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        var secret = page.Find(".mud-dialog .secret-field input").GetAttribute("value");
        await using var db = Database.CreateContext();
        var stored = await db.WebhookEndpoints.SingleAsync();
        Assert.Equal(stored.Secret, secret);
        Assert.StartsWith(WebhookSecret.Prefix, secret, StringComparison.Ordinal);
        Click(page, ".mud-dialog button", "I have copied it");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")), Patience);
        Assert.DoesNotContain(secret!, page.Markup, StringComparison.Ordinal);
        Assert.Contains(Url, page.Find("table[aria-label='Webhook endpoints']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_asks_first_and_keeping_it_deletes_nothing()
    {
        await RegisterAsync();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"button[aria-label='Delete {Url}']")), Patience);

        page.Find($"button[aria-label='Delete {Url}']").Click();
        page.WaitForAssertion(() => Assert.Contains($"Delete {Url} and its delivery log?", page.Markup, StringComparison.Ordinal), Patience);
        Click(page, "button", "Keep it");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")), Patience);
        await using (var db = Database.CreateContext())
        {
            Assert.Equal(1, await db.WebhookEndpoints.CountAsync());
        }

        page.Find($"button[aria-label='Delete {Url}']").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".mud-dialog")), Patience);
        Click(page, "button", "Delete endpoint");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[aria-label='No webhook endpoints']")), Patience);
        await using (var db = Database.CreateContext())
        {
            Assert.Equal(0, await db.WebhookEndpoints.CountAsync());
        }
    }
}
