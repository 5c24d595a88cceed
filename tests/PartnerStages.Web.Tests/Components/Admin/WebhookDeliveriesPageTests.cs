using Bunit;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data.Webhooks;
using PartnerStages.Web.Components.Pages.Admin.Webhooks;

namespace PartnerStages.Web.Tests.Components.Admin;

// An endpoint's delivery log, newest first, a page at a time.
public sealed class WebhookDeliveriesPageTests : ComponentTestBase
{
    private int _endpointId;

    protected override async Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        var webhooks = Services.GetRequiredService<WebhookService>();
        _endpointId = (await webhooks.CreateAsync(TestData.Administrator,
            new WebhookEndpointInput { Url = "https://crm.example.com/hooks", Events = [WebhookEvents.StageChanged] })).EndpointId;
        for (var i = 0; i < 30; i++)
        {
            await webhooks.SendTestAsync(TestData.Administrator, _endpointId);
        }
    }

    private IRenderedComponent<ContainerFragment> RenderLog(int id) => RenderWithProviders(b =>
    {
        b.OpenComponent<WebhookDeliveries>(0);
        b.AddAttribute(1, nameof(WebhookDeliveries.Id), id);
        b.CloseComponent();
    });

    [Fact]
    public void The_log_shows_a_page_of_deliveries_with_their_event_status_and_attempts()
    {
        var page = RenderLog(_endpointId);

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("table[aria-label=Deliveries] tbody tr").Count), Patience);
        var first = page.Find("table[aria-label=Deliveries] tbody tr");
        Assert.Contains(WebhookEvents.Test, first.QuerySelector("td[data-label=Event]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Waiting", first.QuerySelector("td[data-label=Status]")!.TextContent.Trim());
        Assert.Equal("0", first.QuerySelector("td[data-label=Attempts]")!.TextContent.Trim());
        Assert.Contains("https://crm.example.com/hooks", page.Markup, StringComparison.Ordinal);
        Assert.Contains("1-25 of 30", page.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_that_is_gone_says_so()
    {
        var page = RenderLog(_endpointId + 1);

        page.WaitForAssertion(() => Assert.Contains("does not exist any more", page.Find("[aria-label='No such endpoint']").TextContent, StringComparison.Ordinal), Patience);
    }
}
