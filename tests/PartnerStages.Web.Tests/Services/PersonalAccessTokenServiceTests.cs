using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Services;

public sealed class PersonalAccessTokenServiceTests : ServiceTestBase
{
    private PersonalAccessTokenService Tokens => Get<PersonalAccessTokenService>();

    private Task<CreatedToken> CreateAsync(Core.Accounts.Actor member, string name = "CRM sync", int days = 30,
        TokenAccess access = TokenAccess.ReadWrite) =>
        Tokens.CreateAsync(member, new TokenInput { Name = name, Access = access, ExpiresOn = Tokens.Today.AddDays(days) });

    [Fact]
    public async Task A_token_is_found_by_its_secret_and_acts_for_its_user_with_its_access()
    {
        var created = await CreateAsync(TestData.Manager, access: TokenAccess.ReadOnly);

        var found = await Tokens.FindUsableAsync(created.Secret);

        Assert.Equal(new TokenIdentity(created.Token.Id, TestData.ManagerId, "CRM sync", TokenAccess.ReadOnly), found);
        Assert.Null(await Tokens.FindUsableAsync(created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await Tokens.FindUsableAsync(created.Secret[PersonalAccessTokenService.Prefix.Length..]));
        await using var db = Database.CreateContext();
        Assert.DoesNotContain(await db.PersonalAccessTokens.Select(t => t.Hint).ToListAsync(), h => h.Length >= created.Secret.Length);
    }

    [Theory]
    [InlineData("", 30, "Name", "Name is required.")]
    [InlineData("Nightly", 366, "ExpiresAtUtc", "A token can live for at most a year.")]
    [InlineData("Nightly", -1, "ExpiresAtUtc", "The expiry date cannot be in the past.")]
    public async Task A_token_needs_a_name_and_an_expiry_within_a_year(string name, int days, string field, string message)
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(TestData.Manager, name, days));

        Assert.Equal((field, message), (refused.Field, refused.Message));
        await using var db = Database.CreateContext();
        Assert.Empty(await db.PersonalAccessTokens.ToListAsync());
    }

    [Fact]
    public async Task A_token_lives_a_full_year_at_most_and_through_its_last_day()
    {
        var created = await CreateAsync(TestData.Manager, days: 365);

        Assert.Equal(Tokens.Today.AddDays(366).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), created.Token.ExpiresAtUtc);
        Assert.NotNull(await Tokens.FindUsableAsync(created.Secret));
    }

    [Fact]
    public async Task Only_its_owner_or_an_administrator_revokes_a_token_and_a_revoked_one_is_not_found()
    {
        var mine = await CreateAsync(TestData.Manager, "Mine");
        var other = await CreateAsync(TestData.Manager, "Other");

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Tokens.RevokeAsync(TestData.OtherManager, mine.Token.Id));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Tokens.ListAllAsync(TestData.Executive));
        await Tokens.RevokeAsync(TestData.Manager, mine.Token.Id);
        await Tokens.RevokeAsync(TestData.Administrator, other.Token.Id);

        Assert.Null(await Tokens.FindUsableAsync(mine.Secret));
        Assert.Null(await Tokens.FindUsableAsync(other.Secret));
        Assert.All(await Tokens.ListAllAsync(TestData.Administrator), t => Assert.NotNull(t.RevokedAtUtc));
        await Assert.ThrowsAsync<DomainException>(() => Tokens.RevokeAsync(TestData.Manager, mine.Token.Id));
    }

    [Fact]
    public async Task Creating_and_revoking_a_token_leave_one_audit_entry_each_without_the_secret()
    {
        var created = await CreateAsync(TestData.Manager);
        await Tokens.RevokeAsync(TestData.Administrator, created.Token.Id);

        await using var db = Database.CreateContext();
        var entries = await db.AuditEntries.Where(a => a.EntityType == "PersonalAccessToken").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([(AuditAction.TokenCreated, TestData.ManagerId), (AuditAction.TokenRevoked, TestData.AdministratorId)],
            entries.Select(e => (e.Action, e.UserId!)));
        Assert.All(entries, e => Assert.DoesNotContain(created.Secret[PersonalAccessTokenService.Prefix.Length..], e.Summary + e.Before + e.After,
            StringComparison.Ordinal));
        Assert.Contains("of another user", entries[1].Summary, StringComparison.Ordinal);
    }
}
