using Bunit;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Accounts;
using PartnerStages.Web.Components.Pages.Tokens;

namespace PartnerStages.Web.Tests.Components.Tokens;

public sealed class AccessTokensPageTests : ComponentTestBase
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderPage()
    {
        var page = RenderWithProviders(b =>
        {
            b.OpenComponent<AccessTokens>(0);
            b.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.Contains("No access tokens yet.", page.Markup, StringComparison.Ordinal), Patience);
        return page;
    }

    private static void Click(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    private static void ClickInDialog(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, string text) =>
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text).Click();

    private static void Create(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, string name)
    {
        page.Find("input[maxlength='100']").Input(name);
        Click(page, "Create token");
    }

    [Fact]
    public async Task Creating_a_token_shows_its_secret_once_and_keeps_only_its_hash()
    {
        var page = RenderPage();

        Create(page, "CRM sync");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("input[data-testid=token-secret]")), Patience);
        var secret = page.Find("input[data-testid=token-secret]").GetAttribute("value")!;
        Assert.StartsWith("pst_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, secret);
        page.WaitForAssertion(() => Assert.Equal("CRM sync", page.Find("td[data-label=Name]").TextContent.Trim()), Patience);

        Click(page, "Done");
        page.WaitForAssertion(() => Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal), Patience);

        // A fresh visit lists the token by its hint, never its secret; the store holds the hash alone.
        var again = RenderWithProviders(b =>
        {
            b.OpenComponent<AccessTokens>(0);
            b.CloseComponent();
        });
        again.WaitForAssertion(() => Assert.Equal(secret[..8] + "…", again.Find("td[data-label=Token]").TextContent.Trim()), Patience);
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
        await using var db = Database.CreateContext();
        var stored = await db.PersonalAccessTokens.SingleAsync();
        Assert.Equal(PersonalAccessTokenService.Hash(secret), stored.SecretHash);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.TokenCreated);
        Assert.Equal(TestData.ManagerId, audit.UserId);
        Assert.DoesNotContain(secret[4..], audit.Summary + audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_without_a_name_is_refused_beside_the_field()
    {
        var page = RenderPage();

        Click(page, "Create token");

        page.WaitForAssertion(() => Assert.Contains("Name is required.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=token-secret]"));
    }

    [Fact]
    public async Task Revoking_asks_first_and_cancelling_keeps_the_token_working()
    {
        var page = RenderPage();
        Create(page, "Nightly export");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("button[aria-label='Revoke token Nightly export']")), Patience);

        page.Find("button[aria-label='Revoke token Nightly export']").Click();
        page.WaitForAssertion(() => Assert.Contains("Revoke this token?", page.Markup, StringComparison.Ordinal), Patience);
        ClickInDialog(page, "Cancel");
        page.WaitForAssertion(() => Assert.DoesNotContain("Revoke this token?", page.Markup, StringComparison.Ordinal), Patience);
        await using (var db = Database.CreateContext())
        {
            Assert.Null((await db.PersonalAccessTokens.SingleAsync()).RevokedAtUtc);
        }

        page.Find("button[aria-label='Revoke token Nightly export']").Click();
        page.WaitForAssertion(() => Assert.Contains("Revoke this token?", page.Markup, StringComparison.Ordinal), Patience);
        ClickInDialog(page, "Revoke");

        page.WaitForAssertion(() => Assert.Contains("Revoked 2026-11-26", page.Markup, StringComparison.Ordinal), Patience);
        await using var after = Database.CreateContext();
        Assert.NotNull((await after.PersonalAccessTokens.SingleAsync()).RevokedAtUtc);
        var audit = await after.AuditEntries.SingleAsync(a => a.Action == AuditAction.TokenRevoked);
        Assert.Equal(TestData.ManagerId, audit.UserId);
        Assert.Contains("Nightly export", audit.Summary, StringComparison.Ordinal);
    }
}
