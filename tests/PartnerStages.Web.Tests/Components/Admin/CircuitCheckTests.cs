using Bunit;
using PartnerStages.Web.Components.Pages.Admin;

namespace PartnerStages.Web.Tests.Components.Admin;

public sealed class CircuitCheckTests : ComponentTestBase
{
    protected override Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        return Task.CompletedTask;
    }

    [Fact]
    public void Each_click_is_answered_by_the_server()
    {
        var page = Render<CircuitCheck>();

        page.Find("button").Click();
        page.Find("button").Click();

        Assert.Equal("This page is connected to the server.", page.Find("[role=status]").TextContent);
        Assert.Contains("2 round trips answered", page.Markup, StringComparison.Ordinal);
    }
}
